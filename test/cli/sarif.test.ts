// SARIF for dashboards (issue 22), through the CLI as a process on a tree with a manifest, Python code,
// a Dockerfile and a Compose file: the log validates against the official SARIF 2.1.0 schema; every
// result has a partial fingerprint that unrelated lines above the findings do not change; fixable
// results carry `fixes` whose replacements make exactly what `scan --fix` writes; rule metadata has help
// in text and Markdown; and no secret value appears anywhere in the log.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Log, Region, Result } from 'sarif';
import { FINGERPRINT_VERSION } from '../../server/src/engine/fingerprint';
import { runCli } from '../support/cli';
import { REPO_ROOT } from '../support/lsp-client';
import { assertValidSarif } from '../support/sarif-schema';
import { TempTrees } from '../support/temp-tree';

// Fake credentials are assembled at run time so the repository holds no token-shaped strings.
const FAKE_SECRET = 'ghp_' + 'qW7'.repeat(12);

const TREE: Record<string, string> = {
  'k8s/deploy.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: example/api:1
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: db, key: password}
            - name: SESSION_SECRET
              value: ${FAKE_SECRET}
`,
  'app/auth.py': `import logging

log = logging.getLogger(__name__)


def login(user, password):
    log.info("login %s %s", user, password)
`,
  'app/main.py': `import os

password = os.environ["DB_PASSWORD"]
token = os.environ.get("API_TOKEN", "${FAKE_SECRET}")
print("token:", token)
`,
  'web/config.ts': `const { SIGNING_SECRET = '${FAKE_SECRET}' } = process.env;
export { SIGNING_SECRET };
`,
  'worker/job.py': `import os

stripe_key = os.environ["STRIPE_API_KEY"]
`,
  'docker/Dockerfile': `FROM python:3.12-slim
ARG NPM_TOKEN
ENV GITHUB_TOKEN=${FAKE_SECRET}
RUN echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > ~/.npmrc && npm ci
RUN env
`,
  'docker/compose.yaml': `services:
  api:
    build: .
    environment:
      DB_PASSWORD: \${DB_PASSWORD}
      API_KEY: ${FAKE_SECRET}
`,
};

/** Unrelated lines inserted at the top of each file (comments, blank lines, an import). */
const ABOVE: Record<string, string> = {
  'k8s/deploy.yaml': '# Deployed by CI.\n\n\n',
  'app/auth.py': '# Sign-in.\n\n',
  'app/main.py': '"""The API service."""\nimport sys\n\n\n',
  'web/config.ts': '// Settings.\n\n',
  'worker/job.py': '# Nightly billing job.\n\n',
  'docker/Dockerfile': '# The API image.\n\n',
  'docker/compose.yaml': '# Local development stack.\n\n',
};

const trees = new TempTrees();
after(trees.removeAll);

function tree(files: Record<string, string> = TREE): string {
  return trees.write(files, 'secret-hints-sarif-');
}

/** `scan . --format sarif` with `args`: a log with findings, valid against the official schema. */
function sarif(root: string, args: string[] = []): { log: Log; text: string } {
  const r = runCli(['scan', '.', '--format', 'sarif', ...args], root);
  assert.equal(r.code, 1, r.stderr);
  const log = JSON.parse(r.stdout) as Log;
  assertValidSarif(log);
  return { log, text: r.stdout };
}

function resultsOf(log: Log): Result[] {
  return log.runs[0].results ?? [];
}

function uriOf(result: Result): string {
  return result.locations?.[0].physicalLocation?.artifactLocation?.uri ?? '';
}

function fingerprintOf(result: Result): string {
  return result.partialFingerprints?.[FINGERPRINT_VERSION] ?? '';
}

/** Offsets of SARIF's 1-based lines and UTF-16 columns (lines end at CR, LF or CRLF). */
function offsetOf(text: string, line: number, column: number): number {
  let start = 0;
  const breaks = /\r\n|\r|\n/g;
  for (let l = 1; l < line; l++) {
    const m = breaks.exec(text);
    assert.ok(m, `line ${line} is past the end`);
    start = m.index + m[0].length;
  }
  return start + column - 1;
}

/** The result's fix applied to `text`: replacements in order, each region on the original text. */
function applyFix(text: string, result: Result): string {
  const [fix] = result.fixes ?? [];
  assert.equal(fix.artifactChanges.length, 1);
  const [change] = fix.artifactChanges;
  assert.equal(change.artifactLocation.uri, uriOf(result));
  let out = '';
  let cursor = 0;
  for (const { deletedRegion: r, insertedContent } of change.replacements) {
    const region = r as Required<Pick<Region, 'startLine' | 'startColumn' | 'endLine' | 'endColumn'>>;
    const start = offsetOf(text, region.startLine, region.startColumn);
    const end = offsetOf(text, region.endLine, region.endColumn);
    assert.ok(start >= cursor && end >= start, 'replacements are in order and never overlap');
    out += text.slice(cursor, start) + (insertedContent?.text ?? '');
    cursor = end;
  }
  return out + text.slice(cursor);
}

const PACKAGE = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string; files: string[] };

describe('secret-hints scan --format sarif', () => {
  it('validates against the SARIF 2.1.0 schema, with help, fingerprints and fixes, and the JSON carries the same fingerprints', () => {
    const root = tree();
    const { log } = sarif(root);
    const run = log.runs[0];
    const results = resultsOf(log);
    assert.deepEqual(new Set(results.map(uriOf)), new Set(Object.keys(TREE)), 'every file has findings');
    for (const rule of run.tool.driver.rules ?? []) {
      assert.ok(rule.help?.text && rule.help.markdown, `${rule.id} has help in text and Markdown`);
      assert.ok(!rule.help.text.includes('`'), `${rule.id}: the text help is plain text`);
      // The published package's page (unpkg serves every file `files` ships), never a path of the scanning machine.
      assert.equal(rule.helpUri, `https://unpkg.com/${PACKAGE.name}@${PACKAGE.version}/docs/rules/${rule.id}.md`);
      assert.ok(existsSync(path.join(REPO_ROOT, 'docs', 'rules', `${rule.id}.md`)) && PACKAGE.files.includes('docs/rules/**'), `${rule.id}: the page ships`);
      assert.ok(rule.help.markdown.includes(rule.helpUri ?? '-'), `${rule.id}: the Markdown links the page`);
    }
    for (const r of results) assert.match(fingerprintOf(r), /^[0-9a-f]{32}$/, `${uriOf(r)} ${r.ruleId}`);
    assert.equal(new Set(results.map(fingerprintOf)).size, results.length, 'fingerprints are unique');
    // Fixes in every kind of file (but the one whose only fix would write its default value again).
    const fixed = results.filter((r) => r.fixes?.length);
    assert.deepEqual(new Set(fixed.map(uriOf)), new Set(Object.keys(TREE).filter((f) => f !== 'web/config.ts')));
    for (const r of fixed) assert.ok(r.fixes?.[0].description?.text, 'a fix says what it does');
    assert.deepEqual(
      run.invocations?.map((i) => [i.executionSuccessful, i.exitCode, i.toolExecutionNotifications]),
      [[true, 1, []]],
    );

    const json = runCli(['scan', '.', '--format', 'json'], root);
    const entries = JSON.parse(json.stdout) as Record<string, unknown>[];
    assert.deepEqual(
      entries.map((e) => Object.keys(e)),
      entries.map(() => ['file', 'rule', 'severity', 'message', 'range', 'fixable', 'fingerprint']),
      'JSON keeps its shape and adds only the fingerprint',
    );
    assert.deepEqual(
      entries.map((e) => e.fingerprint),
      results.map(fingerprintOf),
    );
  });

  it('keeps every fingerprint when unrelated lines are inserted above the findings', () => {
    const before = resultsOf(sarif(tree()).log);
    const moved = Object.fromEntries(Object.entries(TREE).map(([file, text]) => [file, ABOVE[file] + text]));
    const after = resultsOf(sarif(tree(moved)).log);
    const key = (r: Result) => `${uriOf(r)} ${r.ruleId} ${fingerprintOf(r)}`;
    assert.deepEqual(after.map(key).sort(), before.map(key).sort());
    const line = (r: Result) => r.locations?.[0].physicalLocation?.region?.startLine ?? 0;
    const byFingerprint = new Map(before.map((r) => [fingerprintOf(r), line(r)]));
    for (const r of after) assert.ok(line(r) > (byFingerprint.get(fingerprintOf(r)) ?? Infinity), 'the findings did move');
  });

  it('gives fixes whose replacements make exactly what --fix writes for a file with one fixable finding', () => {
    const { log } = sarif(tree());
    const results = resultsOf(log);
    const fixable = (JSON.parse(runCli(['scan', '.', '--format', 'json'], tree()).stdout) as { file: string; fixable: boolean }[]).map((e) => e.fixable);
    assert.equal(fixable.length, results.length);
    const root = tree();
    const r = runCli(['scan', '.', '--fix'], root);
    assert.equal(r.code, 1, r.stderr);
    const compared: string[] = [];
    const withheld: string[] = [];
    for (const file of Object.keys(TREE)) {
      const own = results.map((x, i) => ({ result: x, fixable: fixable[i] })).filter((x) => uriOf(x.result) === file);
      const fixableOnes = own.filter((x) => x.fixable);
      if (fixableOnes.length !== 1) continue;
      const [{ result }] = fixableOnes;
      if (!result.fixes) {
        withheld.push(file);
        continue;
      }
      const written = readFileSync(path.join(root, file), 'utf8');
      assert.notEqual(written, TREE[file], `--fix changed ${file}`);
      assert.equal(applyFix(TREE[file], result), written, `${file} (${result.ruleId})`);
      compared.push(`${result.ruleId} ${file}`);
    }
    assert.deepEqual(compared.sort(), [
      'compose-secret-env docker/compose.yaml',
      'env-dumped docker/Dockerfile',
      'k8s-secret-env-ref k8s/deploy.yaml',
      'secret-env-read worker/job.py',
      'secret-logged app/auth.py',
    ]);
    // The rewrite of a destructured default would write the default again: the fix is not shown.
    assert.deepEqual(withheld, ['web/config.ts']);
    // The file with several fixable findings: each carries its own fix (fix-all combines them).
    assert.ok(results.filter((x) => uriOf(x) === 'app/main.py').every((x) => x.fixes?.length));
  });

  it('places replacements exactly in CRLF text with astral characters', () => {
    const files = {
      'svc/settings.py': '# Settings 🔐 for the service\r\nimport os\r\n\r\nlabel = "🚀"; key = os.environ["PAYMENT_API_KEY"]\r\n',
      'svc/log.ts': 'const note = "🧪 test";\r\nexport function show(password: string): void {\r\n  console.log("🔑", note, password);\r\n}\r\n',
    };
    const results = resultsOf(sarif(tree(files)).log);
    const root = tree(files);
    assert.equal(runCli(['scan', '.', '--fix'], root).code, 0);
    for (const [file, text] of Object.entries(files)) {
      const own = results.filter((r) => uriOf(r) === file);
      assert.equal(own.length, 1, file);
      const written = readFileSync(path.join(root, file), 'utf8');
      assert.match(written, /\r\n/);
      assert.equal(applyFix(text, own[0]), written, file);
    }
  });

  it('never holds a secret value, even when --fix would move a literal into a Secret manifest', () => {
    for (const args of [[], ['--apps-read-files']]) {
      const { log, text } = sarif(tree(), args);
      assert.ok(!text.includes(FAKE_SECRET), `the SARIF of scan ${args.join(' ')} holds a value`);
      const literals = resultsOf(log).filter(
        (r) => r.ruleId === 'k8s-secret-env-literal' || (r.ruleId === 'compose-secret-env' && r.message.text?.includes('API_KEY')),
      );
      assert.equal(literals.length, 2);
      assert.ok(
        literals.every((r) => !r.fixes),
        'no fix of a literal is reported',
      );
      const json = runCli(['scan', '.', '--format', 'json', ...args], tree());
      assert.ok(!json.stdout.includes(FAKE_SECRET), `the JSON of scan ${args.join(' ')} holds a value`);
    }
    // With --apps-read-files the literal's fix is preferred, and it moves the value (which SARIF must not show).
    const root = tree();
    runCli(['scan', 'k8s', '--apps-read-files', '--rule', 'k8s-secret-env-literal', '--fix'], root);
    const fixedManifest = readFileSync(path.join(root, 'k8s/deploy.yaml'), 'utf8');
    assert.match(fixedManifest, /kind: Secret/);
    assert.ok(fixedManifest.includes(FAKE_SECRET), 'the value moved into the Secret manifest');
  });
});
