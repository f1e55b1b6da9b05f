import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { readFixture, slice } from '../support/fixtures';

const RULE = 'k8s-secret-mount-subpath';

describe(RULE, () => {
  const text = readFixture('k8s', 'mount-subpath.yaml');
  const all = analyze({ text, path: 'm.yaml' }).findings.filter((f) => f.rule === RULE);

  it('starts at the subPath / subPathExpr key, with warning severity', () => {
    assert.deepEqual(
      all.map((f) => slice(text, f)),
      ['subPath', 'subPathExpr', 'subPath', 'subPath'],
    );
    for (const f of all) assert.equal(f.severity, 'warning');
  });

  it('names the volume and the sub-path (secret and projected-secret volumes only)', () => {
    assert.deepEqual(
      all.map((f) => [f.data.volume, f.data.subPath, f.data.container, f.data.group, f.data.documentIndex]),
      [
        ['tls', 'tls.key', 'postgres', 'containers', 0],
        ['creds', '$(POD_NAME)', 'postgres', 'containers', 0],
        ['bundle', 'ca.crt', 'postgres', 'containers', 0],
        ['tls', 'ca.crt', 'postgres', 'containers', 0],
      ],
    );
    assert.match(all[0].message, /Secret volume "tls"/);
    assert.match(all[0].message, /rotates/);
  });
});
