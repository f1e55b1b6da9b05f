// secret-env-read: every source form, the name decision (heuristics and the workspace hook), positions.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { EnvSource } from '../../server/src/engine/rule';
import { findingsOf, flagged, prepareCodeGrammars } from '../support/code-analysis';

const RULE = 'secret-env-read';

describe('secret-env-read sources', () => {
  before(prepareCodeGrammars);

  const python: [string, string, string[]][] = [
    ['os.environ[...]', 'import os\npw = os.environ["DB_PASSWORD"]\n', ['os.environ["DB_PASSWORD"]']],
    ['os.environ.get with default', "import os\nk = os.environ.get('API_KEY', '')\n", ["os.environ.get('API_KEY', '')"]],
    ['os.getenv', 'import os\nt = os.getenv("GITHUB_TOKEN")\n', ['os.getenv("GITHUB_TOKEN")']],
    [
      'from os import environ, getenv',
      'from os import environ, getenv\na = environ["DB_PASS"]\nb = getenv("STRIPE_SECRET_KEY", None)\n',
      ['environ["DB_PASS"]', 'getenv("STRIPE_SECRET_KEY", None)'],
    ],
    [
      'imported with aliases',
      'from os import environ as E, getenv as ge\na = E.get("PGPASSWORD")\nb = ge("PRIVATE_KEY")\n',
      ['E.get("PGPASSWORD")', 'ge("PRIVATE_KEY")'],
    ],
    ['import os as alias', 'import os as o\npw = o.environ["DB_PASSWORD"]\n', ['o.environ["DB_PASSWORD"]']],
    [
      'os.environ assigned to another name',
      'import os\nenv = os.environ\npw = env["DB_PASSWORD"]\ntok = env.get("AUTH_TOKEN")\n',
      ['env["DB_PASSWORD"]', 'env.get("AUTH_TOKEN")'],
    ],
    ['keyword default', 'import os\nk = os.environ.get("API_KEY", default="x")\n', ['os.environ.get("API_KEY", default="x")']],
    ['inside functions and classes', 'import os\nclass C:\n    def f(self):\n        return os.environ["CLIENT_SECRET"]\n', ['os.environ["CLIENT_SECRET"]']],
  ];
  for (const [form, text, expected] of python) {
    it(`Python: ${form}`, () => assert.deepEqual(flagged('svc.py', text, RULE), expected));
  }

  const js: [string, string, string[]][] = [
    ['process.env.X', 'const pw = process.env.DB_PASSWORD;\n', ['process.env.DB_PASSWORD']],
    ['process.env["X"]', "const k = process.env['API_KEY'];\n", ["process.env['API_KEY']"]],
    ['destructuring', 'const { DB_PASSWORD, PORT } = process.env;\n', ['DB_PASSWORD']],
    [
      'destructuring with rename and default',
      'const { GITHUB_TOKEN: token = "", API_KEY: key } = process.env;\n',
      ['GITHUB_TOKEN: token = ""', 'API_KEY: key'],
    ],
    ['destructuring with a default', 'const { JWT_SECRET = "dev" } = process.env;\n', ['JWT_SECRET = "dev"']],
    ['env alias', 'const env = process.env;\nconst s = env.CLIENT_SECRET;\n', ['env.CLIENT_SECRET']],
    ['const { env } = process', 'const { env } = process;\nconst s = env["SESSION_KEY"];\n', ['env["SESSION_KEY"]']],
    ['import { env } from "node:process"', 'import { env as e } from "node:process";\nconst s = e.DB_PASSWORD;\n', ['e.DB_PASSWORD']],
    ['import.meta.env.X', 'const k = import.meta.env.DB_PASSWORD;\n', ['import.meta.env.DB_PASSWORD']],
  ];
  for (const [form, text, expected] of js) {
    it(`TS: ${form}`, () => assert.deepEqual(flagged('svc.ts', text, RULE), expected));
    it(`JS: ${form}`, () => assert.deepEqual(flagged('svc.mjs', text, RULE), expected));
  }

  it('TSX and JSX files', () => {
    const tsx = 'export const App = () => <div>{process.env.API_TOKEN}</div>;\n';
    assert.deepEqual(flagged('App.tsx', tsx, RULE), ['process.env.API_TOKEN']);
    assert.deepEqual(flagged('App.jsx', tsx, RULE), ['process.env.API_TOKEN']);
  });

  it('ignores non-secret names, dynamic keys and writes', () => {
    assert.deepEqual(
      flagged('svc.py', 'import os\na = os.environ["LOG_LEVEL"]\nb = os.getenv("TOKEN_TTL")\nc = os.environ[name]\nos.environ["DB_PASSWORD"] = "x"\n', RULE),
      [],
    );
    assert.deepEqual(
      flagged(
        'svc.ts',
        'const a = process.env.PORT;\nconst b = process.env[key];\nprocess.env.DB_PASSWORD = "x";\ndelete process.env.API_KEY;\nconst c = other.env.DB_PASSWORD;\n',
        RULE,
      ),
      [],
    );
  });

  it('the message names the variable, never a value, and data carries the name', () => {
    const [f] = findingsOf('svc.py', 'import os\npw = os.getenv("DB_PASSWORD", "hunter2")\n', RULE);
    assert.match(f.message, /DB_PASSWORD/);
    assert.equal(f.message.includes('hunter2'), false);
    assert.equal(f.data.variable, 'DB_PASSWORD');
    assert.equal(f.severity, 'warning');
  });

  it('user name lists extend and override the heuristics', () => {
    const settings = { rules: {}, secretNames: { extra: ['^STRIPE$'], ignore: ['^DB_PASSWORD$'] }, mountPath: '/etc/secrets', maxFileSizeKb: 2048 };
    assert.deepEqual(flagged('svc.ts', 'const a = process.env.STRIPE;\nconst b = process.env.DB_PASSWORD;\n', RULE, { settings }), ['process.env.STRIPE']);
  });

  it('the workspace hook: Secret-fed vars are secrets whatever the name; ConfigMap/literal-fed ones are not', () => {
    const sources: Record<string, EnvSource> = {
      UPSTREAM: {
        kind: 'secret',
        secret: 'upstream',
        key: 'url',
        location: { path: 'k8s/deploy.yaml', start: { line: 3, character: 4 }, end: { line: 3, character: 16 }, message: 'fed from Secret upstream' },
      },
      DB_PASSWORD: { kind: 'configmap' },
      API_TOKEN: { kind: 'literal' },
    };
    const envSource = (name: string) => sources[name];
    const text = 'const a = process.env.UPSTREAM;\nconst b = process.env.DB_PASSWORD;\nconst c = process.env.API_TOKEN;\nconst d = process.env.GITHUB_TOKEN;\n';
    const found = findingsOf('svc.ts', text, RULE, { envSource });
    assert.deepEqual(
      found.map((f) => f.data.variable),
      ['UPSTREAM', 'GITHUB_TOKEN'],
    );
    assert.match(found[0].message, /Secret "upstream"/);
    assert.equal(found[0].related?.[0].path, 'k8s/deploy.yaml');
  });

  it('suppression comments work in both comment syntaxes', () => {
    assert.deepEqual(flagged('svc.py', 'import os\npw = os.environ["DB_PASSWORD"]  # secret-hints-ignore secret-env-read -- local dev\n', RULE), []);
    assert.deepEqual(flagged('svc.ts', '// secret-hints-ignore\nconst pw = process.env.DB_PASSWORD;\n', RULE), []);
  });

  it('a rule set to off reports nothing', () => {
    const settings = { rules: { [RULE]: 'off' as const }, secretNames: { extra: [], ignore: [] }, mountPath: '/etc/secrets', maxFileSizeKb: 2048 };
    assert.deepEqual(flagged('svc.ts', 'const pw = process.env.DB_PASSWORD;\n', RULE, { settings }), []);
  });
});
