// The generated loaders, run for real: python3 for Python, node for JS and for TS after a transpile.
// Scenario: read the mounted file, keep serving the cached value while the mtime is unchanged, pick up a
// rotation (new content + mtime), strip exactly one trailing newline, fall back to the env var, then the default.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { jsLoader, pythonLoader } from '../../server/src/engine/code/loader/templates';
import { assertTranspiles, pythonExecutable } from '../support/code-analysis';
import { assertSameText } from '../support/snapshot';

const EXPECTED = ['v1', 'v1', 'v2', 'v3\n', 'from-env', 'the-default', null];

const PY_DRIVER = `
import json, os
d = os.environ["SECRETS_DIR"]
f = os.path.join(d, "DB_PASSWORD")
def write(text, mtime):
    with open(f, "w") as h:
        h.write(text)
    os.utime(f, (mtime, mtime))
out = []
write("v1\\n", 1000)
out.append(load_secret("DB_PASSWORD"))
write("XX\\n", 1000)  # same mtime: the cached value stays
out.append(load_secret("DB_PASSWORD"))
write("v2\\n", 2000)  # rotation
out.append(load_secret("DB_PASSWORD"))
write("v3\\n\\n", 3000)
out.append(load_secret("DB_PASSWORD"))
out.append(load_secret("API_TOKEN", "the-default"))
out.append(load_secret("MISSING", "the-default"))
out.append(load_secret("MISSING"))
print(json.dumps(out))
`;

const JS_DRIVER = `
const fs = require("node:fs");
const file = require("node:path").join(process.env.SECRETS_DIR, "DB_PASSWORD");
const write = (text, mtime) => { fs.writeFileSync(file, text); fs.utimesSync(file, mtime, mtime); };
const out = [];
write("v1\\n", 1000);
out.push(loadSecret("DB_PASSWORD"));
write("XX\\n", 1000);
out.push(loadSecret("DB_PASSWORD"));
write("v2\\n", 2000);
out.push(loadSecret("DB_PASSWORD"));
write("v3\\n\\n", 3000);
out.push(loadSecret("DB_PASSWORD"));
out.push(loadSecret("API_TOKEN", "the-default"));
out.push(loadSecret("MISSING", "the-default"));
out.push(loadSecret("MISSING") ?? null);
console.log(JSON.stringify(out));
`;

describe('generated secret loaders at run time', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'secret-hints-loader-'));
  const secretsDir = path.join(dir, 'secrets');
  after(() => rmSync(dir, { recursive: true, force: true }));
  const env: NodeJS.ProcessEnv = { ...process.env, SECRETS_DIR: secretsDir, API_TOKEN: 'from-env' };
  delete env.MISSING;
  mkdirSync(secretsDir);

  function run(command: string, script: string, file: string): unknown {
    const target = path.join(dir, file);
    writeFileSync(target, script);
    const r = spawnSync(command, [target], { env, encoding: 'utf8', timeout: 20_000 });
    assert.equal(
      r.status,
      0,
      `${command} exited with ${r.status}: ${r.stderr
        .split('\n')
        .filter((l) => /Error/.test(l))
        .join(' ')}`,
    );
    return JSON.parse(r.stdout.trim());
  }

  it('Python', () => {
    assert.deepEqual(run(pythonExecutable(), pythonLoader('/etc/secrets') + '\n' + PY_DRIVER, 'loader_test.py'), EXPECTED);
  });

  it("Python, reusing the file's own import of os", () => {
    assert.deepEqual(run(pythonExecutable(), 'import os as system\n' + pythonLoader('/etc/secrets', 'system') + '\n' + PY_DRIVER, 'loader_test.py'), EXPECTED);
  });

  it('JavaScript (CommonJS)', () => {
    const loader = jsLoader('/etc/secrets', { typescript: false, module: 'cjs', exported: false });
    assert.deepEqual(run(process.execPath, loader + '\n' + JS_DRIVER, 'loader-test.cjs'), EXPECTED);
  });

  it('JavaScript (ES module)', () => {
    const loader = jsLoader('/etc/secrets', { typescript: false, module: 'esm', exported: true });
    const driver = JS_DRIVER.replace('const fs = require("node:fs");', 'import * as fs from "node:fs";').replace(
      'require("node:path")',
      '(await import("node:path"))',
    );
    assert.deepEqual(run(process.execPath, loader + '\n' + driver, 'loader-test.mjs'), EXPECTED);
  });

  it('TypeScript, transpiled', () => {
    const loader = jsLoader('/etc/secrets', { typescript: true, module: 'esm', exported: true });
    const js = assertTranspiles('loader.ts', loader + '\n' + JS_DRIVER);
    assert.deepEqual(run(process.execPath, js, 'loader-test-ts.cjs'), EXPECTED);
  });

  it('the mount path setting is the default directory', () => {
    // The whole loader as the fix inserts it (code-env-read-fix builds its expected files from these).
    assertSameText(
      pythonLoader('/run/app-secrets'),
      [
        'import os as _os',
        '',
        '_SECRET_CACHE = {}',
        '',
        '',
        'def load_secret(name, default=None):',
        '    """Return secret `name` from the mounted secret file, else the env var, else `default`.',
        '',
        '    Files live in $SECRETS_DIR (default /run/app-secrets); one trailing newline is stripped, and the file is',
        '    re-read when its mtime changes, so a rotated Secret is picked up without a restart.',
        '    """',
        '    path = _os.path.join(_os.environ.get("SECRETS_DIR", "/run/app-secrets"), name)',
        '    try:',
        '        mtime = _os.stat(path).st_mtime_ns',
        '    except OSError:',
        '        return _os.environ.get(name, default)',
        '    cached = _SECRET_CACHE.get(path)',
        '    if cached is None or cached[0] != mtime:',
        '        with open(path, encoding="utf-8") as handle:',
        '            value = handle.read()',
        '        if value.endswith("\\r\\n"):',
        '            value = value[:-2]',
        '        elif value.endswith("\\n"):',
        '            value = value[:-1]',
        '        cached = (mtime, value)',
        '        _SECRET_CACHE[path] = cached',
        '    return cached[1]',
      ].join('\n'),
      'the Python loader',
    );
    assertSameText(
      jsLoader('/run/app-secrets', { typescript: true, module: 'esm', exported: false }),
      [
        'import { readFileSync as readSecretFile, statSync as statSecretFile } from "node:fs";',
        '',
        'const secretFileCache = new Map<string, { mtimeMs: number; value: string }>();',
        '',
        '/**',
        ' * Returns secret `name` from the mounted secret file, else the env var, else `fallback`.',
        ' * Files live in $SECRETS_DIR (default /run/app-secrets); one trailing newline is stripped, and the file is',
        ' * re-read when its mtime changes, so a rotated Secret is picked up without a restart.',
        ' */',
        'function loadSecret(name: string): string | undefined;',
        'function loadSecret(name: string, fallback: string): string;',
        'function loadSecret(name: string, fallback?: string): string | undefined {',
        '  const file = `${process.env.SECRETS_DIR ?? "/run/app-secrets"}/${name}`;',
        '  let mtimeMs: number;',
        '  try {',
        '    mtimeMs = statSecretFile(file).mtimeMs;',
        '  } catch {',
        '    return process.env[name] ?? fallback;',
        '  }',
        '  const cached = secretFileCache.get(file);',
        '  if (cached !== undefined && cached.mtimeMs === mtimeMs) return cached.value;',
        '  const value = readSecretFile(file, "utf8").replace(/\\r?\\n$/, "");',
        '  secretFileCache.set(file, { mtimeMs, value });',
        '  return value;',
        '}',
      ].join('\n'),
      'the TypeScript loader',
    );
  });

  it('plain JavaScript loaders: ESM imports node:fs, CommonJS requires it, neither has types', () => {
    assertSameText(
      jsLoader('/etc/secrets', { typescript: false, module: 'esm', exported: false }),
      [
        'import { readFileSync as readSecretFile, statSync as statSecretFile } from "node:fs";',
        '',
        'const secretFileCache = new Map();',
        '',
        '/**',
        ' * Returns secret `name` from the mounted secret file, else the env var, else `fallback`.',
        ' * Files live in $SECRETS_DIR (default /etc/secrets); one trailing newline is stripped, and the file is',
        ' * re-read when its mtime changes, so a rotated Secret is picked up without a restart.',
        ' */',
        'function loadSecret(name, fallback) {',
        '  const file = `${process.env.SECRETS_DIR ?? "/etc/secrets"}/${name}`;',
        '  let mtimeMs;',
        '  try {',
        '    mtimeMs = statSecretFile(file).mtimeMs;',
        '  } catch {',
        '    return process.env[name] ?? fallback;',
        '  }',
        '  const cached = secretFileCache.get(file);',
        '  if (cached !== undefined && cached.mtimeMs === mtimeMs) return cached.value;',
        '  const value = readSecretFile(file, "utf8").replace(/\\r?\\n$/, "");',
        '  secretFileCache.set(file, { mtimeMs, value });',
        '  return value;',
        '}',
      ].join('\n'),
      'the ESM loader',
    );
    assertSameText(
      jsLoader('/etc/secrets', { typescript: false, module: 'cjs', exported: false }),
      [
        'const { readFileSync: readSecretFile, statSync: statSecretFile } = require("node:fs");',
        '',
        'const secretFileCache = new Map();',
        '',
        '/**',
        ' * Returns secret `name` from the mounted secret file, else the env var, else `fallback`.',
        ' * Files live in $SECRETS_DIR (default /etc/secrets); one trailing newline is stripped, and the file is',
        ' * re-read when its mtime changes, so a rotated Secret is picked up without a restart.',
        ' */',
        'function loadSecret(name, fallback) {',
        '  const file = `${process.env.SECRETS_DIR ?? "/etc/secrets"}/${name}`;',
        '  let mtimeMs;',
        '  try {',
        '    mtimeMs = statSecretFile(file).mtimeMs;',
        '  } catch {',
        '    return process.env[name] ?? fallback;',
        '  }',
        '  const cached = secretFileCache.get(file);',
        '  if (cached !== undefined && cached.mtimeMs === mtimeMs) return cached.value;',
        '  const value = readSecretFile(file, "utf8").replace(/\\r?\\n$/, "");',
        '  secretFileCache.set(file, { mtimeMs, value });',
        '  return value;',
        '}',
      ].join('\n'),
      'the CommonJS loader',
    );
  });
});
