// Fixes inside Helm templates. No Helm renderer runs here, so every fixed template is checked the way
// the issue asks: each `{{ }}` action of the original survives byte for byte, the template with its
// actions masked still parses, the new entries sit where the masked parse (and so the rendered
// manifest) puts them, at the column the surrounding `nindent` produces, and the whole text equals its
// reviewed snapshot (test/snapshots/helm). Templates in the styles of `helm create`, Bitnami and the
// Grafana chart; and the shapes a fix must decline.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { analyze, type AnalysisInput } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fix-all';
import { chartImage } from '../../server/src/engine/k8s/chart-image';
import { maskTemplates } from '../../server/src/engine/k8s/helm';
import { declinedReason } from '../../server/src/engine/k8s/manifest-fixes';
import { applyEdits } from '../../server/src/engine/text';
import { checkManifest } from '../../scripts/check-workload-fixes';
import { readFixture } from '../support/fixtures';
import { assertMatchesSnapshot } from '../support/snapshot';

const SNAPSHOTS = path.join(__dirname, '..', 'snapshots', 'helm');
const READ_FILES: Partial<AnalysisInput> = {
  settings: { rules: {}, secretNames: { extra: [], ignore: [] }, mountPath: '/etc/secrets', maxFileSizeKb: 4096, appsReadSecretFiles: true },
};

/** The action texts of a template, in order. */
function actions(text: string): string[] {
  return (maskTemplates(text)?.actions ?? []).map((a) => text.slice(a.start, a.end));
}

/** The template with its actions masked, parsed: no errors, and its plain objects. */
function maskedObjects(text: string): Record<string, unknown>[] {
  const masked = maskTemplates(text)?.masked ?? text;
  const docs = parseAllDocuments(masked);
  const list = Array.isArray(docs) ? docs : [];
  assert.equal(
    list.reduce((n, d) => n + d.errors.length, 0),
    0,
    'the masked template parses',
  );
  return list.map((d) => d.toJS() as Record<string, unknown>);
}

interface PodJson {
  containers: { name: string; env?: { name: string }[]; volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[] }[];
  volumes?: { name: string; projected?: { sources: { secret: { items: { path: string }[] } }[] } }[];
}

function podOf(doc: Record<string, unknown>): PodJson {
  return (doc as { spec: { template: { spec: PodJson } } }).spec.template.spec;
}

/** Every action of `before` is still in `after`, byte for byte (the fix may copy a value action, never drop one). */
function assertActionsKept(before: string, after: string): void {
  const kept = new Set(actions(after));
  for (const a of actions(before)) assert.ok(kept.has(a), `action kept: ${a}`);
}

function fixChart(file: string, input: Partial<AnalysisInput> = READ_FILES): { before: string; after: string; applied: number } {
  const before = readFixture('helm', ...file.split('/'));
  const analysis = analyze({ text: before, path: file, ...input });
  assert.deepEqual(analysis.problems, [], 'no syntax note for standard Helm idioms');
  const result = fixAll({ text: before, path: file, ...input });
  return { before, after: result.text, applied: result.applied };
}

describe('Helm templates get fixes', () => {
  it('helm create: the env entry goes; volumeMounts and volumes move out of their `with` blocks, ours first at the nindent column', () => {
    const { before, after, applied } = fixChart('create-style/templates/deployment.yaml');
    assert.equal(applied, 1);
    assertMatchesSnapshot(after, path.join(SNAPSHOTS, 'create-style.deployment.yaml.fixed'));
    assertActionsKept(before, after);
    const pod = podOf(maskedObjects(after)[0]);
    assert.equal(pod.containers[0].env, undefined);
    assert.deepEqual(pod.containers[0].volumeMounts, [{ name: 'app-secrets', mountPath: '/etc/secrets', readOnly: true }]);
    assert.equal(pod.volumes?.[0].projected?.sources[0].secret.items[0].path, 'DB_PASSWORD');
    // Our items sit at the column where `toYaml . | nindent N` renders the values' items.
    const lines = after.split('\n');
    for (const [key, n] of [
      ['volumeMounts:', 12],
      ['volumes:', 8],
    ] as const) {
      const at = lines.findIndex((l) => l.trim() === key);
      assert.equal(lines[at + 1].indexOf('- name: app-secrets'), n, `${key} item column`);
      const toYaml = lines.slice(at).find((l) => l.includes('toYaml . | nindent'));
      assert.match(toYaml ?? '', new RegExp(`nindent ${n} }}`));
    }
    assert.equal(analyze({ text: after, path: 'create-style/templates/deployment.yaml' }).findings.length, 0);
  });

  it('Bitnami: an entry inside `{{- if .Values.auth.enabled }}` gets a mount and a volume wrapped in a copy of that `if`', () => {
    const { before, after, applied } = fixChart('bitnami-style/templates/statefulset.yaml');
    assert.equal(applied, 1);
    assertMatchesSnapshot(after, path.join(SNAPSHOTS, 'bitnami-style.statefulset.yaml.fixed'));
    assertActionsKept(before, after);
    assert.equal(after.split('{{- if .Values.auth.enabled }}').length - 1, 3, 'the original and two copies');
    const pod = podOf(maskedObjects(after)[0]);
    assert.deepEqual(
      pod.containers[0].volumeMounts?.map((m) => m.name),
      ['start-scripts', 'redis-data', 'redis-secrets'],
    );
    assert.deepEqual(
      pod.volumes?.map((v) => v.name),
      ['start-scripts', 'redis-secrets'],
    );
  });

  it('Grafana: new entries go before the `range` that writes the list’s last items; each entry at its own level', () => {
    const { before, after, applied } = fixChart('grafana-style/templates/deployment.yaml');
    assert.equal(applied, 2);
    assertMatchesSnapshot(after, path.join(SNAPSHOTS, 'grafana-style.deployment.yaml.fixed'));
    assertActionsKept(before, after);
    const pod = podOf(maskedObjects(after)[0]);
    const names = pod.containers[0].env?.map((e) => e.name) ?? [];
    assert.ok(names.includes('GF_PATHS_DATA') && !names.some((n) => n.startsWith('GF_SECURITY_ADMIN')), 'only the Secret-fed entries went');
    assert.ok(pod.containers[0].volumeMounts?.some((m) => m.name === 'app-secrets-2' && m.readOnly === true));
  });

  it('the image values.yaml gives the template decides: Grafana reads GF_…__FILE, so that pointer is preferred', () => {
    const values = parse(readFixture('helm', 'grafana-style', 'values.yaml')) as unknown;
    const file = 'grafana-style/templates/deployment.yaml';
    const input: Partial<AnalysisInput> = { chartImage: (templatePath, image) => (templatePath === file ? chartImage(image, values) : undefined) };
    const { before, after, applied } = fixChart(file, input);
    assert.equal(applied, 2);
    assertActionsKept(before, after);
    const env = podOf(maskedObjects(after)[0]).containers[0].env?.map((e) => e.name) ?? [];
    assert.ok(env.includes('GF_SECURITY_ADMIN_PASSWORD__FILE') && env.includes('GF_SECURITY_ADMIN_USER__FILE'), 'the image’s own pointers');
    assert.match(after, /- name: GF_SECURITY_ADMIN_PASSWORD__FILE\n {14}value: \/etc\/secrets(-app)?\/GF_SECURITY_ADMIN_PASSWORD\n/);
  });

  it('without knowing who reads the file, the fixes are offered but none is preferred', () => {
    const text = readFixture('helm', 'create-style', 'templates', 'deployment.yaml');
    const analysis = analyze({ text, path: 'templates/deployment.yaml' });
    const fixes = analysis.fixesFor(analysis.findings[0]);
    assert.ok(fixes.length > 0);
    assert.ok(fixes.every((f) => !f.preferred && f.caveat !== undefined));
  });
});

/** A Deployment template whose container `env` is `env`; the rest as `helm create` writes it. */
function template(env: string, tail = '      volumes:\n        - name: data\n          emptyDir: {}\n'): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ include "x.fullname" . }}',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: app',
    '          image: app:1',
    '          env:',
    env,
    tail,
  ].join('\n');
}

const ENTRY = ['            - name: DB_PASSWORD', '              valueFrom:', '                secretKeyRef: {name: {{ .Values.secret }}, key: password}'].join(
  '\n',
);

function fixesOf(text: string) {
  const analysis = analyze({ text, path: 'templates/t.yaml', ...READ_FILES });
  const finding = analysis.findings.find((f) => f.rule === 'k8s-secret-env-ref');
  assert.ok(finding, 'the entry is found');
  return analysis.fixesFor(finding);
}

describe('Helm templates: what a fix declines', () => {
  it('an entry inside `with` or `range` (they rebind `.`)', () => {
    assert.deepEqual(fixesOf(template(`            {{- with .Values.db }}\n${ENTRY}\n            {{- end }}`)), []);
    assert.deepEqual(fixesOf(template(`            {{- range .Values.dbs }}\n${ENTRY}\n            {{- end }}`)), []);
  });

  it('but an entry in an `if` is fixed: the new mount and volume are wrapped in copies of it', () => {
    const text = template(`            {{- if .Values.db.enabled }}\n${ENTRY}\n            {{- end }}`);
    const [fix] = fixesOf(text);
    assert.ok(fix?.preferred);
    const after = applyEdits(text, fix.edits);
    assertActionsKept(text, after);
    const pod = podOf(maskedObjects(after)[0]);
    assert.deepEqual(pod.containers[0].volumeMounts, [{ name: 'app-secrets', mountPath: '/etc/secrets', readOnly: true }]);
    assertMatchesSnapshot(after, path.join(SNAPSHOTS, 'if-entry.yaml.fixed'));
    assert.equal(after.split('{{- if .Values.db.enabled }}').length - 1, 3, 'the original and a copy around the mount and the volume');
    assert.equal(after.split('{{- end }}').length - 1, 3);
  });

  it('an entry whose value an if/else chooses (existing Secret or a value) goes from the Secret branch only', () => {
    const secretFirst = [
      '            - name: DB_PASSWORD',
      '            {{- if .Values.existingSecret }}',
      '              valueFrom:',
      '                secretKeyRef: {name: {{ .Values.existingSecret }}, key: password}',
      '            {{- else }}',
      '              value: {{ .Values.password | quote }}',
      '            {{- end }}',
    ].join('\n');
    const secretSecond = [
      '            - name: DB_PASSWORD',
      '            {{- if not .Values.existingSecret }}',
      '              value: {{ .Values.password | quote }}',
      '            {{- else }}',
      '              valueFrom:',
      '                secretKeyRef: {name: {{ .Values.existingSecret }}, key: password}',
      '            {{- end }}',
    ].join('\n');
    for (const [env, kept] of [
      [
        secretFirst,
        /\{\{- if \.Values\.existingSecret \}\}\n {12}\{\{- else \}\}\n {12}- name: DB_PASSWORD\n {14}value: \{\{ \.Values\.password \| quote \}\}\n {12}\{\{- end \}\}/,
      ],
      [
        secretSecond,
        /\{\{- if not \.Values\.existingSecret \}\}\n {12}- name: DB_PASSWORD\n {14}value: \{\{ \.Values\.password \| quote \}\}\n {12}\{\{- else \}\}\n {12}\{\{- end \}\}/,
      ],
    ] as const) {
      const text = template(env);
      const result = fixAll({ text, path: 'templates/t.yaml', ...READ_FILES });
      assert.equal(result.applied, 1);
      // The value branch renders as it did; the Secret branch renders no env var, and the mount instead.
      assert.match(result.text, kept);
      assert.doesNotMatch(result.text, /secretKeyRef/);
      assertActionsKept(text, result.text);
      maskedObjects(result.text);
      assert.deepEqual(
        checkManifest('templates/t.yaml', text, result.text, () => true),
        [],
      );
    }
  });

  it('but not an entry chosen by an `else if` chain (three ways to render it)', () => {
    const env = [
      '            - name: DB_PASSWORD',
      '            {{- if .Values.existingSecret }}',
      '              valueFrom:',
      '                secretKeyRef: {name: {{ .Values.existingSecret }}, key: password}',
      '            {{- else if .Values.password }}',
      '              value: {{ .Values.password | quote }}',
      '            {{- else }}',
      '              value: changeme',
      '            {{- end }}',
    ].join('\n');
    for (const fix of fixesOf(template(env))) assert.doesNotMatch(applyEdits(template(env), fix.edits), /- name: DB_PASSWORD\n {12}\{\{- if/);
  });

  it('a list whose every item sits in an `if` the entry is not in gets the new item first, right after its key', () => {
    const entry = `            {{- if .Values.db.enabled }}\n${ENTRY}\n            {{- end }}`;
    const tail = ['      volumes:', '      {{- if .Values.cache.enabled }}', '        - name: cache', '          emptyDir: {}', '      {{- end }}', ''].join(
      '\n',
    );
    const text = template(entry, tail);
    const result = fixAll({ text, path: 'templates/t.yaml', ...READ_FILES });
    assert.equal(result.applied, 1);
    assert.match(result.text, /^ {6}volumes:\n {8}\{\{- if \.Values\.db\.enabled \}\}\n {8}- name: app-secrets\n/m);
    assertActionsKept(text, result.text);
    maskedObjects(result.text);
    assert.deepEqual(
      checkManifest('templates/t.yaml', text, result.text, () => true),
      [],
    );
    // The key itself inside that `if`: the line after it does not render with the entry, so nothing goes
    // there (the item joins the list inside the `if`, and a second list is written for when it does not).
    const keyInside = template(
      entry,
      ['      {{- if .Values.cache.enabled }}', '      volumes:', '        - name: cache', '          emptyDir: {}', '      {{- end }}', ''].join('\n'),
    );
    const inside = fixAll({ text: keyInside, path: 'templates/t.yaml', ...READ_FILES });
    assert.match(inside.text, /\{\{- if \.Values\.cache\.enabled \}\}\n {6}volumes:\n {8}- name: cache\n/);
    assert.deepEqual(
      checkManifest('templates/t.yaml', keyInside, inside.text, () => true),
      [],
    );
  });

  it("an image's file pointer written for the other branch of an if/else is no obstacle; in the same branch it is, and says so", () => {
    const entry = (secret: string) =>
      ['            - name: MYSQL_PASSWORD', '              valueFrom:', `                secretKeyRef: {name: ${secret}, key: password}`].join('\n');
    const mysql = (env: string) => template(env).replace('image: app:1', 'image: mysql:8.4');
    const both = mysql(
      [
        '            {{- if .Values.mariadb.enabled }}',
        entry('{{ .Values.mariadb.secret }}'),
        '            {{- else }}',
        entry('{{ .Values.external.secret }}'),
        '            {{- end }}',
      ].join('\n'),
    );
    const result = fixAll({ text: both, path: 'templates/t.yaml', ...READ_FILES });
    assert.equal(result.applied, 2, 'each branch gets its pointer');
    assert.equal(result.text.split('name: MYSQL_PASSWORD_FILE').length - 1, 2);
    assert.deepEqual(
      checkManifest('templates/t.yaml', both, result.text, () => false),
      [],
    );
    // The pointer's name already in the entry's own branch: two entries of one name would render together.
    const same = mysql(`${entry('{{ .Values.external.secret }}')}\n            - name: MYSQL_PASSWORD_FILE\n              value: /run/other`);
    const analysis = analyze({ text: same, path: 'templates/t.yaml', ...READ_FILES });
    const finding = analysis.findings.find((f) => f.rule === 'k8s-secret-env-ref');
    assert.ok(finding);
    assert.deepEqual(analysis.fixesFor(finding), []);
    assert.match(declinedReason(finding) ?? '', /pointer’s name is already in the list/);
  });

  it('a list written only by action lines in blocks of their own gets the item after its key, at their nindent column', () => {
    const entry = `            {{- if .Values.db.enabled }}\n${ENTRY}\n            {{- end }}`;
    const lines = (a: string, b: string) =>
      [
        '      {{- if or .Values.extraVolumes .Values.tls.enabled }}',
        '      volumes:',
        '      {{- if .Values.extraVolumes }}',
        `      {{- toYaml .Values.extraVolumes | ${a} }}`,
        '      {{- end }}',
        '      {{- if .Values.tls.enabled }}',
        `      {{- include "x.tlsVolumes" . | ${b} }}`,
        '      {{- end }}',
        '      {{- end }}',
        '',
      ].join('\n');
    const text = template(entry, lines('nindent 8', 'nindent 8'));
    const result = fixAll({ text, path: 'templates/t.yaml', ...READ_FILES });
    assert.equal(result.applied, 1);
    assert.match(result.text, /^ {6}volumes:\n {8}\{\{- if \.Values\.db\.enabled \}\}\n {8}- name: app-secrets\n/m);
    assert.match(result.text, /\{\{- if not \(or \.Values\.extraVolumes \.Values\.tls\.enabled\) \}\}\n {6}volumes:\n/);
    assertActionsKept(text, result.text);
    // Rendered under every choice of the conditions (the two `volumes:` keys never render together).
    assert.deepEqual(
      checkManifest('templates/t.yaml', text, result.text, () => true),
      [],
    );
    // Columns that disagree, or a toYaml outside any block of its own (it may render `[]`): no such edit.
    for (const other of [
      template(entry, lines('nindent 8', 'nindent 10')),
      template(
        entry,
        lines('nindent 8', 'nindent 8')
          .replace('      {{- if .Values.extraVolumes }}\n', '')
          .replace('      {{- end }}\n      {{- if .Values.tls', '      {{- if .Values.tls'),
      ),
    ]) {
      for (const fix of fixesOf(other)) assert.doesNotMatch(applyEdits(other, fix.edits), /^ {6}volumes:\n {8}\{\{- if \.Values\.db\.enabled \}\}/m);
    }
  });

  it('volumes produced by an unconditional toYaml (it may render `[]`, which nothing can follow)', () => {
    assert.deepEqual(fixesOf(template(ENTRY, '      volumes:\n        {{- toYaml .Values.volumes | nindent 8 }}\n')), []);
  });

  it('removing the last written env entry when template lines add to the list: only the variant that keeps the key', () => {
    const text = template(`${ENTRY}\n            {{- include "x.extraEnv" . | nindent 12 }}`);
    const fixes = fixesOf(text);
    assert.ok(fixes.length > 0);
    for (const fix of fixes) {
      const after = applyEdits(text, fix.edits);
      assert.match(after, /^ {10}env:$/m, `${fix.title}: env: stays`);
      assertActionsKept(text, after);
      maskedObjects(after);
    }
    assert.ok(fixes.every((f) => /pointer/.test(f.title)));
  });

  it('a templated variable name is no file name', () => {
    assert.deepEqual(fixesOf(template(ENTRY.replace('name: DB_PASSWORD', 'name: {{ .Values.passwordVar }}'))), []);
  });
});

describe('Helm templates: messages', () => {
  it('name templated containers and objects by their template text, and the `key: {{- include … | nindent }}` idiom raises no note', () => {
    const text = template(ENTRY)
      .replace('        - name: app', '        - name: {{ .Chart.Name }}')
      .replace('metadata:\n', 'metadata:\n  labels: {{- include "x.labels" . | nindent 4 }}\n    extra: one\n');
    const analysis = analyze({ text, path: 'templates/t.yaml' });
    assert.deepEqual(analysis.problems, []);
    assert.match(analysis.findings[0].message, /^Container "\{\{ \.Chart\.Name \}\}" receives Secret "\{\{ \.Values\.secret \}\}"/);
  });
});

// Shapes met in real charts (oauth2-proxy, harbor, argo-cd, postgres-exporter, `helm create`…), each
// fixed as `--fix --apps-read-files` would, against its reviewed snapshot; every one must keep all its
// actions, parse masked, and never write masked text. `scoped-var` must be left alone.
describe('Helm templates: shapes from real charts', () => {
  const dir = path.join(__dirname, '..', 'fixtures', 'helm', 'shapes');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    it(file, () => {
      const before = readFileSync(path.join(dir, file), 'utf8');
      const input = { path: `chart/templates/${file}`, ...READ_FILES };
      assert.deepEqual(analyze({ text: before, ...input }).problems, [], 'no syntax note');
      const after = fixAll({ text: before, ...input }).text;
      assertMatchesSnapshot(after, path.join(SNAPSHOTS, 'shapes', `${file}.fixed`));
      assertActionsKept(before, after);
      // Rendered under every choice of its conditions (scripts/helm-render.ts): valid YAML wherever the
      // original is, each variable that went mounted as a file in the same rendering, blocks balanced.
      assert.deepEqual(
        checkManifest(file, before, after, () => true),
        [],
      );
      assert.equal(/_{6,}/.test(after) && !/_{6,}/.test(before), false, 'no masked text written');
      if (file === 'scoped-var.yaml') assert.equal(after, before, 'a variable is never copied out of its scope');
      else assert.notEqual(after, before, 'fixed');
    });
  }
});

describe('Helm templates: else branches and charts that already read files', () => {
  const ifElse = (first: string) =>
    template(`            {{- if .Values.db.externalSecret }}\n${first}\n            {{- else }}\n${ENTRY}\n            {{- end }}`);

  it('an entry in a plain `else` gets its volume and mount wrapped in `if not (COND)`', () => {
    const text = ifElse('            - {name: DB_HOST, value: external}');
    const [fix] = fixesOf(text);
    assert.ok(fix);
    const after = applyEdits(text, fix.edits);
    assertActionsKept(text, after);
    maskedObjects(after);
    assert.equal(after.split('{{- if not (.Values.db.externalSecret) }}').length - 1, 2, 'around the mount and the volume');
  });

  it('an entry in an `else if` gets them wrapped in the conditions of its branch: earlier ones negated, its own', () => {
    const text = template(
      `            {{- if .Values.a }}\n            - {name: A, value: "1"}\n            {{- else if .Values.b }}\n${ENTRY}\n            {{- end }}`,
    );
    const [fix] = fixesOf(text);
    assert.ok(fix);
    const after = applyEdits(text, fix.edits);
    assertActionsKept(text, after);
    maskedObjects(after);
    assert.equal(after.split('{{- if and (not (.Values.a)) (.Values.b) }}').length - 1, 2, 'around the mount and the volume');
    // The plain `else` after an `else if` negates both.
    const last = template(
      `            {{- if .Values.a }}\n            - {name: A, value: "1"}\n            {{- else if .Values.b }}\n            - {name: B, value: "1"}\n            {{- else }}\n${ENTRY}\n            {{- end }}`,
    );
    const [otherwise] = fixesOf(last);
    assert.ok(otherwise);
    assert.match(applyEdits(last, otherwise.edits), /\{\{- if and \(not \(\.Values\.a\)\) \(not \(\.Values\.b\)\) \}\}/);
  });

  it('but not in a `with` (it rebinds `.`)', () => {
    const text = template(`            {{- with .Values.db }}\n${ENTRY}\n            {{- end }}`);
    assert.deepEqual(fixesOf(text), []);
  });

  it('an entry in the `else` of a switch about files whose first branch sets NAME_FILE: the finding says to flip the switch, no edit', () => {
    const pointer = '            - {name: DB_PASSWORD_FILE, value: /secrets/db-password}';
    const text = ifElse(pointer).replace('.Values.db.externalSecret', '.Values.auth.usePasswordFiles');
    const analysis = analyze({ text, path: 'templates/t.yaml', ...READ_FILES });
    const finding = analysis.findings.find((f) => f.rule === 'k8s-secret-env-ref');
    assert.ok(finding);
    assert.match(
      String(finding.data.fixBlocked),
      /the chart already reads DB_PASSWORD from a file \(DB_PASSWORD_FILE\) when `\.Values\.auth\.usePasswordFiles` is true/,
    );
    // A condition about something else (`externalSecret`: flipping it changes where the secret comes
    // from) is no such switch: the entry gets its fix.
    const other = analyze({ text: ifElse(pointer), path: 'templates/t.yaml', ...READ_FILES });
    const otherFinding = other.findings.find((f) => f.rule === 'k8s-secret-env-ref');
    assert.equal(otherFinding?.data.fixBlocked, undefined);
    // A first branch that sets something else is no switch.
    const plain = analyze({ text: ifElse('            - {name: DB_HOST, value: external}'), path: 'templates/t.yaml' });
    assert.equal(plain.findings.find((f) => f.rule === 'k8s-secret-env-ref')?.data.fixBlocked, undefined);
  });
});

describe('Helm templates: why a finding gets no fix', () => {
  const reasonOf = (text: string, rule: string) => {
    const analysis = analyze({ text, path: 'templates/t.yaml', ...READ_FILES });
    const finding = analysis.findings.find((f) => f.rule === rule);
    assert.ok(finding, `a ${rule} finding`);
    return { fixes: analysis.fixesFor(finding), reason: declinedReason(finding) };
  };

  it('a literal in a chart: the Secret must be named per release, so no Secret is written here', () => {
    const text = template('            - {name: API_TOKEN, value: "t0ps3cret-value"}').replace('name: t', 'name: {{ .Release.Name }}');
    const { fixes, reason } = reasonOf(text, 'k8s-secret-env-literal');
    assert.deepEqual(fixes, []);
    assert.match(String(reason), /^no automatic fix: in a chart the Secret must be named per release/);
  });

  it('an entry whose Secret name uses a variable of its own block says so; a fixed one has no reason', () => {
    const scoped = template(
      `            {{- range $name := .Values.secrets }}\n${ENTRY.replace('{{ .Values.secret }}', '{{ $name }}')}\n            {{- end }}`,
    );
    const declined = reasonOf(scoped, 'k8s-secret-env-ref');
    assert.deepEqual(declined.fixes, []);
    assert.match(String(declined.reason), /template variable the volume would not see/);
    const fixed = reasonOf(template(ENTRY), 'k8s-secret-env-ref');
    assert.ok(fixed.fixes.length > 0);
    assert.equal(fixed.reason, undefined);
  });

  it('an envFrom entry shares its range with another entry: the range cannot be copied for it alone', () => {
    const envFrom = (body: string) =>
      template('            - {name: LOG_LEVEL, value: info}').replace(
        '          env:\n',
        `          envFrom:\n            {{- range .Values.envFromSecrets }}\n${body}            {{- end }}\n          env:\n`,
      );
    const alone = reasonOf(envFrom('            - secretRef: {name: "{{ . }}"}\n'), 'k8s-secret-env-from');
    assert.ok(alone.fixes.length > 0, 'alone in its range: fixed with a copy of the range');
    assert.ok(alone.fixes[0].edits.some((e) => e.newText.includes('{{- range .Values.envFromSecrets }}')));
    const shared = reasonOf(envFrom('            - secretRef: {name: "{{ . }}"}\n            - configMapRef: {name: "{{ . }}-cfg"}\n'), 'k8s-secret-env-from');
    assert.deepEqual(shared.fixes, []);
    assert.match(String(shared.reason), /inside a \{\{ with \}\} or \{\{ range \}\} block/);
  });
});
