// The bundled server over stdio: initialize → didOpen → diagnostics → hover → didChange → clear.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFixture } from '../support/fixtures';
import { fileUri, openDocument, diagnosticsFor, startServer, type LspSession } from '../support/lsp-client';

const MANIFEST = readFixture('k8s', 'pod-secret-key-ref.yaml');

describe('language server over stdio', () => {
  let session: LspSession;
  before(async () => {
    session = await startServer();
  });
  after(async () => {
    await session.close();
  });

  it('publishes exact diagnostics with code, source, doc link and data', async () => {
    const uri = fileUri('/tmp/secret-hints-lsp/pod.yaml');
    const diagnostics = await openDocument(session, uri, MANIFEST);
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics;
    assert.deepEqual(d.range, { start: { line: 10, character: 12 }, end: { line: 10, character: 24 } });
    assert.equal(d.code, 'k8s-secret-env-ref');
    assert.equal(d.source, 'secret-hints');
    assert.equal(d.severity, 2);
    assert.match(d.codeDescription?.href ?? '', /^file:\/\/.*\/docs\/rules\/k8s-secret-env-ref\.md$/);
    assert.equal(typeof d.message, 'string');
    assert.match(d.message as string, /DB_PASSWORD/);
  });

  it('answers hover on the flagged range with the explanation and the rule doc', async () => {
    const uri = fileUri('/tmp/secret-hints-lsp/hover.yaml');
    await openDocument(session, uri, MANIFEST);
    const hover = await session.connection.sendRequest<{ contents: { kind: string; value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 10, character: 15 },
    });
    assert.ok(hover, 'hover expected on the secretKeyRef key');
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /tmpfs/);
    assert.match(hover.contents.value, /docs\/rules\/k8s-secret-env-ref\.md/);
    const none = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.equal(none, null);
  });

  it('clears the diagnostic after an incremental edit removes the secretKeyRef', async () => {
    const uri = fileUri('/tmp/secret-hints-lsp/edit.yaml');
    await openDocument(session, uri, MANIFEST);
    // Replace lines 9-10 (valueFrom + secretKeyRef) with a path (a literal that is not a secret).
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 9, character: 10 }, end: { line: 10, character: 52 } }, text: 'value: /run/secrets/db-password' }],
    });
    assert.deepEqual(await diagnosticsFor(session, uri, 2), []);
  });

  it('publishes only for the newest version when edits arrive quickly', async () => {
    const uri = fileUri('/tmp/secret-hints-lsp/burst.yaml');
    await openDocument(session, uri, MANIFEST);
    for (let v = 2; v <= 30; v++) {
      await session.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 8 } }, text: 'x' }],
      });
    }
    const final = await diagnosticsFor(session, uri, 30);
    assert.equal(final.length, 1);
    assert.equal(session.diagnostics.get(uri)?.version, 30);
  });

  it('clears diagnostics when the document closes', async () => {
    const uri = fileUri('/tmp/secret-hints-lsp/close.yaml');
    await openDocument(session, uri, MANIFEST);
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const { waitFor } = await import('../support/lsp-client');
    await waitFor(() => (session.diagnostics.get(uri)?.diagnostics.length === 0 ? true : undefined), 'cleared diagnostics');
  });
});

describe('settings per resource', () => {
  it('applies rule severities from workspace/configuration and refreshes on change', async () => {
    const session = await startServer({ settings: { rules: { 'k8s-secret-env-ref': 'error' } } });
    try {
      const uri = fileUri('/tmp/secret-hints-lsp/settings.yaml');
      const [d] = await openDocument(session, uri, MANIFEST);
      assert.equal(d.severity, 1);
      session.settings = { rules: { 'k8s-secret-env-ref': 'off' } };
      session.diagnostics.delete(uri);
      await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      assert.deepEqual(await diagnosticsFor(session, uri, 1), []);
    } finally {
      await session.close();
    }
  });

  it('skips files matched by secretHints.exclude and honours enable=false', async () => {
    const session = await startServer({ rootPath: '/tmp/secret-hints-lsp', settings: { exclude: ['charts/**'] } });
    try {
      assert.deepEqual(await openDocument(session, fileUri('/tmp/secret-hints-lsp/charts/a.yaml'), MANIFEST), []);
      assert.equal((await openDocument(session, fileUri('/tmp/secret-hints-lsp/b.yaml'), MANIFEST)).length, 1);
      session.settings = { enable: false };
      session.diagnostics.clear();
      await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      assert.deepEqual(await diagnosticsFor(session, fileUri('/tmp/secret-hints-lsp/b.yaml'), 1), []);
    } finally {
      await session.close();
    }
  });

  it('works for clients without workspace/configuration (settings pushed)', async () => {
    const session = await startServer({ pullConfiguration: false });
    try {
      await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { secretHints: { rules: { 'k8s-secret-env-ref': 'hint' } } } });
      const [d] = await openDocument(session, fileUri('/tmp/secret-hints-lsp/push.yaml'), MANIFEST);
      assert.equal(d.severity, 4);
    } finally {
      await session.close();
    }
  });
});
