// JSON manifests through the CLI: a JSON Deployment is scanned and fixed (into valid JSON laid out
// like it), while package.json, tsconfig.json and every other JSON file are ignored — no finding, no
// note, not counted as scanned or as not analysed, so a folder of them exits 0.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { TempTrees } from '../support/temp-tree';

interface JsonFinding {
  file: string;
  rule: string | null;
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  skipped?: string;
}

const DEPLOYMENT = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'shop' },
  spec: {
    template: {
      spec: {
        securityContext: { fsGroup: 2000 },
        containers: [
          {
            name: 'api',
            image: 'shop/api:1.4',
            env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
            volumeMounts: [{ name: 'tls', mountPath: '/etc/tls/tls.crt', subPath: 'tls.crt' }],
          },
        ],
        volumes: [{ name: 'tls', secret: { secretName: 'tls', defaultMode: 420 } }],
      },
    },
  },
};
const MANIFEST = `${JSON.stringify(DEPLOYMENT, null, 2)}\n`;

/** JSON files of a repository that are not manifests, some of them tricky. */
const NOT_MANIFESTS: Record<string, string | Buffer> = {
  'package.json': `${JSON.stringify({ name: 'shop', version: '1.0.0', scripts: { build: 'tsc' } }, null, 2)}\n`,
  'tsconfig.json': '{\n  // JSONC\n  "compilerOptions": { "strict": true },\n}\n',
  'schemas/deployment.schema.json': JSON.stringify({ type: 'object', properties: { apiVersion: { type: 'string' }, kind: { type: 'string' } } }),
  'data/latin1.json': Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]),
  'data/broken.json': '{"name": ',
  // Larger than maxFileSizeKb (4096 KiB): still ignored, not "not analysed".
  'package-lock.json': JSON.stringify({ name: 'shop', lockfileVersion: 3, packages: { blob: 'x'.repeat(4200 * 1024) } }),
};

describe('secret-hints scan on JSON files', () => {
  const trees = new TempTrees();
  after(trees.removeAll);

  it('reports exactly the JSON manifest’s findings with exact ranges, and ignores every other JSON file', () => {
    const root = trees.write({ 'k8s/deploy.json': MANIFEST, ...NOT_MANIFESTS });
    const r = runCli(['scan', '.', '--format', 'json'], root);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '', 'no note about any JSON file');
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    const at = (needle: string) => {
      const lines = MANIFEST.slice(0, MANIFEST.indexOf(needle)).split('\n');
      const start = { line: lines.length - 1, character: lines[lines.length - 1].length };
      return { start, end: { line: start.line, character: start.character + needle.length } };
    };
    assert.deepEqual(
      findings.map((f) => [f.file, f.rule, f.range]),
      [
        ['k8s/deploy.json', 'k8s-secret-env-ref', at('"secretKeyRef"')],
        ['k8s/deploy.json', 'k8s-secret-mount-subpath', at('"subPath"')],
        ['k8s/deploy.json', 'k8s-secret-mount-mode', at('420')],
      ],
    );
    const text = runCli(['scan', '.'], root);
    assert.match(text.stdout, /^3 findings in 1 file scanned/m);
  });

  it('--fix rewrites the JSON manifest into valid JSON laid out like it, and leaves the other JSON files alone', () => {
    const root = trees.write({ 'deploy.json': MANIFEST, ...NOT_MANIFESTS });
    const r = runCli(['scan', '.', '--fix', '--apps-read-files'], root);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    assert.equal(r.stderr.includes('package'), false);
    const fixedText = readFileSync(path.join(root, 'deploy.json'), 'utf8');
    assert.notEqual(fixedText, MANIFEST);
    const fixed = JSON.parse(fixedText) as typeof DEPLOYMENT;
    assert.equal(fixedText, `${JSON.stringify(fixed, null, 2)}\n`, 'same 2-space layout');
    const pod = fixed.spec.template.spec;
    assert.equal(JSON.stringify(pod.containers[0]).includes('secretKeyRef'), false, 'the Secret reference became a mounted file');
    // The subPath fix moves the file (whatever reads /etc/tls/tls.crt must change): offered, never applied unasked.
    assert.deepEqual(pod.containers[0].volumeMounts[0], { name: 'tls', mountPath: '/etc/tls/tls.crt', subPath: 'tls.crt' });
    assert.equal(pod.volumes[0].secret.defaultMode, 288);
    for (const [file, content] of Object.entries(NOT_MANIFESTS)) assert.ok(readFileSync(path.join(root, file)).equals(Buffer.from(content)), file);
  });

  it('exits 0 on a folder whose JSON files are none of them manifests, and when one is named', () => {
    const root = trees.write(NOT_MANIFESTS);
    const r = runCli(['scan', '.'], root);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^0 findings in 0 files scanned\.$/m);
    const json = runCli(['scan', '.', '--format', 'json'], root);
    assert.deepEqual(JSON.parse(json.stdout), [], 'no skipped entries');
    assert.equal(runCli(['scan', 'package.json', 'tsconfig.json', 'data/latin1.json'], root).code, 0);
  });

  it('a JSON manifest with a syntax error is reported with a note, like a broken YAML manifest', () => {
    const broken = MANIFEST.replace('"image": "shop/api:1.4",', '"image": "shop/api:1.4",,');
    const root = trees.write({ 'deploy.json': broken, 'package.json': NOT_MANIFESTS['package.json'] });
    const r = runCli(['scan', '.', '--format', 'json'], root);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^deploy\.json:\d+:\d+: note: .*syntax error/m);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
});
