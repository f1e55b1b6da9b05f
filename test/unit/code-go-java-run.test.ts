// The Go and Java fixes on whole services, built and run for real: test/fixtures/languages-run holds a
// standard-library-only Go net/http service (package main, several files) and a plain Java 17 CLI. Every
// source file is fixed with fix-all (the mount path set to a temp dir), the created loaders written beside
// them, and the result must build as strictly as the original (gofmt -l, go vet, go build; javac -Xlint:all
// -Werror) and run: `print-config` reports the secret files' values when they are mounted, else the env
// vars', and the startup logs no longer carry the secret. Debian's golang-go (Go 1.19) and JDK 17; missing
// toolchains fail the tests (bash scripts/install-test-packages.sh installs them); nothing is downloaded.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixAll } from '../../server/src/engine/fix-all';
import { defaultSettings } from '../../server/src/engine/settings';
import { prepareCodeGrammars } from '../support/code-analysis';
import { lastJson, mustRunIn, offlineGoEnv, spawnIn } from '../support/toolchain';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'languages-run');

const work = mkdtempSync(path.join(tmpdir(), 'secret-hints-languages-run-'));
/** The mount path fix-all bakes into the loaders as their default directory. */
const secrets = path.join(work, 'secrets');
/** A secrets directory with no files: the programs fall back to the env vars. */
const emptySecrets = path.join(work, 'no-secrets');
const settings = { ...defaultSettings(), mountPath: secrets };
mkdirSync(emptySecrets);

after(() => rmSync(work, { recursive: true, force: true }));

const spawn = (command: string, args: string[], cwd: string, env: Record<string, string>) => spawnIn(work, command, args, cwd, env);
const mustRun = (command: string, args: string[], cwd: string, env: Record<string, string>) => mustRunIn(work, command, args, cwd, env);

/** Writes the secret files into the mount path, each with a trailing newline as kubectl writes them. */
function secretFiles(files: Record<string, string>): void {
  rmSync(secrets, { recursive: true, force: true });
  mkdirSync(secrets, { recursive: true });
  for (const [name, value] of Object.entries(files)) writeFileSync(path.join(secrets, name), `${value}\n`);
}

function sourceFiles(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .sort();
}

/**
 * Copies a fixture to `original` and `fixed`, and fixes every source file of `fixed` in place with fix-all,
 * writing each created file once (every file that needs the loader must create the same one).
 * Returns the fixed texts and the created files' paths, relative to `fixed`.
 */
function copyAndFix(fixture: string, original: string, fixed: string, ext: string): { texts: Map<string, string>; created: string[] } {
  cpSync(path.join(FIXTURES, fixture), original, { recursive: true });
  cpSync(path.join(FIXTURES, fixture), fixed, { recursive: true });
  const texts = new Map<string, string>();
  const created = new Map<string, string>();
  for (const rel of sourceFiles(fixed, ext)) {
    const file = path.join(fixed, rel);
    const result = fixAll({ text: readFileSync(file, 'utf8'), path: file, settings }, { createFiles: true });
    texts.set(rel, result.text);
    writeFileSync(file, result.text);
    for (const c of result.createFiles) {
      const target = path.relative(fixed, path.join(path.dirname(file), c.relativePath));
      const seen = created.get(target);
      if (seen !== undefined) assert.equal(c.text, seen, `${rel} creates a different ${target} than another file`);
      else created.set(target, c.text);
    }
  }
  for (const [target, text] of created) {
    assert.ok(!existsSync(path.join(fixed, target)), `${target} would overwrite a fixture file`);
    writeFileSync(path.join(fixed, target), text);
  }
  return { texts, created: [...created.keys()].sort() };
}

/** The fixed text must be the original with exactly these replacements (each `from` occurring once). */
function assertFixedAs(fixture: string, rel: string, fixed: string | undefined, replacements: [string, string][]): void {
  let expected = readFileSync(path.join(FIXTURES, fixture, rel), 'utf8');
  for (const [from, to] of replacements) {
    assert.equal(expected.split(from).length, 2, `${rel}: the fixture must contain ${JSON.stringify(from)} exactly once`);
    expected = expected.replace(from, () => to);
  }
  assert.equal(fixed, expected, `${rel}: the fixed text differs from the expected edits`);
}

/** The hex HMAC-SHA256 of "ping": the programs sign with the secret, so the signature says which value they used. */
function pingSignature(key: string): string {
  return createHmac('sha256', key).update('ping').digest('hex');
}

describe('fixed Go service (net/http, standard library only) builds and runs', () => {
  const original = path.join(work, 'go-original');
  const fixed = path.join(work, 'go-fixed');
  const goEnv = offlineGoEnv(work);
  const fromEnv = { DB_PASSWORD: 'db-from-env', API_TOKEN: 'token-from-env', WEBHOOK_SIGNING_SECRET: 'hook-from-env' };
  const fromFiles = { DB_PASSWORD: 'db-from-file', API_TOKEN: 'token-from-file', WEBHOOK_SIGNING_SECRET: 'hook-from-file' };
  const plain = { PORT: '9090', DB_HOST: 'db.internal' };
  let texts = new Map<string, string>();
  let created: string[] = [];

  function printConfig(dir: string, env: Record<string, string>): { config: unknown; log: string } {
    const r = mustRun(path.join(dir, 'orders-api'), ['print-config'], dir, env);
    return { config: lastJson(r.stdout), log: r.stderr };
  }

  function expected(values: typeof fromEnv): unknown {
    return { dbPassword: values.DB_PASSWORD, apiToken: values.API_TOKEN, port: 9090, webhookSig: pingSignature(values.WEBHOOK_SIGNING_SECRET) };
  }

  before(async () => {
    await prepareCodeGrammars();
    const probe = spawn('go', ['version'], work, goEnv);
    assert.equal(probe.status, 0, `go is needed (bash scripts/install-test-packages.sh installs golang-go): ${probe.stderr.trim()}`);
    ({ texts, created } = copyAndFix('go', original, fixed, '.go'));
    mustRun('go', ['build', '-o', 'orders-api', '.'], original, goEnv);
  });

  it('the original is gofmt-formatted and builds', () => {
    assert.equal(mustRun('gofmt', ['-l', '.'], original, goEnv).stdout, '', 'gofmt -l lists fixture files');
    assert.ok(existsSync(path.join(original, 'orders-api')));
  });

  it('fix-all reads the secrets with the loader, redacts the token log, drops the import it left unused', () => {
    assert.deepEqual(created, ['secret_loader.go']);
    assert.deepEqual([...texts.keys()], ['config.go', 'db.go', 'main.go', 'webhook.go']);
    assertFixedAs('go', 'config.go', texts.get('config.go'), [
      ['os.Getenv("DB_PASSWORD")', 'getSecret("DB_PASSWORD")'],
      ['os.LookupEnv("API_TOKEN")', 'lookupSecret("API_TOKEN")'],
    ]);
    // The token's log call logs a redaction; the port's, the boolean's and the redacted DSN's are untouched,
    // and so is print-config's JSON encoder (stdout is not a log).
    assertFixedAs('go', 'main.go', texts.get('main.go'), [
      ['log.Printf("payments client configured with token %s", cfg.APIToken)', 'log.Printf("payments client configured with token %s", "[REDACTED]")'],
    ]);
    // webhook.go used os only for the secret's read: the import goes, or the package would not compile.
    assertFixedAs('go', 'webhook.go', texts.get('webhook.go'), [
      ['\t"os"\n', ''],
      ['os.Getenv("WEBHOOK_SIGNING_SECRET")', 'getSecret("WEBHOOK_SIGNING_SECRET")'],
    ]);
    assertFixedAs('go', 'db.go', texts.get('db.go'), []);
    const importsOs = (rel: string) => /^import \([^)]*^\t"os"$/m.test(readFileSync(path.join(fixed, rel), 'utf8'));
    assert.deepEqual(
      ['config.go', 'main.go', 'webhook.go'].map((rel) => [rel, importsOs(rel)]),
      [
        ['config.go', true],
        ['main.go', true],
        ['webhook.go', false],
      ],
    );
  });

  it('the fixed package is gofmt-formatted, passes go vet and builds', () => {
    assert.equal(mustRun('gofmt', ['-l', '.'], fixed, goEnv).stdout, '', 'gofmt -l lists fixed files');
    mustRun('go', ['vet', './...'], fixed, goEnv);
    mustRun('go', ['build', '-o', 'orders-api', '.'], fixed, goEnv);
  });

  it('the fixed service reads the mounted files ($SECRETS_DIR, else the mount path), else the env vars; the token is not logged', () => {
    secretFiles(fromFiles);
    const withFiles = printConfig(fixed, { SECRETS_DIR: secrets, ...plain, ...fromEnv });
    assert.deepEqual(withFiles.config, expected(fromFiles));
    assert.match(withFiles.log, /payments client configured with token \[REDACTED\]\n/);
    assert.match(withFiles.log, /orders-api listening on port 9090\n/);
    assert.match(withFiles.log, /database password set: true\n/);
    assert.match(withFiles.log, /db .*connecting to postgres:\/\/orders:xxxxx@db\.internal:5432\/orders/);
    for (const v of [...Object.values(fromFiles), ...Object.values(fromEnv)]) assert.ok(!withFiles.log.includes(v), `the log carries the planted ${v}`);
    // No $SECRETS_DIR: the loader's default directory, the mount path fix-all was given.
    assert.deepEqual(printConfig(fixed, { ...plain, ...fromEnv }).config, expected(fromFiles));
    // No files: the env vars, as before the fix.
    const withoutFiles = printConfig(fixed, { SECRETS_DIR: emptySecrets, ...plain, ...fromEnv });
    assert.deepEqual(withoutFiles.config, expected(fromEnv));
    assert.match(withoutFiles.log, /payments client configured with token \[REDACTED\]\n/);
    // lookupSecret keeps os.LookupEnv's "not set": neither a file nor the variable stops the service.
    const unset = spawn(path.join(fixed, 'orders-api'), ['print-config'], fixed, { SECRETS_DIR: emptySecrets, ...plain });
    assert.equal(unset.status, 1);
    assert.match(unset.stderr, /API_TOKEN is not set/);
  });

  it('the original service, for contrast: the env vars even when files are mounted, and the token in its log', () => {
    secretFiles(fromFiles);
    const r = printConfig(original, { SECRETS_DIR: secrets, ...plain, ...fromEnv });
    assert.deepEqual(r.config, expected(fromEnv));
    assert.match(r.log, /payments client configured with token token-from-env\n/);
  });
});

describe('fixed Java CLI (plain Java 17) compiles and runs', () => {
  const original = path.join(work, 'java-original');
  const fixed = path.join(work, 'java-fixed');
  const pkg = path.join('src', 'com', 'example', 'backup');
  const fromEnv = { BACKUP_ENCRYPTION_KEY: 'key-from-env', DB_PASSWORD: 'db-from-env' };
  const fromFiles = { BACKUP_ENCRYPTION_KEY: 'key-from-file', DB_PASSWORD: 'db-from-file' };
  const plain = { DB_HOST: 'db.internal' };
  let texts = new Map<string, string>();
  let created: string[] = [];

  function javac(dir: string): void {
    const sources = sourceFiles(path.join(dir, 'src'), '.java').map((f) => path.join('src', f));
    mustRun('javac', ['-Xlint:all', '-Werror', '--release', '17', '-d', 'classes', ...sources], dir, {});
  }

  /** Runs `print-config FILE` and returns the JSON it wrote and its stderr (java.util.logging's console). */
  function printConfig(dir: string, env: Record<string, string>): { config: unknown; log: string } {
    const out = path.join(dir, 'config.json');
    rmSync(out, { force: true });
    const r = mustRun('java', ['-cp', 'classes', 'com.example.backup.Main', 'print-config', out], dir, env);
    return { config: JSON.parse(readFileSync(out, 'utf8')), log: r.stderr };
  }

  function expected(values: { BACKUP_ENCRYPTION_KEY: string; DB_PASSWORD: string }): unknown {
    return {
      dbHost: 'db.internal',
      dbPassword: values.DB_PASSWORD,
      encryptionKey: values.BACKUP_ENCRYPTION_KEY,
      pingSignature: pingSignature(values.BACKUP_ENCRYPTION_KEY),
    };
  }

  before(async () => {
    await prepareCodeGrammars();
    for (const tool of ['javac', 'java']) {
      const probe = spawn(tool, ['-version'], work, {});
      assert.equal(probe.status, 0, `${tool} is needed (bash scripts/install-test-packages.sh installs default-jdk-headless): ${probe.stderr.trim()}`);
    }
    ({ texts, created } = copyAndFix('java', original, fixed, '.java'));
    javac(original);
  });

  it('fix-all reads the secrets with SecretLoader (getOrDefault keeps its default) and redacts the key in the logs', () => {
    assert.deepEqual(created, [path.join(pkg, 'SecretLoader.java')]);
    assert.match(readFileSync(path.join(fixed, pkg, 'SecretLoader.java'), 'utf8'), /^package com\.example\.backup;\n/);
    assert.deepEqual(
      [...texts.keys()],
      ['com/example/backup/BackupJob.java', 'com/example/backup/Config.java', 'com/example/backup/Main.java'].map((f) => path.join('src', f)),
    );
    assertFixedAs('java', path.join(pkg, 'Config.java'), texts.get(path.join(pkg, 'Config.java')), [
      ['System.getenv("BACKUP_ENCRYPTION_KEY")', 'SecretLoader.get("BACKUP_ENCRYPTION_KEY")'],
      ['System.getenv().getOrDefault("DB_PASSWORD", "")', 'SecretLoader.get("DB_PASSWORD", "")'],
      ['LOG.info("archives are encrypted with key " + key);', 'LOG.info("archives are encrypted with key " + "[REDACTED]");'],
    ]);
    assertFixedAs('java', path.join(pkg, 'BackupJob.java'), texts.get(path.join(pkg, 'BackupJob.java')), [
      ['LOG.log(Level.FINE, "signing with key {0}", config.encryptionKey);', 'LOG.log(Level.FINE, "signing with key {0}", "[REDACTED]");'],
    ]);
    // print-config writes the values to the file it is given: not a log, left alone.
    assertFixedAs('java', path.join(pkg, 'Main.java'), texts.get(path.join(pkg, 'Main.java')), []);
  });

  it('the fixed sources and SecretLoader.java compile with -Xlint:all -Werror', () => {
    assert.ok(existsSync(path.join(original, 'classes', 'com', 'example', 'backup', 'Main.class')), 'the original compiled');
    javac(fixed);
    assert.ok(existsSync(path.join(fixed, 'classes', 'com', 'example', 'backup', 'SecretLoader.class')));
  });

  it('the fixed CLI reads the mounted files ($SECRETS_DIR, else the mount path), else the env vars; the key is not logged', () => {
    secretFiles(fromFiles);
    const withFiles = printConfig(fixed, { SECRETS_DIR: secrets, ...plain, ...fromEnv });
    assert.deepEqual(withFiles.config, expected(fromFiles));
    assert.match(withFiles.log, /archives are encrypted with key \[REDACTED\]\n/);
    assert.match(withFiles.log, /backing up database on db\.internal\n/);
    for (const v of [...Object.values(fromFiles), ...Object.values(fromEnv)]) assert.ok(!withFiles.log.includes(v), `the log carries the planted ${v}`);
    assert.deepEqual(printConfig(fixed, { ...plain, ...fromEnv }).config, expected(fromFiles));
    assert.deepEqual(printConfig(fixed, { SECRETS_DIR: emptySecrets, ...plain, ...fromEnv }).config, expected(fromEnv));
    // getOrDefault's default survives the fix: no file and no variable is still "".
    const noPassword = printConfig(fixed, { SECRETS_DIR: emptySecrets, ...plain, BACKUP_ENCRYPTION_KEY: 'key-from-env' });
    assert.deepEqual(noPassword.config, expected({ BACKUP_ENCRYPTION_KEY: 'key-from-env', DB_PASSWORD: '' }));
    assert.match(noPassword.log, /DB_PASSWORD is empty/);
  });

  it('the original CLI, for contrast: the env vars even when files are mounted, and the key in its log', () => {
    secretFiles(fromFiles);
    const r = printConfig(original, { SECRETS_DIR: secrets, ...plain, ...fromEnv });
    assert.deepEqual(r.config, expected(fromEnv));
    assert.match(r.log, /archives are encrypted with key key-from-env\n/);
  });
});
