// Incremental code parsing (code/parsers.ts): an analysis given the previous version's analysis
// re-parses from its tree, and must give exactly what a fresh analysis of the same text gives — the
// same tree, findings, fixes and work spent — while the previous analysis still answers for its own text.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze, prepareAnalysis, type Analysis } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fix-all';
import { applyEdits } from '../../server/src/engine/text';
import type { TextEdit } from '../../server/src/engine/findings';
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

  for (const file of FILES) {
    it(`${file.path}: several edits at once, told one by one (previousEdits), equal a fresh analysis`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.constantFrom(...PIECES)), { minLength: 1, maxLength: 8 }), (picked) => {
          const previous = analyze({ text: file.text, path: file.path });
          const edits = apart(
            picked.map(([at, removed, inserted]) => ({ start: at % (file.text.length + 1), removed, inserted })),
            file.text.length,
          );
          const next = applyEdits(file.text, edits);
          const fresh = analyze({ text: next, path: file.path });
          const incremental = analyze({ text: next, path: file.path, previous, previousEdits: edits });
          assert.deepEqual(comparable(incremental), comparable(fresh));
        }),
        { numRuns: 25, seed: 23 },
      );
    });

    it(`${file.path}: edits that do not make the new text are not used (the one-span re-parse is)`, () => {
      const previous = analyze({ text: file.text, path: file.path });
      const next = file.text.replace('\n', '\n# one more line\n');
      const wrong: TextEdit[] = [{ start: 0, end: 0, newText: 'x' }];
      assert.deepEqual(
        comparable(analyze({ text: next, path: file.path, previous, previousEdits: wrong })),
        comparable(analyze({ text: next, path: file.path })),
      );
    });

    it(`${file.path}: fix-all's passes, re-parsed with the edits each applied, end with a fresh analysis' result`, () => {
      const result = fixAll({ text: file.text, path: file.path });
      // At least one pass after the first: it re-parsed with the first pass' edits.
      assert.ok(result.applied > 0 && result.passes >= 2 && result.analysis);
      assert.deepEqual(comparable(result.analysis), comparable(analyze({ text: result.text, path: file.path })));
    });
  }
});

/** Sorted edits on a text of `length` characters that do not overlap (later ones that would are dropped). */
function apart(wanted: { start: number; removed: number; inserted: string }[], length: number): TextEdit[] {
  const out: TextEdit[] = [];
  let cursor = 0;
  for (const w of [...wanted].sort((a, b) => a.start - b.start)) {
    if (w.start < cursor) continue;
    const end = Math.min(length, w.start + w.removed);
    out.push({ start: w.start, end, newText: w.inserted });
    cursor = end;
  }
  return out;
}
