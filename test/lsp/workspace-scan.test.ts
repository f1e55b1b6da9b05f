// The secretHints/scanWorkspace request over stdio: findings for files that are not open, .gitignore
// and secretHints.exclude honoured, open documents left to live analysis, progress and cancellation.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { SCAN_WORKSPACE_REQUEST, type ScanWorkspaceResult } from '../../server/src/lsp/protocol';
import { diagnosticsFor, fileUri, openDocument, startServer, waitFor, type LspSession } from '../support/lsp-client';
import { readFixture } from '../support/fixtures';

const FLAGGED = readFixture('k8s', 'pod-secret-key-ref.yaml');
// A path is not a secret-looking literal, so this variant has no finding at all.
const CLEAN = FLAGGED.replace(/valueFrom:\n\s+secretKeyRef: .*\n/, 'value: /etc/secrets/DB_PASSWORD\n');

interface ProgressValue {
  kind: 'begin' | 'report' | 'end';
  percentage?: number;
}

function write(root: string, rel: string, text: string): string {
  const full = path.join(root, rel);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

function recordProgress(session: LspSession): Map<string | number, ProgressValue[]> {
  const progress = new Map<string | number, ProgressValue[]>();
  session.connection.onNotification('$/progress', (p: { token: string | number; value: ProgressValue }) => {
    progress.set(p.token, [...(progress.get(p.token) ?? []), p.value]);
  });
  return progress;
}

describe('workspace scan request', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'secret-hints-scan-'));
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes findings for unopened files, honouring .gitignore and secretHints.exclude', async () => {
    const ws = path.join(root, 'ws');
    const a = write(ws, 'a.yaml', FLAGGED);
    const b = write(ws, 'deploy/b.yml', FLAGGED);
    const ignored = write(ws, 'build/c.yaml', FLAGGED);
    const excluded = write(ws, 'vendor/d.yaml', FLAGGED);
    const clean = write(ws, 'clean.yaml', CLEAN);
    const open = write(ws, 'open.yaml', FLAGGED);
    write(ws, '.gitignore', 'build/\n');
    const session = await startServer({ rootPath: ws, settings: { exclude: ['vendor/**'] } });
    try {
      const progress = recordProgress(session);
      // The open document's live text has no finding; the scan must not overwrite it with the disk's.
      await openDocument(session, fileUri(open), CLEAN);
      const result = await session.connection.sendRequest<ScanWorkspaceResult>(SCAN_WORKSPACE_REQUEST, { workDoneToken: 'scan-1' });
      assert.deepEqual(result, { files: 4, findings: 2, filesWithFindings: 2, unreadable: 0, cancelled: false });
      for (const file of [a, b]) {
        const published = await waitFor(() => session.diagnostics.get(fileUri(file)), `diagnostics for ${path.basename(file)}`);
        assert.equal(published.diagnostics.length, 1);
        assert.equal(published.diagnostics[0].code, 'k8s-secret-env-ref');
        assert.deepEqual(published.diagnostics[0].range.start, { line: 10, character: 12 });
      }
      for (const file of [ignored, excluded, clean]) assert.equal(session.diagnostics.has(fileUri(file)), false, `${path.basename(file)} has no diagnostics`);
      assert.deepEqual(session.diagnostics.get(fileUri(open))?.diagnostics, []);
      const kinds = await waitFor(() => {
        const values = progress.get('scan-1');
        return values?.at(-1)?.kind === 'end' ? values.map((v) => v.kind) : undefined;
      }, 'progress end');
      assert.equal(kinds[0], 'begin');

      // Closing a document the scan had reported on restores its on-disk findings.
      const reopened = fileUri(a);
      await openDocument(session, reopened, CLEAN, 'yaml', 1);
      await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: reopened } });
      await waitFor(() => (session.diagnostics.get(reopened)?.diagnostics.length === 1 ? true : undefined), 'restored findings after close');
      await diagnosticsFor(session, fileUri(open), 1);

      // Settings apply to the scanned files too: turning the rule off clears them.
      session.settings = { exclude: ['vendor/**'], rules: { 'k8s-secret-env-ref': 'off' } };
      await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await waitFor(() => (session.diagnostics.get(fileUri(b))?.diagnostics.length === 0 ? true : undefined), 'rescan after settings change');
    } finally {
      await session.close();
    }
  });

  it('follows workspace folders added and removed after start', async () => {
    const first = path.join(root, 'first');
    const second = path.join(root, 'second');
    const inFirst = write(first, 'a.yaml', FLAGGED);
    const inSecond = write(second, 'b.yaml', FLAGGED);
    const session = await startServer({ rootPath: first });
    try {
      const folder = (p: string) => ({ uri: fileUri(p), name: path.basename(p) });
      await session.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [folder(second)], removed: [folder(first)] } });
      const result = await session.connection.sendRequest<ScanWorkspaceResult>(SCAN_WORKSPACE_REQUEST, { workDoneToken: 'folders' });
      assert.equal(result.files, 1);
      assert.equal(session.diagnostics.get(fileUri(inSecond))?.diagnostics.length, 1);
      assert.equal(session.diagnostics.has(fileUri(inFirst)), false);
    } finally {
      await session.close();
    }
  });

  const total = 400;
  /** A workspace large enough that a scan is still running when the cancellation arrives. */
  let many: string | undefined;
  function manyFiles(): string {
    if (many) return many;
    many = path.join(root, 'many');
    for (let i = 0; i < total; i++) write(many, `dir${i % 20}/pod-${i}.yaml`, FLAGGED);
    return many;
  }

  it('stops when the request is cancelled and says so', async () => {
    const ws = manyFiles();
    const session = await startServer({ rootPath: ws });
    try {
      const progress = recordProgress(session);
      const source = new CancellationTokenSource();
      const pending = session.connection.sendRequest<ScanWorkspaceResult>(SCAN_WORKSPACE_REQUEST, { workDoneToken: 'scan-2' }, source.token);
      await waitFor(() => (progress.get('scan-2')?.length ? true : undefined), 'scan progress to begin');
      source.cancel();
      const result = await pending;
      assert.equal(result.cancelled, true);
      assert.ok(result.files < total, 'fewer files analysed than exist');
      const published = [...session.diagnostics.keys()].filter((uri) => uri.includes('/many/')).length;
      assert.ok(published < total, 'not every file was published');
    } finally {
      await session.close();
    }
  });

  it('creates its own progress for clients that send no token, and stops on its cancel', async () => {
    const ws = manyFiles();
    const session = await startServer({ rootPath: ws, window: { workDoneProgress: true } });
    try {
      const created: (string | number)[] = [];
      session.connection.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
        created.push(p.token);
        return null;
      });
      const progress = recordProgress(session);
      const pending = session.connection.sendRequest<ScanWorkspaceResult>(SCAN_WORKSPACE_REQUEST, {});
      const token = await waitFor(() => created[0], 'window/workDoneProgress/create');
      const begin = await waitFor(() => progress.get(token)?.[0], 'progress begin');
      assert.equal(begin.kind, 'begin');
      await session.connection.sendNotification('window/workDoneProgress/cancel', { token });
      const result = await pending;
      assert.equal(result.cancelled, true);
      await waitFor(() => (progress.get(token)?.at(-1)?.kind === 'end' ? true : undefined), 'progress end');
    } finally {
      await session.close();
    }
  });
});
