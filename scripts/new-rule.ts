// `npm run new:rule -- <id> manifest|code`: the files of a new rule, registered and ready to fill in.
// It writes the rule module (registered in rules/index.ts), its doc page, a unit test and a fixture,
// then regenerates the metadata that comes from the module (scripts/rule-metadata.ts). The test
// fails until the detector finds what the fixture plants, so a scaffolded rule cannot land unfinished.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './rule-metadata';

type Target = 'manifest' | 'code';

/** camelCase export name of a rule id (`k8s-secret-env-ref` → `k8sSecretEnvRef`). */
export function exportName(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** The new files, by path relative to the repository. */
export function scaffoldFiles(id: string, target: Target): Map<string, string> {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(id)) throw new Error(`rule ids are kebab-case with at least two words, like k8s-secret-env-ref (got "${id}")`);
  const name = exportName(id);
  const fixture = target === 'manifest' ? `test/fixtures/k8s/${id}.yaml` : `test/fixtures/code/${id}.py`;
  const files = new Map<string, string>();
  files.set(
    `server/src/engine/rules/${id}.ts`,
    `// ${id}: <one line: what leaks, and where>.
import type { ${target === 'manifest' ? 'ManifestRule' : 'CodeRule'}, Detected } from '../rule';

export const ${name}: ${target === 'manifest' ? 'ManifestRule' : 'CodeRule'} = {
  id: '${id}',
  target: '${target}',
  summary: '<One sentence, plain text: shown in SARIF and in the settings>.',
  explanation: '<Two or three sentences for the hover: why this leaks and what to do instead.>',
  defaultSeverity: 'warning',
  flags: '<what it flags, a Markdown phrase for the rules tables and the doc page>',
  preferredFix: '<a few words>',
  detect(ctx) {
    const out: Detected[] = [];
    // Walk ${target === 'manifest' ? 'the pod specs (k8s/workloads.ts: objectsOf, podSpecsOf, containersOf)' : 'the parsed file (ctx.nodes, ctx.env, code/flow)'} and push a finding per place.
    void ctx;
    return out;
  },
};
`,
  );
  files.set(
    `docs/rules/${id}.md`,
    `# ${id}\n\n## Why it matters\n<Why this leaks, for whom, and what it costs.>\n\n## Example\n<Flagged, then fixed.>\n\n## The fix\n<What the quick fix does, and what the application must do after it.>\n\n## Suppress\n\`# secret-hints-ignore ${id} -- reason\` on the line, or \`secret-hints-ignore-file ${id}\`.\n`,
  );
  files.set(
    `test/unit/${id}.test.ts`,
    `// ${id}: what it flags and what it leaves alone (a test in both directions for every heuristic).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyze, prepareAnalysis } from '../../server/src/engine/analyze';

const FIXTURE = path.join(__dirname, '..', '..', '${fixture}');

describe('${id}', () => {
  before(() => prepareAnalysis({ path: FIXTURE }));

  it('flags the planted case in the fixture', () => {
    const analysis = analyze({ text: readFileSync(FIXTURE, 'utf8'), path: FIXTURE, onlyRules: ['${id}'] });
    assert.equal(analysis.findings.length, 1);
  });
});
`,
  );
  files.set(
    fixture,
    target === 'manifest'
      ? `# ${id}: one case the rule must flag.\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ${id}\nspec:\n  containers:\n    - name: app\n`
      : `# ${id}: one case the rule must flag.\nimport os\n`,
  );
  return files;
}

/** rules/index.ts with the new rule imported and appended to RULES. */
export function registered(index: string, id: string): string {
  const name = exportName(id);
  if (index.includes(`from './${id}'`)) return index;
  const withImport = index.replace(/(import type \{ Rule \} from '\.\.\/rule';\n)/, `$1import { ${name} } from './${id}';\n`);
  return withImport.replace(/(export const RULES: readonly Rule\[\] = \[\n(?: {2}\w+,\n)*)/, `$1  ${name},\n`);
}

if (require.main === module) {
  const [id, target] = process.argv.slice(2);
  if (!id || (target !== 'manifest' && target !== 'code')) {
    console.error('usage: npm run new:rule -- <id> manifest|code');
    process.exit(2);
  }
  const files = scaffoldFiles(id, target);
  const taken = [...files.keys()].filter((f) => existsSync(path.join(ROOT, f)));
  if (taken.length > 0) {
    console.error(`already there: ${taken.join(', ')}`);
    process.exit(2);
  }
  for (const [file, content] of files) {
    mkdirSync(path.dirname(path.join(ROOT, file)), { recursive: true });
    writeFileSync(path.join(ROOT, file), content);
  }
  const indexFile = path.join(ROOT, 'server/src/engine/rules/index.ts');
  writeFileSync(indexFile, registered(readFileSync(indexFile, 'utf8'), id));
  // A fresh process loads the registry with the new rule in it.
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/rule-metadata.ts')], { stdio: 'inherit', cwd: ROOT });
  console.log(`created ${[...files.keys()].join(', ')}; registered in rules/index.ts.`);
  console.log('Fill in the module and the doc page, then run npm run generate:rules again.');
}
