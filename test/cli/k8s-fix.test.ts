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

// `--rule` keeps these tests about the secretKeyRef fix whatever other rules the fixtures trigger.
const ONLY = ['--rule', 'k8s-secret-env-ref'];

describe('secret-hints scan --fix (manifests)', () => {
  it('rewrites the file in place, keeping CRLF and mode, and exits 0 when nothing is left', () => {
    const { root, file } = fileWith('deploy.yaml', crlf(readFixture('k8s-fix', 'indentless.yaml')), 0o640);
    const r = runCli(['scan', 'deploy.yaml', '--fix', ...ONLY], root);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^2 fixes applied\.$/m);
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
    assert.equal(runCli(['scan', 'deploy.yaml', ...ONLY], root).code, 0);
  });

  it('exits 1 when a finding cannot be fixed (ephemeral container) and fixes the rest', () => {
    const { root, file } = fileWith('all.yaml', readFixture('k8s', 'all-workloads.yaml'), 0o600);
    const r = runCli(['scan', 'all.yaml', '--fix', '--format', 'json', ...ONLY], root);
    assert.equal(r.code, 1, r.stderr);
    const left = JSON.parse(r.stdout) as { rule: string; fixable: boolean }[];
    assert.equal(left.filter((f) => f.rule === 'k8s-secret-env-ref').length, 1);
    assert.equal(left[0].fixable, false);
    assert.equal(readFileSync(file, 'utf8').match(/secretKeyRef: \{/g)?.length, 1, 'only the ephemeral container keeps its secretKeyRef');
  });
});
