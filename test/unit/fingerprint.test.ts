// Finding fingerprints (engine/fingerprint.ts): the same after unrelated edits and line moves, different
// for a different variable or file, distinct for findings alike in every name, and never made from a
// secret value.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { FINGERPRINT_VERSION, findingIdentity, fingerprintFindings } from '../../server/src/engine/fingerprint';
import type { Finding } from '../../server/src/engine/findings';
import { prepareCodeGrammars } from '../support/code-analysis';

// Fake credentials are assembled at run time so the repository holds no token-shaped strings.
const FAKE_TOKEN = 'ghp_' + 'qW7'.repeat(12);
const OTHER_TOKEN = 'ghp_' + 'zX9'.repeat(12);

function pod(env: string, before = ''): string {
  return `${before}apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: example/app:1
      env:
${env}`;
}

const LITERAL = `        - name: API_TOKEN
          value: ${FAKE_TOKEN}
`;
const REF = `        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef: {name: db, key: password}
`;

/** Fingerprints keyed by rule, flagged text and occurrence, for readable comparisons. */
function fingerprints(path: string, text: string): Map<string, string> {
  const analysis = analyze({ text, path });
  const prints = fingerprintFindings(analysis.findings, path);
  const out = new Map<string, string>();
  const seen = new Map<string, number>();
  analysis.findings.forEach((f, i) => {
    const key = `${f.rule} ${text.slice(f.start, f.end)}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    out.set(`${key} #${n}`, prints[i]);
  });
  return out;
}

describe('finding fingerprints', () => {
  before(prepareCodeGrammars);

  it('are 32 hex digits, one per finding, under a versioned scheme', () => {
    const prints = fingerprints('k8s/pod.yaml', pod(LITERAL + REF));
    assert.equal(prints.size, 2);
    for (const p of prints.values()) assert.match(p, /^[0-9a-f]{32}$/);
    assert.equal(FINGERPRINT_VERSION, 'secretHints/v1');
  });

  it('survive unrelated edits and line moves', () => {
    const base = fingerprints('k8s/pod.yaml', pod(LITERAL + REF));
    // Comments and blank lines above, another variable between, and the two entries swapped.
    const moved = pod(`${REF}        - name: LOG_LEVEL\n          value: debug\n${LITERAL}`, '# deployed by CI\n\n\n');
    assert.deepEqual(fingerprints('k8s/pod.yaml', moved), base);
    // The same in code: lines inserted above and an unrelated read between.
    const py = 'import os\n\ntoken = os.environ["API_TOKEN"]\npassword = os.environ["DB_PASSWORD"]\n';
    const pyMoved =
      '"""Service settings."""\nimport os\n\n\nlevel = os.environ.get("LOG_LEVEL")\npassword = os.environ["DB_PASSWORD"]\n\ntoken = os.environ["API_TOKEN"]\n';
    const pyBase = fingerprints('app/settings.py', py);
    assert.equal(pyBase.size, 2);
    assert.deepEqual(fingerprints('app/settings.py', pyMoved), pyBase);
  });

  it('change with the variable, the rule or the file', () => {
    const base = fingerprintFindings(analyze({ text: pod(REF), path: 'pod.yaml' }).findings, 'pod.yaml');
    const renamed = fingerprintFindings(analyze({ text: pod(REF.replace('DB_PASSWORD', 'DB_PASSWORD_2')), path: 'pod.yaml' }).findings, 'pod.yaml');
    const otherKey = fingerprintFindings(analyze({ text: pod(REF.replace('key: password', 'key: pass')), path: 'pod.yaml' }).findings, 'pod.yaml');
    const otherFile = fingerprintFindings(analyze({ text: pod(REF), path: 'pod.yaml' }).findings, 'k8s/pod.yaml');
    assert.equal(new Set([...base, ...renamed, ...otherKey, ...otherFile]).size, 4);
    const finding: Finding = { rule: 'k8s-secret-env-ref', severity: 'warning', message: 'm', start: 0, end: 1, data: { variable: 'X' } };
    const [a] = fingerprintFindings([finding], 'a.yaml');
    const [b] = fingerprintFindings([{ ...finding, rule: 'k8s-secret-env-literal' }], 'a.yaml');
    assert.notEqual(a, b);
  });

  it('use forward slashes for the path', () => {
    const findings = analyze({ text: pod(REF), path: 'pod.yaml' }).findings;
    assert.deepEqual(fingerprintFindings(findings, 'k8s\\prod\\pod.yaml'), fingerprintFindings(findings, 'k8s/prod/pod.yaml'));
  });

  it('tell apart two findings alike in every name, by their order in the file', () => {
    const dockerfile = 'FROM alpine:3\nARG NPM_TOKEN\nRUN env\nRUN env\n';
    const analysis = analyze({ text: dockerfile, path: 'Dockerfile' });
    const dumps = analysis.findings.filter((f) => f.rule === 'env-dumped');
    assert.equal(dumps.length, 2);
    assert.equal(findingIdentity(dumps[0]), findingIdentity(dumps[1]));
    const prints = fingerprintFindings(dumps, 'Dockerfile');
    assert.notEqual(prints[0], prints[1]);
    // Counted in file order, whatever order the findings come in.
    assert.deepEqual(fingerprintFindings([dumps[1], dumps[0]], 'Dockerfile'), [prints[1], prints[0]]);
    // The same in code, and a line above both keeps both.
    const py = analyze({ text: 'import os\nprint(os.environ)\nprint(os.environ)\n', path: 'a.py' }).findings;
    assert.equal(new Set(fingerprintFindings(py, 'a.py')).size, 2);
    const shifted = analyze({ text: `# syntax=docker/dockerfile:1\n${dockerfile}`, path: 'Dockerfile' }).findings.filter((f) => f.rule === 'env-dumped');
    assert.deepEqual(fingerprintFindings(shifted, 'Dockerfile'), prints);
  });

  it('never depend on a secret value', () => {
    // A literal whose value changes (and whose value shape changes: a token, then a password) keeps its fingerprint.
    const literal = (value: string) => pod(`        - name: API_TOKEN\n          value: ${value}\n`);
    const prints = [FAKE_TOKEN, OTHER_TOKEN, 'hunter2-' + 'x'.repeat(6)].map((value) => {
      const findings = analyze({ text: literal(value), path: 'pod.yaml' }).findings;
      assert.equal(findings.length, 1, value.slice(0, 4));
      assert.ok(!findingIdentity(findings[0]).includes(value), 'the identity holds no value');
      return fingerprintFindings(findings, 'pod.yaml')[0];
    });
    assert.equal(new Set(prints).size, 1);
    // The same in a Dockerfile ENV and a Compose environment entry.
    for (const [path, make] of [
      ['Dockerfile', (v: string) => `FROM alpine:3\nENV GITHUB_TOKEN=${v}\n`],
      ['compose.yaml', (v: string) => `services:\n  api:\n    image: example/api:1\n    environment:\n      GITHUB_TOKEN: ${v}\n`],
    ] as const) {
      const [a, b] = [FAKE_TOKEN, OTHER_TOKEN].map((v) => fingerprintFindings(analyze({ text: make(v), path }).findings, path));
      assert.equal(a.length, 1, path);
      assert.deepEqual(a, b, path);
    }
    // Only the named fields count: offsets, value-derived facts and free text do not.
    const finding: Finding = {
      rule: 'k8s-secret-env-literal',
      severity: 'warning',
      message: 'm',
      start: 10,
      end: 20,
      data: { variable: 'API_TOKEN', container: 'app' },
    };
    const [base] = fingerprintFindings([finding], 'pod.yaml');
    const noisy: Finding = {
      ...finding,
      start: 500,
      end: 530,
      message: 'another message',
      data: { ...finding.data, reason: 'github-token', documentIndex: 3, order: 7, fixBlocked: 'free text', templated: true },
    };
    assert.deepEqual(fingerprintFindings([noisy], 'pod.yaml'), [base]);
  });
});
