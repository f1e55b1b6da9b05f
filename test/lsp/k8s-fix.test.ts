// Manifest fixes over LSP: codeAction returns the fixes (preferred first, versioned edits); applying
// them and sending the result back clears the diagnostics; source.fixAll converts a CRLF file at once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { readFixture } from '../support/fixtures';
import { crlf, objects, onlyCrlf, deploymentPod } from '../support/k8s-fix';
import { diagnosticsFor, fileUri, openDocument, startServer, type LspSession } from '../support/lsp-client';
import { applyWorkspaceEdit } from '../support/workspace-edit';

async function codeActions(session: LspSession, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return session.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
}

async function replaceText(session: LspSession, uri: string, version: number, text: string): Promise<Diagnostic[]> {
  await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  return diagnosticsFor(session, uri, version);
}

describe('manifest fixes over LSP', () => {
  let session: LspSession;
  before(async () => {
    session = await startServer();
  });
  after(async () => {
    await session.close();
  });

  /** Opens a Python service reading `variables`: once the server has analysed it, the plain mount is the preferred fix. */
  async function openCodeReading(name: string, ...variables: string[]): Promise<void> {
    const text = `import os\n${variables.map((v, i) => `v${i} = os.environ["${v}"]\n`).join('')}`;
    await openDocument(session, fileUri(`/tmp/secret-hints-lsp/k8s-fix/${name}.py`), text, 'python');
  }

  it('offers the plain mount only as a non-preferred fix while no code is known to read the variable', async () => {
    const uri = fileUri('/tmp/secret-hints-lsp/k8s-fix/unread.yaml');
    const text = readFixture('k8s-fix', 'indentless.yaml').replace(/DB_PASSWORD/g, 'UNREAD_PASSWORD');
    const [diagnostic] = (await openDocument(session, uri, text)).filter((d) => d.code === 'k8s-secret-env-ref');
    const actions = (await codeActions(session, uri, [diagnostic])).filter((a) => a.isPreferred !== undefined);
    assert.deepEqual(
      actions.slice(0, 2).map((a) => a.isPreferred),
      [false, false],
    );
    // Fix-all (which may fix other rules' findings) leaves both references: removing them could starve the app.
    const [fixAll] = await codeActions(session, uri, [], ['source.fixAll.secretHints']);
    const fixed = fixAll ? applyWorkspaceEdit({ uri, version: 1, text }, fixAll.edit) : text;
    assert.equal(deploymentPod(objects(fixed)[0]).containers[0].env?.filter((e) => e.valueFrom !== undefined).length, 2);
  });

  it('offers no fix that would leave $(VAR) dangling, and says why in the related information and the hover', async () => {
    const uri = fileUri('/tmp/secret-hints-lsp/k8s-fix/redis.yaml');
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: redis}',
      'spec:',
      '  containers:',
      '    - name: redis',
      '      image: redis:7',
      '      args: ["--requirepass", "$(REDIS_PASSWORD)"]',
      '      env:',
      '        - name: REDIS_PASSWORD',
      '          valueFrom: {secretKeyRef: {name: redis, key: password}}',
      '',
    ].join('\n');
    const [diagnostic] = (await openDocument(session, uri, text)).filter((d) => d.code === 'k8s-secret-env-ref');
    assert.ok(diagnostic);
    assert.deepEqual(
      diagnostic.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.location.range.start.character]),
      [[uri, 7, 31]],
    );
    assert.match(diagnostic.relatedInformation?.[0].message ?? '', /REDIS_PASSWORD is also used here \(\$\(REDIS_PASSWORD\) in args\)/);
    const actions = await codeActions(session, uri, [diagnostic]);
    assert.deepEqual(
      actions.filter((a) => a.isPreferred !== undefined),
      [],
      'no fix, only the ignore and documentation actions',
    );
    const hover = await session.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri },
      position: diagnostic.range.start,
    });
    assert.match(hover.contents.value, /No automatic fix: REDIS_PASSWORD is also used as \$\(REDIS_PASSWORD\) in args/);
  });

  it('hovers a finding the fixer declines with the reason, and a fixable one without any', async () => {
    const uri = fileUri('/tmp/secret-hints-lsp/k8s-fix/debug.yaml');
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: api}',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: api:1',
      '      env:',
      '        - name: API_TOKEN',
      '          valueFrom: {secretKeyRef: {name: api, key: token}}',
      '  ephemeralContainers:',
      '    - name: debugger',
      '      image: busybox:1',
      '      env:',
      '        - name: DB_PASSWORD',
      '          valueFrom: {secretKeyRef: {name: db, key: password}}',
      '',
    ].join('\n');
    const diagnostics = (await openDocument(session, uri, text)).filter((d) => d.code === 'k8s-secret-env-ref');
    assert.equal(diagnostics.length, 2);
    const hovers = await Promise.all(
      diagnostics.map((d) =>
        session.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: d.range.start }),
      ),
    );
    assert.doesNotMatch(hovers[0].contents.value, /No automatic fix/);
    assert.match(hovers[1].contents.value, /No automatic fix: ephemeral containers cannot mount volumes/);
  });

  it('offers both secretKeyRef fixes, applies the preferred one and re-analyses to one fewer finding each time', async () => {
    await openCodeReading('api', 'DB_PASSWORD', 'API_TOKEN');
    const uri = fileUri('/tmp/secret-hints-lsp/k8s-fix/deploy.yaml');
    let text = readFixture('k8s-fix', 'indentless.yaml');
    let diagnostics = (await openDocument(session, uri, text)).filter((d) => d.code === 'k8s-secret-env-ref');
    assert.equal(diagnostics.length, 2);
    let version = 1;
    while (diagnostics.length > 0) {
      // The rule's two fixes come first; the workspace's combined manifest + code fix and the editor's
      // ignore/documentation actions follow them.
      const actions = (await codeActions(session, uri, [diagnostics[0]])).filter((a) => a.isPreferred !== undefined).slice(0, 2);
      assert.deepEqual(
        actions.map((a) => [a.kind, a.isPreferred]),
        [
          ['quickfix', true],
          ['quickfix', false],
        ],
      );
      assert.match(actions[0].title, /app must read \/etc\/secrets\//);
      assert.deepEqual(actions[0].diagnostics, [diagnostics[0]]);
      const change = actions[0].edit?.documentChanges?.[0];
      assert.ok(change && 'textDocument' in change);
      assert.equal(change.textDocument.version, version);
      text = applyWorkspaceEdit({ uri, version, text }, actions[0].edit);
      const remaining: number = diagnostics.length;
      version++;
      diagnostics = (await replaceText(session, uri, version, text)).filter((d) => d.code === 'k8s-secret-env-ref');
      assert.equal(diagnostics.length, remaining - 1);
    }
    const pod = deploymentPod(objects(text)[0]);
    assert.deepEqual(
      pod.volumes?.map((v) => v.name),
      ['tls', 'api-secrets'],
    );
    assert.equal(pod.containers[0].volumeMounts?.filter((m) => m.name === 'api-secrets').length, 1);
  });

  it('applies the NAME_FILE pointer variant as a versioned edit too', async () => {
    const uri = fileUri('/tmp/secret-hints-lsp/k8s-fix/pointer.yaml');
    const text = readFixture('k8s-fix', 'block.yaml');
    const [first] = (await openDocument(session, uri, text)).filter((d) => d.code === 'k8s-secret-env-ref');
    const pointer = (await codeActions(session, uri, [first]))[1];
    assert.match(pointer.title, /DB_PASSWORD_FILE pointer/);
    const fixed = applyWorkspaceEdit({ uri, version: 1, text }, pointer.edit);
    const diagnostics = await replaceText(session, uri, 2, fixed);
    assert.equal(diagnostics.filter((d) => d.code === 'k8s-secret-env-ref').length, 1);
    assert.ok(deploymentPod(objects(fixed)[0]).containers[0].env?.some((e) => e.name === 'DB_PASSWORD_FILE'));
  });

  it('source.fixAll.secretHints converts a CRLF file in one edit and the diagnostics clear', async () => {
    const uri = fileUri('/tmp/secret-hints-lsp/k8s-fix/all.yaml');
    const text = crlf(readFixture('k8s', 'all-workloads.yaml'));
    await openCodeReading('jobs', ...new Set(text.match(/[A-Z]+_SECRET\b/g)));
    const diagnostics = (await openDocument(session, uri, text)).filter((d) => d.code === 'k8s-secret-env-ref');
    assert.ok(diagnostics.length > 10);
    const actions = await codeActions(session, uri, [], ['source.fixAll.secretHints']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.secretHints');
    const fixed = applyWorkspaceEdit({ uri, version: 1, text }, actions[0].edit);
    assert.ok(onlyCrlf(fixed), 'CRLF kept');
    const after = (await replaceText(session, uri, 2, fixed)).filter((d) => d.code === 'k8s-secret-env-ref');
    // Ephemeral containers cannot take volume mounts: that one finding stays, everything else is fixed.
    assert.deepEqual(
      after.map((d) => typeof d.message === 'string' && d.message.includes('EPHEMERAL_SECRET')),
      [true],
    );
  });
});
