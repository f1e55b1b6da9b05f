// The bundled server on hostile documents: it stays up, publishes in-bounds diagnostics (one
// information diagnostic for a skipped file), answers a hover after each document, keeps memory
// bounded, and after 1,000 quick edits publishes for the final version.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol/node';
import { analyze } from '../../server/src/engine/analyze';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnosticsFor, fileUri, openDocument, startServer, waitFor, type LspSession } from '../support/lsp-client';
import { notificationParams, peakRssMiB, tapServerOutput } from '../support/lsp-tap';
import { acceptableSkip, hostileInputs, secretPod } from '../support/hostile-inputs';

/** Generous bounds for a shared 2-core machine; the report lists the figures actually seen. */
/** Only a hang detector: nothing here asserts how long anything took (a loaded machine is slower, not wrong). */
const HANG_MS = 120_000;
const MAX_PEAK_RSS_MIB = 1024;

function inBounds(doc: TextDocument, d: Diagnostic): boolean {
  const { start, end } = d.range;
  return [start, end].every(
    (p) =>
      p.line >= 0 &&
      p.character >= 0 &&
      doc.offsetAt(p) <= doc.getText().length &&
      doc.positionAt(doc.offsetAt(p)).character === p.character &&
      doc.positionAt(doc.offsetAt(p)).line === p.line,
  );
}

describe('language server on hostile documents', () => {
  let session: LspSession;
  let worstMs = 0;
  before(async () => {
    session = await startServer({ rootPath: '/tmp/secret-hints-hostile' });
  });
  after(async () => {
    await session.close();
  });

  for (const input of hostileInputs()) {
    it(`${input.category}: ${input.name} — diagnostics in bounds, hover answered, server alive`, async () => {
      const uri = fileUri(input.path);
      const started = Date.now();
      const diagnostics = await waitForDiagnostics(session, uri, input.text, input.languageId);
      const published = Date.now() - started;
      const doc = TextDocument.create(uri, input.languageId, 1, input.text);
      assert.ok(
        diagnostics.every((d) => inBounds(doc, d)),
        'every diagnostic range lies inside the document',
      );
      if (input.skipped) {
        const problems = diagnostics.filter((d) => d.data === undefined);
        assert.ok(
          acceptableSkip(
            input,
            problems.map((d) => d.code),
          ),
          `skip messages: ${problems.map((d) => d.code).join(', ')}`,
        );
        assert.ok(
          problems.every((d) => d.severity === 3),
          'skip messages are information diagnostics',
        );
        if (input.skipped === true) assert.equal(diagnostics.length, 1, `one skip message, got ${diagnostics.length}`);
      }
      const hoverStarted = Date.now();
      const at = diagnostics.find(
        (d) =>
          d.source === 'secret-hints' && typeof d.code === 'string' && !/^(parse-error|file-too-large|not-text|analysis-budget|analysis-timeout)$/.test(d.code),
      )?.range.start;
      const hover = await session.connection.sendRequest<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: at ?? { line: 0, character: 0 },
      });
      const hovered = Date.now() - hoverStarted;
      if (at) assert.ok(hover, 'hover on a finding answers with content');
      const markdown = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
      assert.doesNotMatch(markdown, /(^|[^\\])(\]\(https?:|<img)/, 'names from the file cannot make links, images or HTML in the hover');
      worstMs = Math.max(worstMs, published, hovered);
      await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      assert.equal(session.child.exitCode, null, 'server still running');
    });
  }

  it('after 1,000 quick edits publishes for the final version and answers every hover sent meanwhile', async () => {
    const uri = fileUri('/tmp/secret-hints-hostile/typing.yaml');
    await openDocument(session, uri, secretPod());
    const tap = tapServerOutput(session);
    const hovers: Promise<unknown>[] = [];
    for (let v = 2; v <= 1001; v++) {
      await session.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 8 } }, text: 'x' }],
      });
      if (v % 50 === 0) hovers.push(session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 14 } }));
    }
    const final = await diagnosticsFor(session, uri, 1001);
    await waitFor(() => (tap.messages.length > 0 ? true : undefined), 'the tap to see the publish');
    const answers = await Promise.all(hovers);
    tap.dispose();
    const versions = notificationParams<{ uri: string; version?: number }>(tap, 'textDocument/publishDiagnostics')
      .filter((p) => p.uri === uri)
      .map((p) => p.version ?? -1);
    assert.equal(answers.length, 20);
    assert.equal(final.length, 1);
    assert.deepEqual(final[0].range.start, { line: 10, character: 12 });
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      'published versions never go backwards',
    );
    assert.ok(versions.length < 1000, `debounced: ${versions.length} publishes for 1,000 edits`);
  });

  it("refuses a code action for a diagnostic of an older version, offers the engine's fixes for the current one", async () => {
    const uri = fileUri('/tmp/secret-hints-hostile/stale.yaml');
    const text = secretPod();
    const [stale] = await openDocument(session, uri, text);
    // Version 2 has the same text, so the stale diagnostic's offsets still match a finding: only its version differs.
    await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    const [current] = await diagnosticsFor(session, uri, 2);
    const ask = (d: Diagnostic) =>
      session.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    assert.deepEqual(await ask(stale), []);
    const analysis = analyze({ text, path: '/tmp/secret-hints-hostile/stale.yaml' });
    const offered = new Set((await ask(current)).map((a) => a.title));
    const fixes = analysis.fixesFor(analysis.findings[0]);
    assert.ok(fixes.length > 0 && fixes.every((f) => offered.has(f.title)), 'every engine fix is offered for the current version');
  });

  it('kept its peak memory bounded over all of the above', (t) => {
    const peak = peakRssMiB(session.child.pid);
    t.diagnostic(`server peak RSS ${peak ?? '?'} MiB; worst response ${worstMs} ms`);
    if (peak !== undefined) assert.ok(peak < MAX_PEAK_RSS_MIB, `peak RSS ${peak} MiB`);
    assert.equal(session.child.exitCode, null);
  });
});

/** Opens a document and waits (longer than the default) for its first diagnostics. */
async function waitForDiagnostics(session: LspSession, uri: string, text: string, languageId: string): Promise<Diagnostic[]> {
  session.diagnostics.delete(uri);
  await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  // The complete set carries the version; a large manifest's provisional preview does not.
  return waitFor(
    () => {
      const published = session.diagnostics.get(uri);
      return published?.version === 1 ? published.diagnostics : undefined;
    },
    `diagnostics for ${uri}`,
    HANG_MS,
  );
}
