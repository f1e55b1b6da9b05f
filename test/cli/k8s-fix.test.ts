// `secret-hints scan --fix` on manifests: rewrites in place with the preferred fixes, keeping CRLF and
// the file mode; the exit code reflects what is left after fixing.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readFixture } from '../support/fixtures';
import { runCli } from '../support/cli';
import { crlf, deploymentPod, objects, onlyCrlf } from '../support/k8s-fix';

function fileWith(name: string, text: string, mode: number): { root: string; file: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'secret-hints-k8s-fix-'));
  const file = path.join(root, name);
  writeFileSync(file, text);
  chmodSync(file, mode);
  return { root, file };
}

/** A Python service beside the manifest that reads `variables` (so the manifest's plain mount is preferred). */
function codeReading(root: string, ...variables: string[]): string {
  const file = path.join(root, 'app.py');
  writeFileSync(file, `import os\n${variables.map((v, i) => `v${i} = os.environ["${v}"]\n`).join('')}`);
  return file;
}

// `--rule` keeps these tests about the secretKeyRef fix (and the code reads it pairs with) whatever
// other rules the fixtures trigger.
const ONLY = ['--rule', 'k8s-secret-env-ref,secret-env-read'];

describe('secret-hints scan --fix (manifests)', () => {
  it('rewrites the file in place, keeping CRLF and mode, and exits 0 when nothing is left', () => {
    const { root, file } = fileWith('deploy.yaml', crlf(readFixture('k8s-fix', 'indentless.yaml')), 0o640);
    const app = codeReading(root, 'DB_PASSWORD', 'API_TOKEN');
    const r = runCli(['scan', '.', '--fix', ...ONLY], root);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^4 fixes applied\.$/m);
    assert.match(readFileSync(app, 'utf8'), /load_secret\("DB_PASSWORD"\)[\s\S]*load_secret\("API_TOKEN"\)/);
    const text = readFileSync(file, 'utf8');
    assert.ok(onlyCrlf(text), 'CRLF kept');
    assert.ok(text.includes('image: "shop/api:1.4"   # pinned\r\n'));
    assert.equal(statSync(file).mode & 0o777, 0o640);
    const pod = deploymentPod(objects(text)[0]);
    assert.deepEqual(
      pod.containers[0].env?.map((e) => e.name),
      ['LOG_LEVEL', 'STRIPE_KEY'],
    );
    assert.deepEqual(
      pod.volumes?.map((v) => v.name),
      ['tls', 'api-secrets'],
    );
    assert.equal(runCli(['scan', '.', ...ONLY], root).code, 0);
  });

  it('applies only the fixes it can prove keep the workload running, and lists the rest with the reason', () => {
    const { root, file } = fileWith('deploy.yaml', readFixture('k8s-fix', 'indentless.yaml'), 0o640);
    const before = readFileSync(file, 'utf8');
    const r = runCli(['scan', '.', '--fix', '--rule', 'k8s-secret-env-ref'], root);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^0 fixes applied\.$/m);
    assert.equal(readFileSync(file, 'utf8'), before, 'an image not known to read files, and no code reads the variables');
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 2, r.stderr);
    for (const line of lines) {
      assert.match(
        line,
        /^deploy\.yaml:\d+:\d+: not fixed \(k8s-secret-env-ref\): offered but not applied: image "shop\/api:1\.4" is not known to read (DB_PASSWORD|API_TOKEN) from a file, and no code in the workspace reads \1/,
      );
    }
  });

  it('exits 1 when a finding cannot be fixed (ephemeral container) and fixes the rest', () => {
    const { root, file } = fileWith('all.yaml', readFixture('k8s', 'all-workloads.yaml'), 0o600);
    const text = readFileSync(file, 'utf8');
    codeReading(root, ...[...new Set(text.match(/[A-Z]+_SECRET\b/g))]);
    const r = runCli(['scan', '.', '--fix', '--format', 'json', ...ONLY], root);
    assert.equal(r.code, 1, r.stderr);
    const left = JSON.parse(r.stdout) as { rule: string; fixable: boolean }[];
    assert.equal(left.filter((f) => f.rule === 'k8s-secret-env-ref').length, 1);
    assert.equal(left[0].fixable, false);
    assert.equal(readFileSync(file, 'utf8').match(/secretKeyRef: \{/g)?.length, 1, 'only the ephemeral container keeps its secretKeyRef');
  });
});
