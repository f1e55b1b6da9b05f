// Property test over mutated real fixtures: no exception escapes the engine, every finding/problem/edit
// range lies inside the document, and every offered fix (each finding's fixes and fix-all) leaves the
// file with no more syntax errors than it had. `npm test` runs a small budget; `npm run fuzz` a long one
// (FUZZ_RUNS=n to choose, FUZZ_SEED=s to replay a failure).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze, prepareAnalysis } from '../../server/src/engine/analyze';
import { checkInvariants } from '../support/engine-invariants';
import { applyAll, fuzzSeeds, mutation } from '../support/fuzz-mutations';

const ROOT = path.resolve(__dirname, '..', '..');
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
// `npm test` replays a fixed seed (deterministic CI); `npm run fuzz` (FUZZ_RUNS set) explores new ones.
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : process.env.FUZZ_RUNS === undefined ? 20261128 : undefined;

describe('fuzzing the engine with mutated fixtures', () => {
  const seeds = fuzzSeeds(ROOT, ['test/fixtures', 'examples']);
  before(async () => {
    for (const s of seeds) await prepareAnalysis(s);
  });

  it('has real fixtures to mutate', () => {
    assert.ok(seeds.length >= 2, `only ${seeds.length} seed files`);
  });

  it(`keeps its invariants on ${RUNS} mutated files`, (t) => {
    let fixes = 0;
    let fromSeedsWithFindings = 0;
    let withFindings = 0;
    const seedHasFindings = new Set(seeds.filter((s) => analyze({ text: s.text, path: s.path }).findings.length > 0).map((s) => s.name));
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, mutations) => {
        const text = applyAll(seed.text, mutations);
        const report = checkInvariants({ text, path: seed.path });
        fixes += report.fixesChecked;
        assert.deepEqual(report.violations, [], `seed ${seed.name}`);
        if (!seedHasFindings.has(seed.name)) return;
        fromSeedsWithFindings++;
        if (report.analysis.findings.length > 0) withFindings++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    t.diagnostic(
      `fuzz: ${RUNS} cases over ${seeds.length} seeds; ${withFindings} of ${fromSeedsWithFindings} from seeds with findings kept some; ${fixes} fixes checked`,
    );
    // Mutations must leave most files analysable, or the fuzzing only exercises the parse-error path
    // (about two thirds keep a finding; a third is far below any plausible run).
    if (fromSeedsWithFindings >= 10)
      assert.ok(withFindings >= fromSeedsWithFindings / 3, `only ${withFindings} of ${fromSeedsWithFindings} mutated files kept a finding`);
  });
});
