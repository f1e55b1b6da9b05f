// Secrets never leak from the CLI: stdout and stderr in text, JSON and SARIF, with and without --fix,
// hold no canary value, and --fix creates no file holding one nor adds a copy to a fixed file.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CANARY_DIR, canaryCount } from '../support/canary';
import { runCli } from '../support/cli';

function copyOfCanaries(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'secret-hints-canary-'));
  cpSync(CANARY_DIR, dir, { recursive: true });
  return dir;
}

function canariesPerFile(dir: string): Map<string, number> {
  return new Map(readdirSync(dir).map((name) => [name, canaryCount(readFileSync(path.join(dir, name), 'utf8'))]));
}

describe('canary values through the CLI', () => {
  for (const format of ['text', 'json', 'sarif']) {
    for (const fix of [false, true]) {
      it(`scan --format ${format}${fix ? ' --fix' : ''}`, () => {
        const dir = copyOfCanaries();
        const before = canariesPerFile(dir);
        const r = runCli(['scan', '.', '--format', format, ...(fix ? ['--fix'] : [])], dir);
        assert.ok(r.code === 1 || r.code === 2, `exit ${r.code}`);
        assert.ok(r.stdout.length > 0, 'the scan printed a report');
        assert.equal(canaryCount(r.stdout), 0, 'canary occurrences on stdout');
        assert.equal(canaryCount(r.stderr), 0, 'canary occurrences on stderr');
        for (const [name, count] of canariesPerFile(dir)) {
          assert.ok(count <= (before.get(name) ?? 0), `${name} holds more canaries after the scan than before`);
        }
      });
    }
  }
});
