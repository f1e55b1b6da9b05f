// Bundles the client, the server and the CLI with esbuild (CommonJS: tree-sitter's wasm loader needs it).
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * `yaml` reads `process.env.LOG_TOKENS` for every token it parses (and LOG_STREAM per document), debug
 * switches of its own: a process.env read is a call into C++, about 9 % of a cold 10,000-line parse.
 * The bundles read them as false. The build fails if the text is not there any more (a new `yaml`).
 */
const yamlDebugSwitches = {
  name: 'yaml-debug-switches-off',
  setup(build) {
    build.onLoad({ filter: /[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const contents = source.replace(/\bnode_process\.env\.LOG_(TOKENS|STREAM)\b/g, 'false');
      if (contents === source) throw new Error(`${args.path}: yaml's debug switch (process.env.LOG_TOKENS / LOG_STREAM) not found`);
      return { contents, loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  plugins: [yamlDebugSwitches],
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

mkdirSync('dist', { recursive: true });
// The tree-sitter runtime and the grammars the engine parses code with, beside the bundles that load
// them (parsers.ts looks next to __dirname first). The VSIX allowlist ships dist/*.wasm.
const treeSitterDir = path.dirname(createRequire(import.meta.url).resolve('@vscode/tree-sitter-wasm'));
for (const wasm of [
  'tree-sitter.wasm',
  'tree-sitter-python.wasm',
  'tree-sitter-typescript.wasm',
  'tree-sitter-tsx.wasm',
  'tree-sitter-javascript.wasm',
  'tree-sitter-go.wasm',
  'tree-sitter-java.wasm',
]) {
  copyFileSync(path.join(treeSitterDir, wasm), path.join('dist', wasm));
}
if (watch) {
  // logLevel info prints "[watch] build started/finished", which the VS Code watch task waits for.
  for (const b of builds) {
    const ctx = await esbuild.context({ ...common, ...b, logLevel: 'info' });
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
  chmodSync('dist/cli.js', 0o755);
}
