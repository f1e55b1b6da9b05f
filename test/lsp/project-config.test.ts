// The project config file in the language server over stdio (issue 22): what the file sets wins over
// the editor's settings and what it leaves out keeps them; its exclusions and overrides apply to open
// files and the workspace scan; an invalid file gets its problems as diagnostics (closed: from disk;
// open: from the editor's text) and is not applied; a change on disk applies live.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CompletionItemKind, DiagnosticSeverity, type CompletionItem, type Diagnostic } from 'vscode-languageserver-protocol';
import { SCAN_WORKSPACE_REQUEST, type ScanWorkspaceResult } from '../../server/src/lsp/protocol';
import { diagnosticsFor, fileUri, openDocument, startServer, waitFor, type LspSession } from '../support/lsp-client';
import { writeTree } from '../support/temp-tree';

const CODE = 'import os\n\ntoken = os.environ["API_TOKEN"]\nprint(token)\n';
const CONFIG = 'rules:\n  secret-logged: warning\nexclude: [vendor]\noverrides:\n  - files: ["legacy/**"]\n    rules: {secret-env-read: off}\n';
const FILE_CHANGED = { created: 1, changed: 2, deleted: 3 };

const message = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

/** [line, rule, severity] of each diagnostic. */
const summary = (ds: readonly Diagnostic[]) => ds.map((d) => [d.range.start.line, d.code, d.severity]);

describe('the project config in the editor', () => {
  let root: string;
  let session: LspSession;
  const uri = (rel: string) => fileUri(path.join(root, rel));

  before(async () => {
    root = writeTree(
      {
        '.secret-hints.yaml': CONFIG,
        'app/main.py': CODE,
        'legacy/old.py': CODE,
        'vendor/x.py': CODE,
        'bad/.secret-hints.yaml': '# a typo\nrules:\n  secret-loged: off\n',
        'bad/b.py': CODE,
      },
      'secret-hints-lsp-config-',
    );
    // The user's settings say the opposite of the file for secret-logged, and set a rule it leaves out.
    session = await startServer({ rootPath: root, settings: { rules: { 'secret-logged': 'off', 'secret-env-read': 'error' } } });
  });
  after(async () => {
    await session.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('what the file sets wins over the editor settings; what it leaves out keeps them', async () => {
    const diagnostics = await openDocument(session, uri('app/main.py'), CODE, 'python');
    assert.deepEqual(summary(diagnostics), [
      [2, 'secret-env-read', DiagnosticSeverity.Error],
      [3, 'secret-logged', DiagnosticSeverity.Warning],
    ]);
  });

  it('applies its overrides and exclusions to open files', async () => {
    assert.deepEqual(summary(await openDocument(session, uri('legacy/old.py'), CODE, 'python')), [[3, 'secret-logged', DiagnosticSeverity.Warning]]);
    assert.deepEqual(await openDocument(session, uri('vendor/x.py'), CODE, 'python'), []);
  });

  it('an invalid file: its problems on it (read from disk, unopened), and its folder keeps the editor settings', async () => {
    const configUri = uri('bad/.secret-hints.yaml');
    const problems = await waitFor(() => session.diagnostics.get(configUri)?.diagnostics, 'diagnostics of the invalid config');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].severity, DiagnosticSeverity.Error);
    assert.deepEqual(problems[0].range, { start: { line: 2, character: 2 }, end: { line: 2, character: 14 } });
    assert.match(message(problems[0]), /^rules: unknown rule "secret-loged" \(did you mean "secret-logged"\?\)\..*not applied until this is fixed\.$/);
    assert.deepEqual(summary(await openDocument(session, uri('bad/b.py'), CODE, 'python')), [[2, 'secret-env-read', DiagnosticSeverity.Error]]);
  });

  it('an open config file is checked as it is typed, and its disk state comes back when it is closed', async () => {
    const configUri = uri('bad/.secret-hints.yaml');
    const typed = await openDocument(session, configUri, 'rules:\n  secret-logged: loud\n', 'yaml', 1);
    assert.deepEqual(
      typed.map((d) => [d.range.start.line, message(d).split('.')[0]]),
      [[1, 'rules']],
    );
    assert.match(message(typed[0]), /"loud" is not one of off, hint, information, warning, error/);
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: configUri, version: 2 },
      contentChanges: [{ text: 'rules:\n  secret-logged: hint\n' }],
    });
    assert.deepEqual(await diagnosticsFor(session, configUri, 2), []);
    session.diagnostics.delete(configUri);
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: configUri } });
    const fromDisk = await waitFor(() => session.diagnostics.get(configUri)?.diagnostics, 'diagnostics after close');
    assert.equal(fromDisk.length, 1, 'the file on disk still has its typo');
  });

  it('a config changed on disk applies live to open files; fixing an invalid one applies it', async () => {
    const main = uri('app/main.py');
    session.diagnostics.delete(main);
    writeFileSync(path.join(root, '.secret-hints.yaml'), 'rules:\n  secret-logged: error\n  secret-env-read: off\n');
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('.secret-hints.yaml'), type: FILE_CHANGED.changed }] });
    const after = await waitFor(() => session.diagnostics.get(main)?.diagnostics, 'diagnostics after the config changed');
    assert.deepEqual(summary(after), [[3, 'secret-logged', DiagnosticSeverity.Error]]);

    const bad = uri('bad/b.py');
    const configUri = uri('bad/.secret-hints.yaml');
    session.diagnostics.delete(bad);
    writeFileSync(path.join(root, 'bad/.secret-hints.yaml'), 'rules:\n  secret-env-read: hint\n');
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: FILE_CHANGED.changed }] });
    // The nearest file alone governs bad/ (not the one above): secret-logged keeps the editor's "off".
    assert.deepEqual(summary(await waitFor(() => session.diagnostics.get(bad)?.diagnostics, 'diagnostics of b.py')), [
      [2, 'secret-env-read', DiagnosticSeverity.Hint],
    ]);
    assert.deepEqual(session.diagnostics.get(configUri)?.diagnostics, []);
  });

  it('deleting a config puts its folder under the config above', async () => {
    const bad = uri('bad/b.py');
    session.diagnostics.delete(bad);
    rmSync(path.join(root, 'bad/.secret-hints.yaml'));
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uri('bad/.secret-hints.yaml'), type: FILE_CHANGED.deleted }],
    });
    assert.deepEqual(summary(await waitFor(() => session.diagnostics.get(bad)?.diagnostics, 'diagnostics of b.py')), [
      [3, 'secret-logged', DiagnosticSeverity.Error],
    ]);
  });

  it('the workspace scan follows the file: excluded folders get nothing, overrides apply', async () => {
    writeFileSync(path.join(root, '.secret-hints.yaml'), CONFIG);
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('.secret-hints.yaml'), type: FILE_CHANGED.changed }] });
    for (const rel of ['app/main.py', 'legacy/old.py', 'vendor/x.py', 'bad/b.py'])
      await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(rel) } });
    const result = await session.connection.sendRequest<ScanWorkspaceResult>(SCAN_WORKSPACE_REQUEST, {});
    assert.equal(result.files, 3);
    assert.deepEqual(summary(session.diagnostics.get(uri('legacy/old.py'))?.diagnostics ?? []), [[3, 'secret-logged', DiagnosticSeverity.Warning]]);
    assert.deepEqual(session.diagnostics.get(uri('vendor/x.py'))?.diagnostics ?? [], []);
  });
});

describe('the project config in an untrusted workspace', () => {
  let root: string;
  let session: LspSession;
  before(async () => {
    root = writeTree(
      {
        '.secret-hints.yaml': 'rules:\n  secret-logged: warning\nsecretNames:\n  extra: ["^ACME_"]\n',
        'app/acme.py': 'import os\n\nvalue = os.environ["ACME_THING"]\nprint(value)\n',
      },
      'secret-hints-lsp-config-untrusted-',
    );
    session = await startServer({ rootPath: root, initializationOptions: { workspaceTrusted: false } });
  });
  after(async () => {
    await session.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('applies the file but its name patterns, and says so on the file', async () => {
    const config = fileUri(path.join(root, '.secret-hints.yaml'));
    const notes = await waitFor(() => session.diagnostics.get(config)?.diagnostics, 'the note on the config');
    assert.deepEqual(
      notes.map((d) => [d.range.start.line, d.severity, d.code]),
      [[2, DiagnosticSeverity.Information, 'config-not-applied']],
    );
    // ACME_THING is not a secret without the pattern: nothing to report in the file.
    assert.deepEqual(
      await openDocument(session, fileUri(path.join(root, 'app/acme.py')), 'import os\n\nvalue = os.environ["ACME_THING"]\nprint(value)\n', 'python'),
      [],
    );
  });

  it('trusted, the same workspace gets the pattern', async () => {
    const trusted = await startServer({ rootPath: root });
    try {
      const diagnostics = await openDocument(
        trusted,
        fileUri(path.join(root, 'app/acme.py')),
        'import os\n\nvalue = os.environ["ACME_THING"]\nprint(value)\n',
        'python',
      );
      assert.deepEqual(summary(diagnostics), [
        [2, 'secret-env-read', DiagnosticSeverity.Warning],
        [3, 'secret-logged', DiagnosticSeverity.Warning],
      ]);
    } finally {
      await trusted.close();
    }
  });
});

describe('completion in a .secret-hints.yaml', () => {
  let root: string;
  const configPath = () => path.join(root, '.secret-hints.yaml');
  before(() => {
    root = writeTree({ '.secret-hints.yaml': 'rules:\n' }, 'secret-hints-lsp-config-completion-');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('is registered for the YAML config names only, and offers rule ids and severities', async () => {
    const session = await startServer({ rootPath: root, completionRegistration: true });
    try {
      const registration = await waitFor(() => session.registrations.find((r) => r.method === 'textDocument/completion'), 'the completion registration');
      assert.deepEqual(registration.registerOptions, {
        documentSelector: [{ scheme: 'file', pattern: '**/.secret-hints.{yaml,yml}' }],
        triggerCharacters: [' '],
      });
      const uri = fileUri(configPath());
      await openDocument(session, uri, 'rules:\n  secret-logged: \n', 'yaml');
      const keys = await session.connection.sendRequest<CompletionItem[]>('textDocument/completion', {
        textDocument: { uri },
        position: { line: 1, character: 2 },
      });
      assert.ok(keys.some((i) => i.label === 'compose-secret-env' && i.kind === CompletionItemKind.Property));
      const values = await session.connection.sendRequest<CompletionItem[]>('textDocument/completion', {
        textDocument: { uri },
        position: { line: 1, character: 17 },
      });
      assert.deepEqual(
        values.map((i) => i.label),
        ['off', 'hint', 'information', 'warning', 'error'],
      );
      // Another document (if a client asked anyway) gets nothing.
      const other = fileUri(path.join(root, 'values.yaml'));
      await openDocument(session, other, 'rules:\n  ', 'yaml');
      assert.deepEqual(
        await session.connection.sendRequest('textDocument/completion', { textDocument: { uri: other }, position: { line: 1, character: 2 } }),
        [],
      );
    } finally {
      await session.close();
    }
  });

  it('is not registered when the editor has a YAML schema service (the contributed schema completes the file)', async () => {
    const session = await startServer({ rootPath: root, completionRegistration: true, initializationOptions: { yamlSchemas: true } });
    try {
      await openDocument(session, fileUri(path.join(root, 'app.py')), 'x = 1\n', 'python');
      assert.equal(
        session.registrations.some((r) => r.method === 'textDocument/completion'),
        false,
      );
    } finally {
      await session.close();
    }
  });
});
