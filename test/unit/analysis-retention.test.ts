// An analysis given the previous version's analysis (an edit in the editor) must not keep that one
// alive: its closures (fixesFor, fixGroup) once held the whole input, previous analysis included, so each
// version of an edited file kept the one before it, with its text and parse — about a megabyte per
// keystroke in a 10,000-line manifest, never collected. Checked with a real full collection.
import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { before, describe, it } from 'node:test';
import { analyze, prepareAnalysis, type Analysis } from '../../server/src/engine/analyze';
import { densePython, denseTypescript, manifest } from '../../bench/generate';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const FILES = [
  { path: 'deploy.yaml', text: manifest(300) },
  { path: 'svc.py', text: densePython(200) },
  { path: 'svc.ts', text: denseTypescript(200) },
];

/** True when nothing reachable holds the object any more (WeakRefs clear only after the current job). */
async function collected(ref: WeakRef<object>): Promise<boolean> {
  for (let i = 0; i < 5 && ref.deref() !== undefined; i++) {
    await nextTurn();
    gc();
  }
  return ref.deref() === undefined;
}

describe('analyses of successive versions', () => {
  before(async () => {
    for (const f of FILES) await prepareAnalysis(f);
  });

  for (const file of FILES) {
    it(`${file.path}: the newest analysis keeps none of the earlier ones alive`, async () => {
      let previous: Analysis | undefined = analyze({ text: file.text, path: file.path });
      const first = new WeakRef(previous);
      let text = file.text;
      for (let v = 0; v < 3; v++) {
        text = `${text.slice(0, text.length >> 1)}x${text.slice(text.length >> 1)}`;
        previous = analyze({ text, path: file.path, previous });
      }
      const latest = previous;
      previous = undefined;
      assert.ok(latest.findings.length > 0);
      // The latest analysis still answers (its fixes are computed on demand from what it kept).
      assert.ok(latest.findings.some((f) => latest.fixesFor(f).length > 0));
      assert.equal(await collected(first), true, 'the first version is still reachable from the latest analysis');
    });
  }

  it('the check can fail: an analysis that is still referenced is not collected', async () => {
    const kept = analyze({ text: FILES[0].text, path: FILES[0].path });
    const ref = new WeakRef(kept);
    assert.equal(await collected(ref), false);
    assert.ok(kept.findings.length > 0);
  });
});
