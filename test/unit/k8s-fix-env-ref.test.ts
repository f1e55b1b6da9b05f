// The secretKeyRef fix through the engine's real entry points (analyze → fixesFor, fixAll): merging
// into the container's projected volume, unique names, mountPath collisions, and where it declines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fix-all';
import type { Fix } from '../../server/src/engine/findings';
import { defaultSettings } from '../../server/src/engine/settings';
import { readFixture } from '../support/fixtures';
import { applyFix, assertOnlyChange, objects, type Json, type PodJson, CODE_READS_EVERYTHING } from '../support/k8s-fix';
import { assertSameText } from '../support/snapshot';

const RULE = 'k8s-secret-env-ref';

function podOf(doc: Json): PodJson {
  return (doc as { spec: PodJson }).spec;
}

/** A Pod with one container `app` whose env has one secretKeyRef per `refs` entry. */
function pod(refs: string[], extra = { container: '', spec: '' }): string {
  const env = refs.map((r) => {
    const [variable, secret, key, optional] = r.split(':');
    const opt = optional ? `, optional: ${optional}` : '';
    return `        - name: ${variable}\n          valueFrom:\n            secretKeyRef: {name: ${secret}, key: ${key}${opt}}\n`;
  });
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${extra.spec}  containers:\n    - name: app\n      image: app:1\n${extra.container}      env:\n${env.join('')}`;
}

function fixesOf(text: string, index = 0, settings = defaultSettings()): Fix[] {
  const analysis = analyze({ codeReads: CODE_READS_EVERYTHING, text, path: 'm.yaml', settings });
  const finding = analysis.findings.filter((f) => f.rule === RULE)[index];
  assert.ok(finding, `finding #${index} expected`);
  return analysis.fixesFor(finding);
}

/** pod() once every entry has moved out: its emptied `env:` key is gone too. */
function podWithoutEnv(extra = { container: '', spec: '' }): string {
  return pod([], extra).replace('      env:\n', '');
}

/** The mount and the volume the fix adds for `A` (key `a` of Secret `db`) to pod(); `projected` holds extra lines. */
function mountedA(mountPath = '/etc/secrets', projected: string[] = []): string {
  return [
    '      volumeMounts:',
    '        - name: app-secrets',
    `          mountPath: ${mountPath}`,
    '          readOnly: true',
    '  volumes:',
    '    - name: app-secrets',
    '      projected:',
    ...projected,
    '        sources:',
    '          - secret:',
    '              name: db',
    '              items:',
    '                - key: a',
    '                  path: A',
    '',
  ].join('\n');
}

function envRefCount(text: string): number {
  return analyze({ codeReads: CODE_READS_EVERYTHING, text, path: 'm.yaml' }).findings.filter((f) => f.rule === RULE).length;
}

describe('k8s-secret-env-ref fix', () => {
  it('is offered through analyze(), preferred first, with the pointer variant second', () => {
    const fixes = fixesOf(pod(['DB_PASSWORD:db:password']));
    assert.deepEqual(
      fixes.map((f) => [f.title, f.preferred]),
      [
        ['Mount Secret key as file — app must read /etc/secrets/DB_PASSWORD', true],
        ['Mount Secret key as file, keep DB_PASSWORD_FILE pointer — app must read /etc/secrets/DB_PASSWORD', false],
      ],
    );
  });

  it('merges later fixes into the same projected volume and source: one volume, one mount, no duplicates', () => {
    let text = pod(['A:db:a', 'B:db:b', 'C:api:c:true', 'D:db:d:true']);
    const original = text;
    for (let i = 0; i < 4; i++) text = applyFix(text, fixesOf(text)[0]);
    assert.equal(envRefCount(text), 0);
    assertOnlyChange(
      original,
      text,
      (docs) => {
        const spec = podOf(docs[0]);
        delete spec.containers[0].env;
        spec.containers[0].volumeMounts = [{ name: 'app-secrets', mountPath: '/etc/secrets', readOnly: true }];
        spec.volumes = [
          {
            name: 'app-secrets',
            projected: {
              sources: [
                {
                  secret: {
                    name: 'db',
                    items: [
                      { key: 'a', path: 'A' },
                      { key: 'b', path: 'B' },
                    ],
                  },
                },
                { secret: { name: 'api', items: [{ key: 'c', path: 'C' }], optional: true } },
                { secret: { name: 'db', items: [{ key: 'd', path: 'D' }], optional: true } },
              ],
            },
          },
        ];
      },
      'four fixes in a row',
    );
  });

  it('only removes the entry when the file is already projected (a fix applied twice adds nothing)', () => {
    const once = applyFix(pod(['A:db:a', 'A:db:a']), fixesOf(pod(['A:db:a', 'A:db:a']))[0]);
    assertSameText(once, pod(['A:db:a']) + mountedA(), 'after the first fix');
    const twice = applyFix(once, fixesOf(once)[0]);
    // One volume, one projected item.
    assertSameText(twice, podWithoutEnv() + mountedA(), 'after the second fix');
  });

  it('declines when the file name is already filled by a different Secret key', () => {
    const text = pod(['A:db:a', 'A:other:b']);
    const once = applyFix(text, fixesOf(text)[0]);
    assert.equal(envRefCount(once), 1);
    assert.deepEqual(fixesOf(once), []);
  });

  it('avoids a mountPath that is taken or nested with another mount, and names volumes uniquely', () => {
    const text = pod(['A:db:a'], {
      container: '      volumeMounts:\n        - {name: cache, mountPath: /etc/secrets/cache}\n',
      spec: '  volumes:\n    - {name: cache, emptyDir: {}}\n    - {name: app-secrets, emptyDir: {}}\n',
    });
    const [fix] = fixesOf(text);
    assert.match(fix.title, /app must read \/etc\/secrets-app\/A$/);
    const spec = podOf(objects(applyFix(text, fix))[0]);
    assert.deepEqual(
      spec.containers[0].volumeMounts?.map((m) => [m.name, m.mountPath]),
      [
        ['cache', '/etc/secrets/cache'],
        ['app-secrets-2', '/etc/secrets-app'],
      ],
    );
    assert.deepEqual(
      spec.volumes?.map((v) => v.name),
      ['cache', 'app-secrets', 'app-secrets-2'],
    );
  });

  it('finds the renamed volume again on the next fix (merge, not a third volume)', () => {
    const text = pod(['A:db:a', 'B:db:b'], { container: '', spec: '  volumes:\n    - {name: app-secrets, emptyDir: {}}\n' });
    const once = applyFix(text, fixesOf(text)[0]);
    const twice = applyFix(once, fixesOf(once)[0]);
    const spec = podOf(objects(twice)[0]);
    assert.deepEqual(
      spec.volumes?.map((v) => v.name),
      ['app-secrets', 'app-secrets-2'],
    );
    assert.equal(spec.containers[0].volumeMounts?.length, 1);
  });

  it('derives DNS-1123 volume names from any container name', () => {
    const text = pod(['A:db:a']).replace('name: app', 'name: API_Server.v2');
    const spec = podOf(objects(applyFix(text, fixesOf(text)[0]))[0]);
    assert.equal(spec.volumes?.[0].name, 'api-server-v2-secrets');
    assert.match(String(spec.volumes?.[0].name), /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });

  it('uses the secretHints.mountPath setting, and sets defaultMode 0440 only when the pod has fsGroup', () => {
    const settings = { ...defaultSettings(), mountPath: '/run/secrets' };
    const plain = pod(['A:db:a']);
    const [fix] = fixesOf(plain, 0, settings);
    assert.match(fix.title, /\/run\/secrets\/A$/);
    assertSameText(applyFix(plain, fix), podWithoutEnv() + mountedA('/run/secrets'), 'no fsGroup');
    const fsGroup = { container: '', spec: '  securityContext:\n    fsGroup: 1000\n' };
    const withFsGroup = pod(['A:db:a'], fsGroup);
    assertSameText(
      applyFix(withFsGroup, fixesOf(withFsGroup)[0]),
      podWithoutEnv(fsGroup) + mountedA('/etc/secrets', ['        defaultMode: 0440']),
      'with fsGroup',
    );
  });

  it('offers no pointer variant when NAME_FILE is already defined', () => {
    const text = pod(['A:db:a']) + '        - {name: A_FILE, value: /x}\n';
    assert.deepEqual(
      fixesOf(text).map((f) => f.preferred),
      [true],
    );
  });

  it('declines ephemeral containers but fixes every other workload shape in one fix-all', () => {
    const text = readFixture('k8s', 'all-workloads.yaml');
    const before = analyze({ codeReads: CODE_READS_EVERYTHING, text, path: 'all.yaml' }).findings.filter((f) => f.rule === RULE);
    const ephemeral = before.filter((f) => f.data.group === 'ephemeralContainers');
    assert.equal(ephemeral.length, 1);
    assert.deepEqual(analyze({ codeReads: CODE_READS_EVERYTHING, text, path: 'all.yaml' }).fixesFor(ephemeral[0]), []);
    const result = fixAll({ codeReads: CODE_READS_EVERYTHING, text, path: 'all.yaml' });
    assert.equal(result.applied, before.length - 1);
    objects(result.text);
    const after = analyze({ codeReads: CODE_READS_EVERYTHING, text: result.text, path: 'all.yaml' }).findings.filter((f) => f.rule === RULE);
    assert.deepEqual(
      after.map((f) => f.data.group),
      ['ephemeralContainers'],
    );
  });

  it('fix-all converts several containers and pods, one volume per container, zero findings after', () => {
    const two = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: migrate\n          env:\n            - {name: DB_URL, valueFrom: {secretKeyRef: {name: db, key: url}}}\n      containers:\n        - name: web\n          env:\n            - {name: A, valueFrom: {secretKeyRef: {name: s, key: a}}}\n            - {name: B, valueFrom: {secretKeyRef: {name: s, key: b}}}\n        - name: worker\n          env:\n            - {name: C, valueFrom: {secretKeyRef: {name: s, key: c}}}\n`;
    const text = `${pod(['X:db:x', 'Y:db:y'])}---\n${two}`;
    const result = fixAll({ codeReads: CODE_READS_EVERYTHING, text, path: 'm.yaml' });
    assert.equal(result.applied, 6);
    assert.equal(envRefCount(result.text), 0);
    const docs = objects(result.text);
    assert.deepEqual(
      podOf(docs[0]).volumes?.map((v) => v.name),
      ['app-secrets'],
    );
    const deployment = (docs[1] as { spec: { template: { spec: PodJson } } }).spec.template.spec;
    assert.deepEqual(
      deployment.volumes?.map((v) => v.name),
      ['migrate-secrets', 'web-secrets', 'worker-secrets'],
    );
    assert.deepEqual(
      [...(deployment.initContainers ?? []), ...deployment.containers].map((c) => c.volumeMounts?.[0].name),
      ['migrate-secrets', 'web-secrets', 'worker-secrets'],
    );
  });

  it('declines aliases and merge keys (Helm templates: k8s-helm-fix.test.ts)', () => {
    const base = pod(['A:db:a']);
    // A template action elsewhere in the pod no longer stops the fix; the template checks do the rest.
    const helm = base.replace('image: app:1', 'image: "{{ .Values.image }}"');
    assert.equal(envRefCount(helm), 1);
    assert.ok(fixesOf(helm).length > 0);
    const aliased = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      env: &shared\n        - {name: A, valueFrom: {secretKeyRef: {name: s, key: a}}}\n    - name: b\n      env: *shared\n`;
    const aliasAnalysis = analyze({ codeReads: CODE_READS_EVERYTHING, text: aliased, path: 'm.yaml' });
    assert.ok(aliasAnalysis.findings.length > 0);
    for (const f of aliasAnalysis.findings) assert.deepEqual(aliasAnalysis.fixesFor(f), []);
    const merged = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - <<: {image: x}\n      name: a\n      env:\n        - {name: A, valueFrom: {secretKeyRef: {name: s, key: a}}}\n`;
    assert.deepEqual(fixesOf(merged), []);
    // Only a document's aliases count: one in the next document, or a `*` that is no alias, stops nothing.
    const cron = base.replace('image: app:1', 'image: app:1\n      args: ["*/5 * * * *"]');
    assert.ok(fixesOf(cron).length > 0);
    assert.ok(fixesOf(`${base}---\n${aliased}`).length > 0);
  });

  it('offers nothing for a finding in a document with a syntax error', () => {
    const text = `${pod(['A:db:a'])}    - name: broken\n  bad: [\n`;
    const analysis = analyze({ codeReads: CODE_READS_EVERYTHING, text, path: 'm.yaml' });
    assert.equal(analysis.problems.length, 1);
    assert.equal(analysis.findings.length, 1);
    assert.deepEqual(analysis.fixesFor(analysis.findings[0]), []);
  });
});
