// envFrom, literal, subPath and mode fixes beyond the layout matrix: prefixes and known keys, Secret
// creation and extension (never copying the value), existing directory mounts, modes and fsGroup.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../server/src/engine/findings';
import { parseManifest } from '../../server/src/engine/k8s/documents';
import { envFromFixes, literalFixes, modeFixes, subPathFixes } from '../../server/src/engine/k8s/fix';
import { applyFix, assertOnlyChange, findingAt, objects, offsetOf, ruleEnv, type Json, type PodJson } from '../support/k8s-fix';
import { assertSameText } from '../support/snapshot';

const env = ruleEnv();

function podOf(doc: Json): PodJson {
  return (doc as { spec: PodJson }).spec;
}

function pod(containerBody: string, specExtra = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n${specExtra}  containers:\n    - name: api\n${containerBody}`;
}

const ENV_FROM = (prefix: string, optional = '') => pod(`      envFrom:\n        - ${prefix}secretRef: {name: db${optional}}\n`);

function envFromFinding(text: string): Finding {
  return findingAt('k8s-secret-env-from', offsetOf(text, 'secretRef'), { secret: 'db', prefix: '' });
}

describe('envFrom fix', () => {
  it('says the prefix is dropped when the Secret keys are unknown', () => {
    const text = ENV_FROM('prefix: DB_\n          ');
    const [fix, ...rest] = envFromFixes(parseManifest(text), envFromFinding(text), env);
    assert.equal(rest.length, 0);
    assert.equal(fix.title, 'Mount whole Secret "db" as files (prefix dropped) — app must read /etc/secrets/<key>');
    assertOnlyChange(
      text,
      applyFix(text, fix),
      (docs) => {
        const spec = podOf(docs[0]);
        delete spec.containers[0].envFrom;
        spec.containers[0].volumeMounts = [{ name: 'api-secrets', mountPath: '/etc/secrets', readOnly: true }];
        spec.volumes = [{ name: 'api-secrets', projected: { sources: [{ secret: { name: 'db' } }] } }];
      },
      'envFrom without known keys',
    );
  });

  it('uses keys from a workspace lookup, honouring the prefix, and carries optional over', () => {
    const text = ENV_FROM('prefix: DB_\n          ', ', optional: true');
    const [fix] = envFromFixes(parseManifest(text), envFromFinding(text), env, (name) => (name === 'db' ? ['user', 'password'] : undefined));
    assert.doesNotMatch(fix.title, /prefix dropped/);
    const volume = podOf(objects(applyFix(text, fix))[0]).volumes?.[0];
    assert.deepEqual(volume, {
      name: 'api-secrets',
      projected: {
        sources: [
          {
            secret: {
              name: 'db',
              items: [
                { key: 'user', path: 'DB_user' },
                { key: 'password', path: 'DB_password' },
              ],
              optional: true,
            },
          },
        ],
      },
    });
  });

  it('adds nothing to the volume when the whole Secret is already projected there', () => {
    const text = pod(`      envFrom:\n        - secretRef: {name: db}\n        - secretRef: {name: db}\n`);
    const once = applyFix(text, envFromFixes(parseManifest(text), envFromFinding(text), env)[0]);
    const twice = applyFix(once, envFromFixes(parseManifest(once), envFromFinding(once), env)[0]);
    // The emptied envFrom key is gone, and the volume has one source.
    assertSameText(
      twice,
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: web',
        'spec:',
        '  containers:',
        '    - name: api',
        '      volumeMounts:',
        '        - name: api-secrets',
        '          mountPath: /etc/secrets',
        '          readOnly: true',
        '  volumes:',
        '    - name: api-secrets',
        '      projected:',
        '        sources:',
        '          - secret:',
        '              name: db',
        '',
      ].join('\n'),
      'after both fixes',
    );
  });

  it('declines configMapRef entries', () => {
    const mixed = pod(`      envFrom:\n        - {configMapRef: {name: c}, secretRef: {name: db}}\n`);
    assert.deepEqual(envFromFixes(parseManifest(mixed), envFromFinding(mixed), env), []);
  });
});

const LITERAL_VALUE = 'fixture-literal-value';

/** The Secret document the literal fix appends: `keys` with the values that moved there. */
function movedSecret(...keys: string[]): string {
  return [
    '---',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: web-secrets',
    'type: Opaque',
    'stringData:',
    "  # Moved from the workload's env: better kept out of the repository (kubectl create secret, a sealed or external secret).",
    ...keys.map((k) => `  ${k}: "${LITERAL_VALUE}"`),
  ].join('\n');
}

/** The mount, and the volume projecting `keys` of web-secrets, the literal fix adds. */
function mountedKeys(...keys: string[]): string {
  return [
    '      volumeMounts:',
    '        - name: api-secrets',
    '          mountPath: /etc/secrets',
    '          readOnly: true',
    '  volumes:',
    '    - name: api-secrets',
    '      projected:',
    '        sources:',
    '          - secret:',
    '              name: web-secrets',
    '              items:',
    ...keys.flatMap((k) => [`                - key: ${k}`, `                  path: ${k}`]),
  ].join('\n');
}

function literalFinding(text: string, variable: string): Finding {
  return findingAt('k8s-secret-env-literal', offsetOf(text, variable, LITERAL_VALUE), { variable });
}

describe('literal fix', () => {
  const text = pod(`      env:\n        - name: API_KEY\n          value: ${LITERAL_VALUE}\n        - name: DB_PASSWORD\n          value: "${LITERAL_VALUE}"`);

  it('moves the value into a new Secret (never an empty placeholder), even without a final line break', () => {
    const [fix] = literalFixes(parseManifest(text), literalFinding(text, 'API_KEY'), env);
    const after = applyFix(text, fix);
    assertSameText(
      after,
      pod(`      env:\n        - name: DB_PASSWORD\n          value: "${LITERAL_VALUE}"\n${mountedKeys('API_KEY')}\n${movedSecret('API_KEY')}`),
      'the fixed file',
    );
    assert.equal(after.split(LITERAL_VALUE).length - 1, 2, 'the other literal, and the moved value in the Secret');
    const docs = objects(after);
    assert.equal(docs.length, 2);
    assert.deepEqual(docs[1], { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'web-secrets' }, type: 'Opaque', stringData: { API_KEY: LITERAL_VALUE } });
  });

  it('extends the Secret it created on the next literal, and mounts both keys from one source', () => {
    const once = applyFix(text, literalFixes(parseManifest(text), literalFinding(text, 'API_KEY'), env)[0]);
    const twice = applyFix(once, literalFixes(parseManifest(once), literalFinding(once, 'DB_PASSWORD'), env)[0]);
    assertSameText(twice, pod(`${mountedKeys('API_KEY', 'DB_PASSWORD')}\n${movedSecret('API_KEY', 'DB_PASSWORD')}`), 'after both fixes');
    assert.equal(twice.split(LITERAL_VALUE).length - 1, 2, 'each value once, in the Secret');
    const docs = objects(twice);
    assert.equal(docs.length, 2);
    assert.deepEqual((docs[1] as { stringData: Json }).stringData, { API_KEY: LITERAL_VALUE, DB_PASSWORD: LITERAL_VALUE });
    assert.deepEqual(podOf(docs[0]).volumes, [
      {
        name: 'api-secrets',
        projected: {
          sources: [
            {
              secret: {
                name: 'web-secrets',
                items: [
                  { key: 'API_KEY', path: 'API_KEY' },
                  { key: 'DB_PASSWORD', path: 'DB_PASSWORD' },
                ],
              },
            },
          ],
        },
      },
    ]);
  });

  it('picks another Secret name when one of that name cannot take the key', () => {
    const secretDoc = (body: string) => `${text}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: web-secrets}\n${body}\n`;
    const blocked = secretDoc('stringData: null');
    const extendable = secretDoc('data: {OTHER: eA==}');
    const [fix] = literalFixes(parseManifest(blocked), literalFinding(blocked, 'API_KEY'), env);
    assert.match(fix.title, /Secret "web-secrets-2"/);
    const [extend] = literalFixes(parseManifest(extendable), literalFinding(extendable, 'API_KEY'), env);
    assert.match(extend.title, /Secret "web-secrets" and/);
    assertOnlyChange(
      extendable,
      applyFix(extendable, extend),
      (docs) => {
        const container = podOf(docs[0]).containers[0];
        container.env?.splice(0, 1);
        container.volumeMounts = [{ name: 'api-secrets', mountPath: '/etc/secrets', readOnly: true }];
        podOf(docs[0]).volumes = [
          { name: 'api-secrets', projected: { sources: [{ secret: { name: 'web-secrets', items: [{ key: 'API_KEY', path: 'API_KEY' }] } }] } },
        ];
        docs[1].stringData = { API_KEY: LITERAL_VALUE };
      },
      'extend an existing Secret',
    );
  });
});

describe('subPath fix', () => {
  const volumes = '  volumes:\n    - name: tls\n      secret: {secretName: tls}\n';

  it('drops the subPath mount when the directory is already mounted, pointing at the file there', () => {
    const text =
      pod(`      volumeMounts:\n        - {name: tls, mountPath: /etc/tls}\n        - subPath: ca.crt\n          name: tls\n          mountPath: /ca.crt\n`) +
      volumes;
    const [fix] = subPathFixes(
      parseManifest(text),
      findingAt('k8s-secret-mount-subpath', offsetOf(text, 'subPath'), { volume: 'tls', subPath: 'ca.crt' }),
      env,
    );
    assert.match(fix.title, /app must read \/etc\/tls\/ca\.crt$/);
    assertOnlyChange(text, applyFix(text, fix), (docs) => podOf(docs[0]).containers[0].volumeMounts?.splice(1, 1), 'drop the subPath mount');
  });

  it('pulls the next key onto the `- ` line when subPath is the first key of the item', () => {
    const text = pod(`      volumeMounts:\n        - subPath: ca.crt\n          name: tls\n          mountPath: /ca.crt\n`) + volumes;
    const [fix] = subPathFixes(
      parseManifest(text),
      findingAt('k8s-secret-mount-subpath', offsetOf(text, 'subPath'), { volume: 'tls', subPath: 'ca.crt' }),
      env,
    );
    const after = applyFix(text, fix);
    assertSameText(after, pod(`      volumeMounts:\n        - name: tls\n          mountPath: /etc/secrets-tls\n`) + volumes, 'the fixed file');
  });
});

describe('mode fix', () => {
  const text = (mode: string, fsGroup: boolean) =>
    pod('      image: x\n', fsGroup ? '  securityContext: {fsGroup: 1000}\n' : '') +
    `  volumes:\n    - name: tls\n      secret:\n        secretName: tls\n        items:\n          - {key: k, path: p, mode: ${mode}}\n`;
  const finding = (t: string, mode: string) =>
    findingAt('k8s-secret-mount-mode', offsetOf(t, 'mode: ') + 6, { volume: 'tls', mode: Number(mode), container: 'api' });

  it('keeps decimal notation and names the field it tightens', () => {
    const t = text('420', true);
    const [fix] = modeFixes(parseManifest(t), finding(t, '420'), env);
    assert.match(fix.title, /^Tighten mode to 288 \(0440\)/);
    assertSameText(applyFix(t, fix), text('288', true), 'the fixed file');
  });

  it('is not offered without fsGroup (a non-root app could lose access)', () => {
    const t = text('0644', false);
    assert.deepEqual(modeFixes(parseManifest(t), finding(t, '0644'), env), []);
  });
});
