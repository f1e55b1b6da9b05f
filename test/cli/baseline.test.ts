// Baselines as a process (issue 22): --write-baseline records today's findings by fingerprint (no line
// numbers, no values), --baseline reports and fails only on new ones — after unrelated edits and line
// moves too — and a file that is not a baseline is a clear usage error.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { writeTree } from '../support/temp-tree';

const LITERAL = 'not-a-real-pw-4821';
const COMPOSE = `services:\n  db:\n    image: example/db\n    environment:\n      DB_PASSWORD: ${LITERAL}\n      API_TOKEN: \${API_TOKEN}\n`;
const CODE = 'import os\n\ntoken = os.environ["API_TOKEN"]\n';

describe('secret-hints scan baselines', () => {
  it('records findings without values, then gates only new ones, across line moves', () => {
    const root = writeTree({ 'compose.yaml': COMPOSE, 'app/main.py': CODE }, 'secret-hints-baseline-');
    try {
      const written = runCli(['scan', '.', '--write-baseline', 'baseline.json'], root);
      assert.equal(written.code, 0, written.stderr);
      assert.match(written.stdout, /^3 findings recorded in baseline\.json\.$/m);
      const text = readFileSync(path.join(root, 'baseline.json'), 'utf8');
      assert.doesNotMatch(text, new RegExp(LITERAL));
      const baseline = JSON.parse(text) as { version: number; findings: { rule: string; file: string; fingerprint: string }[] };
      assert.equal(baseline.version, 1);
      assert.deepEqual(
        baseline.findings.map((f) => `${f.file} ${f.rule}`),
        ['app/main.py secret-env-read', 'compose.yaml compose-secret-env', 'compose.yaml compose-secret-env'],
      );
      assert.ok(baseline.findings.every((f) => /^[0-9a-f]{32}$/.test(f.fingerprint)));
      // Written twice, the same bytes.
      runCli(['scan', '.', '--write-baseline', 'again.json'], root);
      assert.equal(readFileSync(path.join(root, 'again.json'), 'utf8'), text);

      const clean = runCli(['scan', '.', '--baseline', 'baseline.json'], root);
      assert.equal(clean.code, 0, clean.stdout);
      assert.match(clean.stdout, /^0 findings in 2 files scanned\.\n3 findings in the baseline not shown\.$/m);

      // Unrelated edits and moved lines keep the old findings baselined; a new secret is reported alone.
      writeFileSync(
        path.join(root, 'app/main.py'),
        `# config\nimport os\n\n\ndef load():\n    return 1\n\ntoken = os.environ["API_TOKEN"]\nkey = os.environ["STRIPE_SECRET_KEY"]\n`,
      );
      writeFileSync(
        path.join(root, 'compose.yaml'),
        `# stack\n${COMPOSE.replace('    environment:\n', '    restart: always\n    environment:\n      LOG_LEVEL: info\n')}`,
      );
      const next = runCli(['scan', '.', '--baseline', 'baseline.json', '--format', 'json'], root);
      assert.equal(next.code, 1);
      const reported = JSON.parse(next.stdout) as { file: string; rule: string; message: string }[];
      assert.deepEqual(
        reported.map((f) => [f.file, f.rule]),
        [['app/main.py', 'secret-env-read']],
      );
      assert.match(reported[0].message, /STRIPE_SECRET_KEY/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a file that is not a baseline, or both options, is a usage error (exit 2)', () => {
    const root = writeTree({ 'compose.yaml': COMPOSE, 'bad.json': '{"findings": 3}', 'junk.json': 'not json' }, 'secret-hints-baseline-bad-');
    try {
      for (const [file, message] of [
        ['bad.json', /bad\.json is not a secret-hints baseline/],
        ['junk.json', /junk\.json is not a baseline: not JSON/],
        ['missing.json', /cannot read baseline missing\.json/],
      ] as const) {
        const r = runCli(['scan', '.', '--baseline', file], root);
        assert.equal(r.code, 2, file);
        assert.match(r.stderr, message);
      }
      const both = runCli(['scan', '.', '--baseline', 'a.json', '--write-baseline', 'b.json'], root);
      assert.equal(both.code, 2);
      assert.match(both.stderr, /cannot be used together/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
