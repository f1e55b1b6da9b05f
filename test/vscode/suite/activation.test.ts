import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openFile, ourDiagnostics, waitFor } from './helpers';

describe('activation', () => {
  after(closeAllEditors);

  it('activates and registers its commands', async () => {
    const ext = await activateExtension();
    assert.equal(ext.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('secretHints.restartServer'));
    assert.ok(commands.includes('secretHints.showOutput'));
  });

  it('runs where it is hosted: desktop, or the web workbench with a remote extension host', () => {
    // The same suite runs in desktop VS Code and in code-server; assert only what holds in both.
    if (vscode.env.uiKind === vscode.UIKind.Web) assert.ok(vscode.env.remoteName, 'a web workbench runs the extension remotely');
    assert.equal(vscode.workspace.workspaceFolders?.length, 1);
  });

  it('restarting the server keeps diagnostics coming', async () => {
    await activateExtension();
    const editor = await openFile('k8s/deployment.yaml');
    const uri = editor.document.uri;
    await waitFor('diagnostics before the restart', () => ourDiagnostics(uri).length === 2);
    await vscode.commands.executeCommand('secretHints.restartServer');
    // After a restart the server re-publishes for open documents; an edit proves it analyses again.
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# restarted\n'));
    await waitFor('diagnostics after the restart, on the edited text', () => {
      const diags = ourDiagnostics(uri);
      return diags.length === 2 && diags.every((d) => editor.document.getText(d.range) === 'secretKeyRef');
    });
    await vscode.commands.executeCommand('undo');
  });
});
