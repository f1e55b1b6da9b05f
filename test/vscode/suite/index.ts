// Entry point of the editor suite: VS Code's extension host loads this module (extensionTestsPath)
// and awaits run(). The same suite runs in desktop VS Code (run-desktop.ts) and in code-server's
// extension host (test/e2e/run-suite.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    // Waits inside tests poll with their own deadlines; this only catches a hang.
    timeout: 120_000,
    color: false,
    reporter: 'spec',
    grep: process.env.SECRET_HINTS_TEST_GREP,
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  const stats = await new Promise<Mocha.Stats>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve(runner.stats ?? ({ passes: 0, failures: 1, pending: 0 } as Mocha.Stats)));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
  // A plain closing line that CI logs and humans read the same way.
  console.log(`vscode-suite: ${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped`);
  if (stats.failures > 0) throw new Error(`${stats.failures} editor test(s) failed.`);
  if (stats.passes === 0) throw new Error('The editor suite ran no test.');
}
