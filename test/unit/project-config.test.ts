// The project config file (issue 22): parsing and validation with problems at their place in the text,
// the generated validator agreeing with the published schema, how its settings combine with others,
// and which file governs which path (nearest folder, exclusions, overrides, --config, --no-config).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { parseProjectConfig, closest } from '../../server/src/engine/project-config/parse';
import { withConfig } from '../../server/src/engine/project-config/apply';
import { completeConfig } from '../../server/src/engine/project-config/complete';
import { EDITOR_KEYWORDS, projectConfigSchema } from '../../server/src/engine/project-config/schema';
import { defaultSettings } from '../../server/src/engine/settings';
import { RULES } from '../../server/src/engine/rules';
import { describeProblems, ProjectConfigs, type LoadedConfig } from '../../server/src/project-configs';
import { collectFiles } from '../../server/src/walk';
import { REPO_ROOT } from '../support/lsp-client';
import { TempTrees } from '../support/temp-tree';
import { applyAll, mutation } from '../support/fuzz-mutations';
import { PROPERTY_SEED } from '../support/property-seed';

/** Each problem as [message, the text it points at]. */
function problemsOf(text: string): [string, string][] {
  return parseProjectConfig(text).problems.map((p) => [p.message, text.slice(p.start, p.end)]);
}

describe('parsing a project config', () => {
  it('reads YAML, JSON and an empty file (which sets nothing)', () => {
    const yaml = parseProjectConfig(
      'rules:\n  secret-logged: warning\nsecretNames:\n  extra: ["^STRIPE_"]\nexclude: [vendor/**]\nmountPath: /run/secrets/\nappsReadSecretFiles: true\nmaxFileSizeKb: 100\noverrides:\n  - files: [legacy/**]\n    rules: {secret-env-read: off}\n',
    );
    assert.deepEqual(yaml.problems, []);
    assert.deepEqual(yaml.config, {
      rules: { 'secret-logged': 'warning' },
      secretNames: { extra: ['^STRIPE_'] },
      exclude: ['vendor/**'],
      mountPath: '/run/secrets/',
      appsReadSecretFiles: true,
      maxFileSizeKb: 100,
      overrides: [{ files: ['legacy/**'], rules: { 'secret-env-read': 'off' } }],
    });
    assert.deepEqual(parseProjectConfig('{"$schema": "./schema.json", "rules": {"env-dumped": "off"}}').config, {
      $schema: './schema.json',
      rules: { 'env-dumped': 'off' },
    });
    assert.deepEqual(parseProjectConfig('').config, {});
    assert.deepEqual(parseProjectConfig('# only a comment\n').config, {});
  });

  it('names an unknown rule or setting at its key, with the closest known one', () => {
    assert.deepEqual(problemsOf('rules:\n  secret-loged: off\n'), [
      [`rules: unknown rule "secret-loged" (did you mean "secret-logged"?). Known: ${RULES.map((r) => r.id).join(', ')}.`, 'secret-loged'],
    ]);
    const [[message, at]] = problemsOf('exlude: [vendor]\n');
    assert.match(message, /^The file has an unknown setting "exlude" \(did you mean "exclude"\?\)\. Known: rules, secretNames, /);
    assert.equal(at, 'exlude');
    assert.match(problemsOf('overrides:\n  - files: [a]\n    exclude: [b]\n')[0][0], /^overrides\[0\]: unknown setting "exclude"\. Known: files, rules, /);
    assert.equal(closest('banana', ['rules', 'exclude']), undefined);
  });

  it('says what a wrong value should be, at the value', () => {
    assert.deepEqual(problemsOf('rules:\n  secret-logged: of\n'), [['rules.secret-logged: "of" is not one of off, hint, information, warning, error.', 'of']]);
    assert.deepEqual(problemsOf('rules:\n  secret-logged: 3\n'), [['rules.secret-logged: must be text.', '3']]);
    assert.deepEqual(problemsOf('mountPath: etc/secrets\n'), [['mountPath: must be an absolute path inside the container (starting with /).', 'etc/secrets']]);
    assert.deepEqual(problemsOf('maxFileSizeKb: 0\n'), [['maxFileSizeKb: must be at least 1.', '0']]);
    assert.deepEqual(problemsOf('maxFileSizeKb: 1.5\n'), [['maxFileSizeKb: must be a whole number.', '1.5']]);
    assert.deepEqual(problemsOf('exclude: vendor\n'), [['exclude: must be a list.', 'vendor']]);
    assert.deepEqual(problemsOf('exclude: ["  "]\n'), [['exclude[0]: must be a glob pattern, not blank.', '"  "']]);
    assert.deepEqual(problemsOf('appsReadSecretFiles: yes\n'), [['appsReadSecretFiles: must be true or false.', 'yes']]);
    assert.deepEqual(problemsOf('overrides:\n  - rules: {}\n'), [
      ['overrides[0]: needs "files" (the glob patterns of the files it applies to).', 'rules: {}\n'],
    ]);
    assert.deepEqual(problemsOf('overrides:\n  - files: []\n'), [['overrides[0].files: must list at least one glob pattern.', '[]']]);
    assert.deepEqual(problemsOf('- rules\n'), [['The file must be a mapping of settings.', '- rules\n']]);
  });

  it('reports a regular expression that does not compile, and YAML that does not parse', () => {
    assert.deepEqual(problemsOf('secretNames:\n  extra: ["(STRIPE"]\n'), [
      ['secretNames.extra[0]: not a valid regular expression (Unterminated group).', '"(STRIPE"'],
    ]);
    assert.deepEqual(problemsOf('overrides:\n  - files: [a]\n    secretNames: {ignore: ["[z-a]"]}\n').length, 1);
    const [[yamlMessage]] = problemsOf('rules: [\n');
    assert.match(yamlMessage, /^Not valid YAML: /);
    assert.match(problemsOf('rules:\n  env-dumped: off\n  env-dumped: error\n')[0][0], /^Not valid YAML: Map keys must be unique/);
    assert.match(problemsOf('a: 1\n---\nb: 2\n')[0][0], /^Not valid YAML: /);
  });

  it('reports every problem, in the order of the text, and applies none of the file', () => {
    const parsed = parseProjectConfig('rules:\n  secret-logged: loud\nmountPath: x\nexlude: []\n');
    assert.equal(parsed.config, undefined);
    assert.deepEqual(
      parsed.problems.map((p) => p.start),
      [...parsed.problems.map((p) => p.start)].sort((a, b) => a - b),
    );
    assert.equal(parsed.problems.length, 3);
  });

  it('refuses a file far larger than any config, and survives alias bombs', () => {
    assert.match(parseProjectConfig(`# ${'x'.repeat(300 * 1024)}\n`).problems[0].message, /larger than 256 KiB/);
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 12 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${`*${String.fromCharCode(97 + i)}, `.repeat(9)}*${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    assert.ok(parseProjectConfig(bomb).problems.length > 0);
    // Nesting deeper than the parser's stack: problems, not a crash, and not hundreds of them.
    const deep = parseProjectConfig('['.repeat(100_000));
    assert.equal(deep.problems.length, 20);
    assert.match(deep.problems[19].message, /\(and \d+ more problems\)$/);
    assert.match(parseProjectConfig('\u0000\u0001').problems[0].message, /^The file must be a mapping of settings/);
  });

  it('in an untrusted workspace, leaves out the name patterns (a repository may not plant a regex), with a note at each', () => {
    const text = 'rules: {env-dumped: off}\nsecretNames:\n  extra: ["(a+)+$"]\noverrides:\n  - files: [a]\n    secretNames: {ignore: [b]}\n    mountPath: /x\n';
    const parsed = parseProjectConfig(text, { untrusted: true });
    assert.deepEqual(parsed.config, { rules: { 'env-dumped': 'off' }, overrides: [{ files: ['a'], mountPath: '/x' }] });
    assert.deepEqual(
      parsed.notes?.map((n) => [n.message.split(':')[0], text.slice(n.start, n.end)]),
      [
        ['secretNames', 'secretNames'],
        ['overrides[0].secretNames', 'secretNames'],
      ],
    );
    assert.match(parsed.notes?.[0].message ?? '', /not applied, as this workspace is not trusted/);
    assert.equal(parseProjectConfig(text).notes, undefined, 'trusted: everything applies');
    assert.deepEqual(parseProjectConfig(text).config?.secretNames, { extra: ['(a+)+$'] });
  });

  it('prints problems as file:line:column: message', () => {
    const text = 'rules:\n  secret-logged: of\n';
    const loaded: LoadedConfig = { file: '/x/.secret-hints.yaml', dir: '/x', text, ...parseProjectConfig(text) };
    assert.deepEqual(describeProblems(loaded, '.secret-hints.yaml'), [
      '.secret-hints.yaml:2:18: rules.secret-logged: "of" is not one of off, hint, information, warning, error.',
    ]);
  });
});

describe('the generated validator and the published schema', () => {
  const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/secret-hints.schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addVocabulary([...EDITOR_KEYWORDS]);
  const published = ajv.compile(schema);

  it('is the schema the engine describes', () => {
    assert.deepEqual(schema, projectConfigSchema(RULES));
  });

  it('accept and refuse the same documents', () => {
    const documents = [
      '',
      'rules: {secret-logged: warning}',
      'rules: {secret-logged: loud}',
      'rules: {nope: off}',
      'rules: []',
      'secretNames: {extra: [a], ignore: [b]}',
      'secretNames: {extra: a}',
      'secretNames: {other: [a]}',
      'exclude: [a, "b/**"]',
      'exclude: [1]',
      'mountPath: /x',
      'mountPath: x',
      'appsReadSecretFiles: false',
      'appsReadSecretFiles: 1',
      'maxFileSizeKb: 1',
      'maxFileSizeKb: -3',
      'overrides: [{files: [a], rules: {env-dumped: hint}, mountPath: /y, maxFileSizeKb: 2}]',
      'overrides: [{files: [a], exclude: [b]}]',
      'overrides: [{rules: {}}]',
      'overrides: {}',
      'x: 1',
      '[1, 2]',
      '"text"',
    ];
    for (const text of documents) {
      const data: unknown = parseDocument(text).toJS() ?? {};
      assert.equal(parseProjectConfig(text).config !== undefined, published(data), text);
    }
  });
});

describe('a mutated config file (property test)', () => {
  const seeds = [
    'rules:\n  secret-logged: warning\n  env-dumped: off\nsecretNames:\n  extra: ["^STRIPE_"]\n  ignore: [_ID$]\nexclude: [vendor, "**/*.gen.py"]\nmountPath: /run/secrets\nappsReadSecretFiles: true\nmaxFileSizeKb: 512\noverrides:\n  - files: ["legacy/**"]\n    rules: {secret-env-read: off}\n',
    '{"rules": {"secret-logged": "hint"}, "exclude": ["a/**"], "overrides": [{"files": ["b"], "mountPath": "/x"}]}\n',
  ];
  const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/secret-hints.schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addVocabulary([...EDITOR_KEYWORDS]);
  const published = ajv.compile(schema);

  it('never throws; problems lie inside the text; a valid result is valid by the published schema', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (seed, mutations, untrusted) => {
        const text = applyAll(seed, mutations);
        const parsed = parseProjectConfig(text, { untrusted });
        for (const p of [...parsed.problems, ...(parsed.notes ?? [])]) {
          assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length, `range ${p.start}-${p.end} in ${text.length}`);
          assert.ok(p.message.length > 0);
        }
        assert.ok(parsed.problems.length <= 20);
        if (parsed.config) assert.ok(published(parsed.config), JSON.stringify(published.errors));
        else assert.ok(parsed.problems.length > 0, 'an invalid file says why');
      }),
      { seed: PROPERTY_SEED, numRuns: 1500 },
    );
  });
});

describe('combining a config with other settings', () => {
  it('replaces a rule’s severity and single values, and adds name patterns', () => {
    const base = defaultSettings();
    base.rules = { 'secret-logged': 'off', 'env-dumped': 'hint' };
    base.secretNames.extra = ['^EDITOR_'];
    const merged = withConfig(base, [
      { rules: { 'secret-logged': 'error' }, secretNames: { extra: ['^FILE_'], ignore: ['_ID$'] }, mountPath: '/run/secrets/' },
      { files: ['legacy/**'], rules: { 'env-dumped': 'off' }, maxFileSizeKb: 10 },
    ] as never);
    assert.deepEqual(merged.rules, { 'secret-logged': 'error', 'env-dumped': 'off' });
    assert.deepEqual(merged.secretNames, { extra: ['^EDITOR_', '^FILE_'], ignore: ['_ID$'] });
    assert.equal(merged.mountPath, '/run/secrets');
    assert.equal(merged.maxFileSizeKb, 10);
    assert.deepEqual(base.rules, { 'secret-logged': 'off', 'env-dumped': 'hint' }, 'the base is not changed');
    assert.equal(withConfig(base, []), base);
  });
});

describe('which config governs a file', () => {
  const trees = new TempTrees();
  after(trees.removeAll);

  const root = trees.write({
    '.secret-hints.yaml':
      'rules: {secret-logged: warning}\nexclude: [vendor, "**/*.generated.py"]\noverrides:\n  - files: ["legacy/**"]\n    rules: {secret-env-read: off}\n  - files: ["legacy/keep/**"]\n    rules: {secret-env-read: error}\n',
    'app/main.py': '',
    'app/out.generated.py': '',
    'legacy/old.py': '',
    'legacy/keep/k.py': '',
    'vendor/lib/.secret-hints.yaml': 'rules: {}\n',
    'vendor/lib/v.py': '',
    'sub/.secret-hints.json': '{"rules": {"env-dumped": "hint"}}',
    'sub/s.py': '',
    'two/.secret-hints.yaml': '',
    'two/.secret-hints.yml': '',
    'two/t.py': '',
    'bad/.secret-hints.yaml': 'rules: {secret-logged: loud}\n',
    'bad/b.py': '',
  });
  const at = (rel: string) => path.join(root, rel);

  it('the nearest folder’s file, with the overrides that match (later ones win)', async () => {
    const configs = new ProjectConfigs();
    const base = defaultSettings();
    const main = await configs.forFile(at('app/main.py'));
    assert.equal(main.config?.file, at('.secret-hints.yaml'));
    assert.deepEqual(configs.settingsFor(base, main).rules, { 'secret-logged': 'warning' });
    assert.deepEqual(configs.settingsFor(base, await configs.forFile(at('legacy/old.py'))).rules, { 'secret-logged': 'warning', 'secret-env-read': 'off' });
    assert.deepEqual(configs.settingsFor(base, await configs.forFile(at('legacy/keep/k.py'))).rules, {
      'secret-logged': 'warning',
      'secret-env-read': 'error',
    });
    // The nearest file is the whole truth: nothing of the root file applies under sub/.
    const sub = await configs.forFile(at('sub/s.py'));
    assert.equal(sub.config?.file, at('sub/.secret-hints.json'));
    assert.deepEqual(configs.settingsFor(base, sub).rules, { 'env-dumped': 'hint' });
    // Files with the same config and overrides share one settings object.
    assert.equal(configs.settingsFor(base, main), configs.settingsFor(base, await configs.forFile(at('app/other.py'))));
  });

  it('excludes what the file excludes, and folders a config above excludes even when they hold their own', async () => {
    const configs = new ProjectConfigs();
    assert.equal((await configs.forFile(at('app/main.py'))).excluded, false);
    assert.equal((await configs.forFile(at('app/out.generated.py'))).excluded, true);
    assert.equal((await configs.forFile(at('vendor/lib/v.py'))).excluded, true);
    assert.equal(await configs.excluded(at('vendor'), true), true);
    assert.equal(await configs.excluded(at('legacy'), true), false);
    const walked = await collectFiles([root], [], undefined, { projectExclusions: configs });
    assert.deepEqual(walked.files.map((f) => path.relative(root, f).split(path.sep).join('/')).sort(), [
      'app/main.py',
      'bad/b.py',
      'legacy/keep/k.py',
      'legacy/old.py',
      'sub/s.py',
      'two/t.py',
    ]);
  });

  it('reports invalid files: a wrong value, two files in one folder, a missing --config', async () => {
    const configs = new ProjectConfigs();
    await configs.forFile(at('bad/b.py'));
    await configs.forFile(at('two/t.py'));
    await configs.forFile(at('app/main.py'));
    const invalid = await configs.invalid();
    assert.deepEqual(
      invalid.map((c) => [path.relative(root, c.file), c.problems.map((p) => p.message)]),
      [
        [path.join('bad', '.secret-hints.yaml'), ['rules.secret-logged: "loud" is not one of off, hint, information, warning, error.']],
        [path.join('two', '.secret-hints.yaml'), ['Two project config files in one folder (.secret-hints.yaml, .secret-hints.yml): keep one.']],
      ],
    );
    // An invalid file governs its files with nothing (not half of it).
    assert.deepEqual((await configs.forFile(at('bad/b.py'))).layers, []);
    const missing = new ProjectConfigs({ explicit: at('nope.yaml') });
    await missing.nearest(root);
    assert.deepEqual(
      (await missing.invalid()).map((c) => c.problems[0].message),
      ['The file cannot be read.'],
    );
  });

  it('--config governs every file from its own folder; --no-config reads none', async () => {
    const explicit = new ProjectConfigs({ explicit: at('sub/.secret-hints.json') });
    const governed = await explicit.forFile(at('app/main.py'));
    assert.equal(governed.config?.file, at('sub/.secret-hints.json'));
    assert.equal((await explicit.forFile(at('vendor/lib/v.py'))).excluded, false);
    const none = new ProjectConfigs({ disabled: true });
    assert.deepEqual(await none.forFile(at('app/out.generated.py')), { config: undefined, excluded: false, layers: [], key: '' });
  });

  it('reads each folder once, and again after clear()', async () => {
    const loaded: string[] = [];
    const configs = new ProjectConfigs({ onLoad: (c) => loaded.push(path.relative(root, c.file)) });
    await configs.forFile(at('app/main.py'));
    await configs.forFile(at('app/out.generated.py'));
    await configs.forFile(at('legacy/old.py'));
    assert.deepEqual(loaded, ['.secret-hints.yaml']);
    configs.clear();
    await configs.forFile(at('app/main.py'));
    assert.deepEqual(loaded, ['.secret-hints.yaml', '.secret-hints.yaml']);
  });
});

describe('completion in a config file', () => {
  /** The labels offered at the end of `text`. */
  const at = (text: string) => completeConfig(text, text.length).map((c) => c.label);
  const SETTINGS = ['rules', 'secretNames', 'mountPath', 'appsReadSecretFiles', 'maxFileSizeKb', 'exclude', 'overrides'];
  const SEVERITIES = ['off', 'hint', 'information', 'warning', 'error'];

  it('offers the settings at the top, rule ids under rules, and the name lists under secretNames', () => {
    assert.deepEqual(at(''), SETTINGS);
    assert.deepEqual(at('# team settings\nrul'), SETTINGS);
    assert.deepEqual(
      at('rules:\n  '),
      RULES.map((r) => r.id),
    );
    assert.deepEqual(
      at('rules:\n  secret-logged: warning\n  # more\n\n  env'),
      RULES.map((r) => r.id),
    );
    assert.deepEqual(at('secretNames:\n  '), ['extra', 'ignore']);
    const [rule] = completeConfig('rules:\n  ', 9);
    assert.equal(rule.insertText, `${RULES[0].id}: `);
    assert.match(rule.documentation ?? '', /Default: `warning`\.$/);
  });

  it('offers severities and true/false where a value goes', () => {
    assert.deepEqual(at('rules:\n  secret-logged: '), SEVERITIES);
    assert.deepEqual(at('rules:\n  secret-logged: wa'), SEVERITIES);
    assert.deepEqual(at('appsReadSecretFiles: '), ['true', 'false']);
    assert.deepEqual(at('mountPath: '), []);
  });

  it('follows list items of overrides, indented or not', () => {
    const OVERRIDE = ['files', 'rules', 'secretNames', 'mountPath', 'appsReadSecretFiles', 'maxFileSizeKb'];
    assert.deepEqual(at('overrides:\n  - '), OVERRIDE);
    assert.deepEqual(at('overrides:\n  - files: [a]\n    '), OVERRIDE);
    assert.deepEqual(at('overrides:\n  - files: [a]\n    rules:\n      env-dumped: '), SEVERITIES);
    assert.deepEqual(at('overrides:\n- files: [a]\n  appsReadSecretFiles: '), ['true', 'false']);
    assert.deepEqual(
      at('overrides:\n  - files: [a]\n  - files: [b]\n    rules:\n      '),
      RULES.map((r) => r.id),
    );
    assert.deepEqual(at('overrides:\n  - files: [a]\nre'), SETTINGS, 'back at the top after the list');
  });

  it('offers nothing where it cannot tell the place: flow collections, list entries, values it does not know', () => {
    assert.deepEqual(at('rules: {secret-logged: '), []);
    assert.deepEqual(at('exclude:\n  - '), []);
    assert.deepEqual(at('rules: x\n  '), []);
    assert.deepEqual(at('unknown:\n  '), []);
  });
});
