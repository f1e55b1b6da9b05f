// The status bar text and tooltip for each server state and finding count.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { statusView } from '../../client/src/status-text';

describe('status bar view', () => {
  it('shows the count of findings in the active file while the server runs', () => {
    assert.equal(statusView('running', 3).text, '$(shield) 3');
    assert.match(statusView('running', 3).tooltip, /3 secret exposures in this file/);
    assert.match(statusView('running', 1).tooltip, /1 secret exposure in this file/);
    assert.match(statusView('running', 0).tooltip, /no secret exposures/);
    assert.equal(statusView('running', undefined).text, '$(shield) Secret Hints');
  });

  it('shows starting and stopped states, the latter as an error whatever the count', () => {
    assert.match(statusView('starting', 2).text, /loading~spin/);
    const stopped = statusView('stopped', 2);
    assert.equal(stopped.error, true);
    assert.match(stopped.text, /\$\(error\)/);
    assert.equal(statusView('running', 2).error, false);
  });
});
