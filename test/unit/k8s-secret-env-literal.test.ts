import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { analyze } from '../../server/src/engine/analyze';
import { defaultSettings } from '../../server/src/engine/settings';
import { readFixture, slice } from '../support/fixtures';

const RULE = 'k8s-secret-env-literal';
const podWith = (name: string, value: string) =>
  `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: c\n      env:\n        - name: ${name}\n          value: ${value}\n`;

describe(RULE, () => {
  const text = readFixture('k8s', 'env-literal.yaml');
  const all = analyze({ text, path: 'm.yaml' }).findings.filter((f) => f.rule === RULE);

  it('starts at the value scalar, with error severity', () => {
    assert.equal(all.length, 13);
    for (const f of all) {
      assert.equal(f.severity, 'error');
      const written = slice(text, f);
      assert.ok(/^["'|]|^[A-Za-z0-9]/.test(written), `finding at line ${analyze({ text, path: 'm.yaml' }).lines.lineAt(f.start)} starts at a value`);
    }
    assert.equal(slice(text, all[0]), 'hunter2');
    assert.equal(slice(text, all[1]), '"k-12345-abc"');
  });

  it('decides by name first, then by the value shape, and says which without the value', () => {
    const reasons = all.map((f) => [f.data.variable, f.data.reason]);
    assert.deepEqual(reasons, [
      ['DB_PASSWORD', 'name'],
      ['apiKey', 'name'],
      ['GITHUB_TOKEN', 'name'],
      ['CLIENT_SECRET', 'name'],
      ['PGPASSWORD', 'name'],
      ['PRIVATE_KEY', 'name'],
      ['TLS_MATERIAL', 'private-key'],
      ['AWS_ACCESS_KEY_ID', 'aws-access-key'],
      ['GH', 'github-token'],
      ['SLACK_HOOK_AUTH', 'slack-token'],
      ['UPSTREAM_AUTH', 'jwt'],
      ['CONN', 'url-credentials'],
      ['OPAQUE', 'high-entropy'],
    ]);
    for (const f of all) {
      assert.equal(f.data.container, 'app');
      assert.equal(f.data.group, 'containers');
      assert.equal(f.data.documentIndex, 0);
    }
  });

  it('never puts the value into a message or the data', () => {
    const spec = parse(
      text
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n'),
    ) as { spec: { template: { spec: { containers: { env: { name: string; value?: unknown }[] }[] } } } };
    const values = new Map(spec.spec.template.spec.containers[0].env.map((e) => [e.name, String(e.value)]));
    for (const f of all) {
      const value = values.get(String(f.data.variable)) ?? '';
      assert.ok(value.length >= 6, 'the fixture value is known');
      const shown = [f.message, ...Object.values(f.data).map(String)].join(' ');
      assert.equal(shown.includes(value.trim().slice(0, 6)), false, `finding for ${String(f.data.variable)} must not show its value`);
    }
  });

  it('follows the secretNames.extra / .ignore settings', () => {
    const settings = defaultSettings();
    assert.equal(analyze({ text: podWith('STRIPE', 'plain'), path: 'p.yaml', settings }).findings.length, 0);
    settings.secretNames.extra = ['^STRIPE$'];
    settings.secretNames.ignore = ['^DB_PASSWORD$'];
    assert.equal(analyze({ text: podWith('STRIPE', 'plain'), path: 'p.yaml', settings }).findings.length, 1);
    assert.equal(analyze({ text: podWith('DB_PASSWORD', 'plain'), path: 'p.yaml', settings }).findings.length, 0);
    // An ignored name still counts when the value itself is a credential.
    assert.equal(analyze({ text: podWith('DB_PASSWORD', 'AKIAIOSFODNN7EXAMPLE'), path: 'p.yaml', settings }).findings.length, 1);
  });

  it('reports a literal reached through an alias once, at the alias', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      env:\n        - {name: DB_PASSWORD, value: &pw hunter2}\n        - {name: OTHER_PASSWORD, value: *pw}\n';
    const found = analyze({ text, path: 'p.yaml' }).findings;
    assert.deepEqual(
      found.map((f) => [slice(text, f), f.data.aliased]),
      [
        ['hunter2', undefined],
        ['*pw', true],
      ],
    );
  });

  it('judges only what is written in a value that composes other variables ($(VAR))', () => {
    const pod = (value: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      env:\n        - name: DATABASE_URL\n          value: "${value}"\n`;
    const found = (value: string) => analyze({ text: pod(value), path: 'm.yaml' }).findings.filter((f) => f.rule === RULE).length;
    assert.equal(found('postgres://app:$(DB_PASSWORD)@db:5432/app'), 0, 'the password is another variable');
    assert.equal(found('postgres://$(DB_USER):$(DB_PASSWORD)@db/app'), 0);
    assert.equal(found('postgres://app:hunter2-fixture-pw@db:5432/app?x=$(REGION)'), 1, 'a written password is still one');
  });
});
