// JSON manifests over LSP (language ids `json` / `jsonc`): diagnostics with exact ranges, fixes that
// keep the file valid JSON and no suppression-comment actions (JSON has no comments); package.json and
// tsconfig.json get nothing; the workspace index takes JSON manifests (at start and from watched-file
// events) and nothing from other JSON files.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, openDocument, startServer, waitFor, type LspSession } from '../support/lsp-client';
import { writeTree } from '../support/temp-tree';
import { applyWorkspaceEdit } from '../support/workspace-edit';

interface EnvSourceResult {
  source: { kind: string; secret?: string; location?: { path: string; start: { line: number; character: number } } } | null;
}

function podFeeding(name: string, secret: string): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'api' },
    spec: {
      containers: [{ name: 'api', image: 'api:1', env: [{ name, valueFrom: { secretKeyRef: { name: secret, key: 'value' } } }] }],
      volumes: [{ name: 'tls', secret: { secretName: 'tls', defaultMode: 420 } }],
    },
  };
}

const MANIFEST = `${JSON.stringify(podFeeding('DATABASE_URL', 'db'), null, 4)}\n`.replace(/\n/g, '\r\n');
/** A JSON file with a manifest inside but no manifest itself (test data, say): not indexed. */
const FIXTURES = JSON.stringify({ cases: [podFeeding('NESTED_VAR', 'nested')] }, null, 2);

async function envSource(session: LspSession, name: string): Promise<EnvSourceResult> {
  return session.connection.sendRequest<EnvSourceResult>('secretHints/envSource', { name });
}

async function codeActions(session: LspSession, uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
  return session.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostics[0].range,
    context: { diagnostics },
  });
}

describe('JSON manifests over LSP', () => {
  let root: string;
  let session: LspSession;
  before(async () => {
    root = writeTree({ 'deploy/api.json': MANIFEST, 'deploy/fixtures.json': FIXTURES, 'package.json': '{"name": "x"}' }, 'secret-hints-json-');
    session = await startServer({ rootPath: root });
  });
  after(async () => {
    await session.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes exact diagnostics for a JSON manifest (CRLF, 4-space) opened as json', async () => {
    const uri = fileUri(path.join(root, 'deploy', 'api.json'));
    const diagnostics = await openDocument(session, uri, MANIFEST, 'json');
    const lines = MANIFEST.split('\r\n');
    const at = (needle: string) => {
      const line = lines.findIndex((l) => l.includes(needle));
      const character = lines[line].indexOf(needle);
      return { start: { line, character }, end: { line, character: character + needle.length } };
    };
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.source, d.range]),
      [
        ['k8s-secret-env-ref', 'secret-hints', at('"secretKeyRef"')],
        ['k8s-secret-mount-mode', 'secret-hints', at('420')],
      ],
    );
  });

  it('offers fixes that keep the file valid JSON, and no suppression comments', async () => {
    const uri = fileUri(path.join(root, 'deploy', 'api.json'));
    const diagnostics = await openDocument(session, uri, MANIFEST, 'json', 2);
    const actions = await codeActions(session, uri, [diagnostics[0]]);
    assert.ok(!actions.some((a) => a.title.startsWith('Ignore ')), actions.map((a) => a.title).join(' | '));
    assert.ok(actions.some((a) => a.title === 'Show documentation for k8s-secret-env-ref'));
    const fixes = actions.filter((a) => a.kind === 'quickfix' && a.edit && /app must read \/etc\/secrets\/DATABASE_URL/.test(a.title));
    assert.ok(fixes.length >= 1);
    for (const fix of fixes) {
      const fixed = applyWorkspaceEdit({ uri, version: 2, text: MANIFEST }, fix.edit);
      const parsed = JSON.parse(fixed) as { spec: { volumes: { name: string }[] } };
      assert.deepEqual(
        parsed.spec.volumes.map((v) => v.name),
        ['tls', 'api-secrets'],
      );
      assert.equal(fixed, `${JSON.stringify(parsed, null, 4)}\n`.replace(/\n/g, '\r\n'), `${fix.title}: laid out like the file`);
    }
  });

  it('publishes nothing for package.json, tsconfig.json (jsonc) or a JSON file holding manifests', async () => {
    const files: [string, string, string][] = [
      ['package.json', 'json', '{"name": "x", "version": "1.0.0"}'],
      ['tsconfig.json', 'jsonc', '{\n  // strict\n  "compilerOptions": {"strict": true},\n}\n'],
      ['deploy/fixtures.json', 'json', FIXTURES],
    ];
    for (const [file, languageId, text] of files) {
      assert.deepEqual(await openDocument(session, fileUri(path.join(root, file)), text, languageId), [], file);
    }
  });

  it('indexes JSON manifests of the workspace, at start and from watched-file events, and no other JSON file', async () => {
    // The request waits for the start-up index.
    const answer = await envSource(session, 'DATABASE_URL');
    assert.equal(answer.source?.kind, 'secret');
    assert.equal(answer.source?.secret, 'db');
    assert.equal(answer.source?.location?.path, path.join(root, 'deploy', 'api.json'));
    assert.equal((await envSource(session, 'NESTED_VAR')).source, null);

    const added = path.join(root, 'deploy', 'worker.json');
    writeFileSync(added, JSON.stringify(podFeeding('QUEUE_URL', 'queue')));
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(added), type: 1 }] });
    let last: EnvSourceResult | undefined;
    let pending: Promise<void> | undefined;
    await waitFor(() => {
      pending ??= envSource(session, 'QUEUE_URL').then((r) => {
        last = r;
        pending = undefined;
      });
      return last?.source?.kind === 'secret' ? true : undefined;
    }, 'QUEUE_URL indexed from the new JSON manifest');
  });
});
