// The CLI's workspace view: scanning a directory indexes its manifests first, so code reads are judged
// by where the manifests feed each env var from.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { fixturePath } from '../support/fixtures';

interface JsonFinding {
  file: string;
  rule: string;
  range: { start: { line: number } };
}

function reads(root: string, target: string): string[] {
  const r = runCli(['scan', target, '--format', 'json'], root);
  assert.equal(r.code, 1, r.stderr);
  return (JSON.parse(r.stdout) as JsonFinding[]).filter((f) => f.rule === 'secret-env-read').map((f) => `${f.file}:${f.range.start.line}`);
}

describe('secret-hints scan with manifests and code', () => {
  it('judges env reads by the manifests among the scanned files', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'secret-hints-cli-ws-'));
    try {
      cpSync(fixturePath('workspace'), root, { recursive: true });
      writeFileSync(path.join(root, 'app', 'src', 'extra.py'), 'import os\naudience = os.environ["TOKEN_AUDIENCE"]\nother = os.environ["SOME_PASSWORD"]\n');
      assert.deepEqual(reads(root, '.'), ['app/src/extra.py:2', 'app/src/main.py:2', 'app/src/main.py:3', 'app/src/server.ts:0']);
      // Without the manifests, names decide: STRIPE does not look secret, SENTRY_DSN does.
      assert.deepEqual(reads(root, 'app'), ['app/src/extra.py:2', 'app/src/main.py:2', 'app/src/main.py:5', 'app/src/server.ts:0']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
