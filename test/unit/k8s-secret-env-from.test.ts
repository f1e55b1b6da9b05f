import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { readFixture, slice } from '../support/fixtures';

const RULE = 'k8s-secret-env-from';
const findings = (text: string) => analyze({ text, path: 'm.yaml' }).findings.filter((f) => f.rule === RULE);

describe(RULE, () => {
  const text = readFixture('k8s', 'env-from.yaml');
  const all = findings(text);

  it('starts at the secretRef key, with warning severity', () => {
    assert.equal(all.length, 5);
    for (const f of all) {
      assert.equal(slice(text, f), 'secretRef');
      assert.equal(f.severity, 'warning');
    }
  });

  it('fills the data contract: document, container, group, Secret, prefix, optional', () => {
    const pick = (i: number) => {
      const d = all[i].data;
      return { documentIndex: d.documentIndex, container: d.container, group: d.group, secret: d.secret, prefix: d.prefix, optional: d.optional };
    };
    assert.deepEqual(pick(0), { documentIndex: 0, container: 'migrate', group: 'initContainers', secret: 'db-admin', prefix: undefined, optional: undefined });
    assert.deepEqual(pick(1), { documentIndex: 0, container: 'app', group: 'containers', secret: 'db', prefix: undefined, optional: undefined });
    assert.deepEqual(pick(2), { documentIndex: 0, container: 'app', group: 'containers', secret: 'stripe', prefix: 'STRIPE_', optional: true });
    assert.deepEqual(pick(4), { documentIndex: 1, container: 'report', group: 'containers', secret: 'smtp', prefix: undefined, optional: undefined });
  });

  it('names the container, the Secret and the prefix in the message', () => {
    assert.match(all[2].message, /Container "app"/);
    assert.match(all[2].message, /Secret "stripe"/);
    assert.match(all[2].message, /prefixed "STRIPE_"/);
  });

  it('never flags configMapRef', () => {
    const cm = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: c\n      envFrom:\n        - configMapRef: {name: cfg}\n';
    assert.equal(findings(cm).length, 0);
  });
});

describe(`${RULE} while typing`, () => {
  it('waits until secretRef has a map value', () => {
    const partial = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: c\n      envFrom:\n        - secretRef:\n';
    assert.equal(findings(partial).length, 0);
    assert.equal(findings(`${partial}            name: s\n`).length, 1);
  });
});
