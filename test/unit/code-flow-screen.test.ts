// The text screen in front of the taint evaluator (flow/screen.ts) and the env reads found from where the
// environment's names occur (syntax.ts wordUses) skip work by reading text only. These cases are the ways
// taint hides from a token-by-token reading of the text: each must still be found.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { flagged, prepareCodeGrammars } from '../support/code-analysis';

const LOGGED = 'secret-logged';
const DUMPED = 'env-dumped';
const READ = 'secret-env-read';

/** What a case is about, the file's path and text, and how many secret-logged findings it must give. */
type LoggedCase = [what: string, path: string, text: string, count: number];

function itCountsLogged(cases: readonly LoggedCase[]): void {
  for (const [what, path, text, count] of cases) it(what, () => assert.equal(flagged(path, text, LOGGED).length, count));
}

describe('taint screen: quoted keys', () => {
  before(prepareCodeGrammars);
  it('a key secret only as a whole ("api-key") is tainted in a log payload (Python and TS)', () => {
    assert.equal(flagged('a.py', 'import logging\nlog = logging.getLogger()\nlog.info("%s", headers["api-key"])\n', LOGGED).length, 1);
    assert.equal(flagged('a.ts', 'console.log(headers["api-key"]);\n', LOGGED).length, 1);
    assert.equal(flagged('a.ts', "console.log(cfg['client secret']);\n", LOGGED).length, 1);
  });

  it('a secret-named key with a computed value taints the object literal', () => {
    assert.equal(flagged('a.ts', 'console.log({ "auth-token": load() });\n', LOGGED).length, 1);
  });

  it('a key spelled with two adjacent Python literals is one key', () => {
    assert.equal(flagged('a.py', 'import logging\nlogging.info("%s", headers["api" "-key"])\n', LOGGED).length, 1);
  });

  it('an assignment carries such a key to a variable logged later', () => {
    const text = 'import logging\nvalue = settings["db-password"]\nlogging.warning("v=%s", value)\n';
    assert.equal(flagged('a.py', text, LOGGED).length, 1);
  });

  it('harmless literals around a plain name do not make a finding', () => {
    assert.deepEqual(flagged('a.py', 'import logging\nlogging.info("%s", headers["content-type"])\n', LOGGED), []);
  });
});

describe('taint screen: reads of variables that are not secret', () => {
  before(prepareCodeGrammars);
  it('a secret name next to a non-secret read in the same expression still taints', () => {
    assert.equal(flagged('a.ts', 'const port = process.env.PORT ?? apiToken;\nconsole.log(port);\n', LOGGED).length, 1);
    assert.equal(flagged('a.py', 'import os, logging\nport = os.getenv("PORT") or db_password\nlogging.info(port)\n', LOGGED).length, 1);
  });

  it('the whole environment beside a non-secret read is still the whole environment', () => {
    const ts = 'const port = process.env.PORT;\nconst all = [port, process.env];\nconsole.log(JSON.stringify(all));\n';
    assert.equal(flagged('a.ts', ts, DUMPED).length, 1);
    const py = 'import os, logging\nport = os.environ["PORT"]\nboth = (port, os.environ.copy())\nlogging.info("%s", both)\n';
    assert.equal(flagged('a.py', py, DUMPED).length, 1);
  });

  it('a non-secret read is not logged as a secret', () => {
    assert.deepEqual(flagged('a.ts', 'const level = process.env.LOG_LEVEL ?? "info";\nconsole.log(`level ${level}`);\n', LOGGED), []);
    assert.deepEqual(flagged('a.py', 'import os, logging\nlevel = os.getenv("LOG_LEVEL", "info")\nlogging.info("level %s", level)\n', LOGGED), []);
  });
});

describe('env reads found from the names of the environment', () => {
  before(prepareCodeGrammars);
  const reads: [string, string, number][] = [
    ['a.ts', 'const a = (process.env as any).DB_PASSWORD;\n', 1],
    ['a.ts', 'const a = process.env!.DB_PASSWORD;\n', 1],
    ['a.ts', 'const a = process.env?.DB_PASSWORD;\n', 1],
    ['a.ts', 'const a = process\n  .env\n  .DB_PASSWORD;\n', 1],
    ['a.ts', 'const a = process.env /* the env */ .DB_PASSWORD;\n', 1],
    ['a.ts', 'const e = process.env;\nconst a = e.DB_PASSWORD, b = e["API_TOKEN"];\n', 2],
    ['a.ts', 'const a = "process.env.DB_PASSWORD"; // process.env.API_TOKEN\n', 0],
    ['a.ts', 'process.env.DB_PASSWORD = "x";\n', 0],
    ['a.js', 'const a = import.meta.env.DB_PASSWORD;\n', 1],
    ['a.ts', 'const { env } = process;\nconst a = env.DB_PASSWORD;\n', 1],
    ['a.ts', 'const e = process.env as NodeJS.ProcessEnv;\nconst a = e.DB_PASSWORD;\n', 1],
    ['a.ts', 'const e = (process.env)!;\nconst a = e.DB_PASSWORD;\n', 1],
    ['a.ts', 'const port = process.env.PORT ?? "80";\nconst a = port.DB_PASSWORD;\n', 0],
    ['a.py', 'import os\na = os.environ["DB_PASSWORD"]\nb = (os.environ)["API_TOKEN"]\n', 2],
    ['a.py', 'import os\na = os.environ \\\n    ["DB_PASSWORD"]\n', 1],
    ['a.py', 'from os import environ as e\na = e["DB_PASSWORD"]\n', 1],
    ['a.py', 'import os\nos.environ["DB_PASSWORD"] = "x"\na = "os.environ[\'API_TOKEN\']"\n', 0],
  ];
  for (const [path, text, count] of reads) {
    it(`${path}: ${JSON.stringify(text)} → ${count}`, () => assert.equal(flagged(path, text, READ).length, count));
  }
});

describe('plain steps replayed from their text (flow/plain-steps.ts)', () => {
  before(prepareCodeGrammars);
  const py = (body: string) => `import logging\n${body}\n`;
  const cases: LoggedCase[] = [
    ['a harmless reassignment ends the taint', 'a.py', py('v = password\nv = 0\nlogging.info(v)'), 0],
    ['a tainted value reassigned stays tainted', 'a.py', py('v = 0\nv = password\nlogging.info(v)'), 1],
    ['an augmented harmless step keeps the taint', 'a.py', py('msg = password\nmsg += "!"\nlogging.info(msg)'), 1],
    ['an augmented tainted step adds it', 'a.py', py('msg = "x"\nmsg += password\nlogging.info(msg)'), 1],
    ['a secret-sounding name given a literal is clean', 'a.py', py('token = "none"\nlogging.info(token)'), 0],
    ['a loop over harmless items binds nothing', 'a.py', py('for item in items:\n    logging.info(item)'), 0],
    ['a loop over secrets binds one', 'a.py', py('for item in [password]:\n    logging.info(item)'), 1],
    ['a chained assignment carries the taint', 'a.py', py('a = b = password\nlogging.info(a)'), 1],
    ['TS: a declarator reassigned harmlessly', 'a.ts', 'let v = apiKey;\nv = "";\nconsole.log(v);\n', 0],
    ['TS: a for-of over harmless items', 'a.ts', 'for (const x of items) console.log(x);\n', 0],
    ['TS: a for-of over secrets', 'a.ts', 'for (const x of [apiKey]) console.log(x);\n', 1],
    ['TS: an augmented harmless step keeps the taint', 'a.ts', 'let m = apiKey;\nm += "!";\nconsole.log(m);\n', 1],
  ];
  itCountsLogged(cases);
});

describe('functions skipped whole when their text holds no source of taint (flow/sources.ts)', () => {
  before(prepareCodeGrammars);
  const py = (body: string) => `import logging\nlog = logging.getLogger()\n${body}\n`;
  const cases: LoggedCase[] = [
    ['a module secret logged inside a function', 'a.py', py('token = load()\ndef f():\n    log.info(token)'), 1],
    ['a module variable tainted under a harmless name, logged inside a function', 'a.py', py('x = password\ndef f():\n    log.info(x)'), 1],
    ['a function defined before the variable is tainted still sees it', 'a.py', py('def f():\n    log.info(x)\nx = password'), 1],
    ['a nested function logs a tainted outer variable', 'a.py', py('x = password\ndef outer():\n    def inner():\n        log.info(x)\n    return inner'), 1],
    ['a function that reassigns the name first logs nothing', 'a.py', py('x = password\ndef f():\n    x = 0\n    log.info(x)'), 0],
    ['a function with neither source nor tainted name logs nothing', 'a.py', py('x = password\ndef f(y):\n    log.info(y)'), 0],
    ['a quoted secret key inside a function', 'a.py', py('def f(h):\n    """Doc."""\n    log.info("%s", h["api-key"])'), 1],
    ['literals of both quote kinds glued into one key', 'a.py', py('def f(h):\n    """Doc."""\n    log.info("%s", h[\'api\'"-key"])'), 1],
    ['literals glued across a line break', 'a.py', py('def f(h):\n    log.info("%s", h[("api"\n              "-key")])'), 1],
    [
      'TS: an env read in one function, a log in another',
      'a.ts',
      'function a() { return process.env.API_TOKEN; }\nfunction b(v: string) { console.log(v); }\n',
      0,
    ],
    ['TS: a module secret logged in an arrow function', 'a.ts', 'const apiKey = load();\nconst f = () => console.log(apiKey);\n', 1],
    ['TS: a harmless-named alias of a secret logged in a method', 'a.ts', 'const k = process.env.API_TOKEN;\nclass C { m() { console.log(k); } }\n', 1],
  ];
  itCountsLogged(cases);

  it('many tainted variables under harmless names (past the per-name searches) are all still seen', () => {
    const names = Array.from({ length: 40 }, (_, i) => `v${i}`);
    const text = py(`${names.map((n) => `${n} = password`).join('\n')}\n${names.map((n) => `def f_${n}():\n    log.info(${n})`).join('\n')}`);
    assert.equal(flagged('a.py', text, LOGGED).length, names.length);
  });

  it("a name secret only by the user's own pattern is a source too", () => {
    const settings = { rules: {}, secretNames: { extra: ['^STRIPE$'], ignore: [] }, mountPath: '/etc/secrets', maxFileSizeKb: 2048 };
    const text = py('def f():\n    log.info(STRIPE)');
    assert.equal(flagged('a.py', text, LOGGED, { settings }).length, 1);
    assert.deepEqual(flagged('a.py', text, LOGGED), []);
  });
});
