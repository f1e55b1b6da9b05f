// Suppress and documentation code actions over stdio: each "Ignore…" action is applied as the client
// would and the document re-analysed; quick-fix requests answer only for our diagnostics in range.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Range, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { diagnosticsFor, fileUri, openDocument, startServer, waitFor, type LspSession } from '../support/lsp-client';
import { readFixture } from '../support/fixtures';

const RULE = 'k8s-secret-env-ref';
const MANIFEST = readFixture('k8s', 'pod-secret-key-ref.yaml');
const FLAGGED_LINE = 10;

function codeActions(session: LspSession, uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  return session.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
}

/** Applies a code action's single-document edit the way a client does, returning the new text. */
function applyAction(action: CodeAction, text: string, uri: string): string {
  const change = action.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
  assert.ok(change, `"${action.title}" carries a document edit`);
  assert.equal(change.textDocument.uri, uri);
  return TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text), change.edits as TextEdit[]);
}

async function replaceText(session: LspSession, uri: string, version: number, text: string): Promise<Diagnostic[]> {
  await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  return diagnosticsFor(session, uri, version);
}

/** Opens `text`, asks for the actions on its one diagnostic and returns the one titled `title`. */
async function actionOn(session: LspSession, name: string, text: string, title: string): Promise<{ uri: string; action: CodeAction }> {
  const uri = fileUri(`/tmp/secret-hints-editor-actions/${name}.yaml`);
  const [diagnostic] = await openDocument(session, uri, text);
  assert.ok(diagnostic, 'the manifest has a finding');
  const actions = await codeActions(session, uri, diagnostic.range, [diagnostic]);
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `an action titled "${title}" among ${actions.length}`);
  return { uri, action };
}

describe('suppress and documentation code actions', () => {
  let session: LspSession;
  const shown: string[] = [];
  before(async () => {
    session = await startServer({ window: { showDocument: { support: true } } });
    session.connection.onRequest('window/showDocument', (p: { uri: string }) => {
      shown.push(p.uri);
      return { success: true };
    });
  });
  after(async () => {
    await session.close();
  });

  it('"Ignore RULE on this line" adds a comment above in YAML syntax and the finding disappears', async () => {
    const { uri, action } = await actionOn(session, 'line', MANIFEST, `Ignore ${RULE} on this line`);
    const fixed = applyAction(action, MANIFEST, uri);
    const lines = fixed.split('\n');
    assert.equal(lines[FLAGGED_LINE], `            # secret-hints-ignore ${RULE}`);
    assert.equal(lines.length, MANIFEST.split('\n').length + 1);
    assert.deepEqual(await replaceText(session, uri, 2, fixed), []);
  });

  it('merges into an existing suppression comment instead of adding a second one', async () => {
    const withComment = MANIFEST.replace(
      '            secretKeyRef',
      '            # secret-hints-ignore other-rule -- owned by the platform team\n            secretKeyRef',
    );
    const { uri, action } = await actionOn(session, 'merge', withComment, `Ignore ${RULE} on this line`);
    const fixed = applyAction(action, withComment, uri);
    assert.equal(fixed, withComment.replace('other-rule --', `other-rule, ${RULE} --`));
    assert.deepEqual(await replaceText(session, uri, 2, fixed), []);
  });

  it('"Ignore RULE in this file" adds or extends a file directive', async () => {
    const { uri, action } = await actionOn(session, 'file', MANIFEST, `Ignore ${RULE} in this file`);
    const fixed = applyAction(action, MANIFEST, uri);
    assert.equal(fixed, `# secret-hints-ignore-file ${RULE}\n${MANIFEST}`);
    assert.deepEqual(await replaceText(session, uri, 2, fixed), []);

    const withDirective = `${MANIFEST}# secret-hints-ignore-file other-rule\n`;
    const second = await actionOn(session, 'file-merge', withDirective, `Ignore ${RULE} in this file`);
    const merged = applyAction(second.action, withDirective, second.uri);
    assert.equal(merged, `${MANIFEST}# secret-hints-ignore-file other-rule, ${RULE}\n`);
    assert.deepEqual(await replaceText(session, second.uri, 2, merged), []);
  });

  it('"Show documentation for RULE" runs a server command that opens the shipped rule page', async () => {
    const { action } = await actionOn(session, 'doc', MANIFEST, `Show documentation for ${RULE}`);
    assert.equal(action.edit, undefined);
    assert.ok(action.command, 'the documentation action is a command');
    const before = shown.length;
    await session.connection.sendRequest('workspace/executeCommand', { command: action.command.command, arguments: action.command.arguments });
    const uri = await waitFor(() => shown[before], 'window/showDocument');
    assert.match(uri, new RegExp(`/docs/rules/${RULE}\\.md$`));
    assert.ok(existsSync(fileURLToPath(uri)), 'the documentation page exists');
  });

  it('answers only for our diagnostics inside the requested range', async () => {
    const uri = fileUri('/tmp/secret-hints-editor-actions/range.yaml');
    const [ours] = await openDocument(session, uri, MANIFEST);
    const foreign: Diagnostic = { ...ours, source: 'eslint', code: 'no-console', data: undefined };
    const elsewhere: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
    assert.deepEqual(await codeActions(session, uri, ours.range, [foreign]), []);
    assert.deepEqual(await codeActions(session, uri, elsewhere, [ours]), []);
    assert.deepEqual(await codeActions(session, uri, ours.range, []), []);
    const actions = await codeActions(session, uri, ours.range, [ours, foreign]);
    assert.ok(actions.length >= 3, 'ignore-line, ignore-file and documentation at least');
    assert.ok(
      actions.every((a) => a.diagnostics?.every((d) => d.source === 'secret-hints') ?? true),
      'no action claims a foreign diagnostic',
    );
    const quickFixOnly = await codeActions(session, uri, ours.range, [ours], ['source.fixAll']);
    assert.ok(
      quickFixOnly.every((a) => a.kind?.startsWith('source.fixAll')),
      'only fix-all kinds when only fix-all is asked for',
    );
  });
});
