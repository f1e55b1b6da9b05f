// The engine on hostile input: never throws, never hangs, keeps every range inside the document, and
// skips what it cannot analyse with exactly one problem. Inputs come from test/support/hostile-inputs.ts.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyze, prepareAnalysis } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fix-all';
import { Budget, DEFAULT_WORK_LIMIT, TimeGuard } from '../../server/src/engine/budget';
import { defaultSettings } from '../../server/src/engine/settings';
import { checkInvariants } from '../support/engine-invariants';
import { acceptableSkip, hostileInput, hostileInputs } from '../support/hostile-inputs';

describe('engine on hostile input', () => {
  // The default settings: what is skipped is decided by counted work, the same on every machine, so
  // each input's expectation is exact (no time is measured or asserted here).
  const settings = defaultSettings();
  // Code grammars load asynchronously once; analysis itself is synchronous.
  before(async () => {
    for (const input of hostileInputs()) await prepareAnalysis(input);
  });
  for (const input of hostileInputs()) {
    it(`${input.category}: ${input.name}`, () => {
      const report = checkInvariants({ text: input.text, path: input.path, languageId: input.languageId, settings });
      assert.deepEqual(report.violations, []);
      const { problems, findings } = report.analysis;
      assert.ok(
        acceptableSkip(
          input,
          problems.map((p) => p.code),
        ),
        `${input.skipped ? 'expected one skip' : 'expected no skip'}, got: ${problems.map((p) => p.code).join(', ')}`,
      );
      if (input.skipped) assert.equal(findings.length, 0);
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
    const problems = analyze({ text: input.text, path: input.path }).problems;
    assert.equal(problems.length, 21);
    assert.match(problems[20].message, /^980 more YAML documents have syntax errors/);
  });

  it('a file over the work limit is skipped with one analysis-budget problem, and fix-all changes nothing', () => {
    const input = hostileInput('1000000-empty-documents');
    const analysis = analyze({ text: input.text, path: input.path });
    assert.deepEqual(
      analysis.problems.map((p) => p.code),
      ['analysis-budget'],
    );
    assert.match(analysis.problems[0].message, /more analysis work than its limit \(8\.0 million units; counted, not timed/);
    const fixed = fixAll({ text: input.text, path: input.path });
    assert.equal(fixed.applied, 0);
    assert.equal(fixed.text, input.text);
  });

  it('the work limit is exact: a file is analysed at the units it spends and skipped one unit below', () => {
    for (const name of ['100000-empty-documents', 'js-minified-bundle', 'list-alias-bomb']) {
      const input = hostileInput(name);
      const measured = new Budget(DEFAULT_WORK_LIMIT);
      const full = analyze({ text: input.text, path: input.path, budget: measured });
      assert.deepEqual(
        full.problems.filter((p) => p.code === 'analysis-budget'),
        [],
        name,
      );
      assert.ok(measured.spent > 0, name);
      const atLimit = analyze({ text: input.text, path: input.path, settings: { ...defaultSettings(), workLimit: measured.spent } });
      assert.deepEqual(atLimit.findings, full.findings, `${name}: analysed in full at exactly its units`);
      const below = analyze({ text: input.text, path: input.path, settings: { ...defaultSettings(), workLimit: measured.spent - 1 } });
      assert.deepEqual(
        below.problems.map((p) => p.code),
        ['analysis-budget'],
        `${name}: skipped one unit below`,
      );
    }
  });

  it('an incremental re-parse and a fresh parse of the same text spend the same units', () => {
    const input = hostileInput('100000-empty-documents');
    const before = analyze({ text: input.text, path: input.path });
    const edited = input.text.replace('name: app', 'name: app2');
    const fresh = new Budget();
    const freshResult = analyze({ text: edited, path: input.path, budget: fresh });
    const incremental = new Budget();
    const incrementalResult = analyze({ text: edited, path: input.path, budget: incremental, previous: before });
    assert.equal(incremental.spent, fresh.spent);
    assert.deepEqual(incrementalResult.findings, freshResult.findings);
  });

  it("the editor's time guard stops a long analysis with one analysis-timeout problem that says so", () => {
    const input = hostileInput('100000-empty-documents');
    // A clock that jumps 10 ms per reading: the guard is past its deadline at its first look, whatever the machine's speed.
    let clock = 0;
    const analysis = analyze({ text: input.text, path: input.path, timeGuard: new TimeGuard(5, () => (clock += 10)) });
    assert.deepEqual(
      analysis.problems.map((p) => p.code),
      ['analysis-timeout'],
    );
    assert.match(analysis.problems[0].message, /editor's 0\.005 s safety limit .*command-line scan has no time limit/);
    const fixed = fixAll({ text: input.text, path: input.path, timeGuard: new TimeGuard(5, () => (clock += 10)) });
    assert.equal(fixed.applied, 0);
    assert.equal(fixed.text, input.text);
  });

  it('fixes are computed without the time guard, however late they are asked for', () => {
    let now = 0;
    const input = hostileInput('lone-surrogates');
    const analysis = analyze({ text: input.text, path: input.path, timeGuard: new TimeGuard(10, () => now) });
    assert.equal(analysis.findings.length, 1);
    now = 1_000_000;
    assert.doesNotThrow(() => analysis.fixesFor(analysis.findings[0]));
  });
});
