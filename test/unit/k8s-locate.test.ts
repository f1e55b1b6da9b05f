// From a finding back to its nodes (the fixer's entry point): each locate function returns the
// entry the finding is about, and nothing for findings that sit at an alias.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { parseManifest } from '../../server/src/engine/k8s/documents';
import { locateEnvEntry, locateEnvFromEntry, locateSecretVolume, locateVolumeMount } from '../../server/src/engine/k8s/locate';
import { getString } from '../../server/src/engine/k8s/nodes';
import { readFixture } from '../support/fixtures';
import { CODE_READS_EVERYTHING } from '../support/k8s-fix';

function check(fixture: string, rule: string, locate: (ctx: ReturnType<typeof parseManifest>, offset: number) => { entry: unknown } | undefined): number {
  const text = readFixture('k8s', fixture);
  const ctx = parseManifest(text);
  const found = analyze({ codeReads: CODE_READS_EVERYTHING, text, path: fixture }).findings.filter((f) => f.rule === rule);
  let located = 0;
  for (const f of found) {
    const hit = locate(ctx, f.start);
    assert.equal(hit !== undefined, f.data.aliased !== true, `finding at ${f.start}: located exactly when not aliased`);
    if (hit) located++;
  }
  return located;
}

describe('locating a finding’s nodes', () => {
  it('env entries of env-ref and env-literal findings, with container and position', () => {
    const text = readFixture('k8s', 'env-literal.yaml');
    const ctx = parseManifest(text);
    const [f] = analyze({ codeReads: CODE_READS_EVERYTHING, text, path: 'm.yaml' }).findings;
    const hit = locateEnvEntry(ctx, f.start);
    assert.ok(hit);
    assert.equal(getString(hit.entry, 'name', ctx.documents[0].doc), f.data.variable);
    assert.equal(hit.container.name, f.data.container);
    assert.equal(hit.seq.items[hit.index], hit.item);
    assert.equal(check('env-literal.yaml', 'k8s-secret-env-literal', locateEnvEntry), 13);
    assert.equal(check('anchors.yaml', 'k8s-secret-env-ref', locateEnvEntry), 3);
  });

  it('envFrom entries, volume mounts and Secret volumes', () => {
    assert.equal(check('env-from.yaml', 'k8s-secret-env-from', locateEnvFromEntry), 5);
    assert.equal(check('mount-subpath.yaml', 'k8s-secret-mount-subpath', locateVolumeMount), 4);
    assert.equal(
      check('mount-mode.yaml', 'k8s-secret-mount-mode', (ctx, offset) => {
        const hit = locateSecretVolume(ctx, offset);
        return hit && { entry: hit.volume.entry };
      }),
      9,
    );
  });

  it('returns nothing for an offset outside any entry', () => {
    const ctx = parseManifest(readFixture('k8s', 'env-from.yaml'));
    assert.equal(locateEnvFromEntry(ctx, 0), undefined);
    assert.equal(locateEnvEntry(ctx, 0), undefined);
  });
});
