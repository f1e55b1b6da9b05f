// Go, Java and Spring config files through the bundled server over stdio: diagnostics, the quick fix
// that creates the loader file beside the code (not when the package has it already), fix-all with the
// file it needs, and the Spring configtree fix.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CreateFile, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { diagnosticsFor, fileUri, openDocument, startServer, type LspSession } from '../support/lsp-client';

const GO = `package main

import (
\t"log"
\t"os"
)

func main() {
\tpw := os.Getenv("DB_PASSWORD")
\tlog.Printf("connecting with %s", pw)
}
`;

const JAVA = `package com.example.app;

public class App {
    public static void main(String[] args) {
        String key = System.getenv("API_KEY");
        System.out.println("key " + key);
    }
}
`;

async function codeActions(session: LspSession, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  return session.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics, ...(only ? { only } : {}) },
  });
}

function creations(action: CodeAction): string[] {
  return (action.edit?.documentChanges ?? []).filter((c): c is CreateFile => 'kind' in c && c.kind === 'create').map((c) => c.uri);
}

function applyToDocument(text: string, uri: string, action: CodeAction): string {
  const mine = (action.edit?.documentChanges ?? []).filter((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri === uri);
  return TextDocument.applyEdits(
    TextDocument.create(uri, 'x', 1, text),
    mine.flatMap((c) => c.edits as TextEdit[]),
  );
}

describe('Go, Java and Spring config over LSP', () => {
  let session: LspSession;
  let dir: string;
  before(async () => {
    session = await startServer();
    dir = mkdtempSync(path.join(tmpdir(), 'secret-hints-lsp-go-java-'));
  });
  after(async () => {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Go: diagnostics for the read and the logged secret; the fix replaces the call and creates secret_loader.go', async () => {
    const uri = fileUri(path.join(dir, 'go', 'main.go'));
    const diagnostics = await openDocument(session, uri, GO, 'go');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [
        ['secret-env-read', 8, 7],
        ['secret-logged', 9, 1],
      ],
    );
    const read = diagnostics.filter((d) => d.code === 'secret-env-read');
    const fix = (await codeActions(session, uri, read)).find((a) => a.isPreferred);
    assert.ok(fix, 'a preferred fix');
    assert.match(fix.title, /secret_loader\.go/);
    assert.deepEqual(creations(fix), [fileUri(path.join(dir, 'go', 'secret_loader.go'))]);
    const created = (fix.edit?.documentChanges ?? []).find(
      (c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri.endsWith('/secret_loader.go'),
    );
    assert.match((created?.edits[0] as TextEdit).newText, /^package main\n/);
    assert.match(applyToDocument(GO, uri, fix), /pw := getSecret\("DB_PASSWORD"\)/);
  });

  it('Go: a package that has secret_loader.go already keeps it (no create, no second copy)', async () => {
    const folder = path.join(dir, 'go-existing');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'secret_loader.go'), 'package main\n');
    const uri = fileUri(path.join(folder, 'main.go'));
    const diagnostics = await openDocument(session, uri, GO, 'go');
    const fix = (
      await codeActions(
        session,
        uri,
        diagnostics.filter((d) => d.code === 'secret-env-read'),
      )
    ).find((a) => a.isPreferred);
    assert.ok(fix);
    assert.deepEqual(creations(fix), []);
    assert.equal((fix.edit?.documentChanges ?? []).length, 1, 'only the edit of main.go');
  });

  it('Java: fix-all redacts the print and leaves the read to the quick fix while SecretLoader.java is missing; with it, fixes the read too', async () => {
    const uri = fileUri(path.join(dir, 'java', 'App.java'));
    const diagnostics = await openDocument(session, uri, JAVA, 'java');
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['secret-env-read', 'secret-logged'],
    );
    const fixAllOf = async (u: string, d: Diagnostic[]) =>
      (await codeActions(session, u, d, ['source.fixAll.secretHints'])).find((a) => a.kind === 'source.fixAll.secretHints');
    const all = await fixAllOf(uri, diagnostics);
    assert.ok(all, 'a fix-all action');
    // A save participant's edit to a file it creates is not saved by VS Code: no creation in fix-all.
    assert.deepEqual(creations(all), []);
    const fixed = applyToDocument(JAVA, uri, all);
    assert.match(fixed, /String key = System\.getenv\("API_KEY"\);/);
    assert.match(fixed, /System\.out\.println\("key " \+ "\[REDACTED\]"\);/);

    const folder = path.join(dir, 'java-with-loader');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'SecretLoader.java'), 'package com.example.app;\n\nfinal class SecretLoader {}\n');
    const withLoader = fileUri(path.join(folder, 'App.java'));
    const all2 = await fixAllOf(withLoader, await openDocument(session, withLoader, JAVA, 'java'));
    assert.ok(all2);
    assert.deepEqual(creations(all2), []);
    const fixed2 = applyToDocument(JAVA, withLoader, all2);
    assert.match(fixed2, /String key = SecretLoader\.get\("API_KEY"\);/);
    await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri: withLoader, version: 2 }, contentChanges: [{ text: fixed2 }] });
    assert.deepEqual(await diagnosticsFor(session, withLoader, 2), []);
  });

  it('Spring: application.properties placeholders are diagnosed and fixed by the configtree import', async () => {
    const uri = fileUri(path.join(dir, 'resources', 'application.properties'));
    const text = 'server.port=${PORT:8080}\nspring.datasource.password=${DB_PASSWORD}\n';
    const diagnostics = await openDocument(session, uri, text, 'properties');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]),
      [['secret-env-read', 1, 27, 41]],
    );
    const fix = (await codeActions(session, uri, diagnostics)).find((a) => a.isPreferred);
    assert.ok(fix);
    assert.equal(applyToDocument(text, uri, fix), `${text}spring.config.import=optional:configtree:/etc/secrets/\n`);
  });
});
