// The benchmark must keep running as the code changes; its numbers are not asserted (noisy machines).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { it } from 'node:test';
import { REPO_ROOT } from '../support/lsp-client';

it('npm run bench --quick prints the ratio table', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', 'run.ts'), '--quick'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^measure\s+ours\s+baseline\s+ratio/m);
  assert.match(r.stdout, /engine vs yaml parse\s+[\d.]+ ms\s+[\d.]+ ms\s+[\d.]+×/);
  assert.match(r.stdout, /edit → diagnostics/);
  assert.match(r.stdout, /CLI scan of \d+ files \(\d+ files\/s, [1-9]\d* findings/);
  assert.match(r.stdout, /server peak RSS\s+\d+ MB/);
});
