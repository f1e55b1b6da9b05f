import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { maskTemplates } from '../../server/src/engine/k8s/helm';
import { readFixture, slice } from '../support/fixtures';

const CHART = readFixture('k8s', 'chart', 'templates', 'deployment.yaml');

describe('Helm templates', () => {
  it('masks actions with same-length text and keeps every line break', () => {
    const mask = maskTemplates(CHART);
    assert.ok(mask);
    assert.equal(mask.masked.length, CHART.length);
    assert.deepEqual(mask.masked.match(/\r?\n/g), CHART.match(/\r?\n/g));
    assert.equal(mask.masked.includes('{{'), false);
    // Outside the actions nothing changes.
    for (let i = 0; i < CHART.length; i++) {
      const inside = mask.actions.some((a) => a.start <= i && i < a.end);
      if (!inside && mask.masked[i] !== CHART[i]) assert.fail(`offset ${i} changed outside an action`);
    }
  });

  it('turns control-flow and structure-producing lines into comments', () => {
    const mask = maskTemplates('a:\n  {{- if .Values.x }}\n  b: 1\n  {{- end }}\n  c: {{ .Values.c }}\n');
    assert.ok(mask);
    assert.deepEqual(
      mask.masked.split('\n').map((l) => l.trimStart()[0] ?? ''),
      ['a', '#', 'b', '#', 'c', ''],
    );
    assert.deepEqual(
      mask.actions.map((a) => a.wholeLine),
      [true, true, false],
    );
  });

  it('keeps the indentation of the lines a multi-line action continues on, so quoted and block scalars around it still parse', () => {
    // zitadel: an init container's argument is a quoted string holding a multi-line `include`.
    const quoted = [
      'containers:',
      '  - name: chown',
      '    args:',
      '      - "{{ include "x.join" (list',
      '          (include "x.cp" (dict "path" "/a/"))',
      '          (include "x.cp" (dict "path" "/b/"))',
      '          )) }} chown -R 1000:1000 /chowned/"',
      '    env:',
      '      - {name: TOKEN, valueFrom: {secretKeyRef: {name: s, key: token}}}',
      '',
    ].join('\n');
    const mask = maskTemplates(quoted);
    assert.ok(mask);
    assert.deepEqual(
      mask.masked.split('\n').map((l) => l.length - l.trimStart().length),
      quoted.split('\n').map((l) => l.length - l.trimStart().length),
      'every line keeps its indentation',
    );
    const analysis = analyze({ text: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${quoted.replace(/^/gm, '  ')}`, path: 'templates/pod.yaml' });
    assert.deepEqual(analysis.problems, []);
    assert.equal(analysis.findings.filter((f) => f.rule === 'k8s-secret-env-ref').length, 1);
    // A control action written over several lines is still a comment, now at its lines' indentation.
    const control = maskTemplates('a:\n  {{- if or\n      .Values.x\n      .Values.y }}\n  b: 1\n  {{- end }}\n');
    assert.ok(control);
    assert.deepEqual(
      control.masked.split('\n').map((l) => l.trimStart()[0] ?? ''),
      ['a', '#', '#', '#', 'b', '#', ''],
    );
  });

  it('keeps quoted braces and comments inside one action, and stops an unterminated one at its line', () => {
    const text = 'x: {{ printf "}}" }}\ny: {{/* a }} b */}}\nz: {{ oops\nw: 1\n';
    const mask = maskTemplates(text);
    assert.ok(mask);
    assert.deepEqual(
      mask.actions.map((a) => text.slice(a.start, a.end)),
      ['{{ printf "}}" }}', '{{/* a }} b */}}', '{{ oops'],
    );
  });

  it('parses a realistic chart template without problems and reports what it can', () => {
    const analysis = analyze({ text: CHART, path: 'chart/templates/deployment.yaml' });
    assert.deepEqual(analysis.problems, []);
    assert.deepEqual(
      analysis.findings.map((f) => [f.rule, slice(CHART, f), f.data.variable ?? f.data.secret, f.data.templated]),
      [
        ['k8s-secret-env-ref', 'secretKeyRef', 'DB_PASSWORD', true],
        ['k8s-secret-env-from', 'secretRef', '{{ .Values.existingSecret }}', true],
        ['k8s-secret-env-ref', 'secretKeyRef', 'MIGRATE_PASSWORD', undefined],
      ],
    );
  });

  it('names templated Secrets by their template text, not by the mask', () => {
    const [ref] = analyze({ text: CHART, path: 'chart/templates/deployment.yaml' }).findings;
    assert.equal(ref.data.secret, '{{ include "shop.fullname" . }}-db');
    assert.match(ref.message, /Secret "\{\{ include "shop.fullname" \. \}\}-db"/);
  });

  it('does not treat templated values as literal secrets', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: c\n      env:\n        - name: DB_PASSWORD\n          value: {{ .Values.password | quote }}\n';
    assert.deepEqual(analyze({ text, path: 'templates/pod.yaml' }).findings, []);
  });

  it('never crashes or floods problems on template-heavy or broken templates', () => {
    const texts = [
      '{{- range .Values.items }}\n---\n{{ toYaml . }}\n{{- end }}\n',
      '{{ include "x" . }}\n',
      'apiVersion: v1\nkind: Pod\nspec: {{ toYaml .Values.spec | nindent 2 }}\n',
      'apiVersion: v1\nkind: {{ .Values.kind }}\nmetadata:\n  name: {{ .x }\nspec:\n  containers: [{{ .c }}]\n',
      '{{- define "a" }}\nkey: {{ .b }}\n{{- end }}\n{{ template "a" . }}\n',
    ];
    for (const text of texts) {
      const analysis = analyze({ text, path: 'templates/t.yaml' });
      assert.ok(analysis.problems.length <= 1, 'at most one problem per template');
    }
  });

  it('reads a document whose branches continue different parents with its else branches aside, noting only a branch that holds a Secret', () => {
    const head = [
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata: {name: r}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '      - name: redis',
      '        image: redis:7',
      '        env:',
      '        - name: AUTH',
      '          valueFrom:',
      '            secretKeyRef: {name: r, key: auth}',
      '      volumes:',
      '      - {name: config, emptyDir: {}}',
      '{{- if .Values.persistentVolume.enabled }}',
      '  volumeClaimTemplates:',
      '  - metadata: {name: data}',
      '{{- else }}',
      '      - name: data',
    ];
    const plain = [...head, '        emptyDir: {}', '{{- end }}', ''].join('\n');
    const analysis = analyze({ text: plain, path: 'templates/sts.yaml' });
    assert.deepEqual(analysis.problems, [], 'no syntax note for the idiom');
    assert.deepEqual(
      analysis.findings.map((f) => f.data.variable),
      ['AUTH'],
    );
    assert.ok(analysis.fixesFor(analysis.findings[0]).length > 0, 'and the document gets fixes');
    // A branch left unread that could hold a secret reference is said, with where it starts.
    const secretive = [
      ...head,
      '        secret:',
      '          secretName: {{ .Values.existingSecret }}',
      '        env:',
      '        - name: X',
      '          valueFrom:',
      '            secretKeyRef: {name: s, key: k}',
      '{{- end }}',
      '',
    ].join('\n');
    const noted = analyze({ text: secretive, path: 'templates/sts.yaml' });
    assert.equal(noted.problems.length, 1);
    assert.match(noted.problems[0].message, /cannot be read together with the rest of its document/);
    assert.equal(noted.lines.position(noted.problems[0].start).line, head.length - 1);
  });

  it('masks `key: {{ … }}` as a block value only when the key’s block follows it (n8n’s `env: {{ ternary nil "[]" }}`)', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: n8n}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: {{ .Chart.Name }}',
      '          image: n8n:1',
      '          env: {{ not (empty .Values.extraEnv) | ternary nil "[]" }}',
      '            {{- range $key, $value := .Values.extraEnv }}',
      '            - name: {{ $key }}',
      '              value: {{ $value }}',
      '            {{- end }}',
      '          envFrom:',
      '            - secretRef:',
      '                name: {{ include "n8n.fullname" . }}-app-secret',
      '',
    ].join('\n');
    const analysis = analyze({ text, path: 'templates/deployment.yaml' });
    assert.deepEqual(analysis.problems, [], 'the list under `env:` parses');
    const mask = maskTemplates(text);
    const blockValues = (mask?.actions ?? []).filter((a) => a.blockValue).map((a) => text.slice(a.start, a.end));
    assert.deepEqual(blockValues, ['{{ not (empty .Values.extraEnv) | ternary nil "[]" }}'], 'the container name and the values stay scalars');
    assert.match(analysis.findings[0].message, /^Container "\{\{ \.Chart\.Name \}\}"/);
  });
});
