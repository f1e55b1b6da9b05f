// Fix-all on every fixture, held to a committed expected file (test/fixtures/fix-snapshots/). A change
// to what any fix writes shows up here as a diff of whole files; `UPDATE_SNAPSHOTS=1` rewrites them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { prepareAnalysis } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fix-all';
import { assertMatchesSnapshot, lineDiff } from '../support/snapshot';
import { CODE_READS_EVERYTHING } from '../support/k8s-fix';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const SNAPSHOTS = path.join(FIXTURES, 'fix-snapshots');
const SOURCES = ['code', 'k8s', 'k8s-fix'].flatMap((dir) =>
  readdirSync(path.join(FIXTURES, dir), { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `${dir}/${e.name}`),
);

describe('fix-all snapshots', () => {
  before(async () => {
    for (const source of SOURCES) await prepareAnalysis({ path: source });
  });

  for (const source of SOURCES) {
    it(source, () => {
      const text = readFileSync(path.join(FIXTURES, source), 'utf8');
      // The path keeps its directory so the fixes see the file as the other tests do.
      const fixed = fixAll({ codeReads: CODE_READS_EVERYTHING, text, path: path.join(FIXTURES, source) }).text;
      assertMatchesSnapshot(fixed, path.join(SNAPSHOTS, `${source.replace(/\//g, '__')}.fixed`));
    });
  }

  it('a differing snapshot prints where, with quoted values masked', () => {
    const diff = lineDiff('a: 1\nb: "secret-value"\nc: 3\n', 'a: 1\nb: "other-value"\nc: 3\n');
    assert.equal(diff, '  1  a: 1\n- 2  b: "…"\n+ 2  b: "…"\n  3  c: 3\n  4  ');
  });
});
