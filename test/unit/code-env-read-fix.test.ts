// The "Read NAME from the mounted secret file" fixes: replacement, loader placement per language and
// module system, reuse, the shared-module variant; every result compiles and re-analyses clean.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { jsLoader, pythonLoader } from '../../server/src/engine/code/loader/templates';
import { analyzeCode, applyFix, assertCompiles, fixAllText, fixOnly, flagged, prepareCodeGrammars } from '../support/code-analysis';
import { assertSameText } from '../support/snapshot';

const RULE = 'secret-env-read';

// The loaders the fix inserts (their whole text is pinned in code-loader.test.ts), as parts of expected files.
const PY_LOADER = pythonLoader('/etc/secrets');
/** The loader in a file that imports os itself: it reuses that import. */
const PY_LOADER_OS = pythonLoader('/etc/secrets', 'os');
const TS_LOADER = jsLoader('/etc/secrets', { typescript: true, module: 'esm', exported: false });
const ESM_LOADER = jsLoader('/etc/secrets', { typescript: false, module: 'esm', exported: false });
const CJS_LOADER = jsLoader('/etc/secrets', { typescript: false, module: 'cjs', exported: false });

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
    // Two blank lines around the loader (PEP 8), the file's own blank line after the imports counted.
    assertSameText(
      fixed,
      `#!/usr/bin/env python3\n"""Service."""\nfrom __future__ import annotations\n\nimport os\nimport logging\n\n\n${PY_LOADER_OS}\n\n\nlog = logging.getLogger(__name__)\nPW = load_secret("DB_PASSWORD")\n`,
      'the fixed file',
    );
  });

  it('carries the default over, positional or keyword', () => {
    assertSameText(
      fixAndCheck('svc.py', 'import os\nk = os.environ.get("API_KEY", "dev")\n'),
      `import os\n\n\n${PY_LOADER_OS}\n\n\nk = load_secret("API_KEY", "dev")\n`,
      'positional default',
    );
    assertSameText(
      fixAndCheck('svc.py', 'from os import getenv\nk = getenv("API_KEY", default=None)\n'),
      `from os import getenv\n\n\n${PY_LOADER}\n\n\nk = load_secret("API_KEY", None)\n`,
      'keyword default',
    );
  });

  it('inside an f-string the loader call uses the other quote character', () => {
    const fixed = fixAndCheck('svc.py', 'import os\nprint(f"pw={os.environ[\'DB_PASSWORD\']}")\n');
    assertSameText(fixed, `import os\n\n\n${PY_LOADER_OS}\n\n\nprint(f"pw={load_secret('DB_PASSWORD')}")\n`, 'the fixed file');
  });

  it('a file without imports gets the loader at the top', () => {
    const fixed = fixAndCheck('svc.py', 'def f():\n    return os.environ["DB_PASSWORD"]\n');
    assertSameText(fixed, `${PY_LOADER}\n\n\ndef f():\n    return load_secret("DB_PASSWORD")\n`, 'the fixed file');
  });

  it('fix-all inserts the loader once for several reads', () => {
    const text = 'import os\na = os.environ["DB_PASSWORD"]\nb = os.getenv("API_KEY")\nc = os.environ.get("GITHUB_TOKEN", "")\n';
    const fixed = fixAllText('svc.py', text);
    assertCompiles('svc.py', fixed);
    assertSameText(
      fixed,
      `import os\n\n\n${PY_LOADER_OS}\n\n\na = load_secret("DB_PASSWORD")\nb = load_secret("API_KEY")\nc = load_secret("GITHUB_TOKEN", "")\n`,
      'the fixed file',
    );
    assert.equal(analyzeCode('svc.py', fixed).findings.length, 0);
  });

  it('reuses a loader the file already defines or imports', () => {
    for (const preamble of ['from app.config import load_secret\n', 'import os\n\ndef load_secret(name, default=None):\n    return None\n']) {
      const text = `${preamble}pw = os.environ["DB_PASSWORD"]\n`;
      const fixed = fixAndCheck('svc.py', text);
      assertSameText(fixed, `${preamble}pw = load_secret("DB_PASSWORD")\n`, 'the fixed file');
    }
  });

  it('keeps CRLF line endings in the inserted loader', () => {
    const fixed = fixAndCheck('svc.py', 'import os\r\npw = os.environ["DB_PASSWORD"]\r\n');
    assertSameText(fixed, `import os\n\n\n${PY_LOADER_OS}\n\n\npw = load_secret("DB_PASSWORD")\n`.replace(/\n/g, '\r\n'), 'the fixed file');
  });

  it('never shadows the secrets module', () => {
    const fixed = fixAndCheck('svc.py', 'import os\nimport secrets\n\nnonce = secrets.token_hex(8)\npw = os.environ["DB_PASSWORD"]\n');
    assert.equal(/^secrets\s*=|def secrets|import \w+ as secrets/m.test(fixed), false);
    assertSameText(
      fixed,
      `import os\nimport secrets\n\n\n${PY_LOADER_OS}\n\n\nnonce = secrets.token_hex(8)\npw = load_secret("DB_PASSWORD")\n`,
      'the fixed file',
    );
  });

  it("reuses the file's own import of os (under its alias), and imports it as _os only when the file has none before the loader", () => {
    const aliased = fixAndCheck('svc.py', 'import os as system\n\npw = system.environ["DB_PASSWORD"]\n');
    assertSameText(aliased, `import os as system\n\n\n${pythonLoader('/etc/secrets', 'system')}\n\n\npw = load_secret("DB_PASSWORD")\n`, 'the fixed file');
    // An import after the first statement is not bound yet where the loader goes.
    const late = fixAndCheck('svc.py', 'import logging\nlog = logging.getLogger()\nimport os\npw = os.environ["DB_PASSWORD"]\n');
    assert.match(late, /^import os as _os$/m);
    const dotted = fixAndCheck('svc.py', 'import os.path\n\npw = os.environ["DB_PASSWORD"]\n');
    assert.match(dotted, /^import os as _os$/m);
  });

  it('second variant: imports load_secret from a secret_loader.py it creates', () => {
    const text = 'import os\n\npw = os.environ["DB_PASSWORD"]\n';
    const analysis = analyzeCode('svc.py', text);
    const fix = analysis.fixesFor(analysis.findings[0]).find((f) => !f.preferred);
    assert.ok(fix?.createFiles);
    assert.equal(fix.createFiles[0].relativePath, 'secret_loader.py');
    const fixed = applyFix(text, fix);
    assertSameText(fixed, 'import os\nfrom secret_loader import load_secret\n\npw = load_secret("DB_PASSWORD")\n', 'the fixed file');
    assertCompiles('secret_loader.py', fix.createFiles[0].text);
    assert.equal(analyzeCode('secret_loader.py', fix.createFiles[0].text).findings.length, 0);
  });
});

describe('secret-env-read fix: TypeScript and JavaScript', () => {
  before(prepareCodeGrammars);

  it('TS: typed loader with an ESM import of node:fs', () => {
    const fixed = fixAndCheck('svc.ts', 'import express from "express";\n\nconst pw = process.env.DB_PASSWORD;\n');
    assertSameText(fixed, `import express from "express";\n\n${TS_LOADER}\n\nconst pw = loadSecret("DB_PASSWORD");\n`, 'the fixed file');
  });

  it('JS CommonJS: require, no type annotations, after "use strict" and requires', () => {
    const text = '"use strict";\nconst http = require("http");\n\nconst key = process.env["API_KEY"];\n';
    const fixed = fixAndCheck('svc.js', text);
    assertSameText(fixed, `"use strict";\nconst http = require("http");\n\n${CJS_LOADER}\n\nconst key = loadSecret("API_KEY");\n`, 'the fixed file');
  });

  it('JS ESM: by .mjs, or by import/export syntax in a .js file', () => {
    for (const [file, text, expected] of [
      ['svc.mjs', 'const k = process.env.API_KEY;\n', `${ESM_LOADER}\n\nconst k = loadSecret("API_KEY");\n`],
      [
        'svc.js',
        'import x from "x";\nexport const k = process.env.API_KEY;\n',
        `import x from "x";\n\n${ESM_LOADER}\n\nexport const k = loadSecret("API_KEY");\n`,
      ],
    ]) {
      assertSameText(fixAndCheck(file, text), expected, file);
    }
  });

  it('.cjs is CommonJS even without requires; .cts keeps TS types', () => {
    assertSameText(fixAndCheck('svc.cjs', 'const k = process.env.API_KEY;\n'), `${CJS_LOADER}\n\nconst k = loadSecret("API_KEY");\n`, 'svc.cjs');
    assertSameText(fixAndCheck('svc.cts', 'const k = process.env.API_KEY;\n'), `${TS_LOADER}\n\nconst k = loadSecret("API_KEY");\n`, 'svc.cts');
  });

  it('destructuring: a lone property becomes a declaration, others stay in the pattern', () => {
    assertSameText(
      fixAndCheck('svc.ts', 'const { DB_PASSWORD } = process.env;\n'),
      `${TS_LOADER}\n\nconst DB_PASSWORD = loadSecret("DB_PASSWORD");\n`,
      'a lone property',
    );
    assertSameText(
      fixAndCheck('svc.ts', 'let { PORT, GITHUB_TOKEN: token = "", HOST } = process.env;\n'),
      `${TS_LOADER}\n\nlet { PORT, HOST } = process.env;\nlet token = loadSecret("GITHUB_TOKEN", "");\n`,
      'a renamed property with a default, between others',
    );
    assertSameText(
      fixAndCheck('svc.js', 'const { PORT, API_KEY } = process.env\n'),
      `${CJS_LOADER}\n\nconst { PORT } = process.env\nconst API_KEY = loadSecret("API_KEY")\n`,
      'the last property, no semicolons',
    );
  });

  it('fix-all: one loader, every read replaced, TSX too', () => {
    const text =
      'import React from "react";\nconst a = process.env.DB_PASSWORD;\nconst { API_KEY } = process.env;\nexport const App = () => <p>{process.env.AUTH_TOKEN}</p>;\n';
    const fixed = fixAllText('App.tsx', text);
    assertCompiles('App.tsx', fixed);
    assertSameText(
      fixed,
      `import React from "react";\n\n${TS_LOADER}\n\nconst a = loadSecret("DB_PASSWORD");\nconst API_KEY = loadSecret("API_KEY");\nexport const App = () => <p>{loadSecret("AUTH_TOKEN")}</p>;\n`,
      'the fixed file',
    );
    assert.equal(analyzeCode('App.tsx', fixed).findings.length, 0);
  });

  it('reuses an imported loadSecret', () => {
    const text = 'import { loadSecret } from "./secret-loader";\nconst pw = process.env.DB_PASSWORD;\n';
    assertSameText(fixAndCheck('svc.ts', text), 'import { loadSecret } from "./secret-loader";\nconst pw = loadSecret("DB_PASSWORD");\n', 'the fixed file');
  });

  it('second variant creates secret-loader.ts / .mjs / .cjs and imports it', () => {
    const cases: [string, string, string, string][] = [
      [
        'svc.ts',
        'import x from "x";\nconst pw = process.env.DB_PASSWORD;\n',
        'secret-loader.ts',
        'import x from "x";\nimport { loadSecret } from "./secret-loader";\nconst pw = loadSecret("DB_PASSWORD");\n',
      ],
      [
        'svc.mjs',
        'const pw = process.env.DB_PASSWORD;\n',
        'secret-loader.mjs',
        'import { loadSecret } from "./secret-loader.mjs";\nconst pw = loadSecret("DB_PASSWORD");\n',
      ],
      [
        'svc.js',
        'const pw = process.env.DB_PASSWORD;\n',
        'secret-loader.cjs',
        'const { loadSecret } = require("./secret-loader.cjs");\nconst pw = loadSecret("DB_PASSWORD");\n',
      ],
    ];
    for (const [file, text, module, expected] of cases) {
      const analysis = analyzeCode(file, text);
      const fix = analysis.fixesFor(analysis.findings[0]).find((f) => !f.preferred);
      assert.equal(fix?.createFiles?.[0].relativePath, module);
      const fixed = applyFix(text, fix);
      assertSameText(fixed, expected, file);
      assertCompiles(file, fixed);
      assertCompiles(module, fix.createFiles[0].text);
      assert.equal(analyzeCode(module, fix.createFiles[0].text).findings.length, 0);
    }
  });

  it('import.meta.env (a bundler substitution, no file to read) is flagged without a fix', () => {
    const analysis = analyzeCode('svc.ts', 'const k = import.meta.env.DB_PASSWORD;\n');
    assert.equal(analysis.findings.length, 1);
    assert.deepEqual(analysis.fixesFor(analysis.findings[0]), []);
  });
});
