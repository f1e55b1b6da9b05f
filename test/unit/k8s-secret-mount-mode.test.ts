import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument, type Scalar } from 'yaml';
import { analyze } from '../../server/src/engine/analyze';
import { fileMode } from '../../server/src/engine/k8s/mount-uses';
import { readFixture, slice } from '../support/fixtures';

const RULE = 'k8s-secret-mount-mode';

function modeOf(source: string): number | undefined {
  return fileMode(parseDocument(`m: ${source}`).get('m', true) as Scalar);
}

describe(RULE, () => {
  const text = readFixture('k8s', 'mount-mode.yaml');
  const all = analyze({ text, path: 'm.yaml' }).findings.filter((f) => f.rule === RULE);

  it('starts at the mode value, with information severity', () => {
    assert.deepEqual(
      all.map((f) => slice(text, f)),
      ['0644', '0o644', '420', '0x1a4', '0660', '0666', '0444', '0644', '0604'],
    );
    for (const f of all) assert.equal(f.severity, 'information');
  });

  it('reports the mode as its decimal value, with the volume and the mounting container', () => {
    assert.deepEqual(
      all.map((f) => f.data.mode),
      [420, 420, 420, 420, 432, 438, 292, 420, 388],
    );
    assert.deepEqual([...new Set(all.map((f) => f.data.volume))], ['octal-644', 'o-644', 'decimal-420', 'hex-644', 'group-write', 'items', 'projected']);
    for (const f of all) assert.deepEqual([f.data.container, f.data.group, f.data.documentIndex], ['app', 'containers', 0]);
    assert.match(all[0].message, /mode 0644 \(others can read\)/);
    assert.match(all[4].message, /group or others can write/);
  });

  it('reads modes the way Kubernetes (YAML 1.1) does', () => {
    assert.equal(modeOf('0644'), 0o644);
    assert.equal(modeOf('0o644'), 0o644);
    assert.equal(modeOf('420'), 0o644);
    assert.equal(modeOf('0x1A4'), 0o644);
    assert.equal(modeOf('0b110100100'), 0o644);
    assert.equal(modeOf('0400'), 0o400);
    assert.equal(modeOf('0'), 0);
    assert.equal(modeOf('0888'), undefined, 'not an octal number');
    assert.equal(modeOf('01000'), undefined, 'beyond 0777');
    assert.equal(modeOf('"0644"'), undefined, 'a string is not a mode');
  });

  it('names the pod when no container mounts the volume', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: lonely}\nspec:\n  containers: [{name: c}]\n  volumes:\n    - {name: v, secret: {secretName: s, defaultMode: 0777}}\n';
    const [f] = analyze({ text: pod, path: 'p.yaml' }).findings;
    assert.equal(f.rule, RULE);
    assert.match(f.message, /Pod "lonely"/);
    assert.equal(f.data.container, '');
  });
});
