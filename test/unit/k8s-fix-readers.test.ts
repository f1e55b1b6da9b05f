// Manifest fixes keep the workload running: a variable still used elsewhere in the container is never
// removed into a dangling reference (`$(VAR)` stops the fix and the finding says why; shell scripts
// read the file instead), an image that documents a `*_FILE` variable gets that pointer, an unknown
// image's fix is offered but not preferred unless the workspace's code reads the variable, and a
// Secret the workload creates itself becomes an optional source.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, type AnalysisInput } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fix-all';
import type { Fix } from '../../server/src/engine/findings';
import { applyEdits } from '../../server/src/engine/text';
import { deploymentPod, objects, type Json } from '../support/k8s-fix';

/** A Deployment whose one container `app` (image `image`) gets `env`, plus extra container keys. */
function deployment(image: string, env: string, extra = ''): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: app',
    `          image: ${image}`,
    '          env:',
    env,
    ...(extra ? [extra] : []),
    '',
  ].join('\n');
}

const REF = (name: string, key = 'password') =>
  [`            - name: ${name}`, '              valueFrom:', `                secretKeyRef: {name: creds, key: ${key}}`].join('\n');

function analysed(text: string, input: Partial<AnalysisInput> = {}) {
  const analysis = analyze({ text, path: '/w/deploy.yaml', ...input });
  const finding = analysis.findings.find((f) => f.rule === 'k8s-secret-env-ref' || f.rule === 'k8s-secret-env-literal' || f.rule === 'k8s-secret-env-from');
  assert.ok(finding, 'a finding');
  return { analysis, finding, fixes: analysis.fixesFor(finding) };
}

function container(text: string): Json {
  const doc = objects(text)[0];
  return doc.kind === 'Pod' ? (doc.spec as { containers: Json[] }).containers[0] : deploymentPod(doc).containers[0];
}

describe('a variable used elsewhere in the container', () => {
  it('stops the fix for $(VAR) in args (Kubernetes would pass the text literally) and says why, with a related note', () => {
    const text = deployment('redis:7', REF('REDIS_PASSWORD'), '          args: ["--requirepass", "$(REDIS_PASSWORD)"]');
    const { finding, fixes } = analysed(text, { codeReads: () => true });
    assert.deepEqual(fixes, []);
    assert.match(String(finding.data.fixBlocked), /REDIS_PASSWORD is also used as \$\(REDIS_PASSWORD\) in args/);
    const related = finding.related ?? [];
    assert.equal(related.length, 1);
    assert.equal(related[0].path, '/w/deploy.yaml');
    assert.equal(
      related[0].start.line,
      text.split('\n').findIndex((l) => l.includes('--requirepass')),
    );
    assert.match(related[0].message, /dangle/);
    assert.equal(fixAll({ text, path: '/w/deploy.yaml', codeReads: () => true }).text, text, 'fix-all leaves it');
  });

  it('does not count Kubernetes-escaped $$(VAR), or a look-alike name, as a use', () => {
    const text = deployment('redis:7', REF('REDIS_PASSWORD'), '          args: ["--note", "$$(REDIS_PASSWORD)", "$(REDIS_PASSWORD_X)", "$REDIS_PASSWORD"]');
    const { finding, fixes } = analysed(text, { codeReads: () => true });
    assert.equal(finding.data.fixBlocked, undefined);
    assert.equal(finding.related, undefined);
    assert.ok(fixes.some((f) => f.preferred));
  });

  it('stops the fix for $(VAR) in another env value and in subPathExpr', () => {
    const url = deployment('api:1', `${REF('DB_PASSWORD')}\n            - name: DATABASE_URL\n              value: "postgres://app:$(DB_PASSWORD)@db/app"`);
    assert.match(String(analysed(url, { codeReads: () => true }).finding.data.fixBlocked), /\$\(DB_PASSWORD\) in env DATABASE_URL/);
    const sub = deployment('api:1', REF('DB_PASSWORD'), '          volumeMounts: [{name: d, mountPath: /d, subPathExpr: "$(DB_PASSWORD)"}]');
    assert.match(String(analysed(sub, { codeReads: () => true }).finding.data.fixBlocked), /subPathExpr/);
  });

  it('rewrites plain $VAR, ${VAR} and $(VAR) in a `sh -c` script to read the file, leaving single-quoted text alone', () => {
    const script =
      '          command: ["/bin/sh", "-ec"]\n          args:\n            - |\n              echo \'$AUTH is set\'\n              exec redis-server --requirepass "$AUTH" --masterauth ${AUTH} --x $(AUTH)';
    const text = deployment('redis:7', REF('AUTH'), script);
    const { fixes } = analysed(text, { codeReads: () => true });
    const fix = fixes.find((f) => f.preferred);
    assert.ok(fix);
    const after = applyEdits(text, fix.edits);
    const args = container(after).args as string[];
    assert.equal(
      args[0],
      'echo \'$AUTH is set\'\nexec redis-server --requirepass "$(cat /etc/secrets/AUTH)" --masterauth $(cat /etc/secrets/AUTH) --x $(cat /etc/secrets/AUTH)\n',
    );
    assert.equal(container(after).env, undefined);
  });

  it('rewrites a script in an exec probe and a lifecycle hook, which Kubernetes does not expand', () => {
    const extra = [
      '          livenessProbe:',
      '            exec:',
      '              command: [sh, -c, \'redis-cli -a "$REDIS_PASSWORD" ping\']',
      '          readinessProbe:',
      '            exec: {command: [redis-cli, -a, "$(REDIS_PASSWORD)", ping]}',
      '          lifecycle:',
      '            preStop:',
      '              exec:',
      '                command: ["bash", "-o", "pipefail", "-c", "redis-cli -a ${REDIS_PASSWORD} shutdown"]',
    ].join('\n');
    const text = deployment('redis:7', REF('REDIS_PASSWORD'), extra);
    const fix = analysed(text, { codeReads: () => true }).fixes.find((f) => f.preferred);
    assert.ok(fix);
    const after = container(applyEdits(text, fix.edits));
    assert.deepEqual((after.livenessProbe as { exec: { command: string[] } }).exec.command, [
      'sh',
      '-c',
      'redis-cli -a "$(cat /etc/secrets/REDIS_PASSWORD)" ping',
    ]);
    // Not a shell and not expanded by Kubernetes: the probe never saw the value, and still does not.
    assert.deepEqual((after.readinessProbe as { exec: { command: string[] } }).exec.command, ['redis-cli', '-a', '$(REDIS_PASSWORD)', 'ping']);
    assert.equal(
      (after.lifecycle as { preStop: { exec: { command: string[] } } }).preStop.exec.command[4],
      'redis-cli -a $(cat /etc/secrets/REDIS_PASSWORD) shutdown',
    );
  });

  it('stops the fix for ${VAR:-default}, ${#VAR} and printenv VAR, which a file read cannot stand in for', () => {
    for (const line of ['echo ${AUTH:-none}', 'test ${#AUTH} -gt 8', 'printenv AUTH > /tmp/a']) {
      const text = deployment('redis:7', REF('AUTH'), `          command: [sh, -c, "${line}"]`);
      const { finding, fixes } = analysed(text, { codeReads: () => true });
      assert.deepEqual(fixes, [], line);
      assert.match(String(finding.data.fixBlocked), /AUTH is also used as/, line);
    }
  });

  it('stops an envFrom fix when a script reads a secret-named variable the Secret may hold (keys unknown)', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  containers:',
      '    - name: app',
      '      image: app:1',
      '      envFrom: [{secretRef: {name: creds}}]',
      '      command: [sh, -c, "exec app --token $API_TOKEN --home $HOME"]',
      '',
    ].join('\n');
    const { finding, fixes } = analysed(text, { codeReads: () => true });
    assert.deepEqual(fixes, []);
    assert.match(String(finding.data.fixBlocked), /API_TOKEN/);
    assert.doesNotMatch(String(finding.data.fixBlocked), /HOME/);
    // With the keys known, the script reads the file of the one it uses.
    const known = analysed(text, { codeReads: () => true, secretKeys: () => ['API_TOKEN'] });
    const fix = known.fixes.find((f) => f.preferred);
    assert.ok(fix);
    assert.equal((container(applyEdits(text, fix.edits)).command as string[])[2], 'exec app --token $(cat /etc/secrets/API_TOKEN) --home $HOME');
  });

  it('stops a literal fix the same way', () => {
    const text = deployment(
      'api:1',
      '            - name: API_KEY\n              value: "sk_live_0123456789abcdefghijklmn"',
      '          args: ["--key=$(API_KEY)"]',
    );
    const { finding, fixes } = analysed(text, { codeReads: () => true });
    assert.deepEqual(fixes, []);
    assert.match(String(finding.data.fixBlocked), /\$\(API_KEY\) in args/);
    assert.doesNotMatch(JSON.stringify(finding), /sk_live/, 'never the value');
  });
});

describe('who reads the file decides the preferred variant', () => {
  it('an image that documents VAR_FILE gets that pointer, preferred, and no variant that removes the variable', () => {
    const text = deployment('docker.io/library/postgres:16', REF('POSTGRES_PASSWORD'));
    const { fixes } = analysed(text);
    assert.equal(fixes.length, 1);
    const [fix] = fixes;
    assert.equal(fix.preferred, true);
    assert.match(fix.title, /set POSTGRES_PASSWORD_FILE \(the postgres image reads the file\)/);
    assert.deepEqual(container(applyEdits(text, fix.edits)).env, [{ name: 'POSTGRES_PASSWORD_FILE', value: '/etc/secrets/POSTGRES_PASSWORD' }]);
  });

  it('uses the image’s own spelling of the pointer (Grafana: GF_…__FILE)', () => {
    const text = deployment('grafana/grafana:11.1.0', REF('GF_SECURITY_ADMIN_PASSWORD'));
    const [fix] = analysed(text).fixes;
    assert.equal(fix.preferred, true);
    assert.deepEqual(container(applyEdits(text, fix.edits)).env, [
      { name: 'GF_SECURITY_ADMIN_PASSWORD__FILE', value: '/etc/secrets/GF_SECURITY_ADMIN_PASSWORD' },
    ]);
  });

  it('does not trust the image’s entrypoint when `command` replaces it', () => {
    const replaced = deployment('postgres:16', REF('POSTGRES_PASSWORD'), '          command: ["postgres", "-c", "max_connections=200"]');
    assert.ok(analysed(replaced).fixes.every((f) => !f.preferred && f.caveat !== undefined));
    const entrypoint = deployment('postgres:16', REF('POSTGRES_PASSWORD'), '          command: ["docker-entrypoint.sh", "postgres"]');
    assert.ok(analysed(entrypoint).fixes[0].preferred);
  });

  it('an unknown image: offered, not preferred, with the reason — preferred once the workspace’s code reads the variable', () => {
    const text = deployment('registry.example.com/shop/api:1.4', REF('DB_PASSWORD'));
    const alone = analysed(text).fixes;
    assert.deepEqual(
      alone.map((f) => f.preferred),
      [false, false],
    );
    assert.match(
      alone[0].caveat ?? '',
      /image "registry.example.com\/shop\/api:1.4" is not known to read DB_PASSWORD from a file, and no code in the workspace reads DB_PASSWORD/,
    );
    assert.equal(fixAll({ text, path: 'd.yaml' }).applied, 0);
    const read = analysed(text, { codeReads: (v) => v === 'DB_PASSWORD' }).fixes;
    assert.deepEqual(
      read.map((f) => [f.preferred, f.caveat]),
      [
        [true, undefined],
        [false, undefined],
      ],
    );
  });

  it('envFrom into an image that reads every key’s *_FILE form: the pointers replace it, preferred', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: db}',
      'spec:',
      '  containers:',
      '    - name: postgres',
      '      image: postgres:16',
      '      envFrom:',
      '        - secretRef: {name: pg}',
      '      ports: [{containerPort: 5432}]',
      '---',
      'apiVersion: v1',
      'kind: Secret',
      'metadata: {name: pg}',
      'stringData: {POSTGRES_USER: app, POSTGRES_PASSWORD: fixture-pw}',
      '',
    ].join('\n');
    const { fixes } = analysed(text);
    assert.equal(fixes.length, 1);
    assert.equal(fixes[0].preferred, true);
    assert.match(fixes[0].title, /set POSTGRES_USER_FILE, POSTGRES_PASSWORD_FILE \(the postgres image reads them\)/);
    const after = container(applyEdits(text, fixes[0].edits));
    assert.equal(after.envFrom, undefined);
    assert.deepEqual(after.env, [
      { name: 'POSTGRES_USER_FILE', value: '/etc/secrets/POSTGRES_USER' },
      { name: 'POSTGRES_PASSWORD_FILE', value: '/etc/secrets/POSTGRES_PASSWORD' },
    ]);
    assert.deepEqual(Object.keys(after), ['name', 'image', 'ports', 'env', 'volumeMounts']);
    // A key the image does not read from a file (keys of another app in the same Secret): the plain mount, not preferred.
    const mixed = text.replace('POSTGRES_PASSWORD: fixture-pw', 'POSTGRES_PASSWORD: fixture-pw, APP_TOKEN: t');
    assert.ok(analysed(mixed).fixes.every((f) => !f.preferred && f.caveat !== undefined));
  });

  it('a variable of a catalogued image that the image does not read from a file is unknown', () => {
    const text = deployment('postgres:16', REF('PGBOUNCER_PASSWORD'));
    assert.ok(analysed(text).fixes.every((f) => !f.preferred));
  });
});

describe('a Secret the workload creates itself', () => {
  it('becomes an optional source, with a caveat, and is never preferred', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec:',
      '  template:',
      '    spec:',
      '      initContainers:',
      '        - name: make-token',
      '          image: bitnami/kubectl:1.30',
      '          command: [sh, -c, "kubectl create secret generic creds --from-literal=password=$(head -c 16 /dev/urandom | base64)"]',
      '      containers:',
      '        - name: app',
      '          image: api:1',
      '          env:',
      REF('DB_PASSWORD'),
      '',
    ].join('\n');
    const { fixes } = analysed(text, { codeReads: () => true });
    assert.ok(fixes.length > 0);
    for (const fix of fixes) {
      assert.equal(fix.preferred, false);
      assert.match(fix.caveat ?? '', /created at run time by init container "make-token" of Deployment "web"/);
    }
    const pod = deploymentPod(objects(applyEdits(text, fixes[0].edits))[0]);
    assert.deepEqual((pod.volumes?.[0] as { projected: { sources: Json[] } }).projected.sources, [
      { secret: { name: 'creds', items: [{ key: 'password', path: 'DB_PASSWORD' }], optional: true } },
    ]);
  });

  it('keeps `optional: true` of the reference as it was', () => {
    const text = deployment(
      'api:1',
      '            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef: {name: creds, key: password, optional: true}',
    );
    const fix = analysed(text, { codeReads: () => true }).fixes.find((f: Fix) => f.preferred);
    assert.ok(fix);
    const pod = deploymentPod(objects(applyEdits(text, fix.edits))[0]);
    assert.equal((pod.volumes?.[0] as { projected: { sources: { secret: Json }[] } }).projected.sources[0].secret.optional, true);
  });
});
