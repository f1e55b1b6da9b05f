// The CLI's gate and output options as a process (issue 22): --fail-on and --max-warnings decide the
// exit code, --quiet keeps only what fails, --output writes the report to a file, colours follow
// NO_COLOR / FORCE_COLOR (never on in a pipe), the per-rule table, strict argument parsing (util.parseArgs)
// and --help with examples.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { writeTree } from '../support/temp-tree';

// One error (a literal secret in a Compose file), two warnings (Secret-fed env vars), one information (a loose mode).
const MANIFEST = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      env:
        - name: DB_PASSWORD
          valueFrom: {secretKeyRef: {name: db, key: password}}
        - name: API_TOKEN
          valueFrom: {secretKeyRef: {name: api, key: token}}
      volumeMounts:
        - {name: tls, mountPath: /tls, readOnly: true}
  volumes:
    - name: tls
      secret: {secretName: tls, defaultMode: 0644}
`;
const DOCKERFILE = 'FROM alpine\nENV API_KEY=not-a-real-key-123\n';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

describe('secret-hints scan options', () => {
  let root: string;
  before(() => {
    root = writeTree({ 'k8s/pod.yaml': MANIFEST, Dockerfile: DOCKERFILE }, 'secret-hints-options-');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('every finding fails by default; --fail-on error fails on the error alone; a clean level passes', () => {
    assert.equal(runCli(['scan', '.'], root).code, 1);
    assert.equal(runCli(['scan', 'k8s', '--fail-on', 'error'], root).code, 0, 'warnings and information only');
    assert.equal(runCli(['scan', '.', '--fail-on', 'error'], root).code, 1, 'the Dockerfile error');
    assert.equal(runCli(['scan', 'k8s', '--fail-on', 'warning'], root).code, 1);
    assert.equal(runCli(['scan', 'k8s', '--fail-on', 'information'], root).code, 1);
  });

  it('--max-warnings: warnings fail only past the budget (and errors still fail)', () => {
    assert.equal(runCli(['scan', 'k8s', '--max-warnings', '2'], root).code, 0);
    const over = runCli(['scan', 'k8s', '--max-warnings', '1'], root);
    assert.equal(over.code, 1);
    assert.match(over.stdout, /^2 warnings, more than --max-warnings 1: the scan fails\.$/m);
    assert.equal(runCli(['scan', '.', '--max-warnings', '5'], root).code, 1, 'the error fails whatever the warning budget');
  });

  it('--quiet reports only what fails, with no table; JSON too', () => {
    const quiet = runCli(['scan', '.', '--quiet', '--fail-on', 'error'], root);
    assert.equal(quiet.code, 1);
    assert.deepEqual(
      quiet.stdout
        .split('\n')
        .filter((l) => / {2}(error|warning|information|hint) /.test(l))
        .map((l) => l.split('  ')[0]),
      ['Dockerfile:2:5'],
    );
    assert.doesNotMatch(quiet.stdout, /^rule {2}/m);
    const json = JSON.parse(runCli(['scan', '.', '--quiet', '--fail-on', 'warning', '--format', 'json'], root).stdout) as { severity: string }[];
    assert.deepEqual(json.map((f) => f.severity).sort(), ['error', 'warning', 'warning']);
  });

  it('prints a table of findings per rule', () => {
    const r = runCli(['scan', '.'], root, { NO_COLOR: '1' });
    const table = r.stdout.slice(r.stdout.indexOf('\nrule '));
    assert.match(table, /\nrule +error +warning +information +fixable\n/);
    assert.match(table, /\ndockerfile-secret-env +1 +0 +0 +0\n/);
    assert.match(table, /\nk8s-secret-env-ref +0 +2 +0 +[0-9]+\n/);
    assert.match(table, /\nk8s-secret-mount-mode +0 +0 +1 +[0-9]+\n/);
  });

  it('colours only when asked or on a terminal: FORCE_COLOR on, NO_COLOR off, a pipe off', () => {
    assert.doesNotMatch(runCli(['scan', '.'], root).stdout, ANSI, 'a pipe');
    assert.match(runCli(['scan', '.'], root, { FORCE_COLOR: '1' }).stdout, ANSI);
    assert.doesNotMatch(runCli(['scan', '.'], root, { FORCE_COLOR: '0', NO_COLOR: '1' }).stdout, ANSI);
    const json = runCli(['scan', '.', '--format', 'json'], root, { FORCE_COLOR: '1' });
    assert.doesNotMatch(json.stdout, ANSI, 'JSON never');
  });

  it('--output writes the report to a file (nothing on stdout); an unwritable path is an I/O error', () => {
    const out = path.join(root, 'report.sarif');
    const r = runCli(['scan', 'k8s', '--format', 'sarif', '--output', out], root);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal((JSON.parse(readFileSync(out, 'utf8')) as { version: string }).version, '2.1.0');
    const bad = runCli(['scan', 'k8s', '--output', path.join(root, 'no', 'such', 'dir', 'r.txt')], root);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /cannot write/);
  });

  it('rejects unknown options, missing values and bad levels with usage (exit 2); --help shows examples', () => {
    for (const [args, message] of [
      [['scan', '--nope'], /Unknown option '--nope'/],
      [['scan', '--format'], /--format/],
      [['scan', '--fail-on', 'fatal'], /Unknown level "fatal" for --fail-on/],
      [['scan', '--max-warnings=-1'], /--max-warnings needs a whole number/],
      [['scan', '--max-warnings', 'ten'], /--max-warnings needs a whole number/],
      [['scan', '--rule', 'no-such-rule'], /Unknown rule no-such-rule/],
    ] as const) {
      const r = runCli([...args], root);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
      assert.match(r.stderr, /Usage: secret-hints scan/);
    }
    const help = runCli(['scan', '--help'], root);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Examples:\n {2}secret-hints scan /);
    assert.match(help.stdout, /--fail-on LEVEL/);
  });
});
