// The framework-native fixes, run for real (issue 19): each fixture service is fixed with fix-all (the
// mount path set to a temp dir), then run against the framework it uses — Debian's python3-pydantic
// (1.10), python3-decouple, python3-dynaconf and python3-flask, and the npm packages envalid, zod, @t3-oss/env-core, env-var and
// @nestjs/config. The value comes from the secret file when it is there, else from the env var.
// pydantic-settings 2 and django-environ's FileAwareEnv (0.10+) have no installable package here
// (Debian ships pydantic 1.10 and django-environ 0.4): their fixes are compiled, not run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ts from 'typescript';
import { fixAll } from '../../server/src/engine/fix-all';
import { defaultSettings } from '../../server/src/engine/settings';
import { FRAMEWORKS_DIR } from '../../scripts/score-corpus';
import { prepareCodeGrammars } from '../support/code-analysis';

const ROOT = path.join(__dirname, '..', '..');
/** Debian's interpreter: the framework packages are Debian's (scripts/install-test-packages.sh). */
const DEBIAN_PYTHON = '/usr/bin/python3';

const work = mkdtempSync(path.join(tmpdir(), 'secret-hints-frameworks-'));
const secrets = path.join(work, 'secrets');

/** The fixture fixed by fix-all, reading secrets from `secrets`. */
function fixed(rel: string): string {
  const file = path.join(FRAMEWORKS_DIR, rel);
  const result = fixAll({ text: readFileSync(file, 'utf8'), path: file, settings: { ...defaultSettings(), mountPath: secrets } });
  assert.ok(result.applied > 0, `${rel}: fix-all applied nothing`);
  return result.text;
}

/** Writes the secret files (and removes every other one). */
function secretFiles(files: Record<string, string>): void {
  rmSync(secrets, { recursive: true, force: true });
  mkdirSync(secrets, { recursive: true });
  for (const [name, value] of Object.entries(files)) writeFileSync(path.join(secrets, name), value);
}

function run(command: string, args: string[], env: Record<string, string>, cwd: string): unknown {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: work, ...env } });
  // The programs print only the values the test planted; stderr says what failed.
  assert.equal(r.status, 0, `${command} failed: ${r.stderr.split('\n').slice(-6).join('\n')}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? 'null');
}

/** Modules a fixture imports that are beside the point (a database driver, a payment SDK): stubs. */
const PY_STUBS: Record<string, string> = {
  psycopg2: 'def connect(**kwargs):\n    return kwargs\n',
  stripe: 'api_key = None\n',
};

function runPython(module: string, text: string, driver: string, env: Record<string, string>): unknown {
  const dir = mkdtempSync(path.join(work, 'py-'));
  for (const [name, stub] of Object.entries(PY_STUBS)) writeFileSync(path.join(dir, `${name}.py`), stub);
  writeFileSync(path.join(dir, `${module}.py`), text);
  writeFileSync(path.join(dir, 'driver.py'), `import json\nimport ${module} as m\n${driver}`);
  return run(DEBIAN_PYTHON, ['driver.py'], env, dir);
}

/** TS is transpiled to CommonJS (decorators as NestJS compiles them); packages resolve from the repository. */
function runNode(fileName: string, text: string, driver: string, env: Record<string, string>): unknown {
  const dir = mkdtempSync(path.join(work, 'js-'));
  const js = fileName.endsWith('.ts')
    ? ts.transpileModule(text, {
        fileName,
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, experimentalDecorators: true, emitDecoratorMetadata: true },
      }).outputText
    : text;
  writeFileSync(path.join(dir, 'module.js'), js);
  writeFileSync(path.join(dir, 'driver.js'), `const m = require("./module.js");\n(async () => {\n${driver}\n})();`);
  return run(process.execPath, ['driver.js'], { NODE_PATH: path.join(ROOT, 'node_modules'), ...env }, dir);
}

describe('framework-native fixes at run time', () => {
  before(async () => {
    await prepareCodeGrammars();
    const probe = spawnSync(DEBIAN_PYTHON, ['-c', 'import pydantic, decouple, dynaconf, flask'], { encoding: 'utf8' });
    assert.equal(
      probe.status,
      0,
      `Debian's python3-pydantic, -decouple, -dynaconf and -flask are needed (bash scripts/install-test-packages.sh): ${probe.stderr}`,
    );
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('pydantic 1 BaseSettings with secrets_dir: the files, else the env vars', () => {
    const text = fixed('pydantic-v1/billing/settings.py');
    const driver = 'print(json.dumps([m.settings.db_password.get_secret_value(), m.settings.smtp_password, m.settings.invoice_signing_key]))';
    secretFiles({ BILLING_DB_PASSWORD: 'db-from-file', BILLING_SMTP_PASSWORD: 'smtp-from-file', INVOICE_SIGNING_KEY: 'key-from-file' });
    assert.deepEqual(runPython('billing_settings', text, driver, {}), ['db-from-file', 'smtp-from-file', 'key-from-file']);
    secretFiles({});
    const env = { BILLING_DB_PASSWORD: 'db-from-env', INVOICE_SIGNING_KEY: 'key-from-env' };
    assert.deepEqual(runPython('billing_settings', text, driver, env), ['db-from-env', null, 'key-from-env']);
    // pydantic's order: an env var that is still set wins over the file (the manifest fix drops it).
    secretFiles({ BILLING_DB_PASSWORD: 'db-from-file', INVOICE_SIGNING_KEY: 'key-from-file' });
    assert.deepEqual(runPython('billing_settings', text, driver, { BILLING_DB_PASSWORD: 'db-from-env' }), ['db-from-env', null, 'key-from-file']);
  });

  it('python-decouple with RepositorySecret: the files where the volume is mounted, else the env vars', () => {
    for (const rel of ['python-decouple/shop/settings.py', 'python-decouple/shop/worker.py']) {
      const text = fixed(rel);
      const module = path.basename(rel, '.py');
      const driver =
        module === 'settings'
          ? 'print(json.dumps([m.SECRET_KEY, m.DATABASES["default"]["PASSWORD"], m.PAYPAL_CLIENT_SECRET]))'
          : 'print(json.dumps([m.REDIS_PASSWORD, m.WEBHOOK_SIGNING_SECRET]))';
      const names = module === 'settings' ? ['SECRET_KEY', 'DB_PASSWORD', 'PAYPAL_CLIENT_SECRET'] : ['REDIS_PASSWORD', 'WEBHOOK_SIGNING_SECRET'];
      secretFiles(Object.fromEntries(names.map((n) => [n, `${n}-file`])));
      assert.deepEqual(
        runPython(module, text, driver, {}),
        names.map((n) => `${n}-file`),
        rel,
      );
      secretFiles({});
      assert.deepEqual(
        runPython(module, text, driver, Object.fromEntries(names.map((n) => [n, `${n}-env`]))),
        names.map((n) => `${n}-env`),
        rel,
      );
      // No volume at all (a developer's machine): decouple's own AutoConfig, as before the fix.
      rmSync(secrets, { recursive: true, force: true });
      assert.deepEqual(
        runPython(module, text, driver, Object.fromEntries(names.map((n) => [n, `${n}-env`]))),
        names.map((n) => `${n}-env`),
        rel,
      );
    }
  });

  it('dynaconf: the mounted files override what dynaconf read, only where a file is there', () => {
    const text = fixed('dynaconf/inventory/config.py');
    const driver = 'c = m.connect()\nprint(json.dumps([c["password"], c["host"], m.supplier_headers()["Authorization"]]))';
    const env = { INVENTORY_DB_HOST: 'db.internal', INVENTORY_DB_PASSWORD: 'pw-env', INVENTORY_SUPPLIER_API_TOKEN: 'tok-env' };
    secretFiles({ INVENTORY_DB_PASSWORD: 'pw-file\n', INVENTORY_SUPPLIER_API_TOKEN: 'tok-file' });
    assert.deepEqual(runPython('inventory_config', text, driver, env), ['pw-file', 'db.internal', 'Bearer tok-file']);
    secretFiles({});
    assert.deepEqual(runPython('inventory_config', text, driver, env), ['pw-env', 'db.internal', 'Bearer tok-env']);
  });

  it('Flask from_prefixed_env: the mounted files override the FLASK_* values, only where a file is there', () => {
    const text = fixed('flask/notes/__init__.py');
    const driver = 'app = m.create_app()\nprint(json.dumps([app.config["STRIPE_SECRET_KEY"], app.config.get("MAIL_PASSWORD")]))';
    const env = { FLASK_STRIPE_SECRET_KEY: 'sk-env', FLASK_MAIL_USERNAME: 'notes' };
    secretFiles({ FLASK_STRIPE_SECRET_KEY: 'sk-file\n', FLASK_MAIL_PASSWORD: 'mail-file' });
    assert.deepEqual(runPython('notes_app', text, driver, env), ['sk-file', 'mail-file']);
    secretFiles({});
    assert.deepEqual(runPython('notes_app', text, driver, env), ['sk-env', null]);
  });

  const jsCases: { rel: string; driver: string; names: string[]; env?: Record<string, string> }[] = [
    {
      rel: 'envalid/src/env.ts',
      driver: 'console.log(JSON.stringify([m.env.DATABASE_URL, m.env.STRIPE_SECRET_KEY, m.env.STRIPE_WEBHOOK_SECRET]));',
      names: ['DATABASE_URL', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'],
      env: { NODE_ENV: 'production' },
    },
    { rel: 'envalid/src/worker.js', driver: 'console.log(JSON.stringify([m.config.REDIS_PASSWORD]));', names: ['REDIS_PASSWORD'] },
    {
      rel: 'zod/src/config/env.ts',
      driver: 'console.log(JSON.stringify([m.env.POSTGRES_PASSWORD, m.env.JWT_SECRET, m.env.S3_SECRET_ACCESS_KEY]));',
      names: ['POSTGRES_PASSWORD', 'JWT_SECRET', 'S3_SECRET_ACCESS_KEY'],
      env: { S3_BUCKET: 'b' },
    },
    {
      rel: 'zod/src/config/mailer.ts',
      driver: 'console.log(JSON.stringify([m.mailer.SMTP_PASSWORD]));',
      names: ['SMTP_PASSWORD'],
      env: { SMTP_HOST: 'h', SMTP_USER: 'u' },
    },
    {
      rel: 't3-env/src/env.ts',
      driver: 'console.log(JSON.stringify([m.env.DATABASE_URL, m.env.OPENAI_API_KEY]));',
      names: ['DATABASE_URL', 'OPENAI_API_KEY'],
      env: { NODE_ENV: 'production', PUBLIC_APP_NAME: 'shop' },
    },
    { rel: 'env-var/lib/config.js', driver: 'console.log(JSON.stringify([m.dbPassword, m.sendgridApiKey]));', names: ['DB_PASSWORD', 'SENDGRID_API_KEY'] },
    {
      rel: 'nestjs/src/auth/github.service.ts',
      driver:
        'require("reflect-metadata");\nconst { ConfigService } = require("@nestjs/config");\nconst c = new m.GithubService(new ConfigService()).credentials();\nconsole.log(JSON.stringify([c.clientSecret]));',
      names: ['GITHUB_CLIENT_SECRET'],
      env: { GITHUB_CLIENT_ID: 'id' },
    },
  ];

  for (const c of jsCases) {
    it(`${c.rel}: the files, else the env vars`, () => {
      const text = fixed(c.rel);
      // Values that pass the schemas (URLs, 32 characters for the JWT secret).
      const value = (name: string, from: string) => (name.endsWith('_URL') ? `postgres://app:${from}@db/app` : `${name}-${from}`.padEnd(32, '.'));
      const env = c.env ?? {};
      secretFiles(Object.fromEntries(c.names.map((n) => [n, value(n, 'file') + '\n'])));
      assert.deepEqual(
        runNode(path.basename(c.rel), text, c.driver, env),
        c.names.map((n) => value(n, 'file')),
      );
      secretFiles({});
      assert.deepEqual(
        runNode(path.basename(c.rel), text, c.driver, { ...env, ...Object.fromEntries(c.names.map((n) => [n, value(n, 'env')])) }),
        c.names.map((n) => value(n, 'env')),
      );
    });
  }
});
