// Builds the editor suite (test/vscode) into dist-test/: CommonJS that VS Code's extension host can
// load. `vscode` is provided by the host; `mocha` stays external so the test files and the runner in
// suite/index.js share one mocha instance (resolved from node_modules).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';

const suite = readdirSync('test/vscode/suite')
  .filter((f) => f.endsWith('.ts'))
  .map((f) => `test/vscode/suite/${f}`);

rmSync('dist-test', { recursive: true, force: true });
await esbuild.build({
  entryPoints: [...suite, 'test/vscode/run-desktop.ts'],
  outdir: 'dist-test/vscode',
  outbase: 'test/vscode',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha', '@vscode/test-electron'],
  logLevel: 'warning',
});
