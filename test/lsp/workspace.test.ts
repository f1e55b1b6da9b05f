// The workspace view over stdio: a two-folder workspace (manifests + code) indexed at start, honouring
// .gitignore / secretHints.exclude / files.exclude, kept current by watched-file events and open-document
// edits, re-validating open code documents, and bounded with one log line.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixturePath, readFixture } from '../support/fixtures';
import { fileUri, startServer, waitFor, type LspSession } from '../support/lsp-client';

interface EnvSourceResult {
  source: { kind: string; secret?: string; key?: string; location?: { path: string; start: { line: number } } } | null;
  feeds: number;
  manifests: number;
}

const FILE_CHANGED = { created: 1, changed: 2, deleted: 3 } as const;

function podFeeding(name: string, ref: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n    - name: app\n      env:\n        - name: ${name}\n          valueFrom:\n            ${ref}\n`;
}

/** A fresh copy of the fixture workspace plus files that must not be indexed. */
function workspaceCopy(): { deploy: string; app: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'secret-hints-ws-'));
  cpSync(fixturePath('workspace'), root, { recursive: true });
  const deploy = path.join(root, 'deploy');
  for (const [dir, name] of [
    ['ignored', 'IGNORED_VAR'],
    ['excluded', 'EXCLUDED_VAR'],
    ['hidden', 'HIDDEN_VAR'],
  ]) {
    mkdirSync(path.join(deploy, dir), { recursive: true });
    writeFileSync(path.join(deploy, dir, 'pod.yaml'), podFeeding(name, 'secretKeyRef: {name: s, key: k}'));
  }
  return { deploy, app: path.join(root, 'app') };
}

async function envSource(session: LspSession, name: string): Promise<EnvSourceResult> {
  return session.connection.sendRequest<EnvSourceResult>('secretHints/envSource', { name });
}

/** Polls the server until `accept` holds for NAME's answer. */
async function untilSource(session: LspSession, name: string, accept: (r: EnvSourceResult) => boolean, what: string): Promise<EnvSourceResult> {
  let last: EnvSourceResult | undefined;
  let pending: Promise<void> | undefined;
  return waitFor(() => {
    pending ??= envSource(session, name).then((r) => {
      last = r;
      pending = undefined;
    });
    return last && accept(last) ? last : undefined;
  }, what);
}

describe('workspace view (two folders: manifests and code)', () => {
  let ws: { deploy: string; app: string };
  let session: LspSession;
  before(async () => {
    ws = workspaceCopy();
    session = await startServer({
      rootPath: ws.deploy,
      workspaceFolders: [ws.deploy, ws.app],
      settings: { exclude: ['excluded/**'] },
      otherSettings: (section) => (section === 'files' ? { exclude: { hidden: true, 'never-this': false } } : null),
    });
  });
  after(async () => {
    await session.close();
    rmSync(path.dirname(ws.deploy), { recursive: true, force: true });
  });

  it('feeds env vars from the manifests: Secret whatever the name, ConfigMap and literal as not secret', async () => {
    const db = await envSource(session, 'DATABASE_URL');
    assert.equal(db.source?.kind, 'secret');
    assert.equal(db.source?.secret, 'db');
    assert.equal(db.source?.key, 'url');
    assert.equal(db.source?.location?.path, path.join(ws.deploy, 'api.yaml'));
    assert.equal(db.source?.location?.start.line, 11);
    assert.equal((await envSource(session, 'STRIPE')).source?.kind, 'secret');
    assert.equal((await envSource(session, 'TOKEN_AUDIENCE')).source?.kind, 'literal');
    assert.equal((await envSource(session, 'LOG_LEVEL')).source?.kind, 'configmap');
    assert.equal((await envSource(session, 'EXTRA_WEBHOOK')).source?.secret, 'api-extra', 'envFrom expanded through the Secret in secrets.yaml');
    assert.equal((await envSource(session, 'QUEUE_CREDENTIAL')).source?.kind, 'secret');
    assert.equal(db.manifests, 3, 'api.yaml, secrets.yaml and worker.yaml only');
  });

  it('skips manifests ignored by .gitignore, secretHints.exclude and files.exclude', async () => {
    for (const name of ['IGNORED_VAR', 'EXCLUDED_VAR', 'HIDDEN_VAR']) {
      assert.equal((await envSource(session, name)).source, null, `${name} comes from a file that must not be indexed`);
    }
  });

  it('follows manifests created, changed and deleted on disk, and re-validates open code', async () => {
    const code = fileUri(path.join(ws.app, 'src', 'main.py'));
    await session.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: code, languageId: 'python', version: 1, text: readFixture('workspace', 'app', 'src', 'main.py') },
    });
    await waitFor(() => session.diagnostics.get(code), 'first validation of main.py');
    session.diagnostics.delete(code);

    const added = path.join(ws.deploy, 'added.yaml');
    writeFileSync(added, podFeeding('TOKEN_AUDIENCE', 'secretKeyRef: {name: oidc, key: audience}'));
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(added), type: FILE_CHANGED.created }] });
    const created = await untilSource(session, 'TOKEN_AUDIENCE', (r) => r.source?.kind === 'secret', 'TOKEN_AUDIENCE fed by the new Secret');
    assert.equal(created.feeds, 2);
    await waitFor(() => session.diagnostics.get(code), 'main.py re-validated after the index changed');

    writeFileSync(added, podFeeding('TOKEN_AUDIENCE', 'configMapKeyRef: {name: oidc, key: audience}'));
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(added), type: FILE_CHANGED.changed }] });
    await untilSource(session, 'TOKEN_AUDIENCE', (r) => r.source?.kind !== 'secret', 'TOKEN_AUDIENCE back to not secret');

    rmSync(added);
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(added), type: FILE_CHANGED.deleted }] });
    const deleted = await untilSource(session, 'TOKEN_AUDIENCE', (r) => r.feeds === 1, 'the deleted manifest forgotten');
    assert.equal(deleted.source?.kind, 'literal');
  });

  it('forgets every manifest below a deleted folder', async () => {
    const team = path.join(ws.deploy, 'team');
    mkdirSync(team);
    writeFileSync(path.join(team, 'a.yaml'), podFeeding('TEAM_VAR', 'secretKeyRef: {name: t, key: k}'));
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: fileUri(path.join(team, 'a.yaml')), type: FILE_CHANGED.created }],
    });
    await untilSource(session, 'TEAM_VAR', (r) => r.source !== null, 'the team manifest indexed');
    rmSync(team, { recursive: true });
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(team), type: FILE_CHANGED.deleted }] });
    await untilSource(session, 'TEAM_VAR', (r) => r.source === null, 'the folder forgotten');
  });

  it('re-indexes an open manifest from its text while editing, and from disk when closed unsaved', async () => {
    const worker = path.join(ws.deploy, 'worker.yaml');
    const uri = fileUri(worker);
    const text = readFixture('workspace', 'deploy', 'worker.yaml');
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: text.replace('path: QUEUE_CREDENTIAL', 'path: QUEUE_SECRET_RENAMED') }],
    });
    await untilSource(session, 'QUEUE_SECRET_RENAMED', (r) => r.source?.kind === 'secret', 'the edited mount item indexed');
    assert.equal((await envSource(session, 'QUEUE_CREDENTIAL')).source, null);
    // A watched-file event for the open manifest (disk still has the old text) keeps the editor's view;
    // the marker created in the same batch shows the batch was applied.
    const marker = path.join(ws.deploy, 'open-marker.yaml');
    writeFileSync(marker, podFeeding('OPEN_MARKER', 'secretKeyRef: {name: m, key: k}'));
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri, type: FILE_CHANGED.changed },
        { uri: fileUri(marker), type: FILE_CHANGED.created },
      ],
    });
    await untilSource(session, 'OPEN_MARKER', (r) => r.source !== null, 'the batch applied');
    assert.equal((await envSource(session, 'QUEUE_SECRET_RENAMED')).source?.kind, 'secret', 'the open buffer wins over the disk');
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await untilSource(session, 'QUEUE_CREDENTIAL', (r) => r.source?.kind === 'secret', 'the file on disk is the truth again');
  });

  it('answers code actions on a manifest finding with the workspace view attached', async () => {
    const api = path.join(ws.deploy, 'api.yaml');
    const uri = fileUri(api);
    await session.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: readFixture('workspace', 'deploy', 'api.yaml') },
    });
    const diagnostics = await waitFor(() => session.diagnostics.get(uri)?.diagnostics, 'api.yaml diagnostics');
    const db = diagnostics.find((d) => d.code === 'k8s-secret-env-ref' && d.range.start.line === 13);
    assert.ok(db, 'DATABASE_URL secretKeyRef flagged');
    type Action = { title: string; edit?: { documentChanges?: { textDocument?: { uri: string } }[] } };
    const actions = await session.connection.sendRequest<Action[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: db.range,
      context: { diagnostics: [db] },
    });
    assert.equal(Array.isArray(actions), true);
    // Once the manifest fix and the code rules are merged, the combined action edits both halves.
    for (const combined of actions.filter((a) => /through the loader/.test(a.title))) {
      const touched = new Set((combined.edit?.documentChanges ?? []).map((c) => c.textDocument?.uri).filter(Boolean));
      assert.equal(touched.has(uri), true);
      assert.equal(touched.has(fileUri(path.join(ws.app, 'src', 'main.py'))), true);
    }
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('lets the envFrom fix write explicit items from a Secret defined in another manifest, honouring the prefix', async () => {
    const uri = fileUri(path.join(ws.deploy, 'api.yaml'));
    const text = readFixture('workspace', 'deploy', 'api.yaml');
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const diagnostics = await waitFor(() => session.diagnostics.get(uri)?.diagnostics, 'api.yaml diagnostics');
    const envFrom = diagnostics.find((d) => d.code === 'k8s-secret-env-from');
    assert.ok(envFrom, 'envFrom secretRef flagged');
    type Action = { title: string; isPreferred?: boolean; edit?: { documentChanges?: { edits?: { newText: string }[] }[] } };
    const actions = await session.connection.sendRequest<Action[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: envFrom.range,
      context: { diagnostics: [envFrom] },
    });
    // Not preferred (no code in the workspace reads EXTRA_SIGNING_KEY or EXTRA_WEBHOOK), but offered.
    const preferred = actions.find((a) => /^Mount whole Secret/.test(a.title));
    assert.ok(preferred, 'the envFrom fix');
    assert.equal(preferred.isPreferred, false);
    const inserted = (preferred.edit?.documentChanges ?? [])
      .flatMap((c) => c.edits ?? [])
      .map((e) => e.newText)
      .join('');
    assert.match(inserted, /key: SIGNING_KEY\s+path: EXTRA_SIGNING_KEY/, 'items from secrets.yaml with the prefix as file names');
    assert.match(inserted, /key: WEBHOOK\s+path: EXTRA_WEBHOOK/);
    assert.doesNotMatch(preferred.title, /prefix dropped/);
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('resolves actions it did not defer unchanged', async () => {
    const action = { title: 'something else', kind: 'quickfix', data: { other: 1 } };
    assert.deepEqual(await session.connection.sendRequest('codeAction/resolve', action), action);
  });

  it('ignores watched-file events for excluded or ignored paths', async () => {
    const ignored = path.join(ws.deploy, 'ignored', 'pod.yaml');
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(ignored), type: FILE_CHANGED.changed }] });
    // A later event on an indexable file proves the earlier one was processed (events are handled in order).
    const marker = path.join(ws.deploy, 'marker.yaml');
    writeFileSync(marker, podFeeding('MARKER_VAR', 'secretKeyRef: {name: m, key: k}'));
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: fileUri(ignored), type: FILE_CHANGED.changed },
        { uri: fileUri(marker), type: FILE_CHANGED.created },
      ],
    });
    await untilSource(session, 'MARKER_VAR', (r) => r.source !== null, 'marker indexed');
    assert.equal((await envSource(session, 'IGNORED_VAR')).source, null);
  });
});

describe('workspace index bounds', () => {
  it('stops at the manifest bound with one clear log line', async () => {
    const ws = workspaceCopy();
    const session = await startServer({
      rootPath: ws.deploy,
      workspaceFolders: [ws.deploy, ws.app],
      initializationOptions: { workspaceIndex: { maxManifests: 2 } },
    });
    try {
      const result = await envSource(session, 'ANY');
      assert.equal(result.manifests <= 2, true, 'at most two manifests indexed');
      const lines = session.logs.filter((l) => l.startsWith('Workspace index bound reached'));
      assert.equal(lines.length, 1);
      assert.match(lines[0], /2 manifests .* indexed, \d+ not indexed .*limits: 2 manifests/);
    } finally {
      await session.close();
      rmSync(path.dirname(ws.deploy), { recursive: true, force: true });
    }
  });

  it('stops at the byte bound', async () => {
    const ws = workspaceCopy();
    const session = await startServer({ rootPath: ws.deploy, initializationOptions: { workspaceIndex: { maxBytes: 1200 } } });
    try {
      await envSource(session, 'ANY');
      assert.equal(session.logs.filter((l) => l.startsWith('Workspace index bound reached')).length, 1);
    } finally {
      await session.close();
      rmSync(path.dirname(ws.deploy), { recursive: true, force: true });
    }
  });
});
