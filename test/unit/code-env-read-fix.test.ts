// The "Read NAME from the mounted secret file" fixes: replacement, loader placement per language and
// module system, reuse, the shared-module variant; every result compiles and re-analyses clean.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeCode, applyFix, assertCompiles, fixAllText, fixOnly, flagged, prepareCodeGrammars } from '../support/code-analysis';

const RULE = 'secret-env-read';

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** Fixes the only finding, checks the result compiles and no longer has the finding. */
function fixAndCheck(file: string, text: string): string {
  const fixed = fixOnly(file, text, RULE);
  assertCompiles(file, fixed);
  assert.deepEqual(flagged(file, fixed, RULE), []);
  return fixed;
}

describe('secret-env-read fix: Python', () => {
  before(prepareCodeGrammars);

  it('inserts the loader after shebang, docstring, __future__ and imports, and calls it', () => {
    const text =
      '#!/usr/bin/env python3\n"""Service."""\nfrom __future__ import annotations\n\nimport os\nimport logging\n\nlog = logging.getLogger(__name__)\nPW = os.environ["DB_PASSWORD"]\n';
    const fixed = fixAndCheck('svc.py', text);
    assert.ok(fixed.startsWith('#!/usr/bin/env python3\n"""Service."""\nfrom __future__ import annotations\n'));
    assert.ok(fixed.indexOf('def load_secret') > fixed.indexOf('import logging'));
    assert.ok(fixed.indexOf('def load_secret') < fixed.indexOf('log = logging.getLogger'));
    assert.ok(fixed.includes('PW = load_secret("DB_PASSWORD")\n'));
  });

  it('carries the default over, positional or keyword', () => {
    assert.ok(fixAndCheck('svc.py', 'import os\nk = os.environ.get("API_KEY", "dev")\n').includes('k = load_secret("API_KEY", "dev")'));
    assert.ok(fixAndCheck('svc.py', 'from os import getenv\nk = getenv("API_KEY", default=None)\n').includes('k = load_secret("API_KEY", None)'));
  });

  it('inside an f-string the loader call uses the other quote character', () => {
    const fixed = fixAndCheck('svc.py', 'import os\nprint(f"pw={os.environ[\'DB_PASSWORD\']}")\n');
    assert.ok(fixed.includes(`f"pw={load_secret('DB_PASSWORD')}"`));
  });

  it('a file without imports gets the loader at the top', () => {
    const fixed = fixAndCheck('svc.py', 'def f():\n    return os.environ["DB_PASSWORD"]\n');
    assert.ok(fixed.startsWith('import os as _os\n'));
  });

  it('fix-all inserts the loader once for several reads', () => {
    const text = 'import os\na = os.environ["DB_PASSWORD"]\nb = os.getenv("API_KEY")\nc = os.environ.get("GITHUB_TOKEN", "")\n';
    const fixed = fixAllText('svc.py', text);
    assertCompiles('svc.py', fixed);
    assert.equal(count(fixed, 'def load_secret'), 1);
    assert.equal(count(fixed, 'load_secret("'), 3);
    assert.equal(analyzeCode('svc.py', fixed).findings.length, 0);
  });

  it('reuses a loader the file already defines or imports', () => {
    for (const preamble of ['from app.config import load_secret\n', 'import os\n\ndef load_secret(name, default=None):\n    return None\n']) {
      const text = `${preamble}pw = os.environ["DB_PASSWORD"]\n`;
      const fixed = fixAndCheck('svc.py', text);
      assert.equal(fixed, `${preamble}pw = load_secret("DB_PASSWORD")\n`);
    }
  });

  it('keeps CRLF line endings in the inserted loader', () => {
    const fixed = fixAndCheck('svc.py', 'import os\r\npw = os.environ["DB_PASSWORD"]\r\n');
    assert.equal(/[^\r]\n/.test(fixed), false);
  });

  it('never shadows the secrets module', () => {
    const fixed = fixAndCheck('svc.py', 'import os\nimport secrets\n\nnonce = secrets.token_hex(8)\npw = os.environ["DB_PASSWORD"]\n');
    assert.equal(/^secrets\s*=|def secrets|import \w+ as secrets/m.test(fixed), false);
    assert.ok(fixed.includes('nonce = secrets.token_hex(8)'));
  });

  it('second variant: imports load_secret from a secret_loader.py it creates', () => {
    const text = 'import os\n\npw = os.environ["DB_PASSWORD"]\n';
    const analysis = analyzeCode('svc.py', text);
    const fix = analysis.fixesFor(analysis.findings[0]).find((f) => !f.preferred);
    assert.ok(fix?.createFiles);
    assert.equal(fix.createFiles[0].relativePath, 'secret_loader.py');
    const fixed = applyFix(text, fix);
    assert.equal(fixed, 'import os\nfrom secret_loader import load_secret\n\npw = load_secret("DB_PASSWORD")\n');
    assertCompiles('secret_loader.py', fix.createFiles[0].text);
    assert.equal(analyzeCode('secret_loader.py', fix.createFiles[0].text).findings.length, 0);
  });
});

describe('secret-env-read fix: TypeScript and JavaScript', () => {
  before(prepareCodeGrammars);

  it('TS: typed loader with an ESM import of node:fs', () => {
    const fixed = fixAndCheck('svc.ts', 'import express from "express";\n\nconst pw = process.env.DB_PASSWORD;\n');
    assert.ok(fixed.includes('from "node:fs"'));
    assert.ok(fixed.includes('function loadSecret(name: string, fallback: string): string;'));
    assert.ok(fixed.includes('const pw = loadSecret("DB_PASSWORD");'));
    assert.ok(fixed.indexOf('function loadSecret') > fixed.indexOf('import express'));
  });

  it('JS CommonJS: require, no type annotations, after "use strict" and requires', () => {
    const text = '"use strict";\nconst http = require("http");\n\nconst key = process.env["API_KEY"];\n';
    const fixed = fixAndCheck('svc.js', text);
    assert.ok(fixed.startsWith('"use strict";\nconst http = require("http");\n'));
    assert.ok(fixed.includes('require("node:fs")'));
    assert.equal(/import \{|: string/.test(fixed), false);
  });

  it('JS ESM: by .mjs, or by import/export syntax in a .js file', () => {
    for (const [file, text] of [
      ['svc.mjs', 'const k = process.env.API_KEY;\n'],
      ['svc.js', 'import x from "x";\nexport const k = process.env.API_KEY;\n'],
    ]) {
      const fixed = fixAndCheck(file, text);
      assert.ok(fixed.includes('import { readFileSync as readSecretFile'));
      assert.equal(fixed.includes('require('), false);
    }
  });

  it('.cjs is CommonJS even without requires; .cts keeps TS types', () => {
    assert.ok(fixAndCheck('svc.cjs', 'const k = process.env.API_KEY;\n').includes('require("node:fs")'));
    assert.ok(fixAndCheck('svc.cts', 'const k = process.env.API_KEY;\n').includes('fallback?: string'));
  });

  it('destructuring: a lone property becomes a declaration, others stay in the pattern', () => {
    assert.ok(fixAndCheck('svc.ts', 'const { DB_PASSWORD } = process.env;\n').includes('const DB_PASSWORD = loadSecret("DB_PASSWORD");\n'));
    const fixed = fixAndCheck('svc.ts', 'let { PORT, GITHUB_TOKEN: token = "", HOST } = process.env;\n');
    assert.ok(fixed.includes('let { PORT, HOST } = process.env;\nlet token = loadSecret("GITHUB_TOKEN", "");\n'));
    const last = fixAndCheck('svc.js', 'const { PORT, API_KEY } = process.env\n');
    assert.ok(last.includes('const { PORT } = process.env\nconst API_KEY = loadSecret("API_KEY")\n'));
  });

  it('fix-all: one loader, every read replaced, TSX too', () => {
    const text =
      'import React from "react";\nconst a = process.env.DB_PASSWORD;\nconst { API_KEY } = process.env;\nexport const App = () => <p>{process.env.AUTH_TOKEN}</p>;\n';
    const fixed = fixAllText('App.tsx', text);
    assertCompiles('App.tsx', fixed);
    assert.equal(count(fixed, 'function loadSecret(name: string, fallback?: string)'), 1);
    assert.equal(analyzeCode('App.tsx', fixed).findings.length, 0);
  });

  it('reuses an imported loadSecret', () => {
    const text = 'import { loadSecret } from "./secret-loader";\nconst pw = process.env.DB_PASSWORD;\n';
    assert.equal(fixAndCheck('svc.ts', text), 'import { loadSecret } from "./secret-loader";\nconst pw = loadSecret("DB_PASSWORD");\n');
  });

  it('second variant creates secret-loader.ts / .mjs / .cjs and imports it', () => {
    const cases: [string, string, string, string][] = [
      ['svc.ts', 'import x from "x";\nconst pw = process.env.DB_PASSWORD;\n', 'secret-loader.ts', 'import { loadSecret } from "./secret-loader";'],
      ['svc.mjs', 'const pw = process.env.DB_PASSWORD;\n', 'secret-loader.mjs', 'import { loadSecret } from "./secret-loader.mjs";'],
      ['svc.js', 'const pw = process.env.DB_PASSWORD;\n', 'secret-loader.cjs', 'const { loadSecret } = require("./secret-loader.cjs");'],
    ];
    for (const [file, text, module, importLine] of cases) {
      const analysis = analyzeCode(file, text);
      const fix = analysis.fixesFor(analysis.findings[0]).find((f) => !f.preferred);
      assert.equal(fix?.createFiles?.[0].relativePath, module);
      const fixed = applyFix(text, fix);
      assert.ok(fixed.includes(importLine));
      assertCompiles(file, fixed);
      assertCompiles(module, fix.createFiles[0].text);
      assert.equal(analyzeCode(module, fix.createFiles[0].text).findings.length, 0);
    }
  });

  it('import.meta.env (a bundler substitution, no file to read) is flagged without a fix', () => {
    const analysis = analyzeCode('svc.ts', 'const k = import.meta.env.VITE_API_KEY;\n');
    assert.equal(analysis.findings.length, 1);
    assert.deepEqual(analysis.fixesFor(analysis.findings[0]), []);
  });
});
