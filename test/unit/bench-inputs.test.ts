// The benchmark is only meaningful if its generated inputs make every rule work: a generator that
// drifted into producing no findings (as a mis-indented `env:` list once did) would time an engine
// with nothing to report.
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { manifest, python, typescript } from '../../bench/generate';
import { analyze, prepareAnalysis } from '../../server/src/engine/analyze';
import { dialectOf } from '../../server/src/engine/code/dialects';
import { RULES } from '../../server/src/engine/rules';
import { defaultSettings } from '../../server/src/engine/settings';

function rulesFound(text: string, path: string): Set<string> {
  const analysis = analyze({ text, path, settings: defaultSettings() });
  assert.equal(analysis.problems.length, 0, `${path}: generated input has problems`);
  return new Set(analysis.findings.map((f) => f.rule));
}

function rulesFor(target: 'manifest' | 'code'): string[] {
  return RULES.filter((r) => r.target === target).map((r) => r.id);
}

before(async () => {
  await prepareAnalysis({ path: 'bench.py' });
  await prepareAnalysis({ path: 'bench.ts' });
});

it('the generated manifest makes every manifest rule report', () => {
  const found = rulesFound(manifest(1_000), 'bench.yaml');
  for (const id of rulesFor('manifest')) assert.ok(found.has(id), `no ${id} finding in the benchmark manifest`);
});

it('the generated Python and TypeScript services make every code rule report', () => {
  for (const [text, path] of [
    [python(1_000), 'bench.py'],
    [typescript(1_000), 'bench.ts'],
  ] as const) {
    const found = rulesFound(text, path);
    // Python has no browser-public prefixes (the dialect lists none), so no secret-public-env there.
    const rules = rulesFor('code').filter(
      (id) => id !== 'secret-public-env' || dialectOf(path.endsWith('.py') ? 'python' : 'typescript').publicEnvPrefixes.length > 0,
    );
    for (const id of rules) assert.ok(found.has(id), `no ${id} finding in the benchmark's ${path}`);
  }
});
