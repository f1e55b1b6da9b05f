// Runs the editor suite (test/vscode/suite) in desktop VS Code through @vscode/test-electron: once on
// the pinned current version and once on the oldest version `engines.vscode` allows. For developers
// with internet access (it downloads VS Code into .vscode-test/); CI here runs the same suite inside
// code-server instead (test/e2e/run-suite.ts).
//
//   npm run test:vscode:desktop
//   VSCODE_EXECUTABLE=/path/to/code npm run test:vscode:desktop   # a local build, no download
//   VSCODE_VERSIONS=1.100.3 npm run test:vscode:desktop          # only these versions
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

/** The version the suite is pinned to (same VS Code as code-server 4.100.3) and the minimum engine. */
const PINNED = '1.100.3';
const MINIMUM = '1.91.0';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const extensionTestsPath = path.join(root, 'dist-test', 'vscode', 'suite', 'index.js');
  const executable = process.env.VSCODE_EXECUTABLE;
  const versions = executable ? ['local'] : (process.env.VSCODE_VERSIONS?.split(',') ?? [PINNED, MINIMUM]);
  for (const version of versions) {
    // A fresh copy of the fixture workspace for every run: the tests edit, save and change settings.
    const scratch = mkdtempSync(path.join(tmpdir(), 'secret-hints-vscode-'));
    const workspace = path.join(scratch, 'workspace');
    cpSync(path.join(root, 'test', 'vscode', 'workspace'), workspace, { recursive: true });
    console.log(`\n== VS Code ${version} (${workspace})`);
    const code = await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : { version }),
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        path.join(scratch, 'user-data'),
      ],
    });
    if (code !== 0) throw new Error(`the suite failed on VS Code ${version} (exit ${code})`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
