// The manifest rules through the bundled server: one realistic multi-document manifest (the shop
// example) yields each rule at its DESIGN §4 start node, with hover text and a doc page; a Helm
// template and the ignore annotation behave the same over LSP as in the engine.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, openDocument, REPO_ROOT, startServer, type LspSession } from '../support/lsp-client';
import { readFixture } from '../support/fixtures';

const SHOP = readFileSync(path.join(REPO_ROOT, 'examples', 'k8s', 'shop.yaml'), 'utf8');

function textAt(text: string, d: Diagnostic): string {
  const lines = text.split('\n');
  const { start, end } = d.range;
  assert.equal(start.line, end.line, 'single-line range');
  return lines[start.line].slice(start.character, end.character);
}

describe('manifest rules over LSP', () => {
  let session: LspSession;
  before(async () => {
    session = await startServer();
  });
  after(async () => {
    await session.close();
  });

  it('publishes every rule of the shop example at its start node, with severity and doc page', async () => {
    const diagnostics = await openDocument(session, fileUri('/tmp/secret-hints-lsp/k8s/shop.yaml'), SHOP);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, textAt(SHOP, d), d.severity]),
      [
        ['k8s-secret-env-ref', 'secretKeyRef', 2],
        ['k8s-secret-env-ref', 'secretKeyRef', 2],
        ['k8s-secret-env-from', 'secretRef', 2],
        ['k8s-secret-env-literal', '"guest-but-in-production"', 1],
        ['k8s-secret-mount-subpath', 'subPath', 2],
        ['k8s-secret-mount-mode', '0644', 3],
      ],
    );
    for (const d of diagnostics) {
      const doc = fileURLToPath(d.codeDescription?.href ?? 'file:///missing');
      assert.equal(existsSync(doc), true, `doc page for ${String(d.code)} exists`);
      assert.equal(JSON.stringify(d).includes('guest-but-in-production'), false, 'no value in any diagnostic');
    }
  });

  it('hovers each finding with what the fix changes and that the application must read the file', async () => {
    const uri = fileUri('/tmp/secret-hints-lsp/k8s/shop-hover.yaml');
    const diagnostics = await openDocument(session, uri, SHOP);
    for (const d of diagnostics) {
      const hover = await session.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
        textDocument: { uri },
        position: d.range.start,
      });
      assert.ok(hover, `hover for ${String(d.code)}`);
      assert.match(hover.contents.value, new RegExp(`docs/rules/${String(d.code)}\\.md`));
      assert.match(hover.contents.value, /secret-env-read/);
      assert.match(hover.contents.value, /read/);
    }
  });

  it('analyses a Helm template (languageId helm) without parse problems', async () => {
    const chart = readFixture('k8s', 'chart', 'templates', 'deployment.yaml');
    const diagnostics = await openDocument(session, fileUri('/tmp/secret-hints-lsp/chart/templates/deployment.yaml'), chart, 'helm');
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['k8s-secret-env-ref', 'k8s-secret-env-from', 'k8s-secret-env-ref'],
    );
  });

  it('honours the secret-hints/ignore annotation', async () => {
    const text = readFixture('k8s', 'annotations.yaml');
    const diagnostics = await openDocument(session, fileUri('/tmp/secret-hints-lsp/k8s/annotations.yaml'), text);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['k8s-secret-env-literal', 'k8s-secret-env-ref'],
    );
  });
});
