import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { readFixture, slice } from '../support/fixtures';

function findings(text: string, path = 'm.yaml') {
  return analyze({ text, path }).findings.filter((f) => f.rule === 'k8s-secret-env-ref');
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: app
          image: app:1
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: db
                  key: password
            - name: LOG_LEVEL
              value: info
            - name: FLAGS
              valueFrom:
                configMapKeyRef:
                  name: cfg
                  key: flags
`;

describe('k8s-secret-env-ref', () => {
  it('flags secretKeyRef at its key, naming variable, Secret, key and container', () => {
    const [f, ...rest] = findings(DEPLOYMENT);
    assert.equal(rest.length, 0);
    assert.equal(slice(DEPLOYMENT, f), 'secretKeyRef');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /DB_PASSWORD/);
    assert.match(f.message, /Secret "db"/);
    assert.match(f.message, /key "password"/);
    assert.match(f.message, /Container "app"/);
    assert.deepEqual(
      { variable: f.data.variable, secret: f.data.secret, key: f.data.key, container: f.data.container },
      { variable: 'DB_PASSWORD', secret: 'db', key: 'password', container: 'app' },
    );
  });

  it('finds every workload shape, including init, sidecar and ephemeral containers and List items', () => {
    const text = readFixture('k8s', 'all-workloads.yaml');
    const names = findings(text, 'all.yaml').map((f) => f.data.variable);
    assert.deepEqual(names, [
      'POD_SECRET',
      'EPHEMERAL_SECRET',
      'PODTEMPLATE_SECRET',
      'SIDECAR_SECRET',
      'DEPLOYMENT_SECRET',
      'STATEFULSET_SECRET',
      'DAEMONSET_SECRET',
      'REPLICASET_SECRET',
      'REPLICATIONCONTROLLER_SECRET',
      'JOB_SECRET',
      'CRONJOB_SECRET',
      'DEPLOYMENTCONFIG_SECRET',
      'ROLLOUT_SECRET',
      'LIST_SECRET',
    ]);
    for (const f of findings(text, 'all.yaml')) assert.equal(slice(text, f), 'secretKeyRef');
  });

  it('fills the data contract: document index, container group and optional', () => {
    const text = readFixture('k8s', 'all-workloads.yaml');
    const byVariable = new Map(findings(text, 'all.yaml').map((f) => [f.data.variable, f.data]));
    assert.deepEqual(
      ['POD_SECRET', 'EPHEMERAL_SECRET', 'SIDECAR_SECRET', 'CRONJOB_SECRET', 'LIST_SECRET'].map((v) => [
        byVariable.get(v)?.group,
        byVariable.get(v)?.documentIndex,
      ]),
      [
        ['containers', 0],
        ['ephemeralContainers', 0],
        ['initContainers', 2],
        ['containers', 8],
        ['containers', 11],
      ],
    );
    const optional = (flag: string) => findings(DEPLOYMENT.replace('key: password', `key: password\n                  optional: ${flag}`))[0].data.optional;
    assert.equal(optional('true'), true);
    assert.equal(optional('false'), false);
    assert.equal(findings(DEPLOYMENT)[0].data.optional, undefined);
  });

  it('keeps exact offsets with CRLF line endings', () => {
    const crlf = DEPLOYMENT.replace(/\n/g, '\r\n');
    const [f] = findings(crlf);
    assert.equal(slice(crlf, f), 'secretKeyRef');
    const analysis = analyze({ text: crlf, path: 'm.yaml' });
    assert.deepEqual(analysis.lines.position(f.start), { line: 13, character: 16 });
  });

  it('keeps exact offsets after a byte-order mark', () => {
    const bom = '\uFEFF' + DEPLOYMENT;
    const [f] = findings(bom);
    assert.equal(slice(bom, f), 'secretKeyRef');
  });

  it('handles flow style, comments after ---, empty documents and document end markers', () => {
    const text = [
      '--- # first document',
      '',
      '---',
      '# only a comment',
      '--- # the pod',
      'apiVersion: v1',
      'kind: Pod',
      'spec: {containers: [{name: c, env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: t, key: v}}}]}]}',
      '...',
      '',
    ].join('\n');
    const [f, ...rest] = findings(text);
    assert.equal(rest.length, 0);
    assert.equal(slice(text, f), 'secretKeyRef');
    assert.equal(f.data.variable, 'TOKEN');
  });

  it('reports a syntax error in one document without hiding the documents around it', () => {
    const good = (n: string) =>
      `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: c\n      env:\n        - name: ${n}\n          valueFrom:\n            secretKeyRef: {name: s, key: k}\n`;
    const text = `${good('FIRST')}---\napiVersion: v1\nkind: Pod\nspec: {containers: [\n  bad: [\n---\n${good('THIRD')}`;
    const analysis = analyze({ text, path: 'm.yaml' });
    assert.deepEqual(
      analysis.findings.map((f) => f.data.variable),
      ['FIRST', 'THIRD'],
    );
    assert.equal(analysis.problems.length, 1);
    assert.equal(analysis.problems[0].code, 'parse-error');
    assert.match(analysis.problems[0].message, /document 2/);
  });

  it('ignores YAML that is not a Kubernetes manifest and non-YAML files', () => {
    assert.deepEqual(findings('env:\n  - name: X\n    valueFrom:\n      secretKeyRef: {name: a, key: b}\n'), []);
    assert.equal(analyze({ text: DEPLOYMENT, path: 'notes.txt' }).kind, 'unsupported');
  });

  it('never puts a literal value into a message', () => {
    const text = DEPLOYMENT.replace('value: info', 'value: hunter2-canary');
    for (const f of analyze({ text, path: 'm.yaml' }).findings) assert.doesNotMatch(f.message, /hunter2-canary/);
  });

  it('honours rule severity settings', () => {
    const settings = {
      rules: { 'k8s-secret-env-ref': 'off' as const },
      secretNames: { extra: [], ignore: [] },
      mountPath: '/etc/secrets',
      maxFileSizeKb: 2048,
    };
    assert.equal(analyze({ text: DEPLOYMENT, path: 'm.yaml', settings }).findings.length, 0);
    settings.rules['k8s-secret-env-ref'] = 'error' as 'off';
    assert.equal(analyze({ text: DEPLOYMENT, path: 'm.yaml', settings }).findings[0].severity, 'error');
  });
});
