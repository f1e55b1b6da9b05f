// No network, no execution of workspace code, no file reading in the language server: our sources
// import none of the modules that could, and the shipped bundles require only the modules listed
// here, each with the reason it is there. A new need goes into these lists with its justification.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');

/** Modules that reach the network, run programs or code, or escape the process. */
const DANGEROUS = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'child_process', 'cluster', 'worker_threads', 'vm', 'inspector'];

/** Source files allowed to use the file system, and why. Everything else under server/src gets its text from the client. */
const FS_ALLOWED: Record<string, string> = {
  'server/src/read-text.ts':
    'reads files as UTF-8 text (invalid UTF-8 is not text) for the CLI, the workspace scan and index, and the combined fix (a workspace code file it edits)',
  'server/src/walk.ts': 'walks the folders the CLI user names, or the workspace folders (never following symlinks out)',
  'server/src/cli/fix-file.ts': 'the CLI writes --fix results atomically, and the --output report',
  'server/src/lsp/folder-scan.ts': 'the explicit "scan workspace" command reads files inside the workspace folders',
  'server/src/cli/index-manifests.ts': 'the CLI indexes the manifests among the files the user names',
  'server/src/lsp/folder-indexer.ts': 'indexes the manifests inside the workspace folders (cross-file findings)',
  'server/src/engine/code/parsers.ts': "locates the tree-sitter .wasm grammars shipped beside the bundle (the extension's own files)",
  'server/src/lsp/rule-doc-command.ts': "checks that a rule page exists in the extension's own install folder",
};

/** What each bundle may require at run time, and why; anything else (http, https, dgram…) fails. */
const BUNDLE_ALLOWED: Record<string, Record<string, string>> = {
  'dist/server.js': {
    net: 'vscode-jsonrpc pipe/socket transports, used only when the client starts the server with --pipe/--socket',
    child_process: 'vscode-languageserver Files helpers (global module lookup); never called by our code (checked below)',
    fs: 'vscode-languageserver/vscode-jsonrpc internals (pipe transport, Files helpers)',
    'node:fs': 'our own file access, only in the files of FS_ALLOWED',
    'node:module': 'createRequire to locate the tree-sitter grammars shipped with the extension',
    'node:crypto': 'hashes workspace index fingerprints',
    os: 'vscode-jsonrpc pipe names',
    crypto: 'vscode-jsonrpc random pipe names',
    path: 'path arithmetic',
    'node:path': 'path arithmetic',
    url: 'URI parsing',
    'node:url': 'URI parsing',
    util: 'text encoding',
    'node:util': 'text encoding',
    process: 'process.env for the version string',
    buffer: 'byte buffers',
  },
  'dist/cli.js': {
    'node:fs': 'reads the named files, writes --fix results',
    'node:path': 'path arithmetic',
    'node:url': 'URI parsing',
    'node:crypto': 'unpredictable temp-file names for --fix',
    'node:module': 'createRequire to locate the tree-sitter grammars shipped with the tool',
    'node:util': 'util.parseArgs reads the command line',
    fs: 'the tree-sitter wasm loader reads its own .wasm files',
    path: 'the tree-sitter wasm loader locates its own .wasm files',
    url: 'the tree-sitter wasm loader locates its own .wasm files',
    process: 'argv, exit code, output streams',
    buffer: 'byte buffers',
  },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ts$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

/** Module names imported at statement level (not inside strings, e.g. the generated loader's code). */
function importsOf(text: string): string[] {
  const statement =
    /^\s*(?:import\s[^'"]*?from\s+|import\s+|export\s[^'"]*?from\s+|(?:const|let|var)\s[^=]*=\s*(?:await\s+)?(?:require|import)\s*\(\s*)['"]([^'"]+)['"]/gm;
  const specs = [...text.matchAll(statement)].map((m) => m[1]);
  return specs.map((s) => s.replace(/^node:/, ''));
}

describe('no network, no code execution, no stray file access', () => {
  const sources = [...sourceFiles('server/src'), ...sourceFiles('client/src')];

  it('finds the sources it checks', () => {
    assert.ok(sources.includes('server/src/server.ts') && sources.includes('client/src/extension.ts'));
  });

  it('no source imports a network, process or code-execution module', () => {
    const offenders = sources.flatMap((f) =>
      importsOf(readFileSync(path.join(ROOT, f), 'utf8'))
        .filter((m) => DANGEROUS.includes(m))
        .map((m) => `${f}: ${m}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('no source evaluates code: no eval, new Function, or import/require of a computed name', () => {
    const pattern = /\beval\s*\(|\bnew\s+Function\s*\(|\bimport\s*\(\s*[^'"\s]|\brequire\s*\(\s*[^'"\s)]/;
    assert.deepEqual(
      sources.filter((f) => pattern.test(readFileSync(path.join(ROOT, f), 'utf8'))),
      [],
    );
  });

  it('only the CLI touches the file system; the server analyses the text the client sends', () => {
    const offenders = sources.filter(
      (f) =>
        f.startsWith('server/src/') && !(f in FS_ALLOWED) && importsOf(readFileSync(path.join(ROOT, f), 'utf8')).some((m) => m === 'fs' || m === 'fs/promises'),
    );
    assert.deepEqual(offenders, [], 'add a justified entry to FS_ALLOWED if a file truly needs fs');
  });

  it('our code never calls the language server library helpers that spawn processes', () => {
    const pattern = /\bFiles\.(resolve|resolveGlobalNodePath|resolveGlobalYarnPath|resolveModulePath)\b/;
    assert.deepEqual(
      sources.filter((f) => pattern.test(readFileSync(path.join(ROOT, f), 'utf8'))),
      [],
    );
  });

  for (const [bundle, allowed] of Object.entries(BUNDLE_ALLOWED)) {
    it(`${bundle} requires only justified modules`, () => {
      const file = path.join(ROOT, bundle);
      assert.ok(existsSync(file), `${bundle} missing: run npm run build`);
      // Relative names cannot be real requires in a bundle: they are text the code fixes generate.
      const required = new Set([...readFileSync(file, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]).filter((m) => !m.startsWith('.')));
      assert.deepEqual([...required].filter((m) => !(m in allowed)).sort(), []);
      assert.deepEqual(
        [...required].filter((m) => ['http', 'https', 'http2', 'tls', 'dgram', 'dns'].includes(m.replace(/^node:/, ''))),
        [],
      );
    });
  }
});
