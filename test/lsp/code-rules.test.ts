// Code files through the bundled server over stdio: diagnostics with exact positions, hover, quick
// fixes (incl. the create-file variant), fix-all, and re-analysis after the edit is applied.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { diagnosticsFor, fileUri, openDocument, startServer, type LspSession } from '../support/lsp-client';
import { assertCompiles } from '../support/code-analysis';

const PY = `import os
import logging

log = logging.getLogger(__name__)
DB_PASSWORD = os.environ["DB_PASSWORD"]
log.info("connecting with %s", DB_PASSWORD)
print(os.environ)
`;

const TS = `import express from "express";

const { API_KEY, PORT } = process.env;
console.log(\`key=\${API_KEY} port=\${PORT}\`);
`;

async function codeActions(session: LspSession, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  return session.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics, ...(only ? { only } : {}) },
  });
}

/** Applies an action's edit to this document's text (the other documentChanges are returned). */
function applyToDocument(text: string, uri: string, action: CodeAction): { text: string; others: unknown[] } {
  const changes = action.edit?.documentChanges ?? [];
  const mine = changes.filter((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri === uri);
  const doc = TextDocument.create(uri, 'x', 1, text);
  const edits = mine.flatMap((c) => c.edits as TextEdit[]);
  return { text: TextDocument.applyEdits(doc, edits), others: changes.filter((c) => !mine.includes(c as TextDocumentEdit)) };
}

async function changeTo(session: LspSession, uri: string, version: number, text: string): Promise<Diagnostic[]> {
  await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  return diagnosticsFor(session, uri, version);
}

describe('code rules over LSP', () => {
  let session: LspSession;
  before(async () => {
    session = await startServer();
  });
  after(async () => {
    await session.close();
  });

  it('Python: exact diagnostics for the env read, the logged secret and the dump', async () => {
    const uri = fileUri('/tmp/secret-hints-lsp/code/svc.py');
    const diagnostics = await openDocument(session, uri, PY, 'python');
    const summary = diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character, d.severity]);
    assert.deepEqual(summary, [
      ['secret-env-read', 4, 14, 39, 2],
      ['secret-logged', 5, 0, 43, 1],
      ['env-dumped', 6, 0, 17, 1],
    ]);
    assert.ok(diagnostics.every((d) => d.source === 'secret-hints' && /docs\/rules\/.+\.md$/.test(d.codeDescription?.href ?? '')));
  });

  it('hover on a code finding shows the rule explanation', async () => {
    const uri = fileUri('/tmp/secret-hints-lsp/code/hover.py');
    await openDocument(session, uri, PY, 'python');
    const hover = await session.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 6, character: 3 },
    });
    assert.ok(hover);
    assert.match(hover.contents.value, /docs\/rules\/env-dumped\.md/);
  });

  it('Python: the loader quick fix applies, compiles and clears the finding', async () => {
    const uri = fileUri('/tmp/secret-hints-lsp/code/fix.py');
    const diagnostics = await openDocument(session, uri, PY, 'python');
    const read = diagnostics.filter((d) => d.code === 'secret-env-read');
    // The fixes (isPreferred set); the editor's ignore/documentation actions follow them.
    const actions = (await codeActions(session, uri, read)).filter((a) => a.isPreferred !== undefined);
    assert.deepEqual(
      actions.map((a) => a.isPreferred === true),
      [true, false],
    );
    const { text } = applyToDocument(PY, uri, actions[0]);
    assertCompiles('fix.py', text);
    const after = await changeTo(session, uri, 2, text);
    assert.deepEqual(
      after.map((d) => d.code),
      ['secret-logged', 'env-dumped'],
    );
  });

  it('the shared-loader variant creates secret_loader.py next to the file', async () => {
    const uri = fileUri('/tmp/secret-hints-lsp/code/shared.py');
    const diagnostics = await openDocument(session, uri, PY, 'python');
    const actions = await codeActions(
      session,
      uri,
      diagnostics.filter((d) => d.code === 'secret-env-read'),
    );
    const shared = actions.find((a) => a.isPreferred === false);
    const changes = shared?.edit?.documentChanges ?? [];
    const created = changes.find((c) => 'kind' in c && c.kind === 'create') as { uri: string; options?: { ignoreIfExists?: boolean } } | undefined;
    assert.equal(created?.uri, fileUri('/tmp/secret-hints-lsp/code/secret_loader.py'));
    assert.equal(created?.options?.ignoreIfExists, true);
    const { text } = applyToDocument(PY, uri, shared!);
    assert.ok(text.includes('from secret_loader import load_secret\n'));
  });

  it('TypeScript: fix-all rewrites reads and logs; the result transpiles and re-analyses clean', async () => {
    const uri = fileUri('/tmp/secret-hints-lsp/code/server.ts');
    const diagnostics = await openDocument(session, uri, TS, 'typescript');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [
        ['secret-env-read', 2, 8],
        ['secret-logged', 3, 0],
      ],
    );
    const [fixAll] = await codeActions(session, uri, [], ['source.fixAll']);
    assert.ok(fixAll, 'a fix-all action');
    const { text } = applyToDocument(TS, uri, fixAll);
    assertCompiles('server.ts', text);
    assert.deepEqual(await changeTo(session, uri, 2, text), []);
  });

  it('pydantic settings: the field is flagged, and the secrets_dir quick fix clears it', async () => {
    const uri = fileUri('/tmp/secret-hints-lsp/code/config.py');
    const text = 'from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    jwt_secret: str\n    region: str = "eu"\n';
    const diagnostics = await openDocument(session, uri, text, 'python');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line, d.message]),
      [['secret-env-read', 4, 'Secret JWT_SECRET is read from the environment through pydantic-settings; read it from the mounted secret file instead.']],
    );
    const [fix] = (await codeActions(session, uri, diagnostics)).filter((a) => a.isPreferred === true);
    assert.match(fix.title, /secrets_dir, pydantic-settings ≥ 2/);
    const fixed = applyToDocument(text, uri, fix).text;
    assertCompiles('config.py', fixed);
    assert.deepEqual(await changeTo(session, uri, 2, fixed), []);
  });

  it('a secret under NEXT_PUBLIC_ is an error with no quick fix', async () => {
    const uri = fileUri('/tmp/secret-hints-lsp/code/page.tsx');
    const diagnostics = await openDocument(session, uri, 'export const key = process.env.NEXT_PUBLIC_OPENAI_API_KEY;\n', 'typescriptreact');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity]),
      [['secret-public-env', 1]],
    );
    assert.deepEqual(
      (await codeActions(session, uri, diagnostics)).filter((a) => a.isPreferred !== undefined),
      [],
    );
  });

  it('a JavaScript React file by language id', async () => {
    const uri = fileUri('/tmp/secret-hints-lsp/code/App.jsx');
    const diagnostics = await openDocument(session, uri, 'export const App = () => <p>{process.env.AUTH_TOKEN}</p>;\n', 'javascriptreact');
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['secret-env-read'],
    );
  });
});
