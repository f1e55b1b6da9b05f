// Incremental code parsing (code/parsers.ts): an analysis given the previous version's analysis
// re-parses from its tree, and must give exactly what a fresh analysis of the same text gives — the
// same tree, findings, fixes and work spent — while the previous analysis still answers for its own text.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze, prepareAnalysis, type Analysis } from '../../server/src/engine/analyze';
import { Budget } from '../../server/src/engine/budget';
import { densePython, denseTypescript } from '../../bench/generate';

const FILES = [
  { path: 'svc.py', text: densePython(300) },
  { path: 'svc.ts', text: denseTypescript(300) },
];

/** Edits a user makes: type or delete a few characters, paste a line, or break the syntax for a while. */
const PIECES = ['x', ' ', '\n', '"', '(', ')', '{', '}', 'os.environ["API_TOKEN"]', 'process.env.API_TOKEN', '\n    log.info("%s", password)\n', ''];

function comparable(a: Analysis) {
  return {
    tree: a.code?.root.toString(),
    findings: a.findings,
    fixes: a.findings.map((f) => a.fixesFor(f).map((x) => x.edits)),
  };
}

describe('incremental code parsing', () => {
  before(async () => {
    for (const f of FILES) await prepareAnalysis(f);
  });

  for (const file of FILES) {
    it(`${file.path}: a chain of edits analysed incrementally equals fresh analyses`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.constantFrom(...PIECES)), { minLength: 1, maxLength: 6 }), (edits) => {
          let text = file.text;
          let previous = analyze({ text, path: file.path });
          for (const [at, removed, inserted] of edits) {
            const start = at % (text.length + 1);
            const next = text.slice(0, start) + inserted + text.slice(Math.min(text.length, start + removed));
            const earlier = comparable(previous);
            const freshBudget = new Budget();
            const incrementalBudget = new Budget();
            const fresh = analyze({ text: next, path: file.path, budget: freshBudget });
            const incremental = analyze({ text: next, path: file.path, previous, budget: incrementalBudget });
            assert.deepEqual(comparable(incremental), comparable(fresh));
            assert.equal(incrementalBudget.spent, freshBudget.spent);
            assert.deepEqual(comparable(previous), earlier, 'the previous analysis is left as it was');
            previous = incremental;
            text = next;
          }
        }),
        { numRuns: 25, seed: 17 },
      );
    });
  }
});
