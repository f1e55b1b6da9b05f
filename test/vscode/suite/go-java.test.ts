// Go and Java in the real editor: the env read and the logged secret are flagged; the preferred quick fix
// swaps the read for the loader call and creates the loader file beside the code (a WorkspaceEdit with a
// create-file operation and an insert into the new file); the redaction fix; fix-all on save of a Go file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, codeActions, codeOf, openFile, ourDiagnostics, ourQuickFixes, readDisk, waitFor, workspaceUri } from './helpers';

const GO_READ_FIX = 'Read DB_PASSWORD from the mounted secret file (with secret_loader.go beside this file)';
const JAVA_READ_FIX = 'Read API_KEY from the mounted secret file (with SecretLoader.java beside this file)';
const REDACT_FIX = 'Redact secret in log call';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Applies a quick fix's edit the way the quick-fix menu does: as a refactoring, so a file it creates and
 * fills without opening it is saved (`files.refactoring.autoSave`, on by default).
 */
async function applyQuickFix(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `"${action.title}" carries its edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit, { isRefactoring: true }), `applying "${action.title}"`);
}

/** Our quick fix with exactly this title on the diagnostic's range. */
async function quickFix(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: string): Promise<vscode.CodeAction> {
  const fixes = ourQuickFixes(await codeActions(uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value));
  const fix = fixes.find((a) => a.title === title);
  assert.ok(fix, `"${title}" among the fixes: ${fixes.map((a) => a.title).join(' | ')}`);
  return fix;
}

/** The created file's text once it is on disk and filled (the create and the insert are two operations). */
function loaderOnDisk(uri: vscode.Uri, marker: string): Promise<string> {
  return waitFor(`${uri.path} on disk with "${marker}"`, async () => {
    if (!(await exists(uri))) return undefined;
    const text = await readDisk(uri);
    return text.includes(marker) ? text : undefined;
  });
}

describe('Go and Java', () => {
  before(activateExtension);
  after(closeAllEditors);

  it('Go: flags os.Getenv("DB_PASSWORD") and its log; the fixes call getSecret(), create secret_loader.go and redact the log', async () => {
    const { document: doc } = await openFile('go/main.go');
    assert.equal(doc.languageId, 'go');
    const loader = workspaceUri('go/secret_loader.go');
    assert.equal(await exists(loader), false, 'no loader before the fix');
    // The final form names the manifest's Secret once the workspace index is in (k8s/deployment.yaml).
    const read = await waitFor('secret-env-read on DB_PASSWORD, naming its Secret', () =>
      ourDiagnostics(doc.uri).find(
        (d) => codeOf(d) === 'secret-env-read' && doc.getText(d.range) === 'os.Getenv("DB_PASSWORD")' && d.message.includes('fed from Secret "payments-db"'),
      ),
    );
    assert.match(read.message, /^Secret DB_PASSWORD \(fed from Secret "payments-db"\) is read from the environment/);
    assert.equal(read.severity, vscode.DiagnosticSeverity.Warning);
    const logged = ourDiagnostics(doc.uri).find((d) => codeOf(d) === 'secret-logged');
    assert.ok(logged, 'secret-logged on the log call');
    assert.equal(doc.getText(logged.range), 'log.Printf("pw=%s", pw)');
    assert.match(logged.message, /^Secret DB_PASSWORD reaches log\.Printf\(\)/);
    assert.equal(logged.severity, vscode.DiagnosticSeverity.Error);
    // DB_HOST is no secret, and logging the password's length does not leak it.
    assert.equal(
      ourDiagnostics(doc.uri).length,
      2,
      ourDiagnostics(doc.uri)
        .map((d) => d.message)
        .join('\n'),
    );

    // The redaction first: an edit of this file only. The loader fix edits two files, so VS Code saves
    // both (files.refactoring.autoSave), and the workspace's fix-all on save would redact the log as well.
    const redact = await quickFix(doc.uri, logged, REDACT_FIX);
    assert.equal(redact.isPreferred, true);
    await applyQuickFix(redact);
    assert.doesNotMatch(doc.getText(), /log\.Printf\("pw=%s", pw\)/);
    assert.match(doc.getText(), /\tlog\.Printf\("pw=%s", "\[REDACTED\]"\)\n/);
    assert.match(doc.getText(), /_ = dsn\(host, pw\)/, 'pw keeps its other use');
    const rest = await waitFor('only the env read left', () => {
      const d = ourDiagnostics(doc.uri);
      return d.length === 1 && codeOf(d[0]) === 'secret-env-read' ? d[0] : undefined;
    });

    const fix = await quickFix(doc.uri, rest, GO_READ_FIX);
    assert.equal(fix.isPreferred, true);
    const fill = fix.edit?.get(loader) ?? [];
    assert.equal(fill.length, 1, 'one insert fills the created file');
    assert.match(fill[0].newText, /^package main\n/);
    await applyQuickFix(fix);

    const text = doc.getText();
    assert.match(text, /\tpw := getSecret\("DB_PASSWORD"\)\n/);
    assert.match(text, /\thost := os\.Getenv\("DB_HOST"\)\n/);
    assert.match(text, /\t"os"\n/, 'os is still imported (DB_HOST uses it)');
    const created = await loaderOnDisk(loader, 'func getSecret(');
    assert.match(created, /^package main\n/);
    await waitFor('no diagnostic left', () => ourDiagnostics(doc.uri).length === 0);
    // Both files were saved by the refactoring (files.refactoring.autoSave), the created one included.
    await waitFor('main.go saved', async () => !doc.isDirty && (await readDisk(doc.uri)) === text);
    assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.toString() === loader.toString())?.isDirty ?? false, false, 'the created file is saved');
  });

  it('Java: flags System.getenv("API_KEY"); the fix calls SecretLoader.get() and creates SecretLoader.java in the package', async () => {
    const { document: doc } = await openFile('java/src/main/java/com/example/App.java');
    assert.equal(doc.languageId, 'java');
    const loader = workspaceUri('java/src/main/java/com/example/SecretLoader.java');
    assert.equal(await exists(loader), false, 'no loader before the fix');
    const read = await waitFor('secret-env-read on API_KEY', () =>
      ourDiagnostics(doc.uri).find((d) => codeOf(d) === 'secret-env-read' && doc.getText(d.range) === 'System.getenv("API_KEY")'),
    );
    assert.match(read.message, /^Secret API_KEY is read from the environment/);
    assert.equal(read.severity, vscode.DiagnosticSeverity.Warning);
    // AWS_REGION is no secret; printing the key's length does not leak it.
    assert.equal(
      ourDiagnostics(doc.uri).length,
      1,
      ourDiagnostics(doc.uri)
        .map((d) => d.message)
        .join('\n'),
    );

    const fix = await quickFix(doc.uri, read, JAVA_READ_FIX);
    assert.equal(fix.isPreferred, true);
    await applyQuickFix(fix);

    const text = doc.getText();
    assert.match(text, /String k = SecretLoader\.get\("API_KEY"\);/);
    assert.match(text, /String region = System\.getenv\("AWS_REGION"\);/);
    const created = await loaderOnDisk(loader, 'final class SecretLoader');
    assert.match(created, /^package com\.example;\n/);
    assert.match(created, /static String get\(String name\)/);
    await waitFor('no diagnostic left', () => ourDiagnostics(doc.uri).length === 0);

    assert.ok(await doc.save());
    assert.equal(await readDisk(doc.uri), text);
  });

  it('Go: saving runs fix-all (editor.codeActionsOnSave): the log is redacted on disk, the read waits for the quick fix (no empty secret_loader.go)', async () => {
    const editor = await openFile('go/worker/main.go');
    const doc = editor.document;
    const loader = workspaceUri('go/worker/secret_loader.go');
    await waitFor('secret-env-read and secret-logged', () => {
      const codes = ourDiagnostics(doc.uri).map(codeOf);
      return codes.length === 2 && codes.includes('secret-env-read') && codes.includes('secret-logged');
    });
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(1, 0), '// reviewed\n')));
    await vscode.commands.executeCommand('workbench.action.files.save');
    const disk = await waitFor('the fixed file on disk', async () => {
      const t = await readDisk(doc.uri);
      return t.includes('// reviewed') && t.includes('log.Println("token", "[REDACTED]")') ? t : undefined;
    });
    // VS Code saves the document a save participant runs for, not a file its edit creates: fix-all
    // leaves the read (and its loader file) to the quick fix rather than write an empty file.
    assert.match(disk, /token := os\.Getenv\("QUEUE_TOKEN"\)/);
    assert.equal(await exists(loader), false);
    assert.equal(doc.isDirty, false);
    await waitFor('the read still flagged', () => ourDiagnostics(doc.uri).map(codeOf).join() === 'secret-env-read');
  });

  it('Go: in a package that has secret_loader.go, saving fixes the read too', async () => {
    const main = workspaceUri('go/on-save/main.go');
    const loader = workspaceUri('go/on-save/secret_loader.go');
    const own = 'package main\n\nfunc getSecret(name string) string { return name }\n';
    await vscode.workspace.fs.writeFile(loader, new TextEncoder().encode(own));
    const source =
      'package main\n\nimport (\n\t"log"\n\t"os"\n)\n\nfunc main() {\n\ttoken := os.Getenv("QUEUE_TOKEN")\n\tlog.Printf("token has %d characters", len(token))\n}\n';
    await vscode.workspace.fs.writeFile(main, new TextEncoder().encode(source));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(main), { preview: false });
    await waitFor('a finding', () => ourDiagnostics(main).length > 0);
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// reviewed\n')));
    await vscode.commands.executeCommand('workbench.action.files.save');
    const disk = await waitFor('the fixed file on disk', async () => {
      const t = await readDisk(main);
      return t.includes('token := getSecret("QUEUE_TOKEN")') ? t : undefined;
    });
    assert.doesNotMatch(disk, /"os"/, 'the os import, now unused, is gone');
    assert.equal(await readDisk(loader), own, 'the package keeps its own loader');
  });
});
