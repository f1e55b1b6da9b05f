// The CLI as a process: exit codes, text/JSON/SARIF output, directory walking, --fix safety.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync, chmodSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Log } from 'sarif';
import { runCli } from '../support/cli';
import { assertValidSarif } from '../support/sarif-schema';
import { writeTree } from '../support/temp-tree';

const SECRET_POD = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      env:
        - name: API_TOKEN
          valueFrom:
            secretKeyRef: {name: api, key: token}
        - name: NOTE
          value: canary-3f9a1c-do-not-print
`;
const CLEAN_POD = `apiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec:\n  containers:\n    - name: app\n      env:\n        - {name: LEVEL, value: info}\n`;

function workspace(files: Record<string, string>): string {
  return writeTree(files, 'secret-hints-cli-');
}

interface JsonFinding {
  file: string;
  rule: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  fixable: boolean;
  fingerprint: string;
}

describe('secret-hints scan', () => {
  it('exits 1 with findings and prints the documented JSON shape', () => {
    const root = workspace({ 'k8s/pod.yaml': SECRET_POD, 'k8s/clean.yaml': CLEAN_POD });
    const r = runCli(['scan', '.', '--format', 'json'], root);
    assert.equal(r.code, 1, r.stderr);
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    assert.deepEqual(findings, [
      {
        file: 'k8s/pod.yaml',
        rule: 'k8s-secret-env-ref',
        severity: 'warning',
        message: findings[0].message,
        range: { start: { line: 9, character: 12 }, end: { line: 9, character: 24 } },
        fixable: findings[0].fixable,
        fingerprint: findings[0].fingerprint,
      },
    ]);
    assert.equal(typeof findings[0].fixable, 'boolean');
    assert.match(findings[0].fingerprint, /^[0-9a-f]{32}$/);
    assert.match(findings[0].message, /API_TOKEN/);
  });

  it('exits 0 with no findings and prints a summary', () => {
    const root = workspace({ 'clean.yaml': CLEAN_POD });
    const r = runCli(['scan', 'clean.yaml'], root);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^0 findings in 1 file scanned\.$/m);
  });

  it('exits 2 on usage errors and unreadable paths, and still scans the rest', () => {
    assert.equal(runCli(['scan', '--format', 'xml']).code, 2);
    assert.equal(runCli(['scan', '--rule', 'no-such-rule']).code, 2);
    assert.equal(runCli(['frobnicate']).code, 2);
    const root = workspace({ 'pod.yaml': SECRET_POD });
    const r = runCli(['scan', 'missing.yaml', 'pod.yaml', '--format', 'json'], root);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /missing\.yaml: no such file or directory/);
    assert.equal((JSON.parse(r.stdout) as JsonFinding[]).length, 1);
  });

  it('reports invalid UTF-8 as a file not analysed without crashing', () => {
    const root = workspace({ 'pod.yaml': SECRET_POD });
    writeFileSync(path.join(root, 'bad.yaml'), Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    const r = runCli(['scan', '.'], root);
    assert.equal(r.code, 1, 'findings decide the exit code');
    assert.match(r.stderr, /bad\.yaml: not valid UTF-8/);
    assert.match(r.stdout, /^bad\.yaml {2}not analysed \(not-text\)/m);
    assert.match(r.stdout, /pod\.yaml:10:13/);
    rmSync(path.join(root, 'pod.yaml'));
    assert.equal(runCli(['scan', '.'], root).code, 3, 'without findings, the file not analysed fails the scan');
  });

  it('honours .gitignore (nested too) and --exclude while walking', () => {
    const root = workspace({
      '.gitignore': 'build/\n',
      'build/pod.yaml': SECRET_POD,
      'deploy/.gitignore': 'generated-*.yaml\n',
      'deploy/generated-x.yaml': SECRET_POD,
      'deploy/pod.yaml': SECRET_POD,
      'vendor/pod.yaml': SECRET_POD,
      'node_modules/pkg/pod.yaml': SECRET_POD,
    });
    const files = (args: string[]) => (JSON.parse(runCli(['scan', '.', '--format', 'json', ...args], root).stdout) as JsonFinding[]).map((f) => f.file);
    assert.deepEqual(files([]), ['deploy/pod.yaml', 'vendor/pod.yaml']);
    assert.deepEqual(files(['--exclude', 'vendor/**']), ['deploy/pod.yaml']);
  });

  it('emits SARIF 2.1.0 that validates against the schema, with real regions and rule metadata', () => {
    const root = workspace({ 'pod.yaml': SECRET_POD });
    const r = runCli(['scan', '.', '--format', 'sarif'], root);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout) as Log;
    assertValidSarif(log);
    const run = log.runs[0];
    const [result] = run.results ?? [];
    assert.equal(result.ruleId, 'k8s-secret-env-ref');
    assert.deepEqual(result.locations?.[0].physicalLocation?.region, { startLine: 10, startColumn: 13, endLine: 10, endColumn: 25 });
    const rule = run.tool.driver.rules?.find((x) => x.id === 'k8s-secret-env-ref');
    assert.ok(rule?.shortDescription?.text);
    assert.match(rule?.helpUri ?? '', /k8s-secret-env-ref\.md$/);
  });

  it('never prints a literal value from the scanned files', () => {
    const root = workspace({ 'pod.yaml': SECRET_POD });
    for (const format of ['text', 'json', 'sarif']) {
      const r = runCli(['scan', '.', '--format', format], root);
      assert.ok(!(r.stdout + r.stderr).includes('canary-3f9a1c'), `${format} output leaked a value`);
    }
  });

  it('--fix leaves a file without findings byte-identical, keeping its mode and CRLF line endings', () => {
    const root = workspace({ 'clean.yaml': CLEAN_POD.replace(/\n/g, '\r\n') });
    const file = path.join(root, 'clean.yaml');
    chmodSync(file, 0o640);
    const before = readFileSync(file);
    assert.equal(runCli(['scan', '.', '--fix'], root).code, 0);
    assert.ok(readFileSync(file).equals(before));
    assert.equal(statSync(file).mode & 0o777, 0o640);
  });

  it('prints help with exit 0', () => {
    const r = runCli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: secret-hints scan/);
  });
});
