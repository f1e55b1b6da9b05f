// When the editor's validator analyses an edit (lsp/validator.ts editDelay): a lone edit at once, a
// burst once it pauses. Times are passed in, never read from a clock.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editDelay } from '../../server/src/lsp/validator';

describe('edit scheduling', () => {
  it('analyses an edit at once after a pause as long as the debounce, or when it is the first', () => {
    assert.equal(editDelay(120, undefined), 0);
    assert.equal(editDelay(120, 120), 0);
    assert.equal(editDelay(120, 5_000), 0);
    assert.equal(editDelay(undefined, 15), 0);
  });

  it('waits out a burst: an edit soon after the previous one waits as long as the last analysis took', () => {
    assert.equal(editDelay(120, 119), 120);
    assert.equal(editDelay(120, 0), 120);
    // The debounce stays within 15–150 ms whatever the analysis took.
    assert.equal(editDelay(2, 10), 15);
    assert.equal(editDelay(900, 149), 150);
    assert.equal(editDelay(900, 150), 0);
  });
});
