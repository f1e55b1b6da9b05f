// The scan keeps a manifest's first-pass report only if the questions its analysis asked the (then
// partial) index get the same answers from the finished one. In-process: no CLI output can show it yet,
// as today's manifest rules ask the index only for the envFrom fix's items, which `fixable` does not see.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { CrossFileIndex } from '../../server/src/engine/cross-file-index';
import { reportFindings } from '../../server/src/cli/report';
import { recordHooks } from '../../server/src/cli/recorded-hooks';

const ENV_FROM = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      envFrom:\n        - secretRef: {name: shared}\n';
const SECRET = (keys: string[]) => `apiVersion: v1\nkind: Secret\nmetadata: {name: shared}\nstringData:\n${keys.map((k) => `  ${k}: placeholder\n`).join('')}`;
const FEED =
  'apiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec:\n  containers:\n    - name: a\n      env:\n        - name: HOST\n          valueFrom: {secretKeyRef: {name: s, key: k}}\n';

describe('recordHooks', () => {
  it('holds while the index answers the recorded questions as before, and not once an answer changes', () => {
    const index = new CrossFileIndex();
    const recorder = recordHooks(index.hooks);
    // What the scan's first pass does: analyse, then report (fixable asks the envFrom fix, which asks for the Secret's keys).
    const analysis = analyze({ text: ENV_FROM, path: '/w/a.yaml', ...recorder.hooks });
    assert.equal(reportFindings('a.yaml', analysis).length, 1);
    assert.equal(recorder.answersStillHold(), true);
    index.update('/w/other.yaml', FEED); // a manifest that defines no Secret "shared": same answer
    assert.equal(recorder.answersStillHold(), true);
    index.update('/w/z.yaml', SECRET(['ENDPOINT']));
    assert.equal(recorder.answersStillHold(), false, 'the Secret now has known keys');
    index.remove('/w/z.yaml');
    assert.equal(recorder.answersStillHold(), true);
  });

  it('records every hook it wraps, and answers exactly as the live hooks do', () => {
    const index = new CrossFileIndex();
    index.update('/w/feed.yaml', FEED);
    index.update('/w/secret.yaml', SECRET(['A', 'B']));
    const recorder = recordHooks(index.hooks);
    assert.deepEqual(recorder.hooks.envSource('HOST'), index.hooks.envSource('HOST'));
    assert.deepEqual(recorder.hooks.secretKeys('shared'), ['A', 'B']);
    index.update('/w/feed.yaml', FEED.replace('secretKeyRef', 'configMapKeyRef'));
    assert.equal(recorder.answersStillHold(), false, 'envSource("HOST") changed');
    index.update('/w/feed.yaml', FEED);
    assert.equal(recorder.answersStillHold(), true);
    index.update('/w/secret.yaml', SECRET(['A']));
    assert.equal(recorder.answersStillHold(), false, 'secretKeys("shared") changed');
  });
});
