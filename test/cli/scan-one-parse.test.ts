// The scan parses each manifest once: a first pass analyses and indexes manifests together, a second
// analyses code against the finished index and prints everything in walk order. These tests hold its
// output to the definition it replaced — index every manifest first, then analyse every walked file
// against the complete index — on a tree whose code comes before the manifests that feed it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Log } from 'sarif';
import { analyze, fileKindOf, prepareAnalysis } from '../../server/src/engine/analyze';
import { codeReadsOf } from '../../server/src/engine/combined-fix';
import { defaultSettings } from '../../server/src/engine/settings';
import { fileNotes, displayPath } from '../../server/src/cli/file-report';
import { formatSarif } from '../../server/src/cli/format-sarif';
import { formatText } from '../../server/src/cli/format-text';
import { indexManifests } from '../../server/src/cli/index-manifests';
import { reportFindings, skippedOf, type ReportedFinding, type ScanResult, type SkippedFile } from '../../server/src/cli/report';
import { formatJson } from '../../server/src/cli/format-json';
import { NotUtf8Error, readUtf8File } from '../../server/src/read-text';
import { collectFiles } from '../../server/src/walk';
import { objects, deploymentPod } from '../support/k8s-fix';
import { runCli } from '../support/cli';
import { TempTrees } from '../support/temp-tree';

// Neither UPSTREAM_HOST nor S_ENDPOINT looks secret by name: only the manifests make them secrets.
const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  template:
    spec:
      containers:
        - name: app
          image: shop/api:1
          env:
            - name: UPSTREAM_HOST
              valueFrom:
                secretKeyRef: {name: upstream, key: host}
          envFrom:
            - secretRef: {name: shared}
              prefix: S_
`;
// Defined after the Deployment in walk order: its keys reach the envFrom fix only from the full index.
const SHARED_SECRET = 'apiVersion: v1\nkind: Secret\nmetadata: {name: shared}\nstringData:\n  ENDPOINT: placeholder\n  REGION: placeholder\n';
const BROKEN = 'apiVersion: v1\nkind: Pod\nmetadata: {name: broken\nspec: [\n';

const TREE: Record<string, string | Buffer> = {
  'a-app/main.py': 'import os\nhost = os.environ["UPSTREAM_HOST"]\nendpoint = os.environ["S_ENDPOINT"]\nlevel = os.environ["LOG_LEVEL"]\n',
  'a-app/web.ts': 'const endpoint = process.env.S_ENDPOINT;\nconsole.log(endpoint);\n',
  'm-deploy/api.yaml': DEPLOY,
  'm-deploy/broken.yaml': BROKEN,
  // Asks the index nothing, unlike api.yaml's envFrom (whose fix asks for a Secret that a later file defines).
  'm-deploy/pod.yaml':
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      env:\n        - name: API_TOKEN\n          valueFrom: {secretKeyRef: {name: api, key: token}}\n',
  'm-deploy/latin1.yaml': Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\n${DEPLOY}`)]),
  'z-secrets/shared.yaml': SHARED_SECRET,
  'zz-worker/worker.py': 'import os\nhost = os.environ.get("UPSTREAM_HOST")\n',
};

const trees = new TempTrees();
after(trees.removeAll);

function tree(files: Record<string, string | Buffer> = TREE): string {
  return trees.write(files, 'secret-hints-one-parse-');
}

interface Reference {
  scan: ScanResult;
  findings: ReportedFinding[];
  stderr: string;
  code: number;
}

/**
 * What the scan must print: every manifest indexed first and the env vars every code file reads
 * noted, then each walked file analysed against that index.
 */
async function reference(root: string, paths: readonly string[]): Promise<Reference> {
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const settings = defaultSettings();
    const { files, errors } = await collectFiles(paths, []);
    const index = await indexManifests(files, settings);
    // Then which env vars the code reads (they decide which manifest fixes are preferred, and so `fixable`).
    for (const file of files) {
      if (fileKindOf(file) === 'manifest') continue;
      const read = await readUtf8File(file).catch(() => undefined);
      if (!read) continue;
      const input = { text: read.text, path: file, settings, ...index.hooks };
      await prepareAnalysis(input);
      index.noteCodeReads(file, codeReadsOf(analyze(input)));
    }
    const findings: ReportedFinding[] = [];
    const skipped: SkippedFile[] = [];
    const notes: string[] = [];
    for (const file of files) {
      let text: string;
      try {
        ({ text } = await readUtf8File(file));
      } catch (err) {
        assert.ok(err instanceof NotUtf8Error, 'the tree has no unreadable file but the Latin-1 one');
        notes.push(`${displayPath(file)}: not valid UTF-8 text; skipped`);
        skipped.push({ file: displayPath(file), reason: 'not-text', message: 'File is not valid UTF-8 text; not analysed.' });
        continue;
      }
      const input = { text, path: file, settings, ...index.hooks };
      await prepareAnalysis(input);
      const analysis = analyze(input);
      notes.push(...fileNotes(file, analysis));
      findings.push(...reportFindings(displayPath(file), analysis));
      const skip = skippedOf(displayPath(file), analysis);
      if (skip) skipped.push(skip);
    }
    const stderr = [...notes, ...errors.map((e) => `secret-hints: ${e}`)].map((l) => `${l}\n`).join('');
    const code = errors.length > 0 ? 2 : findings.length > 0 ? 1 : skipped.length > 0 ? 3 : 0;
    return { scan: { findings, skipped, filesScanned: files.length, allowSkipped: false }, findings, stderr, code };
  } finally {
    process.chdir(cwd);
  }
}

/** Equal, or which line first differs (never the whole output: a failure message shows no file content). */
function assertSameText(actual: string, expected: string, what: string): void {
  const a = actual.split('\n');
  const e = expected.split('\n');
  const first = a.findIndex((line, i) => line !== e[i]);
  assert.ok(actual === expected, `${what} differs from the reference at line ${first === -1 ? e.length : first + 1} (${a.length} vs ${e.length} lines)`);
}

function secretReads(findings: readonly ReportedFinding[]): string[] {
  return findings.filter((f) => f.rule === 'secret-env-read').map((f) => `${f.file}:${f.range.start.line}`);
}

describe('secret-hints scan: one parse per manifest, same output', () => {
  it('prints exactly what indexing everything first and then analysing each file prints (JSON, text, SARIF, notes, exit code)', async () => {
    const root = tree();
    // The whole tree (a syntax note, a file that is not UTF-8: skipped), and named paths in another order (neither).
    for (const [paths, wholeTree] of [
      [['.'], true],
      [['z-secrets', 'm-deploy/pod.yaml', 'a-app', 'm-deploy/api.yaml', 'zz-worker'], false],
    ] as const) {
      const expected = await reference(root, [...paths]);
      assert.ok(expected.findings.length >= 6 && expected.code === 1, 'the reference has findings');
      assert.equal(expected.stderr.includes('note:'), wholeTree, 'the whole tree has a note');
      assert.equal(expected.scan.skipped.length, wholeTree ? 1 : 0, 'the whole tree has a file that is not UTF-8');
      const json = runCli(['scan', ...paths, '--format', 'json'], root);
      assert.equal(json.code, expected.code);
      assertSameText(json.stdout, formatJson(expected.scan), `JSON of ${paths.join(' ')}`);
      assertSameText(json.stderr, expected.stderr, `stderr of ${paths.join(' ')}`);
      const text = runCli(['scan', ...paths], root);
      assert.equal(text.code, expected.code);
      assertSameText(text.stdout, formatText(expected.scan), `text of ${paths.join(' ')}`);
      const sarif = runCli(['scan', ...paths, '--format', 'sarif'], root);
      // Rule help URIs name the bundle's folder, so only the results and the invocation are compared.
      const run = (log: string) => JSON.stringify([(JSON.parse(log) as Log).runs[0].results, (JSON.parse(log) as Log).runs[0].invocations]);
      assertSameText(run(sarif.stdout), run(formatSarif(expected.scan, 'reference', expected.code)), `SARIF results of ${paths.join(' ')}`);
    }
  });

  it('judges code read before its manifests in walk order by the complete manifest index', () => {
    const root = tree();
    const reads = (paths: string[]) => secretReads(JSON.parse(runCli(['scan', ...paths, '--format', 'json'], root).stdout) as ReportedFinding[]);
    // UPSTREAM_HOST from a secretKeyRef; S_ENDPOINT from envFrom's prefix and a key of a Secret defined last.
    assert.deepEqual(reads(['.']), ['a-app/main.py:1', 'a-app/main.py:2', 'a-app/web.ts:0', 'zz-worker/worker.py:1']);
    // Without the manifests, the names decide, and none of them looks secret.
    assert.deepEqual(reads(['a-app', 'zz-worker']), []);
  });

  it('--fix still fixes with what other manifests define (the Secret keys of a later file)', () => {
    // The code reads every variable the manifest feeds, so the manifest fixes are preferred (and the reads fixed).
    const main = `${TREE['a-app/main.py'] as string}region = os.environ["S_REGION"]\n`;
    const root = tree({ 'm-deploy/api.yaml': DEPLOY, 'z-secrets/shared.yaml': SHARED_SECRET, 'a-app/main.py': main });
    const r = runCli(['scan', '.', '--fix', '--rule', 'k8s-secret-env-from,k8s-secret-env-ref,secret-env-read'], root);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^5 fixes applied\.$/m);
    assert.match(readFileSync(path.join(root, 'a-app', 'main.py'), 'utf8'), /load_secret\("S_REGION"\)/);
    const pod = deploymentPod(objects(readFileSync(path.join(root, 'm-deploy', 'api.yaml'), 'utf8'))[0]);
    const sources = JSON.stringify(pod.volumes);
    assert.ok(
      sources.includes('"key":"ENDPOINT","path":"S_ENDPOINT"') && sources.includes('"key":"REGION","path":"S_REGION"'),
      'explicit items named after the later file’s Secret keys',
    );
    assert.equal(readFileSync(path.join(root, 'z-secrets', 'shared.yaml'), 'utf8'), SHARED_SECRET, 'the Secret itself is untouched');
  });
});
