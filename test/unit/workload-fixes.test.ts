// The workloads folder (test/fixtures/workloads) fixed as `--fix` would: every container keeps running
// (scripts/check-workload-fixes.ts proves it), what cannot be proved safe is left with its reason; and
// the checker itself catches a dangling reference, a starved image and a lost template action.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { checkManifest, checkWorkloadFixes, WORKLOADS_DIR } from '../../scripts/check-workload-fixes';

describe('the workloads folder, fixed', () => {
  it('keeps every container running and leaves exactly what it cannot prove safe, each with its reason', async () => {
    const report = await checkWorkloadFixes(WORKLOADS_DIR);
    assert.deepEqual(report.violations, []);
    assert.equal(report.fixesApplied, 16);
    assert.deepEqual(
      report.left.map(
        (l) =>
          `${l.file}:${l.line} ${l.rule} ${/^no automatic fix|created at run time|command replaces the entrypoint|not known to read/.exec(l.reason)?.[0] ?? l.reason}`,
      ),
      [
        'charts/bitnami-style/templates/statefulset.yaml:37 k8s-secret-env-ref command replaces the entrypoint',
        'redis/redis.yaml:21 k8s-secret-env-ref no automatic fix',
        'redis/redis.yaml:47 k8s-secret-env-ref not known to read',
        'redis/redis.yaml:58 k8s-secret-env-ref not known to read',
        'redis/redis.yaml:79 k8s-secret-env-ref created at run time',
        'redis/redis.yaml:98 k8s-secret-env-ref no automatic fix',
      ],
    );
  });

  it('gives official database images their *_FILE pointer and makes their probe scripts read the file', async () => {
    const { fixed } = await checkWorkloadFixes(WORKLOADS_DIR);
    const postgres = parseAllDocuments(fixed.get('databases/postgres.yaml') ?? '')[0].toJS() as {
      spec: { template: { spec: { containers: { env: { name: string; value?: string }[]; livenessProbe: { exec: { command: string[] } } }[] } } };
    };
    const [container] = postgres.spec.template.spec.containers;
    assert.deepEqual(
      container.env.map((e) => e.name),
      ['POSTGRES_USER', 'POSTGRES_PASSWORD_FILE', 'PGDATA'],
    );
    assert.match(container.livenessProbe.exec.command[2], /^PGPASSWORD="\$\(cat \/etc\/secrets\/POSTGRES_PASSWORD\)" psql -U "\$POSTGRES_USER"/);
    assert.match(fixed.get('databases/mysql.yaml') ?? '', /mysqladmin ping -uroot -p\\"\$\(cat \/etc\/secrets\/MYSQL_ROOT_PASSWORD\)\\"/);
    assert.match(fixed.get('shop/app/settings.py') ?? '', /load_secret\("DB_PASSWORD"\)/);
  });
});

const POD = (env: string, extra = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: app:1\n${extra}      env:\n${env}`;
const REF = '        - {name: TOKEN, valueFrom: {secretKeyRef: {name: s, key: token}}}\n';
const MOUNTED =
  '      volumeMounts: [{name: app-secrets, mountPath: /etc/secrets, readOnly: true}]\n  volumes:\n    - name: app-secrets\n      projected: {sources: [{secret: {name: s, items: [{key: token, path: TOKEN}]}}]}\n';

describe('the workload checker catches what a bad fix would do', () => {
  const code = () => true;
  const noCode = () => false;

  it('a removed variable still used as $(VAR)', () => {
    const before = POD(REF, '      args: ["--token=$(TOKEN)"]\n');
    const after = POD('        - {name: OTHER, value: x}\n', '      args: ["--token=$(TOKEN)"]\n') + MOUNTED;
    assert.match(checkManifest('p.yaml', before, after, code).join('\n'), /TOKEN removed but still used as \$\(TOKEN\) in args/);
  });

  it('a removed variable nothing reads from its file any more — and accepts the same change when the code reads it', () => {
    const before = POD(REF);
    const after = POD('        - {name: OTHER, value: x}\n') + MOUNTED;
    assert.match(checkManifest('p.yaml', before, after, noCode).join('\n'), /TOKEN removed and no longer reaches the container/);
    assert.deepEqual(checkManifest('p.yaml', before, after, code), []);
  });

  it('a removed envFrom whose Secret keys no longer reach the container', () => {
    const secret = '---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {TOKEN: x}\n';
    const before = POD('        - {name: OTHER, value: x}\n', '      envFrom: [{secretRef: {name: s}}]\n') + secret;
    const after = POD('        - {name: OTHER, value: x}\n') + MOUNTED + secret;
    assert.match(checkManifest('p.yaml', before, after, noCode).join('\n'), /TOKEN removed and no longer reaches the container/);
    assert.deepEqual(checkManifest('p.yaml', before, after, code), []);
  });

  it('masked template text written into the file, and blocks that no longer balance', () => {
    const before = POD(REF).replace('image: app:1', 'image: "{{ .Values.image }}"');
    const masked = before.replace('{{ .Values.image }}', '___________________');
    assert.match(checkManifest('t.yaml', before, masked, code).join('\n'), /masked template text written/);
    const unbalanced = before.replace('      env:\n', '      {{- if .Values.x }}\n      env:\n');
    assert.match(checkManifest('t.yaml', before, unbalanced, code).join('\n'), /no longer balance/);
  });

  it('a template action that did not survive', () => {
    const before = POD(REF).replace('image: app:1', 'image: "{{ .Values.image }}"');
    const after = POD(REF);
    assert.match(checkManifest('t.yaml', before, after, code).join('\n'), /template action lost: \{\{ \.Values\.image \}\}/);
  });
});
