// The CLI fails closed: a file it did not analyse (over the work limit, too large, not text) is
// reported in every format and makes the exit code non-zero unless --allow-skipped; and the same scan
// gives byte-identical output on a quiet machine and a busy one (the work limit is counted, not timed).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, describe, it } from 'node:test';
import type { Log } from 'sarif';
import { manifest, python } from '../../bench/generate';
import { runCli } from '../support/cli';
import { assertValidSarif } from '../support/sarif-schema';
import { TempTrees } from '../support/temp-tree';
import { hostileInput, secretPod } from '../support/hostile-inputs';

const CLEAN_POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec:\n  containers:\n    - name: app\n      env:\n        - {name: LEVEL, value: info}\n';
/** Within the size limit, over the work limit (1,000,000 document starts). */
const OVER_WORK_LIMIT = hostileInput('1000000-empty-documents').text;

const trees = new TempTrees();
after(trees.removeAll);

function tree(files: Record<string, string | Buffer>): string {
  return trees.write(files, 'secret-hints-skipped-');
}

interface JsonEntry {
  file: string;
  rule: string | null;
  skipped?: string;
  severity: string;
  fixable: boolean;
}

describe('secret-hints scan: files not analysed', () => {
  it('exits 3 when a file is over the work limit and nothing else is found, and says so in text, JSON and SARIF', () => {
    const root = tree({ 'a-clean.yaml': CLEAN_POD, 'b-huge.yaml': OVER_WORK_LIMIT });
    const text = runCli(['scan', '.'], root);
    assert.equal(text.code, 3, text.stderr.slice(0, 300));
    assert.match(text.stdout, /^b-huge\.yaml {2}not analysed \(analysis-budget\) {2}File needs more analysis work than its limit/m);
    assert.match(
      text.stdout,
      /^0 findings in 2 files scanned\.\n1 file was not analysed: the scan fails \(exit code 3 without findings\) unless --allow-skipped is given\.$/m,
    );
    assert.match(text.stderr, /^b-huge\.yaml:1:1: note: File needs more analysis work/m);

    const json = runCli(['scan', '.', '--format', 'json'], root);
    assert.equal(json.code, 3);
    const entries = JSON.parse(json.stdout) as JsonEntry[];
    assert.deepEqual(
      entries.map((e) => [e.file, e.rule, e.skipped, e.severity, e.fixable]),
      [['b-huge.yaml', null, 'analysis-budget', 'error', false]],
    );

    const sarif = runCli(['scan', '.', '--format', 'sarif'], root);
    assert.equal(sarif.code, 3);
    const log = JSON.parse(sarif.stdout) as Log;
    assertValidSarif(log);
    const [invocation] = log.runs[0].invocations ?? [];
    assert.equal(invocation.executionSuccessful, false);
    assert.equal(invocation.exitCode, 3);
    const [notification] = invocation.toolExecutionNotifications ?? [];
    assert.equal(invocation.toolExecutionNotifications?.length, 1);
    assert.equal(notification.level, 'error');
    assert.equal(notification.descriptor?.id, 'analysis-budget');
    assert.equal(notification.locations?.[0].physicalLocation?.artifactLocation?.uri, 'b-huge.yaml');
    assert.deepEqual(log.runs[0].results, []);
  });

  it('--allow-skipped reports the same files but exits 0 (information in JSON, a warning in SARIF)', () => {
    const root = tree({ 'a-clean.yaml': CLEAN_POD, 'b-huge.yaml': OVER_WORK_LIMIT });
    const text = runCli(['scan', '.', '--allow-skipped'], root);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^1 file was not analysed \(allowed by --allow-skipped\)\.$/m);
    const json = runCli(['scan', '.', '--format', 'json', '--allow-skipped'], root);
    assert.equal(json.code, 0);
    assert.deepEqual(
      (JSON.parse(json.stdout) as JsonEntry[]).map((e) => [e.file, e.skipped, e.severity]),
      [['b-huge.yaml', 'analysis-budget', 'information']],
    );
    const sarif = runCli(['scan', '.', '--format', 'sarif', '--allow-skipped'], root);
    assert.equal(sarif.code, 0);
    const log = JSON.parse(sarif.stdout) as Log;
    assertValidSarif(log);
    const [invocation] = log.runs[0].invocations ?? [];
    assert.equal(invocation.executionSuccessful, false, 'a file was still not analysed');
    assert.equal(invocation.toolExecutionNotifications?.[0].level, 'warning');
  });

  it('a complete scan has a successful invocation with no notifications', () => {
    const root = tree({ 'pod.yaml': secretPod() });
    const sarif = runCli(['scan', '.', '--format', 'sarif'], root);
    assert.equal(sarif.code, 1);
    const log = JSON.parse(sarif.stdout) as Log;
    assertValidSarif(log);
    assert.deepEqual(log.runs[0].invocations, [{ executionSuccessful: true, exitCode: 1, toolExecutionNotifications: [] }]);
  });

  it('findings win over skipped files (exit 1), and every kind of skip is listed in walk order', () => {
    const root = tree({
      'a-pod.yaml': secretPod(),
      'b-huge.yaml': OVER_WORK_LIMIT,
      'c-large.yaml': `${CLEAN_POD}# ${'x'.repeat(100)}\n`.repeat(40_000), // over the 4 MiB size limit
      'd-latin1.yaml': Buffer.concat([Buffer.from('kind: Pod\nx: '), Buffer.from([0xe9, 0x0a])]),
      'e-nul.py': 'import os\nprint("a\u0000b")\n',
    });
    const json = runCli(['scan', '.', '--format', 'json'], root);
    assert.equal(json.code, 1);
    const entries = JSON.parse(json.stdout) as JsonEntry[];
    assert.deepEqual(
      entries.filter((e) => e.skipped).map((e) => [e.file, e.skipped]),
      [
        ['b-huge.yaml', 'analysis-budget'],
        ['c-large.yaml', 'file-too-large'],
        ['d-latin1.yaml', 'not-text'],
        ['e-nul.py', 'not-text'],
      ],
    );
    assert.ok(entries.some((e) => e.file === 'a-pod.yaml' && e.rule === 'k8s-secret-env-ref'));
  });

  it('a file only over the old size limit (2 MiB) is analysed in full by default', () => {
    const root = tree({ 'big.yaml': manifest(100_000) });
    const json = runCli(['scan', '.', '--format', 'json'], root);
    assert.equal(json.code, 1);
    const entries = JSON.parse(json.stdout) as JsonEntry[];
    assert.equal(entries.filter((e) => e.skipped).length, 0);
    assert.ok(entries.length > 4000, `${entries.length} findings`);
  });
});

describe('secret-hints scan: the same answer under load', () => {
  it('gives byte-identical JSON with three CPU-burning processes beside it', () => {
    const files: Record<string, string> = { 'huge/over-limit.yaml': OVER_WORK_LIMIT, 'big/manifest.yaml': manifest(20_000) };
    for (let i = 0; i < 20; i++) files[`svc/mod_${i}.py`] = python(400, i + 1);
    const root = tree(files);
    const quiet = runCli(['scan', '.', '--format', 'json'], root);
    const burners: ChildProcess[] = [];
    try {
      for (let i = 0; i < 3; i++) burners.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
      const busy = runCli(['scan', '.', '--format', 'json'], root);
      assert.equal(busy.code, quiet.code);
      assert.ok(busy.stdout === quiet.stdout, 'the JSON output differs between the quiet and the busy run');
      assert.equal(quiet.code, 1);
      assert.ok((JSON.parse(quiet.stdout) as JsonEntry[]).some((e) => e.skipped === 'analysis-budget'));
    } finally {
      for (const b of burners) b.kill('SIGKILL');
    }
  });
});
