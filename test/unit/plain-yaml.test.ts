// The fast path for plain block YAML (engine/k8s/plain-yaml.ts) must compose exactly what `yaml` composes
// — node classes, values, types, sources, formats, tags, every range, the documents' ranges and markers —
// or decline. Streams are generated inside and outside the subset (comments anywhere, block scalars,
// anchors, escapes, flow collections, odd indentation, tabs, CR line ends, `...`, directives) and
// mutated; every document of every stream is compared with `yaml`'s parseAllDocuments. The tests also
// check that the fast path is taken: a comparison that only ever saw `yaml` on both sides would pass.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isAlias, isPair, isScalar, parseAllDocuments } from 'yaml';
import { manifest } from '../../bench/generate';
import { PARSE_OPTIONS } from '../../server/src/engine/k8s/incremental';
import { PlainComposer } from '../../server/src/engine/k8s/plain-yaml';
import { parseAllDocumentsWithin } from '../../server/src/engine/k8s/yaml-stream';
import { fuzzSeeds } from '../support/fuzz-mutations';
import { REPO_ROOT } from '../support/lsp-client';
import { PROPERTY_SEED } from '../support/property-seed';

/** What the engine may read of a node: everything but comments. */
function shape(n: unknown): unknown {
  if (n === null || n === undefined) return n;
  if (isPair(n)) return ['pair', shape(n.key), shape(n.value)];
  const node = n as { constructor: { name: string }; range?: unknown; tag?: unknown; anchor?: unknown };
  const base = { cls: node.constructor.name, range: node.range, tag: node.tag, anchor: node.anchor };
  if (isScalar(n)) {
    const value = typeof n.value === 'bigint' ? `${n.value}n` : Number.isNaN(n.value) ? 'NaN' : n.value;
    return { ...base, value, type: n.type, source: n.source, format: n.format, minFractionDigits: n.minFractionDigits };
  }
  if (isAlias(n)) return { ...base, source: n.source };
  const c = n as { flow?: boolean; items: unknown[] };
  return { ...base, flow: c.flow, items: c.items.map(shape) };
}

function docShape(d: {
  range: unknown;
  directives: { docStart: unknown };
  errors: { code: string; pos: unknown }[];
  warnings: { code: string; pos: unknown }[];
  contents: unknown;
}) {
  return {
    range: d.range,
    docStart: d.directives.docStart,
    errors: d.errors.map((e) => [e.code, e.pos]),
    warnings: d.warnings.map((e) => [e.code, e.pos]),
    contents: shape(d.contents),
  };
}

/**
 * Undefined when the stream composes as `yaml` composes it; else where they part. `quiet`: only the
 * offset (fixtures hold secret-like values that a failure message must not print).
 */
function difference(text: string, quiet = false): string | undefined {
  const ours = JSON.stringify(parseAllDocumentsWithin(text, PARSE_OPTIONS, undefined).map(docShape));
  const theirs = JSON.stringify(Array.from(parseAllDocuments(text, PARSE_OPTIONS) as Iterable<Parameters<typeof docShape>[0]>).map(docShape));
  if (ours === theirs) return undefined;
  let i = 0;
  while (ours[i] === theirs[i]) i++;
  if (quiet) return `the composed documents differ at character ${i} of their JSON`;
  return `${JSON.stringify(text)}\n ours: …${ours.slice(Math.max(0, i - 150), i + 150)}\nyaml: …${theirs.slice(Math.max(0, i - 150), i + 150)}`;
}

/** Whether a document's text has a comment line after its first content line. */
function commentInside(region: string): boolean {
  const lines = region.split('\n').filter((l) => !/^---/.test(l));
  const first = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  return first >= 0 && lines.slice(first + 1).some((l) => l.trim().startsWith('#'));
}

/**
 * How many documents of `text` the fast path composes (of them, with comment lines inside the content),
 * and how many it declines.
 */
function fastDocuments(text: string): { fast: number; declined: number; commented: number; blocks: number } {
  const composer = new PlainComposer(text, PARSE_OPTIONS);
  const starts = [0, ...[...text.matchAll(/^---(?=[ \n]|$)/gm)].map((m) => m.index)].filter((v, i, a) => a.indexOf(v) === i);
  let fast = 0;
  let declined = 0;
  let commented = 0;
  let blocks = 0;
  starts.forEach((start, i) => {
    const end = starts[i + 1] ?? text.length;
    const doc = composer.compose(start, end, text.startsWith('---', start));
    if (doc) {
      fast++;
      if (commentInside(text.slice(start, end))) commented++;
      if (/(?::|^ *-) +[|>][-+]?(?: .*)?$/m.test(text.slice(start, end))) blocks++;
    } else if (doc === undefined) declined++;
  });
  return { fast, declined, commented, blocks };
}

// Generated YAML: pieces in and out of the subset, chosen by a seeded fast-check run.
const KEYS = [
  'name',
  'value',
  'a b',
  'image',
  '80',
  'true',
  'null',
  '~',
  '0x1F',
  '1.5',
  '-1',
  'x#y',
  'é',
  'key.with.dots',
  'k/v',
  '.inf',
  '<<',
  'on',
  '"q"',
  "'s'",
  'a:b',
  '? k',
  '&a k',
  '!!str k',
  '[k]',
];
const SCALARS = [
  'info',
  'registry.example.com/app:1.2',
  '0644',
  '1e3',
  '+1',
  '0o17',
  '0x1f',
  '-.5',
  '.nan',
  '.Inf',
  '1_000',
  '12345678901234567890',
  'yes',
  'True',
  'NULL',
  '~',
  '--flag',
  '-',
  'a: b',
  'a:',
  'a #c',
  'a#c',
  'http://x:8080/y',
  'a  b',
  '"double"',
  '"with \\"escape\\""',
  '"tab\\there"',
  "'single'",
  "'it''s'",
  "''",
  '""',
  '"unclosed',
  '{name: a, key: b}',
  '{cpu: 500m, memory: 256Mi}',
  '[a, "b", 1]',
  '[]',
  '{}',
  '[ ]',
  '{ a: b }',
  '[a, ]',
  '[[a]]',
  '{a: [b]}',
  '{a: http://x}',
  '&anchor v',
  '*anchor',
  '!!str 1',
  '|',
  '>-',
  '%x',
  '@x',
  '`x`',
  '(x)',
  '=x',
  'ü',
  '',
];
const COMMENTS = ['', '', '', ' # trailing', '  #c', '#nospace'];
/** Half the streams keep to the subset, so that the fast path's own output is compared often. */
const CLEAN_KEYS = KEYS.slice(0, 11)
  .filter((k) => k !== 'x#y')
  .concat(['é', 'key.with.dots', 'k/v', '.inf', 'on']);
const CLEAN_SCALARS = SCALARS.slice(0, 22).concat([
  'http://x:8080/y',
  'a  b',
  'a#c',
  '"double"',
  "'single'",
  "'it''s'",
  "''",
  '""',
  '{name: a, key: b}',
  '[a, "b", 1]',
  '[]',
  '{}',
  '(x)',
  'ü',
  '',
  '{a: {b: c}, d: [1, 2]}',
  '[a, {b: "c"}]',
  '{x: []}',
  '|',
  '|-',
  '|+',
  '>',
  '>-',
  '>+',
  '| # header comment',
]);
const CLEAN_COMMENTS = ['', '', ' # trailing', '  #c'];

interface Gen {
  clean: boolean;
  pick<T>(xs: readonly T[]): T;
  int(max: number): number;
}

function block(g: Gen, indent: number, depth: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  const items = 1 + g.int(4);
  const isSeq = depth > 0 && g.int(3) === 0;
  const keys = g.clean ? CLEAN_KEYS : KEYS;
  const scalars = g.clean ? CLEAN_SCALARS : SCALARS;
  const comments = g.clean ? CLEAN_COMMENTS : COMMENTS;
  for (let i = 0; i < items; i++) {
    if (g.int(6) === 0) {
      const lines = 1 + g.int(3);
      for (let k = 0; k < lines; k++) {
        const comment = g.pick(['', '  ', `${pad}# comment`, `# low`, `${pad}    # deep`, `${pad}  # c`, ` # one`, `${' '.repeat(g.int(12))}#`]);
        out.push(g.clean || g.int(6) > 0 ? comment : '\t');
      }
    }
    const nested = depth < 4 && g.int(3) === 0;
    const head = isSeq ? `${pad}-${g.pick([' ', ' ', ' ', '   '])}` : `${pad}${g.pick(keys)}:`;
    if (nested) {
      if (isSeq && g.int(2) === 0) {
        // `- key: value` then more keys at the map's column
        const col = head.length;
        out.push(`${head}${g.pick(keys)}: ${g.pick(scalars)}${g.pick(comments)}`);
        block(g, col, depth + 1, out);
      } else {
        out.push(head.trimEnd() + g.pick(['', '', ' # after key', '   ', '  #']));
        const step = g.pick(g.clean ? [0, 2, 2, 4] : [0, 2, 2, 2, 4, 1, 3]);
        if (step === 0 && !isSeq) {
          const n = 1 + g.int(2);
          for (let k = 0; k < n; k++) out.push(`${pad}- ${g.pick(scalars)}${g.pick(comments)}`);
        } else block(g, indent + Math.max(step, 1), depth + 1, out);
      }
    } else {
      const value = g.pick(scalars);
      const sep = isSeq ? '' : g.pick([' ', ' ', ' ', '  ', '']);
      out.push(`${head}${value === '' ? '' : sep}${value}${g.pick(comments)}${g.pick(['', '', '  '])}`);
      if (/^[|>]/.test(value)) {
        // Content lines as the block's first line sets them, with blank, deeper and comment-like lines;
        // outside the subset also less indented ones and none at all.
        const inner = pad + ' '.repeat(g.pick([1, 2, 2, 4]));
        const n = g.clean ? 1 + g.int(4) : g.int(5);
        for (let k = 0; k < n; k++) {
          const first = k === 0 && g.clean;
          out.push(
            first
              ? `${inner}text line`
              : g.pick([`${inner}text line ${k}`, `${inner}  more indented`, '', `${inner}`, `${inner}# not a comment`, `${inner}a: b`, `${inner}- x`]),
          );
        }
        if (g.int(3) === 0) out.push(g.pick(g.clean ? ['', '  ', `${inner}   `] : ['', '  ', `${pad} less indented`, `${inner}   `]));
      }
      if (!g.clean && g.int(20) === 0) out.push(`${pad}  continued plain`);
    }
  }
}

function stream(g: Gen): string {
  const out: string[] = [];
  const docs = 1 + g.int(4);
  for (let d = 0; d < docs; d++) {
    if (d > 0 || g.int(3) === 0) out.push(g.pick(g.clean ? ['---', '---  '] : ['---', '---', '---  ', '--- # c', '---\t', '--- x', '...\n---']));
    if (g.int(2) === 0)
      out.push(
        g.pick(
          g.clean ? ['# Source: chart/templates/a.yaml', '', '  # indented lead'] : ['# Source: chart/templates/a.yaml', '', '  # indented lead', '%YAML 1.2'],
        ),
      );
    if (g.int(10) === 0) continue; // an empty document
    block(g, 0, 0, out);
    if (g.int(4) === 0) out.push(g.pick(g.clean ? ['', '', '  ', '# tail', '    # deep tail'] : ['', '', '  ', '# tail', '...']));
  }
  let text = out.join('\n') + g.pick(['\n', '\n', '']);
  if (!g.clean && g.int(15) === 0) text = text.replace(/\n/g, '\r\n');
  // A stream inside the subset with one character typed or deleted somewhere: the fast path's edges.
  if (g.clean && text.length > 0 && g.int(3) === 0) {
    const at = g.int(text.length);
    text =
      g.int(3) === 0
        ? text.slice(0, at) + text.slice(at + 1)
        : text.slice(0, at) + g.pick([' ', '#', ':', '-', '\n', '|', '"', "'", '{', '}', '[', ',', '>', 'x']) + text.slice(at);
  }
  return text;
}

const genArb = fc.array(fc.nat(1_000_000), { minLength: 400, maxLength: 400 }).map((choices) => {
  let i = 0;
  const next = () => choices[i++ % choices.length] + i;
  const g: Gen = { clean: choices[0] % 2 === 0, pick: (xs) => xs[next() % xs.length], int: (max) => next() % max };
  return stream(g);
});

describe('the fast path for plain block YAML', () => {
  it('composes the benchmark manifest as yaml does, and takes every one of its documents', () => {
    const text = manifest(3_000);
    assert.equal(difference(text), undefined);
    const { fast, declined } = fastDocuments(text);
    assert.equal(declined, 0);
    assert.ok(fast > 50, `${fast} documents composed by the fast path`);
  });

  it('composes generated streams exactly as yaml does (or declines): 3,000 streams', () => {
    let fast = 0;
    let declined = 0;
    let commented = 0;
    let blocks = 0;
    fc.assert(
      fc.property(genArb, (text) => {
        const d = difference(text);
        if (d) throw new Error(d);
        const counts = fastDocuments(text);
        fast += counts.fast;
        declined += counts.declined;
        commented += counts.commented;
        blocks += counts.blocks;
      }),
      { numRuns: 3_000, seed: PROPERTY_SEED, endOnFailure: true },
    );
    // Both sides of the comparison were exercised.
    assert.ok(fast > 500, `fast path took ${fast} documents`);
    assert.ok(commented > 200, `fast path took ${commented} documents with comment lines inside`);
    assert.ok(blocks > 100, `fast path took ${blocks} documents with block scalars`);
    assert.ok(declined > 500, `fast path declined ${declined} documents`);
  });

  it('composes the repository fixtures, mutated line by line, as yaml does', () => {
    const seeds = fuzzSeeds(REPO_ROOT, ['test/fixtures']).filter((s) => /\.ya?ml$/.test(s.name) && !s.name.includes('canary'));
    assert.ok(seeds.length > 20);
    let fast = 0;
    for (const seed of seeds) {
      assert.equal(difference(seed.text, true), undefined, seed.name);
      fast += fastDocuments(seed.text).fast;
      const lines = seed.text.split('\n');
      // Each line dropped in turn (a re-indentation, a lost key, a dangling value), up to 40 a file.
      for (let i = 0; i < Math.min(lines.length, 40); i++) {
        const text = [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
        const d = difference(text, true);
        assert.ok(d === undefined, `${seed.name} without line ${i + 1}: ${d}`);
      }
    }
    assert.ok(fast > 20, `fast path took ${fast} fixture documents`);
  });

  it('takes the comments and compact flow hand-written manifests have, with the ranges yaml gives them', () => {
    for (const text of [
      'a: 1\n# between keys\nb: 2\n',
      'spec:\n  containers:\n    - name: app\n      env:\n        # - name: DEBUG\n        #   value: "1"\n        - name: LEVEL\n          value: info\n',
      "env:\n- name: A\n  value: x\n  # trailing, at the map's column\n- name: B\n",
      'a:\n  b: 1\n      # right of the value\nc: 2\n',
      'a:\n  b: 1\n# at the end of the document\n',
      'a:\n  b: 1\n  # inside, at the end\n---\nc: 1\n',
      'env:\n  - name: A\n    valueFrom: # from a Secret\n      secretKeyRef: {name: s, key: k} # nested flow\n',
      'data:\n  app.conf: |\n    listen 80\n\n    # not a comment\n  run.sh: >-\n    echo one\n    echo two\n\n---\nargs:\n  - |\n    exec app\n',
    ]) {
      assert.equal(difference(text), undefined, JSON.stringify(text));
      const counts = fastDocuments(text);
      assert.ok(counts.declined === 0 && counts.fast > 0, `${JSON.stringify(text)}: ${JSON.stringify(counts)}`);
    }
  });

  it('composes the cases random seeds once found as yaml does', () => {
    for (const text of [
      // A block scalar whose last line, at the end of the text, is spaces alone: more than the block's indentation keeps it in.
      'a b: |\n text line\n  \n  ',
      '\u00e9: |+  #c  \n  text line\n  text line 1\n  \n  \n  ',
      'null:   \n    -1: | # trailing  \n        text line\n        # not a comment\n          more indented\n1.5: info\n         #\n  # c\nk/v:  >-  #c\n  text line\n     ',
    ]) {
      assert.equal(difference(text), undefined, JSON.stringify(text));
      assert.equal(fastDocuments(text).declined, 0, JSON.stringify(text));
    }
    // `yaml` gives an error at the start of a document to the document before it: that one, composed by
    // the fast path, must be `yaml`'s again.
    const stray = 'a: 1\n---\nb: 2\n---\n  # lead\n}    #\nc: 3\n';
    assert.equal(difference(stray), undefined);
    assert.ok(fastDocuments(stray).fast >= 2);
  });

  it('declines what it does not take instead of guessing', () => {
    for (const text of [
      'a: |2\n   text\n',
      'a: |\n\ttext\n',
      'a: &x 1\nb: *x\n',
      'a: "esc\\n"\n',
      'a:\n  b:\n  # after an empty value\n  c: 1\n',
      'a: # an empty value\nb: 1\n',
      `a: ${'['.repeat(40)}${']'.repeat(40)}\n`,
      'a: b\n  c\n',
      'a:\tb\n',
      'a: b\r\n',
      '  a: 1\n',
      '- - a\n',
      '-\n  a: 1\n',
      '? a\n: b\n',
      'a: b: c\n',
    ]) {
      assert.deepEqual(fastDocuments(text), { fast: 0, declined: 1, commented: 0, blocks: 0 }, JSON.stringify(text));
      assert.equal(difference(text), undefined, JSON.stringify(text));
    }
  });
});
