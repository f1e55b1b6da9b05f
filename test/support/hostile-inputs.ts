// Hostile inputs, generated at test time (never committed as huge files): alias bombs, deep nesting,
// huge and many-document files, binary, NUL bytes, lone surrogates, tabs, unterminated constructs,
// and code files that stress parsers. Every harness iterates over this catalogue, so a new category
// (or a new language's inputs) is one entry here.

export interface HostileInput {
  category: string;
  name: string;
  /** Decides the language: `.yaml` manifests, `.py`/`.ts`/`.js` code (analysed once code rules land). */
  path: string;
  languageId: string;
  text: string;
  /**
   * `true`: the engine must skip the input with a single problem (size, NUL bytes, or the work limit).
   * Whether it is skipped never depends on the machine: the work limit is counted, not timed.
   */
  skipped?: boolean;
}

const POD_HEAD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: hostile\n';

/** A pod with one Secret-fed env var, so an analysis that gets through has something to find. */
export function secretPod(name = 'hostile'): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: app\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef: {name: db, key: password}\n`;
}

function yaml(category: string, name: string, text: string, skipped: HostileInput['skipped'] = false): HostileInput {
  return { category, name, path: `/tmp/secret-hints-hostile/${name}.yaml`, languageId: 'yaml', text, skipped };
}

function dockerfile(category: string, name: string, text: string): HostileInput {
  return { category, name, path: `/tmp/secret-hints-hostile/${name}/Dockerfile`, languageId: 'dockerfile', text };
}

function compose(category: string, name: string, text: string): HostileInput {
  return { category, name, path: `/tmp/secret-hints-hostile/${name}/compose.yaml`, languageId: 'dockercompose', text };
}

function code(category: string, name: string, ext: 'py' | 'ts' | 'js', text: string): HostileInput {
  const languageId = ext === 'py' ? 'python' : ext === 'ts' ? 'typescript' : 'javascript';
  return { category, name, path: `/tmp/secret-hints-hostile/${name}.${ext}`, languageId, text };
}

/** Billion laughs: each level aliases the previous one nine times. */
function billionLaughs(levels: number): string {
  let text = `${POD_HEAD}a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n`;
  for (let i = 1; i < levels; i++)
    text += `a${i}: &a${i} [${Array(9)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  return text;
}

/** The bomb aimed at our own walk: nested `List`s whose items alias the level below ten times over. */
function listAliasBomb(levels: number): string {
  let text = 'apiVersion: v1\nkind: List\n';
  text +=
    'l0: &l0 {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, env: [{name: API_TOKEN, valueFrom: {secretKeyRef: {name: s, key: k}}}]}]}}\n';
  for (let i = 1; i < levels; i++)
    text += `l${i}: &l${i} {kind: List, items: [${Array(10)
      .fill(`*l${i - 1}`)
      .join(', ')}]}\n`;
  return (
    text +
    `items: [${Array(10)
      .fill(`*l${levels - 1}`)
      .join(', ')}]\n`
  );
}

function deepBlock(depth: number, item: (indent: string, i: number) => string): string {
  const parts = [POD_HEAD, 'spec:\n'];
  for (let i = 1; i <= depth; i++) parts.push(item(' '.repeat(i), i));
  return parts.join('');
}

/** Deterministic pseudo-random bytes (a tiny LCG): the same "binary file" on every run. */
export function pseudoRandomBytes(length: number, seed = 7): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

let catalogue: HostileInput[] | undefined;

/** The catalogue, built once per process (the 20 MB input is not cheap to build). */
export function hostileInputs(): HostileInput[] {
  catalogue ??= buildCatalogue();
  return catalogue;
}

export function hostileInput(name: string): HostileInput {
  const found = hostileInputs().find((i) => i.name === name);
  if (!found) throw new Error(`no hostile input named ${name}`);
  return found;
}

function buildCatalogue(): HostileInput[] {
  const pod = secretPod();
  return [
    yaml('alias bomb', 'billion-laughs', billionLaughs(10)),
    yaml('alias bomb', 'billion-laughs-40-levels', billionLaughs(40)),
    yaml('alias bomb', 'list-alias-bomb', listAliasBomb(8)),
    yaml('deep nesting', 'flow-seq-10000', `${POD_HEAD}spec: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`),
    yaml('deep nesting', 'flow-map-10000', `${POD_HEAD}spec: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`),
    yaml('deep nesting', 'flow-unclosed-10000', `${POD_HEAD}spec: ${'[{'.repeat(5_000)}\n`),
    // Compact block sequences nest 10,000 deep on one line; indented block maps that deep would need
    // 50 MB of indentation (over the size limit), so they go 1,500 deep.
    yaml('deep nesting', 'block-seq-10000-compact', `${POD_HEAD}spec:\n  ${'- '.repeat(10_000)}x\n`),
    yaml(
      'deep nesting',
      'block-map-1500',
      deepBlock(1_500, (ind, i) => `${ind}k${i}:\n`),
    ),
    yaml(
      'deep nesting',
      'block-seq-1500',
      deepBlock(1_500, (ind) => `${ind}-\n`),
    ),
    yaml('size', '20-mb-manifest', pod + `# ${'x'.repeat(120)}\n`.repeat(170_000), true),
    yaml('size', '2-mb-single-line', `${pod}note: "${'a'.repeat(2_000_000)}"\n`),
    yaml('many documents', '100000-empty-documents', pod + '---\n'.repeat(100_000)),
    yaml('many documents', '100000-broken-documents', pod + '---\n"unterminated\n'.repeat(100_000)),
    // Within the size limit, over the work limit (each document costs more than its four characters).
    yaml('many documents', '1000000-empty-documents', pod + '---\n'.repeat(1_000_000), true),
    yaml('many documents', '1000-broken-documents', pod + '---\n"unterminated\n'.repeat(1_000)),
    yaml('binary', 'random-bytes', pseudoRandomBytes(64 * 1024).toString('latin1'), true),
    yaml(
      'binary',
      'random-bytes-no-nul',
      pseudoRandomBytes(64 * 1024)
        .toString('latin1')
        .replace(/\0/g, '\u0001'),
    ),
    yaml('NUL bytes', 'nul-in-manifest', pod.replace('name: app', 'name: a\u0000pp'), true),
    yaml('lone surrogates', 'lone-surrogates', pod.replace('DB_PASSWORD', 'DB_\uD800PASS\uDFFFWORD').replace('name: db', 'name: "\uDBFF"')),
    yaml('lone surrogates', 'astral-and-surrogates', `# \u{1F600}\uD83D\n${pod}`),
    yaml('tabs', 'tab-indentation', pod.replace(/\n {6}/g, '\n\t\t\t')),
    yaml('tabs', 'tab-after-dash', pod.replace('- name: DB_PASSWORD', '-\tname: DB_PASSWORD')),
    yaml('unterminated', 'double-quote', pod.replace('key: password}', 'key: "password}')),
    yaml('unterminated', 'single-quote', `${pod}extra: 'never closed\n`),
    yaml('unterminated', 'flow-seq', pod.replace('{name: db, key: password}', '[name, db')),
    yaml('unterminated', 'flow-map', pod.replace('{name: db, key: password}', '{name: db, key: password')),
    yaml(
      'markup',
      'markdown-and-html-in-names',
      pod.replace('DB_PASSWORD', '"![x](https://example.invalid/p.png)[click](https://example.invalid)<img src=https://example.invalid/i.png>"'),
    ),
    yaml('control characters', 'terminal-escapes-in-names', pod.replace('DB_PASSWORD', '"DB_PASSWORD\\e]0;pwned\\a\\r\\nforged: line"')),
    code('code: size', 'python-50000-lines', 'py', 'import os\n' + 'x = os.environ.get("DB_PASSWORD")\n'.repeat(50_000)),
    code('code: nesting', 'python-deep-expression', 'py', `import os\nx = ${'('.repeat(1_000)}os.environ["API_TOKEN"]${')'.repeat(1_000)}\n`),
    code('code: nesting', 'ts-deep-expression', 'ts', `const x = ${'['.repeat(1_000)}process.env.API_TOKEN${']'.repeat(1_000)};\n`),
    code('code: minified', 'js-minified-bundle', 'js', `var a=process.env.API_TOKEN;${'function f(b){return b+1};'.repeat(40_000)}console.log(a);`),
    code('code: syntax errors', 'python-syntax-errors', 'py', 'import os\ndef f(:\n  print(os.environ["DB_PASSWORD"]\n'),
    code('code: syntax errors', 'ts-syntax-errors', 'ts', 'const { API_TOKEN } = process.env\nfunction (\nconsole.log(API_TOKEN\n'),
    // Dockerfiles: the parser's own per-instruction lookups are quadratic, ours must not be.
    dockerfile('dockerfile: size', 'dockerfile-50000-runs', `FROM alpine\nARG NPM_TOKEN\n${'RUN echo $NPM_TOKEN && env\n'.repeat(50000)}`),
    dockerfile(
      'dockerfile: size',
      'dockerfile-20000-secret-envs',
      `FROM alpine\n${Array.from({ length: 20000 }, (_, i) => `ENV API_KEY_${i}=abc${i}xyz`).join('\n')}\n`,
    ),
    dockerfile(
      'dockerfile: stages',
      'dockerfile-5000-stage-chain',
      Array.from({ length: 5000 }, (_, i) => `FROM s${i - 1} AS s${i}\nARG GITHUB_TOKEN\nRUN env`).join('\n'),
    ),
    dockerfile('dockerfile: unterminated', 'dockerfile-open-heredoc', `FROM alpine\nARG NPM_TOKEN\nRUN <<EOF\n${'set -x; echo $NPM_TOKEN\n'.repeat(20000)}`),
    dockerfile('dockerfile: unterminated', 'dockerfile-dangling-continuation', `FROM alpine\nENV API_KEY=x \\\n${'\\\n'.repeat(50000)}`),
    dockerfile('dockerfile: references', 'dockerfile-nested-references', `FROM alpine\nRUN echo ${'${'.repeat(50000)}\n`),
    compose(
      'compose: size',
      'compose-20000-services',
      `services:\n${Array.from({ length: 20000 }, (_, i) => `  s${i}:\n    image: x\n    environment:\n      LOG_LEVEL: info\n`).join('')}  last:\n    image: x\n    environment:\n      API_KEY: \${API_KEY}\n`,
    ),
    compose('compose: aliases', 'compose-merge-cycle', 'x: &e\n  <<: *e\nservices:\n  s:\n    image: x\n    environment:\n      <<: *e\n      API_KEY: x\n'),
  ];
}

/** Problems that mean the file was not analysed at all. */
export const SKIP_CODES: readonly string[] = ['file-too-large', 'not-text', 'analysis-budget', 'analysis-timeout'];

/** A skipped input reports exactly one skip problem (never a time-out: nothing here is near the guard); others none. */
export function acceptableSkip(input: HostileInput, problemCodes: readonly (string | number | undefined)[]): boolean {
  if (input.skipped) return problemCodes.length === 1 && SKIP_CODES.includes(String(problemCodes[0])) && problemCodes[0] !== 'analysis-timeout';
  return !problemCodes.some((c) => SKIP_CODES.includes(String(c)));
}
