import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../../../server/src/lsp/protocol';
import { activateExtension, closeAllEditors, openFile, ourDiagnostics, waitFor } from './helpers';

/** The extension host's child processes running our server bundle: their arguments and environment (Linux /proc). */
function serverProcesses(): { args: string[]; env: string[] }[] {
  const found: { args: string[]; env: string[] }[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (ppid !== process.pid || !args.some((a) => a.endsWith('server.js'))) continue;
      found.push({ args, env: readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0') });
    } catch {
      // The process ended while we read it.
    }
  }
  return found;
}

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

  it('starts the server with the Node flags and environment the benchmark measures (protocol.ts)', async () => {
    if (process.platform !== 'linux') return; // reads /proc; CI and the benchmark run on Linux
    await activateExtension();
    const servers = await waitFor('the server process', () => {
      const found = serverProcesses();
      return found.length > 0 ? found : undefined;
    });
    for (const { args, env } of servers) {
      for (const flag of SERVER_NODE_FLAGS) assert.ok(args.includes(flag), `${flag} in ${args.join(' ')}`);
      for (const [name, value] of Object.entries(SERVER_ENV)) assert.ok(env.includes(`${name}=${value}`), `${name}=${value} in the server's environment`);
    }
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
