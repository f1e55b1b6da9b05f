// The checks' stand-in for `helm template` (scripts/helm-render.ts), and what the workload checker
// proves with it: a fix whose volume renders under other conditions than its entry is caught.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkManifest } from '../../scripts/check-workload-fixes';
import { atomsOf, choicesFor, evaluate, renderTemplate } from '../../scripts/helm-render';

const truths =
  (...atoms: string[]) =>
  (atom: string) =>
    atoms.includes(atom);

describe('helm-render', () => {
  it('evaluates not / and / or over atoms, and a copy of a condition as the original', () => {
    const choose = truths('.Values.a', 'eq (default "" .Values.kind) "sentinel"');
    assert.equal(evaluate('.Values.a', choose), true);
    assert.equal(evaluate('not (.Values.a)', choose), false);
    assert.equal(evaluate('and (not (.Values.b)) (.Values.a)', choose), true);
    assert.equal(evaluate('or .Values.b .Values.c', choose), false);
    assert.equal(evaluate('eq (default "" .Values.kind) "sentinel"', choose), true);
    assert.equal(evaluate('and (not (eq (default "" .Values.kind) "sentinel")) (.Values.a)', choose), false);
  });

  it('renders the branch a choice takes, drops action lines, and gives inline actions stable words', () => {
    const text = 'a: {{ .Values.x }}\n{{- if .Values.on }}\nb: 1\n{{- else if .Values.half }}\nb: 2\n{{- else }}\nb: 3\n{{- end }}\nc: {{ .Values.x }}\n';
    assert.equal(renderTemplate(text, truths('.Values.on')).replace(/x\w+_(\d)/g, 'x_$1'), 'a: x_1\nb: 1\nc: x_2\n');
    assert.equal(renderTemplate(text, truths('.Values.half')).replace(/x\w+_(\d)/g, 'x_$1'), 'a: x_1\nb: 2\nc: x_2\n');
    assert.equal(renderTemplate(text, truths()).replace(/x\w+_(\d)/g, 'x_$1'), 'a: x_1\nb: 3\nc: x_2\n');
    assert.deepEqual(atomsOf(text), ['.Values.half', '.Values.on']);
    assert.equal(choicesFor(atomsOf(text)).length, 4);
  });
});

describe('the workload checker renders templates', () => {
  const before = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: p}',
    'spec:',
    '  containers:',
    '    - name: app',
    '      image: app:1',
    '      env:',
    '        {{- if .Values.auth }}',
    '        - name: DB_PASSWORD',
    '          valueFrom:',
    '            secretKeyRef: {name: db, key: password}',
    '        {{- end }}',
    '        - {name: LOG_LEVEL, value: info}',
    '      volumeMounts:',
    '        - {name: tmp, mountPath: /tmp}',
    '  volumes:',
    '    - {name: tmp, emptyDir: {}}',
    '',
  ].join('\n');
  const fixedUnder = (condition: string) =>
    before
      .replace(/ {8}- name: DB_PASSWORD\n.*\n.*\n/, '')
      .replace(
        '        - {name: tmp, mountPath: /tmp}\n',
        `        - {name: tmp, mountPath: /tmp}\n        {{- if ${condition} }}\n        - {name: app-secrets, mountPath: /etc/secrets, readOnly: true}\n        {{- end }}\n`,
      )
      .replace(
        '    - {name: tmp, emptyDir: {}}\n',
        `    - {name: tmp, emptyDir: {}}\n    {{- if ${condition} }}\n    - name: app-secrets\n      projected:\n        sources:\n          - secret: {name: db, items: [{key: password, path: DB_PASSWORD}]}\n    {{- end }}\n`,
      );

  it('passes a fix whose volume and mount render exactly where the entry did', () => {
    assert.deepEqual(
      checkManifest('t.yaml', before, fixedUnder('.Values.auth'), () => true),
      [],
    );
  });

  it('catches one whose volume and mount render under another condition', () => {
    const violations = checkManifest('t.yaml', before, fixedUnder('.Values.other'), () => true);
    assert.ok(
      violations.some((v) => /DB_PASSWORD removed and no file of it is mounted in the same rendering/.test(v)),
      violations.join('\n'),
    );
  });

  it('catches a fixed template that renders invalid YAML where the original did not', () => {
    const broken = fixedUnder('.Values.auth').replace(
      '    {{- if .Values.auth }}\n    - name: app-secrets',
      '    {{- if .Values.auth }}\n   - name: app-secrets',
    );
    const violations = checkManifest('t.yaml', before, broken, () => true);
    assert.ok(
      violations.some((v) => /renders invalid YAML/.test(v)),
      violations.join('\n'),
    );
  });
});
