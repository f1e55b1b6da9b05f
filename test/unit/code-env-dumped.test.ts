// env-dumped: the whole environment reaching a sink, what is not a dump, and "Log variable names only".
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeCode, assertFixAllClears, flagged, prepareCodeGrammars } from '../support/code-analysis';

const RULE = 'env-dumped';

describe('env-dumped', () => {
  before(prepareCodeGrammars);

  // [what, input, the whole file after fix-all]
  const pyDumps: [string, string, string][] = [
    ['print(os.environ)', 'import os\nprint(os.environ)\n', 'import os\nprint(sorted(os.environ))\n'],
    [
      'json.dumps(dict(os.environ)) to a logger',
      'import os, json, logging\nlogging.info(json.dumps(dict(os.environ)))\n',
      'import os, json, logging\nlogging.info(sorted(os.environ))\n',
    ],
    // The copy is the environment by another name (env-reads.ts): its names are the environment's.
    [
      'a copy through a variable',
      'import os\nenv = os.environ.copy()\nprint("env:", env)\n',
      'import os\nenv = os.environ.copy()\nprint("env:", sorted(env))\n',
    ],
    ['f-string', 'import os\nprint(f"env={os.environ}")\n', 'import os\nprint(f"env={sorted(os.environ)}")\n'],
    ['{**os.environ}', 'import os\nlog.debug({**os.environ})\n', 'import os\nlog.debug(sorted(os.environ))\n'],
    ['an alias from `from os import environ`', 'from os import environ as E\npprint(dict(E))\n', 'from os import environ as E\npprint(sorted(E))\n'],
    [
      'a loop over items()',
      'import os\nfor k, v in os.environ.items():\n    print(k, v)\n',
      'import os\nfor k, v in os.environ.items():\n    print(k, "[REDACTED]")\n',
    ],
    [
      'a loop over items() into an f-string',
      'import os\nfor k, v in os.environ.items():\n    print(f"{k}={v}")\n',
      'import os\nfor k, v in os.environ.items():\n    print(f"{k}=[REDACTED]")\n',
    ],
  ];
  for (const [what, text, expected] of pyDumps) {
    it(`Python: ${what}`, () => {
      assert.equal(flagged('svc.py', text, RULE).length, 1);
      assertFixAllClears('svc.py', text, RULE, expected);
    });
  }

  const jsDumps: [string, string, string][] = [
    ['console.log(process.env)', 'console.log(process.env);\n', 'console.log(Object.keys(process.env));\n'],
    ['JSON.stringify(process.env)', 'console.info("env " + JSON.stringify(process.env));\n', 'console.info("env " + Object.keys(process.env));\n'],
    [
      'util.inspect(process.env)',
      'import util from "node:util";\nlogger.debug(util.inspect(process.env));\n',
      'import util from "node:util";\nlogger.debug(Object.keys(process.env));\n',
    ],
    // The copy is the environment by another name: its keys are the environment's.
    ['{...process.env}', 'const copy = { ...process.env };\nconsole.log(copy);\n', 'const copy = { ...process.env };\nconsole.log(Object.keys(copy));\n'],
    ['JSON.stringify inside a template literal', 'console.log(`env: ${JSON.stringify(process.env)}`);\n', 'console.log(`env: ${Object.keys(process.env)}`);\n'],
    [
      'Object.entries loop',
      'for (const [k, v] of Object.entries(process.env)) console.log(k, v);\n',
      'for (const [k, v] of Object.entries(process.env)) console.log(k, "[REDACTED]");\n',
    ],
  ];
  for (const [what, text, expected] of jsDumps) {
    it(`TS: ${what}`, () => {
      assert.equal(flagged('svc.ts', text, RULE).length, 1);
      assertFixAllClears('svc.ts', text, RULE, expected);
    });
    it(`JS: ${what}`, () => assert.equal(flagged('svc.js', text, RULE).length, 1));
  }

  it('names only, and non-sinks, are not dumps', () => {
    const py =
      'import os, json\nprint(sorted(os.environ))\nprint(list(os.environ))\nprint(os.environ.keys())\nfor k in os.environ:\n    print(k)\ncfg = json.dumps(dict(os.environ))\nprint(len(os.environ))\n';
    assert.deepEqual(flagged('svc.py', py, RULE), []);
    const ts =
      'console.log(`${process.env}`);\nconsole.log(Object.keys(process.env));\nconst s = JSON.stringify(process.env);\nconsole.log(Object.keys(process.env).length);\n';
    assert.deepEqual(flagged('svc.ts', ts, RULE), []);
  });

  it('flags the logging call and names no values', () => {
    const text = 'import os\nprint("everything", os.environ)\n';
    const [f] = analyzeCode('svc.py', text).findings;
    assert.equal(text.slice(f.start, f.end), 'print("everything", os.environ)');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /names only/);
  });
});
