// Secrets never leak through the engine's outputs: finding messages, data, related locations, problem
// messages, fix titles and created files carry no canary value, and fixes never copy one elsewhere.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyze, prepareAnalysis } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fix-all';
import { applyEdits } from '../../server/src/engine/text';
import { canaryCount, canaryFiles, channelText } from '../support/canary';

describe('canary values through the engine', () => {
  const files = canaryFiles();
  before(async () => {
    for (const f of files) await prepareAnalysis(f);
  });

  it('has canary fixtures, each planting the marker', () => {
    assert.ok(files.length >= 2);
    for (const f of files) assert.ok(canaryCount(f.text) > 0, `${f.name} plants no canary`);
  });

  for (const file of files) {
    it(`${file.name}: no canary in findings, problems, fix titles or created files`, () => {
      const analysis = analyze({ text: file.text, path: file.path, languageId: file.languageId });
      if (analysis.kind !== 'unsupported') assert.ok(analysis.findings.length > 0, `${file.name} should produce findings`);
      const outputs: unknown[] = [analysis.findings, analysis.problems];
      let leaksIntoFile = 0;
      for (const finding of analysis.findings) {
        for (const fix of analysis.fixesFor(finding)) {
          outputs.push(fix.title, fix.createFiles ?? []);
          // A fix may keep the file's own values but never adds a copy of one.
          if (canaryCount(applyEdits(file.text, fix.edits)) > canaryCount(file.text)) leaksIntoFile++;
        }
      }
      const fixedAll = fixAll({ text: file.text, path: file.path, languageId: file.languageId });
      if (canaryCount(fixedAll.text) > canaryCount(file.text)) leaksIntoFile++;
      assert.equal(canaryCount(outputs.map(channelText).join('\n')), 0, 'canary occurrences in engine outputs');
      assert.equal(leaksIntoFile, 0, 'fixes that copy a canary value');
    });
  }

  it('the counter sees a planted leak (the harness can fail)', () => {
    assert.equal(canaryCount(channelText({ message: 'value qx7canary-x and QX7CANARY-y' })), 2);
  });
});
