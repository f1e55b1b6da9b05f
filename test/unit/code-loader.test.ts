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
    assert.ok(pythonLoader('/run/app-secrets').includes('"SECRETS_DIR", "/run/app-secrets"'));
    assert.ok(jsLoader('/run/app-secrets', { typescript: true, module: 'esm', exported: false }).includes('process.env.SECRETS_DIR ?? "/run/app-secrets"'));
  });
});
