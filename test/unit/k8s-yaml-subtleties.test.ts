// YAML forms Kubernetes accepts, beyond the marker fixtures: where aliased findings start, which
// flags they carry, and that duplicate keys report both occurrences.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { analyze } from '../../server/src/engine/analyze';
import { applyEdits } from '../../server/src/engine/text';
import { readFixture, slice } from '../support/fixtures';

const run = (text: string) => analyze({ text, path: 'm.yaml' });

describe('k8s YAML subtleties', () => {
  it('reports where the secret is written, and each alias use once at the alias', () => {
    const text = readFixture('k8s', 'anchors.yaml');
    const found = run(text).findings;
    assert.deepEqual(
      found.map((f) => [slice(text, f), f.data.container, f.data.variable, f.data.aliased]),
      [
        ['secretKeyRef', 'web', 'DB_PASSWORD', undefined],
        ['*commonEnv', 'worker', 'DB_PASSWORD', true],
        ['*dbEntry', 'cron', 'DB_PASSWORD', true],
        ['secretKeyRef', 'cron', 'API_TOKEN', undefined],
        ['*base', 'web-canary', 'DB_PASSWORD', true],
        // The key is written here; only its value map is shared, so the key is where to look.
        ['secretKeyRef', 'web-override', 'ONLY_THIS', undefined],
      ],
    );
  });

  it('reports both occurrences of a duplicate key, the first included', () => {
    const text = readFixture('k8s', 'duplicates.yaml');
    const found = run(text).findings;
    assert.deepEqual(
      found.map((f) => f.data.variable ?? f.data.secret),
      ['FIRST', 'SECOND', 'first', 'second'],
    );
  });

  it('reads %YAML directives, end markers, comments after ---, tabs after a colon and block scalars holding ---', () => {
    const text = readFixture('k8s', 'yaml-forms.yaml');
    const analysis = run(text);
    assert.deepEqual(analysis.problems, []);
    assert.deepEqual(
      analysis.findings.map((f) => [f.rule, f.data.documentIndex, slice(text, f)]),
      [
        ['k8s-secret-env-ref', 1, 'secretKeyRef'],
        ['k8s-secret-env-literal', 1, '"tab-separated"'],
        ['k8s-secret-env-from', 2, 'secretRef'],
      ],
    );
  });

  it('keeps UTF-16 offsets exact after astral characters', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: "🔐🔐"}\nspec:\n  containers:\n    - name: "😀"\n      envFrom: [{secretRef: {name: s}}]\n';
    const [f] = run(text).findings;
    assert.equal(slice(text, f), 'secretRef');
    assert.equal(f.data.container, '😀');
  });

  it('follows merges and aliases of whole pod specs and container lists', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: v1',
      '    kind: Pod',
      '    metadata: {name: a}',
      '    spec: &spec',
      '      containers:',
      '        - name: c',
      '          envFrom: [{secretRef: {name: s}}]',
      '  - apiVersion: v1',
      '    kind: Pod',
      '    metadata: {name: b}',
      '    spec: *spec',
      '',
    ].join('\n');
    const found = run(text).findings;
    assert.deepEqual(
      found.map((f) => [slice(text, f), f.data.aliased]),
      [
        ['secretRef', undefined],
        ['*spec', true],
      ],
    );
  });
});

describe('k8s YAML that could loop', () => {
  it('survives self-referencing merges and aliases without hanging', () => {
    const texts = [
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - &c\n      name: c\n      <<: *c\n      envFrom: [{secretRef: {name: s}}]\n',
      'apiVersion: v1\nkind: Pod\nspec: &s\n  <<: *s\n  containers: [{name: c, envFrom: [{secretRef: {name: s}}]}]\n',
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - &a {name: a, <<: [*a, *a]}\n',
    ];
    for (const text of texts) {
      const analysis = run(text);
      assert.ok(analysis.findings.length <= 1, 'at most the one written secretRef');
    }
  });

  it('follows a chain of merges to a shared base container', () => {
    const text = [
      'x-base: &base {name: base, envFrom: [{secretRef: {name: s}}]}',
      'x-mid: &mid {<<: *base, image: mid}',
      'apiVersion: v1',
      'kind: Pod',
      'spec:',
      '  containers:',
      '    - {<<: *mid, name: leaf}',
      '',
    ].join('\n');
    const [f, ...rest] = run(text).findings;
    assert.equal(rest.length, 0);
    assert.equal(slice(text, f), '*mid');
    assert.equal(f.data.container, 'leaf');
  });
});

describe('k8s fixes next to block scalars', () => {
  // A block scalar's range runs to the start of the next line: an edit ending there must keep the break.
  const pod = (env: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: app:1\n      env:\n${env}\n      volumeMounts:\n        - {name: tmp, mountPath: /tmp}\n  volumes:\n    - {name: tmp, emptyDir: {}}\n`;

  it('the pointer replacing a literal written as `value: |-` keeps the next entry on its own line', () => {
    const text = pod(
      '        - name: TLS_KEY\n          value: |-\n            -----BEGIN RSA PRIVATE KEY-----\n            MIIEfake\n        - name: LOG_LEVEL\n          value: info',
    );
    const analysis = run(text);
    const finding = analysis.findings.find((f) => f.rule === 'k8s-secret-env-literal');
    assert.ok(finding);
    const fixes = analysis.fixesFor(finding);
    assert.ok(fixes.some((f) => /pointer/.test(f.title)));
    for (const fix of fixes) {
      const after = applyEdits(text, fix.edits);
      assert.deepEqual(
        parseAllDocuments(after).flatMap((d) => d.errors.map((e) => e.code)),
        [],
        fix.title,
      );
      assert.match(after, /\n {8}- name: LOG_LEVEL\n/);
    }
  });

  it('an entry appended after a last entry written as a block scalar lands after the scalar, not after the next key', () => {
    // envFrom into the postgres image: its fix appends a POSTGRES_PASSWORD_FILE pointer to env.
    const text =
      pod('        - name: BANNER\n          value: |\n            hello')
        .replace('image: app:1', 'image: postgres:16')
        .replace('      volumeMounts:', '      envFrom:\n        - secretRef: {name: db}\n      volumeMounts:') +
      '---\napiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n  POSTGRES_PASSWORD: x\n';
    const analysis = run(text);
    const finding = analysis.findings.find((f) => f.rule === 'k8s-secret-env-from');
    assert.ok(finding);
    const [fix] = analysis.fixesFor(finding);
    assert.ok(fix && /POSTGRES_PASSWORD_FILE/.test(fix.title), fix?.title);
    const after = applyEdits(text, fix.edits);
    assert.deepEqual(
      parseAllDocuments(after).flatMap((d) => d.errors.map((e) => e.code)),
      [],
    );
    const container = (parse(after.split('---')[0]) as { spec: { containers: { env: { name: string; value: string }[] }[] } }).spec.containers[0];
    assert.deepEqual(
      container.env.map((e) => [e.name, e.value]),
      [
        ['BANNER', 'hello\n'],
        ['POSTGRES_PASSWORD_FILE', '/etc/secrets/POSTGRES_PASSWORD'],
      ],
    );
  });
});
