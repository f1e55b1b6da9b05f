// Fixes never land on the wrong text: a code action asked for with a diagnostic from an older
// document version is refused; one for the current version is offered as a versioned edit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeActionParams, TextDocumentEdit } from 'vscode-languageserver/node';
import { analyze, type Analysis } from '../../server/src/engine/analyze';
import type { Fix } from '../../server/src/engine/findings';
import { codeActionsFor } from '../../server/src/lsp/code-actions';
import { findingToDiagnostic } from '../../server/src/lsp/convert';
import { toResourceSettings } from '../../server/src/lsp/settings';
import type { CachedAnalysis } from '../../server/src/lsp/validator';
import { secretPod } from '../support/hostile-inputs';

const URI = 'file:///tmp/secret-hints-stale/pod.yaml';

/** The real analysis, with one known fix per finding, so the test does not depend on which fixers exist. */
function cachedWithFix(doc: TextDocument): CachedAnalysis {
  const real = analyze({ text: doc.getText(), path: '/tmp/secret-hints-stale/pod.yaml' });
  const fix: Fix = { title: 'Mount as a file', kind: 'quickfix', preferred: true, edits: [{ start: 0, end: 0, newText: '# fixed\n' }] };
  const analysis: Analysis = { ...real, fixesFor: () => [fix] };
  return { version: doc.version, elapsedMs: 0, path: '/tmp/secret-hints-stale/pod.yaml', analysis, settings: toResourceSettings({}), hooks: {} };
}

function request(doc: TextDocument, diagnostic: ReturnType<typeof findingToDiagnostic>): CodeActionParams {
  return { textDocument: { uri: doc.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } };
}

describe('code actions and document versions', () => {
  it('offers the fix for a diagnostic of the current version, as an edit pinned to that version', () => {
    const doc = TextDocument.create(URI, 'yaml', 3, secretPod());
    const cached = cachedWithFix(doc);
    const diagnostic = findingToDiagnostic(doc, cached.analysis.findings[0]);
    const actions = codeActionsFor(doc, cached, request(doc, diagnostic)).filter((a) => a.title === 'Mount as a file');
    assert.equal(actions.length, 1);
    const change = actions[0].edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.equal(change.textDocument.version, 3);
  });

  it('refuses a diagnostic computed for an older version, even when its offsets still match a finding', () => {
    const v1 = TextDocument.create(URI, 'yaml', 1, secretPod());
    const stale = findingToDiagnostic(v1, cachedWithFix(v1).analysis.findings[0]);
    // Version 2 has the same text (e.g. an undo), so only the version tells the diagnostic is stale.
    const v2 = TextDocument.update(v1, [{ text: secretPod() }], 2);
    // Nothing at all: neither the fix nor the suppress/documentation actions for that diagnostic.
    const actions = codeActionsFor(v2, cachedWithFix(v2), request(v2, stale));
    assert.deepEqual(actions, []);
  });
});
