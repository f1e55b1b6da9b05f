// Rule metadata is written once, in the rule modules; package.json's settings schema, the README and
// DESIGN rules tables and each doc page's header are generated from it (scripts/rule-metadata.ts).
// What is committed must be what the generator makes, so a default severity or a description cannot drift.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/engine/rules';
import { registered, scaffoldFiles } from '../../scripts/new-rule';
import { generatedFiles, ROOT } from '../../scripts/rule-metadata';

describe('generated rule metadata', () => {
  it('every generated file is committed as the rule modules describe it (npm run generate:rules)', () => {
    const stale = [...generatedFiles()].filter(([file, content]) => {
      const full = path.join(ROOT, file);
      return !existsSync(full) || readFileSync(full, 'utf8') !== content;
    });
    assert.deepEqual(
      stale.map(([file]) => file),
      [],
      'out of date: run npm run generate:rules',
    );
  });

  it('covers every rule: a settings entry, a row in both tables and a doc page each', () => {
    const files = generatedFiles();
    const settings = (
      JSON.parse(files.get('package.json') ?? '{}') as {
        contributes: { configuration: { properties: Record<string, { properties: Record<string, { markdownDescription: string }> }> } };
      }
    ).contributes.configuration.properties['secretHints.rules'].properties;
    assert.deepEqual(
      Object.keys(settings),
      RULES.map((r) => r.id),
    );
    for (const r of RULES) {
      assert.ok(settings[r.id].markdownDescription.endsWith(`Default: \`${r.defaultSeverity}\`.`), r.id);
      assert.ok(files.get('README.md')?.includes(`| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.flags} | ${r.defaultSeverity} |`), r.id);
      assert.ok(files.get('docs/DESIGN.md')?.includes(`| \`${r.id}\` |`), r.id);
      assert.match(
        files.get(`docs/rules/${r.id}.md`) ?? '',
        new RegExp(`^# ${r.id}\\n\\n\\*\\*Where:\\*\\* .* · \\*\\*Default severity:\\*\\* ${r.defaultSeverity} · `),
      );
    }
  });

  it('a change in a rule module changes what is generated (the check can fail)', () => {
    const changed = RULES.map((r, i) => (i === 0 ? { ...r, defaultSeverity: r.defaultSeverity === 'error' ? 'hint' : 'error' } : r)) as typeof RULES;
    const before = generatedFiles();
    const after = generatedFiles(changed);
    const differing = [...after].filter(([file, content]) => before.get(file) !== content).map(([file]) => file);
    // The config schema and its validator name each rule with its default severity too.
    assert.deepEqual(
      differing.sort(),
      [
        'README.md',
        'docs/DESIGN.md',
        `docs/rules/${RULES[0].id}.md`,
        'package.json',
        'schemas/secret-hints.schema.json',
        'server/src/engine/project-config/schema-check.generated.ts',
      ].sort(),
    );
  });
});

describe('the new-rule scaffold', () => {
  it('makes the module, doc page, test and fixture of a rule, and registers it once', () => {
    const files = scaffoldFiles('k8s-example-rule', 'manifest');
    assert.deepEqual(
      [...files.keys()],
      [
        'server/src/engine/rules/k8s-example-rule.ts',
        'docs/rules/k8s-example-rule.md',
        'test/unit/k8s-example-rule.test.ts',
        'test/fixtures/k8s/k8s-example-rule.yaml',
      ],
    );
    assert.match(
      files.get('server/src/engine/rules/k8s-example-rule.ts') ?? '',
      /export const k8sExampleRule: ManifestRule = \{\n {2}id: 'k8s-example-rule',\n {2}target: 'manifest',/,
    );
    const index = readFileSync(path.join(ROOT, 'server/src/engine/rules/index.ts'), 'utf8');
    const after = registered(index, 'k8s-example-rule');
    assert.match(after, /import \{ k8sExampleRule \} from '\.\/k8s-example-rule';/);
    assert.match(after, / {2}composeSecretEnv,\n {2}k8sExampleRule,\n\];/);
    assert.equal(registered(after, 'k8s-example-rule'), after, 'registering twice changes nothing');
    assert.equal(scaffoldFiles('secret-in-code', 'code').has('test/fixtures/code/secret-in-code.py'), true);
  });

  it('refuses ids that are not kebab-case words', () => {
    for (const bad of ['Secret', 'secret', 'secret_env', '-secret-env', 'secret--env']) assert.throws(() => scaffoldFiles(bad, 'code'), /kebab-case/, bad);
  });
});
