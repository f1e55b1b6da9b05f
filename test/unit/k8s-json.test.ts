// JSON manifests (`kubectl apply -f x.json`): recognised from their text (and every other JSON file
// ignored), analysed like YAML with exact ranges, and fixed into valid JSON laid out like the file:
// pretty-printed with 2 or 4 spaces or tabs, minified, CRLF, a `kind: List`. Each fixture is the output
// of JSON.stringify, so each fix must give exactly JSON.stringify of the expected object, same layout.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { LANGUAGES } from '../../client/src/command-ids';
import { analyze, fileKindOf, isJsonFile, mayBeManifest } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fix-all';
import { indexManifest } from '../../server/src/engine/cross-file-index';
import type { Finding } from '../../server/src/engine/findings';
import { parseManifest } from '../../server/src/engine/k8s/documents';
import { jsonScalar } from '../../server/src/engine/k8s/fix/emit';
import { documentStyle } from '../../server/src/engine/k8s/fix/style';
import { isJsonManifest, JSON_HEAD_CHARS, jsonHeadMayBeManifest } from '../../server/src/engine/k8s/json-manifest';
import { defaultSettings } from '../../server/src/engine/settings';
import { applyEdits, LineIndex } from '../../server/src/engine/text';
import { collectFiles } from '../../server/src/walk';
import { TempTrees } from '../support/temp-tree';

type Json = Record<string, unknown>;
interface Pod {
  containers: Json[];
  volumes?: Json[];
  [key: string]: unknown;
}

const FAKE_TOKEN = 'Fixture9Token7Qx2Lm4Vb8Nr6Tz';

const trees = new TempTrees();
after(trees.removeAll);

/** A Deployment with a target for every manifest rule. */
function deployment(): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'shop', namespace: 'prod' },
    spec: {
      replicas: 2,
      template: {
        metadata: { labels: { app: 'shop' } },
        spec: {
          securityContext: { fsGroup: 2000 },
          containers: [
            {
              name: 'api',
              image: 'shop/api:1.4',
              args: ['--port', '8080'],
              env: [
                { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password', optional: true } } },
                { name: 'LOG_LEVEL', value: 'info' },
                // Random-looking (the value's shape flags it), made up for this test.
                { name: 'STRIPE_KEY', value: FAKE_TOKEN },
              ],
              envFrom: [{ prefix: 'DB_', secretRef: { name: 'db' } }],
              volumeMounts: [{ name: 'tls', mountPath: '/etc/tls/tls.crt', subPath: 'tls.crt' }],
            },
          ],
          volumes: [{ name: 'tls', secret: { secretName: 'tls', defaultMode: 420 } }],
        },
      },
    },
  };
}

/** A Pod whose container has no volumeMounts and whose `volumes` is empty: the fix adds a key and fills `[]`. */
function bareEnvPod(): Json {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'worker' },
    spec: {
      containers: [{ name: 'worker', image: 'worker:2', env: [{ name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } }] }],
      volumes: [],
    },
  };
}

/** `kind: List` as `kubectl get -o json` writes it (`items` before `kind`), with the Secret a literal moves into. */
function list(): Json {
  return {
    apiVersion: 'v1',
    items: [deployment(), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'shop-secrets', namespace: 'prod' }, type: 'Opaque', stringData: {} }],
    kind: 'List',
  };
}

interface Layout {
  name: string;
  write: (value: unknown) => string;
}

const LAYOUTS: Layout[] = [
  { name: '2-space', write: (v) => `${JSON.stringify(v, null, 2)}\n` },
  { name: '4-space', write: (v) => `${JSON.stringify(v, null, 4)}\n` },
  { name: 'tabs', write: (v) => `${JSON.stringify(v, null, '\t')}\n` },
  { name: 'minified', write: (v) => JSON.stringify(v) },
  { name: '2-space CRLF', write: (v) => `${JSON.stringify(v, null, 2)}\n`.replace(/\n/g, '\r\n') },
];

function podOf(doc: Json): Pod {
  const workload = doc.kind === 'List' ? (doc.items as Json[])[0] : doc;
  if (workload.kind === 'Pod') return workload.spec as Pod;
  return (workload as { spec: { template: { spec: Pod } } }).spec.template.spec;
}

function container(doc: Json): Json & { env?: Json[]; volumeMounts?: Json[] } {
  return podOf(doc).containers[0];
}

const MOUNT = { name: 'api-secrets', mountPath: '/etc/secrets', readOnly: true };

/** The container's projected volume and its mount; `defaultMode: 0440` (288) only when the pod sets fsGroup. */
function addProjected(doc: Json, source: Json, mount: Json = MOUNT): void {
  const pod = podOf(doc);
  const c = container(doc);
  c.volumeMounts = [...(c.volumeMounts ?? []), mount];
  const projected = pod.securityContext === undefined ? { sources: [source] } : { defaultMode: 288, sources: [source] };
  pod.volumes = [...(pod.volumes ?? []), { name: mount.name, projected }];
}

interface Case {
  name: string;
  fixture: () => Json;
  rule: string;
  /** Picks the fix among the finding's fixes. */
  title: RegExp;
  change: (doc: Json, fixed: Json) => void;
}

const CASES: Case[] = [
  {
    name: 'env-ref: mount the key, remove the entry',
    fixture: deployment,
    rule: 'k8s-secret-env-ref',
    title: /^Mount Secret key as file — /,
    change(doc) {
      container(doc).env?.splice(0, 1);
      addProjected(doc, { secret: { name: 'db', items: [{ key: 'password', path: 'DB_PASSWORD' }], optional: true } });
    },
  },
  {
    name: 'env-ref: keep a NAME_FILE pointer',
    fixture: deployment,
    rule: 'k8s-secret-env-ref',
    title: /DB_PASSWORD_FILE pointer/,
    change(doc) {
      const env = container(doc).env as Json[];
      env[0] = { name: 'DB_PASSWORD_FILE', value: '/etc/secrets/DB_PASSWORD' };
      addProjected(doc, { secret: { name: 'db', items: [{ key: 'password', path: 'DB_PASSWORD' }], optional: true } });
    },
  },
  {
    name: 'env-ref: a new volumeMounts key and an empty volumes list filled',
    fixture: bareEnvPod,
    rule: 'k8s-secret-env-ref',
    title: /^Mount Secret key as file — /,
    change(doc) {
      const c = container(doc);
      delete c.env;
      const mount = { name: 'worker-secrets', mountPath: '/etc/secrets', readOnly: true };
      addProjected(doc, { secret: { name: 'api', items: [{ key: 'token', path: 'API_TOKEN' }] } }, mount);
    },
  },
  {
    name: 'env-from: mount the whole Secret',
    fixture: deployment,
    rule: 'k8s-secret-env-from',
    title: /^Mount whole Secret "db"/,
    change(doc) {
      delete container(doc).envFrom;
      addProjected(doc, { secret: { name: 'db' } });
    },
  },
  {
    name: 'subPath: mount the directory',
    fixture: deployment,
    rule: 'k8s-secret-mount-subpath',
    title: /^Mount the directory instead of subPath/,
    change(doc) {
      (container(doc).volumeMounts as Json[])[0] = { name: 'tls', mountPath: '/etc/secrets-tls' };
    },
  },
  {
    name: 'mode: decimal 288 (JSON has no octal)',
    fixture: deployment,
    rule: 'k8s-secret-mount-mode',
    title: /^Tighten defaultMode to 288/,
    change(doc) {
      ((podOf(doc).volumes as Json[])[0].secret as Json).defaultMode = 288;
    },
  },
  {
    name: 'literal in a List: the key goes into the List’s Secret, mounted',
    fixture: list,
    rule: 'k8s-secret-env-literal',
    title: /Secret "shop-secrets"/,
    change(doc, fixed) {
      container(doc).env?.splice(2, 1);
      addProjected(doc, { secret: { name: 'shop-secrets', items: [{ key: 'STRIPE_KEY', path: 'STRIPE_KEY' }] } });
      // What the Secret's new key holds is the literal fix's business; that it is there, and only it, is ours.
      const secret = (doc.items as Json[])[1];
      const value = ((fixed.items as Json[])[1].stringData as Json | undefined)?.STRIPE_KEY;
      secret.stringData = { STRIPE_KEY: value };
    },
  },
];

function findingsOf(text: string, rule?: string): { analysis: ReturnType<typeof analyze>; findings: Finding[] } {
  const analysis = analyze({ text, path: 'manifests/shop.json' });
  return { analysis, findings: analysis.findings.filter((f) => rule === undefined || f.rule === rule) };
}

describe('JSON manifests: recognition', () => {
  const manifest = JSON.stringify(deployment(), null, 2);
  it('a .json file (or language id json/jsonc) is a manifest only when its text says so', () => {
    for (const layout of LAYOUTS) assert.equal(fileKindOf('deploy.json', undefined, layout.write(deployment())), 'manifest', layout.name);
    assert.equal(fileKindOf('list.json', undefined, JSON.stringify(list())), 'manifest', 'kind: List');
    assert.equal(fileKindOf('bom.json', undefined, `\ufeff${manifest}`), 'manifest', 'with a BOM');
    assert.equal(fileKindOf(undefined, 'json', manifest), 'manifest', 'untitled json document');
    assert.equal(fileKindOf('/w/deploy.json', 'jsonc', manifest), 'manifest', 'jsonc');
    assert.equal(fileKindOf('DEPLOY.JSON', undefined, manifest), 'manifest', 'extension in capitals');
    // Without its text a JSON file is not known to be a manifest; walks and indexes ask mayBeManifest.
    assert.equal(fileKindOf('deploy.json'), 'unsupported');
    assert.ok(mayBeManifest('deploy.json') && mayBeManifest('deploy.yaml') && !mayBeManifest('app.py') && !mayBeManifest('README.md'));
    assert.ok(isJsonFile('a.json') && isJsonFile(undefined, 'jsonc') && !isJsonFile('a.json', 'yaml') && !isJsonFile('a.yaml'));
  });

  it('ignores every other JSON file: package.json, tsconfig.json, a JSON Schema, data, invalid JSON', () => {
    const others: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'x', version: '1.0.0', scripts: { build: 'tsc' }, dependencies: { yaml: '^2' } }, null, 2),
      'tsconfig.json': '{\n  // comments make it JSONC\n  "compilerOptions": { "strict": true, "target": "ES2022", },\n}\n',
      'schema.json': JSON.stringify({
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        properties: { apiVersion: { type: 'string' }, kind: { type: 'string', enum: ['Deployment'] } },
        required: ['apiVersion', 'kind'],
      }),
      'discovery.json': JSON.stringify({ kind: 'discovery#restDescription', version: 'v1' }),
      'numbers.json': JSON.stringify({ apiVersion: 1, kind: 'Pod' }),
      'array.json': JSON.stringify([deployment()]),
      'nested.json': JSON.stringify({ manifest: deployment() }),
      'broken.json': '{"name": "x", "private": tru',
      'broken-kind-only.json': '{"kind": "Pod", "spec": {',
      'empty.json': '',
      'scalar.json': '"apiVersion"',
    };
    for (const [file, text] of Object.entries(others)) {
      assert.equal(fileKindOf(file, undefined, text), 'unsupported', file);
      const analysis = analyze({ text, path: file });
      assert.deepEqual([analysis.kind, analysis.findings.length, analysis.problems.length], ['unsupported', 0, 0], file);
    }
    // Not even refused: a large or binary JSON file that is no manifest gets no "not analysed" problem.
    const settings = { ...defaultSettings(), maxFileSizeKb: 1 };
    const big = JSON.stringify({ name: 'big', data: 'x'.repeat(4096), apiVersion: 'v1' });
    assert.deepEqual(analyze({ text: big, path: 'package-lock.json', settings }).problems, []);
    assert.deepEqual(analyze({ text: '{"a": "\u0000"}', path: 'bin.json' }).problems, []);
  });

  it('invalid JSON that looks like a manifest is one: its syntax error is reported, its findings kept', () => {
    const text = manifest.replace('"replicas": 2,', '"replicas": 2,,');
    assert.equal(fileKindOf('deploy.json', undefined, text), 'manifest');
    const analysis = analyze({ text, path: 'deploy.json' });
    assert.equal(analysis.problems.length, 1);
    assert.equal(analysis.problems[0].code, 'parse-error');
    assert.ok(analysis.findings.length > 0);
    assert.equal(fileKindOf('typing.json', undefined, '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "spec": {'), 'manifest');
  });

  it('decides from a bounded look at the start: keys after JSON_HEAD_CHARS characters do not count', () => {
    const late = JSON.stringify({ metadata: { annotations: { note: 'x'.repeat(JSON_HEAD_CHARS) } }, apiVersion: 'v1', kind: 'Pod' });
    assert.equal(isJsonManifest(late), false);
    const early = JSON.stringify({ apiVersion: 'v1', metadata: { annotations: { note: 'x'.repeat(JSON_HEAD_CHARS) } }, kind: 'List' });
    assert.equal(isJsonManifest(early), true, 'kind may come late (kubectl writes items before it) once apiVersion was seen');
    // The walk reads only a file's head; whatever the head says, the full text agrees where it can.
    for (const text of [manifest, early, late, '{"name": "x"}', '[1]'])
      assert.equal(jsonHeadMayBeManifest(text.slice(0, JSON_HEAD_CHARS)) || !isJsonManifest(text), true);
  });

  it('a YAML file is a manifest as before, whatever its text', () => {
    assert.equal(fileKindOf('deploy.yaml', undefined, '{"name": "x"}'), 'manifest');
    assert.equal(fileKindOf(undefined, 'yaml', manifest), 'manifest');
  });

  it('the workspace index takes JSON manifests and nothing from other JSON files', () => {
    const entry = indexManifest('/w/shop.json', JSON.stringify(deployment(), null, 2));
    assert.deepEqual(
      entry.feeds.map((f) => [f.name, f.kind]),
      [
        ['DB_PASSWORD', 'secret'],
        ['LOG_LEVEL', 'literal'],
        ['STRIPE_KEY', 'literal'],
      ],
    );
    // Relevant words and an apiVersion, but a nested manifest is no manifest.
    assert.equal(indexManifest('/w/fixtures.json', JSON.stringify({ cases: [deployment()] })).feeds.length, 0);
  });

  it('the walk lists JSON manifests and leaves out package.json, tsconfig.json and other JSON files', async () => {
    const root = trees.write({
      'k8s/deploy.json': JSON.stringify(deployment(), null, 2),
      'k8s/list.json': JSON.stringify(list()),
      'package.json': JSON.stringify({ name: 'x', version: '1.0.0' }),
      'tsconfig.json': '{ "compilerOptions": {} }',
      'data/schema.json': JSON.stringify({ properties: { apiVersion: {}, kind: {} } }),
      'app.py': 'print(1)\n',
    });
    const { files, errors } = await collectFiles([root], []);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      files.map((f) => path.relative(root, f).split(path.sep).join('/')),
      ['app.py', 'k8s/deploy.json', 'k8s/list.json'],
    );
    // Named on the command line, a JSON file that is no manifest is left out too.
    assert.deepEqual((await collectFiles([path.join(root, 'package.json')], [])).files, []);
  });
});

describe('JSON manifests: findings', () => {
  const EXPECTED: [string, string, string[]][] = [
    ['k8s-secret-env-ref', '"secretKeyRef"', []],
    ['k8s-secret-env-literal', JSON.stringify(FAKE_TOKEN), ['STRIPE_KEY']],
    ['k8s-secret-env-from', '"secretRef"', []],
    ['k8s-secret-mount-subpath', '"subPath"', []],
    ['k8s-secret-mount-mode', '420', []],
  ];
  for (const layout of LAYOUTS) {
    it(`exact ranges and positions, ${layout.name}`, () => {
      const text = layout.write(deployment());
      const { analysis, findings } = findingsOf(text);
      assert.equal(analysis.kind, 'manifest');
      assert.deepEqual(analysis.problems, []);
      assert.deepEqual(
        findings.map((f) => [f.rule, text.slice(f.start, f.end)]),
        EXPECTED.map(([rule, source]) => [rule, source]),
      );
      for (const [i, [, source, after]] of EXPECTED.entries()) {
        const start = text.indexOf(source, after.length > 0 ? text.indexOf(after[0]) : 0);
        assert.equal(findings[i].start, start, `${findings[i].rule} start`);
        // Positions as the LSP and CLI report them (0-based line, UTF-16 character), CRLF included.
        const lines = text.slice(0, start).split(/\r?\n/);
        assert.deepEqual(new LineIndex(text).position(start), { line: lines.length - 1, character: lines[lines.length - 1].length });
      }
    });
  }

  it('finds the workloads of a List', () => {
    const text = JSON.stringify(list(), null, 2);
    const { findings } = findingsOf(text);
    assert.deepEqual(
      findings.map((f) => f.rule),
      EXPECTED.map(([rule]) => rule),
    );
  });
});

describe('JSON manifests: fixes give valid JSON laid out like the file', () => {
  for (const layout of LAYOUTS) {
    for (const c of CASES) {
      it(`${c.name}, ${layout.name}`, () => {
        const original = c.fixture();
        const text = layout.write(original);
        const { analysis, findings } = findingsOf(text, c.rule);
        assert.equal(findings.length, 1);
        const fix = analysis.fixesFor(findings[0]).find((f) => c.title.test(f.title));
        assert.ok(
          fix,
          `a fix titled ${c.title} (got: ${analysis
            .fixesFor(findings[0])
            .map((f) => f.title)
            .join(' | ')})`,
        );
        const fixedText = applyEdits(text, fix.edits);
        const fixed = JSON.parse(fixedText) as Json;
        const expected = c.fixture();
        c.change(expected, fixed);
        assert.deepEqual(fixed, expected);
        // Same values, same key order, same layout: exactly what JSON.stringify makes of the expected object.
        assert.equal(fixedText, layout.write(expected));
      });
    }
  }

  it('declines the literal fix when the file has no Secret to take the key (a JSON file cannot get a second document)', () => {
    for (const layout of LAYOUTS) {
      const text = layout.write(deployment());
      const { analysis, findings } = findingsOf(text, 'k8s-secret-env-literal');
      assert.deepEqual(analysis.fixesFor(findings[0]), [], layout.name);
    }
  });

  it('every fix offered on every finding gives JSON that parses, in every layout', () => {
    let fixes = 0;
    for (const layout of LAYOUTS) {
      for (const fixture of [deployment, bareEnvPod, list]) {
        const text = layout.write(fixture());
        const { analysis, findings } = findingsOf(text);
        for (const finding of findings) {
          for (const fix of analysis.fixesFor(finding)) {
            fixes++;
            const fixed = applyEdits(text, fix.edits);
            assert.doesNotThrow(() => JSON.parse(fixed), `${layout.name}: ${fix.title}`);
            assert.equal(fixed.includes('\r\n'), text.includes('\r\n'), 'line breaks kept');
            assert.equal(/(^|[^\r])\n/.test(fixed), /(^|[^\r])\n/.test(text), 'no LF in a CRLF file');
          }
        }
      }
    }
    assert.ok(fixes >= 40, `fixes tried: ${fixes}`);
  });

  it('fix-all leaves valid JSON laid out like the file, with every finding that has a preferred fix fixed', () => {
    for (const layout of LAYOUTS) {
      const text = layout.write(list());
      // The apps read their files: every manifest fix is preferred, so fix-all has the most to do.
      const result = fixAll({ text, path: 'list.json', settings: { ...defaultSettings(), appsReadSecretFiles: true } });
      assert.ok(result.applied >= 2, `${layout.name}: ${result.applied} applied`);
      const fixed = JSON.parse(result.text) as Json;
      assert.equal(result.text, layout.write(fixed), `${layout.name}: laid out as JSON.stringify lays it out`);
      const after = analyze({ text: result.text, path: 'list.json', settings: { ...defaultSettings(), appsReadSecretFiles: true } });
      for (const finding of after.findings)
        assert.ok(!after.fixesFor(finding).some((f) => f.preferred), `${layout.name}: ${finding.rule} left with a preferred fix`);
    }
  });
});

describe('JSON manifests: style and scalars', () => {
  it('measures whether and how a document is written as JSON', () => {
    const styleOf = (text: string) => {
      const ctx = parseManifest(text);
      return documentStyle(ctx.documents[0].doc, ctx.lines).json;
    };
    assert.deepEqual(styleOf(JSON.stringify(deployment(), null, 4)), { indent: '    ', compact: false });
    assert.deepEqual(styleOf(JSON.stringify(deployment(), null, '\t')), { indent: '\t', compact: false });
    assert.deepEqual(styleOf(JSON.stringify(deployment())), { indent: undefined, compact: true });
    assert.deepEqual(styleOf('{"apiVersion": "v1", "kind": "Pod", "spec": {"containers": []}}'), { indent: undefined, compact: false });
    // YAML flow style with plain keys, and block YAML, are not JSON.
    assert.equal(styleOf('{apiVersion: v1, kind: Pod}'), undefined);
    assert.equal(styleOf('apiVersion: v1\nkind: Pod\n'), undefined);
  });

  it('tightens an octal mode in a JSON-written document to decimal (the file becomes valid JSON)', () => {
    const text = JSON.stringify(deployment(), null, 2).replace('"defaultMode": 420', '"defaultMode": 0644');
    const { analysis, findings } = findingsOf(text, 'k8s-secret-mount-mode');
    const fixed = applyEdits(text, analysis.fixesFor(findings[0])[0].edits);
    assert.equal((podOf(JSON.parse(fixed) as Json).volumes?.[0].secret as Json).defaultMode, 288);
  });

  it('the extension activates on, selects and watches JSON files', () => {
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { activationEvents: string[] };
    for (const language of LANGUAGES) assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), language);
    assert.ok(LANGUAGES.includes('json') && LANGUAGES.includes('jsonc'));
    const extension = readFileSync(path.join(__dirname, '..', '..', 'client', 'src', 'extension.ts'), 'utf8');
    assert.match(extension, /createFileSystemWatcher\('\*\*\/\*\.\{yaml,yml,json\}'\)/);
  });

  it('writes YAML scalars as the JSON values Kubernetes reads them as', () => {
    assert.deepEqual(['0440', '0o640', 'true', 'false', 'null', '2000', '-1', '"a \\"b\\""', 'api-secrets', '/etc/secrets', '1.5'].map(jsonScalar), [
      '288',
      '416',
      'true',
      'false',
      'null',
      '2000',
      '-1',
      '"a \\"b\\""',
      '"api-secrets"',
      '"/etc/secrets"',
      '1.5',
    ]);
  });
});
