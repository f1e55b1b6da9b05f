// Baselined findings in the editor (issue 22): the CLI writes a baseline from the workspace folder; the
// server, with `secretHints.baseline.file` set, shows the findings it holds at the baseline severity
// (and hides them with "off"), while a new finding keeps its rule's severity; the setting applies live.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { runCli } from '../support/cli';
import { diagnosticsFor, fileUri, openDocument, startServer, type LspSession } from '../support/lsp-client';
import { writeTree } from '../support/temp-tree';

const OLD = 'import os\n\ntoken = os.environ["API_TOKEN"]\n';
const NEW = `${OLD}key = os.environ["STRIPE_SECRET_KEY"]\n`;

const message = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

describe('baselined findings in the editor', () => {
  let root: string;
  let session: LspSession;
  before(async () => {
    root = writeTree({ 'app/main.py': OLD }, 'secret-hints-lsp-baseline-');
    const written = runCli(['scan', '.', '--write-baseline', '.secret-hints-baseline.json'], root);
    assert.equal(written.code, 0, written.stderr);
    session = await startServer({ rootPath: root, settings: { baseline: { file: '.secret-hints-baseline.json', severity: 'hint' } } });
  });
  after(async () => {
    await session.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('shows a baselined finding as a hint and a new one at its rule’s severity', async () => {
    const uri = fileUri(path.join(root, 'app', 'main.py'));
    const diagnostics = await openDocument(session, uri, NEW, 'python');
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line, d.severity]),
      [
        [2, DiagnosticSeverity.Hint],
        [3, DiagnosticSeverity.Warning],
      ],
    );
    assert.match(message(diagnostics[0]), /\(in the baseline\)$/);
    assert.doesNotMatch(message(diagnostics[1]), /baseline/);
  });

  it('"off" hides baselined findings, live, and no baseline shows them all again', async () => {
    const uri = fileUri(path.join(root, 'app', 'main.py'));
    session.settings = { baseline: { file: '.secret-hints-baseline.json', severity: 'off' } };
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${NEW}\n` }] });
    const hidden = await diagnosticsFor(session, uri, 2);
    assert.deepEqual(
      hidden.map((d) => d.range.start.line),
      [3],
    );
    session.settings = {};
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: NEW }] });
    const all = await diagnosticsFor(session, uri, 3);
    assert.deepEqual(
      all.map((d) => [d.range.start.line, d.severity]),
      [
        [2, DiagnosticSeverity.Warning],
        [3, DiagnosticSeverity.Warning],
      ],
    );
  });
});
