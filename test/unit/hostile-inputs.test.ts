// The engine on hostile input: never throws, never hangs, keeps every range inside the document, and
// skips what it cannot analyse with exactly one problem. Inputs come from test/support/hostile-inputs.ts.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyze, fixAll, prepareAnalysis } from '../../server/src/engine/analyze';
import { Budget } from '../../server/src/engine/budget';
import { defaultSettings } from '../../server/src/engine/settings';
import { checkInvariants } from '../support/engine-invariants';
import { acceptableSkip, hostileInput, hostileInputs } from '../support/hostile-inputs';

/** A small budget keeps the suite fast; the default (2 s) is exercised by the LSP test. */
const BUDGET_MS = 400;
/** One document's composition cannot be interrupted (budget.ts), and the machine is shared: slack. */
const OVERRUN_MS = 4000;

describe('engine on hostile input', () => {
  const settings = { ...defaultSettings(), analysisBudgetMs: BUDGET_MS };
  // Code grammars load asynchronously once; analysis itself is synchronous.
  before(async () => {
    for (const input of hostileInputs()) await prepareAnalysis(input);
  });
  for (const input of hostileInputs()) {
    it(`${input.category}: ${input.name}`, () => {
      const started = Date.now();
      const report = checkInvariants({ text: input.text, path: input.path, languageId: input.languageId, settings });
      const elapsed = Date.now() - started;
      assert.deepEqual(report.violations, []);
      assert.ok(elapsed < BUDGET_MS + OVERRUN_MS, `took ${elapsed} ms`);
      const { problems, findings } = report.analysis;
      assert.ok(acceptableSkip(input, problems.map((p) => p.code)), `skip problems: ${problems.map((p) => p.code).join(', ')}`);
      if (input.skipped === true) assert.equal(findings.length, 0);
      assert.ok(problems.length <= 21, `${problems.length} problems: parse problems are capped`);
    });
  }

  it('an alias bomb aimed at the List walk yields its one container once', () => {
    const bomb = hostileInput('list-alias-bomb');
    const analysis = analyze({ text: bomb.text, path: bomb.path });
    assert.equal(analysis.findings.length, 1);
  });

  it('caps parse problems at 20 plus one summary for a stream of broken documents', () => {
    const input = hostileInput('1000-broken-documents');
    const problems = analyze({ text: input.text, path: input.path, settings: { ...defaultSettings(), analysisBudgetMs: 60_000 } }).problems;
    assert.equal(problems.length, 21);
    assert.match(problems[20].message, /^980 more YAML documents have syntax errors/);
  });

  it('a file over the time budget is skipped with one analysis-budget problem, and fix-all changes nothing', () => {
    const input = hostileInput('100000-empty-documents');
    // A clock that jumps 10 ms per reading: the budget is spent at its first check, whatever the machine's speed.
    let clock = 0;
    const analysis = analyze({ text: input.text, path: input.path, budget: new Budget(5, () => (clock += 10)) });
    assert.deepEqual(
      analysis.problems.map((p) => p.code),
      ['analysis-budget'],
    );
    assert.match(analysis.problems[0].message, /longer than its 0\.005 s budget/);
    const fixed = fixAll({ text: input.text, path: input.path, budget: new Budget(5, () => (clock += 10)) });
    assert.equal(fixed.applied, 0);
    assert.equal(fixed.text, input.text);
  });

  it('fixes are computed without the analysis budget, however late they are asked for', () => {
    let now = 0;
    const budget = new Budget(10, () => now);
    const input = hostileInput('lone-surrogates');
    const analysis = analyze({ text: input.text, path: input.path, budget });
    assert.equal(analysis.findings.length, 1);
    now = 1_000_000;
    assert.doesNotThrow(() => analysis.fixesFor(analysis.findings[0]));
  });
});
