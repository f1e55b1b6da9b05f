// The contributor loop's F5 (issue #18): "Launch Extension + Attach to Server" in .vscode/launch.json.
// What can be checked without a desktop VS Code: the configurations hang together (the pre-launch task
// exists, the attach port is the one the client's debug mode opens, the bundles they load are built),
// and the server started with the client's debug options really is attachable — its inspector answers
// and lists the server script. The extension host itself is exercised by the code-server suite.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SERVER_NODE_FLAGS } from '../../server/src/lsp/protocol';
import { REPO_ROOT, SERVER_JS } from '../support/lsp-client';

/** JSON with comments, as VS Code reads .vscode files (no comment markers inside their strings here). */
function readJsonc(file: string): unknown {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8').replace(/^\s*\/\/.*$/gm, ''));
}

interface Launch {
  configurations: { name: string; type: string; request: string; port?: number; preLaunchTask?: string; args?: string[] }[];
  compounds: { name: string; configurations: string[] }[];
}

/** The client's debug-mode server options: `--inspect=<port>` in client/src/extension.ts. */
function clientInspectPort(): number {
  const m = /'--inspect=(\d+)'/.exec(readFileSync(path.join(REPO_ROOT, 'client', 'src', 'extension.ts'), 'utf8'));
  assert.ok(m, 'client/src/extension.ts starts the server with --inspect=<port> in debug mode');
  return Number(m[1]);
}

function fetchJson(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
}

describe('F5: Launch Extension + Attach to Server', () => {
  it('the compound, its pre-launch task, the attach port and the bundles agree', () => {
    const launch = readJsonc('.vscode/launch.json') as Launch;
    const tasks = readJsonc('.vscode/tasks.json') as { tasks: { label: string }[] };
    const compound = launch.compounds.find((c) => c.name === 'Launch Extension + Attach to Server');
    assert.deepEqual(compound?.configurations, ['Launch Extension', 'Attach to Server']);
    const host = launch.configurations.find((c) => c.name === 'Launch Extension');
    const attach = launch.configurations.find((c) => c.name === 'Attach to Server');
    assert.equal(host?.type, 'extensionHost');
    assert.ok(host?.args?.includes('--extensionDevelopmentPath=${workspaceFolder}'));
    assert.ok(
      tasks.tasks.some((t) => t.label === host?.preLaunchTask),
      `task "${host?.preLaunchTask}" exists`,
    );
    assert.equal(attach?.type, 'node');
    assert.equal(attach?.request, 'attach');
    assert.equal(attach?.port, clientInspectPort());
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string };
    for (const bundle of [manifest.main, './dist/server.js']) assert.ok(existsSync(path.join(REPO_ROOT, bundle)), `${bundle} is built`);
  });

  it("the server started with the client's debug options is attachable", { timeout: 30_000 }, async () => {
    // The client's flags with the inspector on a free port (6010 itself may be taken on a CI machine).
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=127.0.0.1:0', SERVER_JS, '--stdio'], { stdio: 'pipe' });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let err = '';
        child.stderr.on('data', (d: Buffer) => {
          err += d.toString();
          const m = /Debugger listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(err);
          if (m) resolve(Number(m[1]));
        });
        child.on('exit', (code) => reject(new Error(`the server exited (${code}) before its inspector listened: ${err}`)));
      });
      const targets = (await fetchJson(`http://127.0.0.1:${port}/json/list`)) as { type: string; url: string }[];
      assert.ok(
        targets.some((t) => t.type === 'node' && t.url.endsWith('server.js')),
        `inspector targets: ${JSON.stringify(targets.map((t) => t.url))}`,
      );
    } finally {
      child.kill();
    }
  });
});
