// Mutations of real fixtures for property tests: byte flips (decoded as an editor would, with U+FFFD),
// truncation, line shuffles/duplication/deletion, re-indentation and YAML/code-significant insertions.
// Mutations are plain data, so fast-check can shrink them and print a failing case without the text.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';

export interface Seed {
  /** Path relative to the repository, shown in failures. */
  name: string;
  path: string;
  text: string;
}

/** Files every language's tests keep as fixtures; a new language's fixtures become seeds by existing. */
const SEED_FILE = /\.(ya?ml|py|[cm]?[jt]sx?|go|java|properties)$|^(?:Dockerfile|Containerfile)(?:\.[\w.-]+)?$|\.[Dd]ockerfile$/;
const MAX_SEED_BYTES = 256 * 1024;

export function fuzzSeeds(root: string, folders: readonly string[]): Seed[] {
  const seeds: Seed[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && SEED_FILE.test(entry.name) && statSync(full).size <= MAX_SEED_BYTES) {
        seeds.push({ name: path.relative(root, full), path: full, text: readFileSync(full, 'utf8') });
      }
    }
  };
  for (const folder of folders) walk(path.join(root, folder));
  return seeds;
}

/** Characters and tokens that change how YAML and code parse. */
const TOKENS = [
  '\t',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  ', ',
  ': ',
  '- ',
  '? ',
  '&a ',
  '*a',
  '<<: *a\n',
  '---\n',
  '...\n',
  '#',
  '|\n',
  '>-\n',
  '!!binary ',
  '\r',
  '\r\n',
  '\n',
  '\uD800',
  '\uDFFF',
  '\u{1F600}',
  '\uFEFF',
  '\u0000',
  '(',
  ')',
  '`',
  '${',
  '\\',
  '%YAML 1.1\n',
  // Dockerfile syntax: continuations, heredocs, flags, exec form, parser directives.
  '\\\n',
  '<<EOF\n',
  '\nEOF\n',
  '--mount=type=secret,id=x,env=',
  '["sh", "-c", "',
  '# syntax=docker/dockerfile:1.4\n',
  '\nFROM a AS b\n',
  '\nARG ',
  '\nENV ',
  '$$',
];

export type Mutation =
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'swap-lines'; a: number; b: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'delete-line'; at: number }
  | { kind: 'reindent'; at: number; delta: number }
  | { kind: 'insert'; at: number; token: string };

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fraction, mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fraction }),
  fc.record({ kind: fc.constant('swap-lines' as const), a: fraction, b: fraction }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fraction }),
  fc.record({ kind: fc.constant('delete-line' as const), at: fraction }),
  fc.record({ kind: fc.constant('reindent' as const), at: fraction, delta: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fraction, token: fc.constantFrom(...TOKENS) }),
);

const decoder = new TextDecoder('utf-8', { fatal: false });

export function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const line = (f: number) => Math.floor(f * lines.length);
  switch (m.kind) {
    case 'flip': {
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length === 0) return text;
      bytes[Math.floor(m.at * bytes.length)] ^= m.mask;
      return decoder.decode(bytes);
    }
    case 'truncate':
      return text.slice(0, Math.floor(m.at * text.length));
    case 'swap-lines': {
      const [i, j] = [line(m.a), line(m.b)];
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
    case 'duplicate-line':
      lines.splice(line(m.at), 0, lines[line(m.at)]);
      return lines.join('\n');
    case 'delete-line':
      lines.splice(line(m.at), 1);
      return lines.join('\n');
    case 'reindent': {
      const i = line(m.at);
      lines[i] = m.delta >= 0 ? ' '.repeat(m.delta) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-m.delta}}`), '');
      return lines.join('\n');
    }
    case 'insert': {
      const at = Math.floor(m.at * (text.length + 1));
      return text.slice(0, at) + m.token + text.slice(at);
    }
  }
}

export function applyAll(text: string, mutations: readonly Mutation[]): string {
  return mutations.reduce(mutate, text);
}
