// A large manifest's first diagnostics come in two steps over LSP: a provisional set without a version
// (the leading documents, engine/k8s/preview.ts), then the complete set with the document's version.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { manifest } from '../../bench/generate';
import { fileUri, REPO_ROOT, startServer, waitFor, type LspSession } from '../support/lsp-client';

describe('provisional diagnostics for large manifests', () => {
  let session: LspSession;
  const published = new Map<string, PublishDiagnosticsParams[]>();
  before(async () => {
    session = await startServer();
    session.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      published.set(p.uri, [...(published.get(p.uri) ?? []), p]);
      session.diagnostics.set(p.uri, p);
    });
  });
  after(async () => {
    await session.close();
  });

  async function open(uri: string, text: string): Promise<PublishDiagnosticsParams[]> {
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return waitFor(
      () => {
        const all = published.get(uri) ?? [];
        return all.some((p) => p.version === 1) ? all : undefined;
      },
      `complete diagnostics for ${uri}`,
      30_000,
    );
  }

  it('publishes a subset of the complete set first, without a version, then the complete set', async () => {
    const publishes = await open(fileUri('/tmp/secret-hints-preview/big.yaml'), manifest(10_000, 5));
    const complete = publishes[publishes.length - 1];
    const provisional = publishes.slice(0, -1);
    assert.equal(provisional.length, 1, 'one provisional publish before the complete one');
    assert.equal(provisional[0].version, undefined);
    const preview = provisional[0].diagnostics;
    assert.ok(preview.length > 0 && preview.length < complete.diagnostics.length, `${preview.length} of ${complete.diagnostics.length}`);
    const full = new Set(complete.diagnostics.map((d) => JSON.stringify(d)));
    assert.ok(
      preview.every((d) => full.has(JSON.stringify(d))),
      'every provisional diagnostic is in the complete set, identical',
    );
  });

  it('publishes small manifests once, with their version', async () => {
    const shop = readFileSync(path.join(REPO_ROOT, 'examples', 'k8s', 'shop.yaml'), 'utf8');
    const publishes = await open(fileUri('/tmp/secret-hints-preview/shop.yaml'), shop);
    assert.deepEqual(
      publishes.map((p) => p.version),
      [1],
    );
    assert.ok(publishes[0].diagnostics.length > 0);
  });
});
