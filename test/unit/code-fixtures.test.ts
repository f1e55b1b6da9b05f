// Annotated fixtures: every line marked `expect: <rule>` gets exactly that finding, no other line gets
// one, and fix-all turns each file into code that still compiles with no fixable finding left.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { analyzeCode, assertCompiles, fixAllText, prepareCodeGrammars } from '../support/code-analysis';
import { fixturePath, readFixture } from '../support/fixtures';

const files = readdirSync(fixturePath('code')).sort();

function expectedMarkers(text: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    for (const m of line.matchAll(/expect: ([a-z-]+)/g)) out.push(`${i + 1}:${m[1]}`);
  });
  return out.sort();
}

describe('annotated code fixtures', () => {
  before(prepareCodeGrammars);

  it('there are fixtures for Python, TypeScript and JavaScript', () => {
    assert.ok(files.some((f) => f.endsWith('.py')) && files.some((f) => f.endsWith('.ts')) && files.some((f) => /\.c?js$/.test(f)));
  });

  for (const file of files) {
    it(`${file}: findings match the expect markers`, () => {
      const text = readFixture('code', file);
      const analysis = analyzeCode(file, text);
      const actual = analysis.findings.map((f) => `${analysis.lines.lineAt(f.start) + 1}:${f.rule}`).sort();
      assert.deepEqual(actual, expectedMarkers(text));
    });

    it(`${file}: fix-all compiles and leaves no fixable finding`, () => {
      const text = readFixture('code', file);
      const fixed = fixAllText(file, text);
      assertCompiles(file, fixed);
      const left = analyzeCode(file, fixed);
      assert.deepEqual(
        left.findings.filter((f) => left.fixesFor(f).length > 0).map((f) => f.rule),
        [],
      );
    });
  }
});
