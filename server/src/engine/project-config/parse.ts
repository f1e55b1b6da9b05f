// Reads a project config file's text (YAML; JSON is YAML too) into the settings it sets, or the problems
// that make it invalid, each at the place in the text it is about. Validation is the schema's (the
// generated Ajv code), worded for people; what a schema cannot say (a regular expression that does
// not compile) is checked after it. An invalid file is never half applied: it has no config at all.
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { SeveritySetting } from '../findings';
import { validate } from './schema-check.generated';
import { MAX_PROJECT_CONFIG_BYTES, schemaFor } from './schema';

/** One reason the file is invalid, at a range of its text (offsets). */
export interface ConfigProblem {
  message: string;
  start: number;
  end: number;
}

/** The analysis settings a file (or one of its overrides) sets; what it leaves out is undefined. */
export interface PartialSettings {
  rules?: Record<string, SeveritySetting>;
  secretNames?: { extra?: string[]; ignore?: string[] };
  mountPath?: string;
  appsReadSecretFiles?: boolean;
  maxFileSizeKb?: number;
}

export interface ConfigOverride extends PartialSettings {
  files: string[];
}

/** A valid project config, as written (paths and globs are relative to the file's folder). */
export interface ProjectConfig extends PartialSettings {
  exclude?: string[];
  overrides?: ConfigOverride[];
}

export type ParsedConfig = ({ config: ProjectConfig; problems: [] } | { config: undefined; problems: ConfigProblem[] }) & {
  /** What was left out of a valid file, and why (the user is told, but the file is not invalid). */
  notes?: ConfigProblem[];
};

export interface ParseOptions {
  /**
   * The workspace is not trusted (VS Code's workspace trust): the file's name patterns are left out — a
   * repository must not plant a regular expression the editor runs (one that backtracks for minutes).
   */
  untrusted?: boolean;
}

interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** The generated validator (schema-check.generated.ts): Ajv's calling convention, errors on the function. */
const check = validate as unknown as { (data: unknown): boolean; errors?: SchemaError[] | null };

export function parseProjectConfig(text: string, options: ParseOptions = {}): ParsedConfig {
  if (text.length > MAX_PROJECT_CONFIG_BYTES)
    return invalid([{ message: `The file is larger than ${MAX_PROJECT_CONFIG_BYTES / 1024} KiB; a project config is a few lines.`, start: 0, end: 0 }]);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  // yaml may place an error one past the end of the text (an unclosed flow collection): clamped.
  if (doc.errors.length > 0)
    return invalid(
      doc.errors.map((e) => {
        const [start, end] = clamp(e.pos[0], e.pos[1], text.length);
        return { message: `Not valid YAML: ${firstLine(e.message)}`, start, end };
      }),
    );
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {}; // an empty file sets nothing
  } catch (err) {
    return invalid([{ message: `Not valid YAML: ${firstLine(err instanceof Error ? err.message : String(err))}`, start: 0, end: 0 }]);
  }
  if (!check(data)) return invalid(schemaProblems(doc, data, check.errors ?? [], text.length));
  const problems = regexProblems(doc, data as ProjectConfig, text.length);
  if (problems.length > 0) return invalid(problems);
  return options.untrusted ? withoutNamePatterns(doc, data as ProjectConfig, text.length) : { config: data as ProjectConfig, problems: [] };
}

/** The config without its `secretNames` (top level and overrides), with a note at each one left out. */
function withoutNamePatterns(doc: Document, config: ProjectConfig, length: number): ParsedConfig {
  const notes: ConfigProblem[] = [];
  const note = (path: (string | number)[]) => {
    const [start, end] = keyRangeOf(doc, path, 'secretNames', length);
    notes.push({
      message: `${settingName([...path, 'secretNames'])}: not applied, as this workspace is not trusted (a repository may not set regular expressions the editor runs). Trust the workspace to apply it.`,
      start,
      end,
    });
  };
  const { secretNames, ...rest } = config;
  if (secretNames) note([]);
  const overrides = rest.overrides?.map((o, i) => {
    const { secretNames: names, ...kept } = o;
    if (names) note(['overrides', i]);
    return kept;
  });
  return { config: overrides ? { ...rest, overrides } : rest, problems: [], notes };
}

/** At most this many problems are reported (a file that is not a config at all has hundreds). */
const MAX_PROBLEMS = 20;

function invalid(problems: ConfigProblem[]): ParsedConfig {
  if (problems.length <= MAX_PROBLEMS) return { config: undefined, problems };
  const shown = problems.slice(0, MAX_PROBLEMS);
  const last = shown[MAX_PROBLEMS - 1];
  shown[MAX_PROBLEMS - 1] = { ...last, message: `${last.message} (and ${problems.length - MAX_PROBLEMS} more problems)` };
  return { config: undefined, problems: shown };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** One problem per place (a wrong value fails its type and its enum: the first says it), in text order. */
function schemaProblems(doc: Document, data: unknown, errors: readonly SchemaError[], length: number): ConfigProblem[] {
  const seen = new Set<string>();
  const problems: ConfigProblem[] = [];
  for (const error of errors) {
    const path = pathOf(error.instancePath);
    const extra = error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : undefined;
    const key = extra === undefined ? error.instancePath : `${error.instancePath}/${extra}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const [start, end] = extra === undefined ? rangeOf(doc, path, length) : keyRangeOf(doc, path, extra, length);
    const message = describeError(error, data, path, extra);
    problems.push({ message: path.length === 0 ? `The file ${message.replace(/^unknown/, 'has an unknown')}` : message, start, end });
  }
  return problems.sort((a, b) => a.start - b.start);
}

function describeError(error: SchemaError, data: unknown, path: (string | number)[], extra: string | undefined): string {
  const where = path.length > 0 ? `${settingName(path)}: ` : '';
  switch (error.keyword) {
    case 'additionalProperties': {
      const known = Object.keys(schemaFor(path).properties ?? {}).filter((k) => k !== '$schema');
      const what = path[path.length - 1] === 'rules' ? 'unknown rule' : 'unknown setting';
      const close = closest(extra ?? '', known);
      return `${where}${what} "${extra}"${close ? ` (did you mean "${close}"?)` : ''}. Known: ${known.join(', ')}.`;
    }
    case 'enum':
      return `${where}"${String(valueAt(data, path))}" is not one of ${(error.params.allowedValues as string[]).join(', ')}.`;
    case 'type':
      return `${where}must be ${TYPE_WORDS[String(error.params.type)] ?? String(error.params.type)}.`;
    case 'pattern':
      return `${where}${lowerFirst(String(schemaFor(path).patternErrorMessage ?? 'Not a valid value.'))}`;
    case 'minimum':
      return `${where}must be at least ${String(error.params.limit)}.`;
    case 'minItems':
      return `${where}must list at least one glob pattern.`;
    case 'required':
      return `${where}needs "${String(error.params.missingProperty)}" (the glob patterns of the files it applies to).`;
    default:
      return `${where}invalid (${error.keyword}).`;
  }
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let at = data;
  for (const part of path) at = (at as Record<string | number, unknown> | undefined)?.[part];
  return at;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping of settings',
  array: 'a list',
  string: 'text',
  boolean: 'true or false',
  integer: 'a whole number',
};

/** `overrides[0].rules.secret-env-read`: how the docs name a setting. */
function settingName(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function pathOf(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The known key a typo most likely meant (edit distance at most a third of its length), if any. */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Math.abs(a.length - b.length);
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** Regular expressions in the name lists that do not compile (JavaScript syntax, as the engine uses them). */
function regexProblems(doc: Document, config: ProjectConfig, length: number): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const check = (names: PartialSettings['secretNames'], prefix: (string | number)[]) => {
    for (const list of ['extra', 'ignore'] as const) {
      (names?.[list] ?? []).forEach((pattern, i) => {
        try {
          new RegExp(pattern, 'i');
        } catch (err) {
          const path = [...prefix, 'secretNames', list, i];
          const [start, end] = rangeOf(doc, path, length);
          const reason = (err instanceof Error ? err.message : String(err)).replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '');
          problems.push({ message: `${settingName(path)}: not a valid regular expression (${reason}).`, start, end });
        }
      });
    }
  };
  check(config.secretNames, []);
  config.overrides?.forEach((o, i) => check(o.secretNames, ['overrides', i]));
  return problems;
}

/** The range of the node at `path` (the closest existing ancestor's when it is missing; the file's start at worst). */
function rangeOf(doc: Document, path: readonly (string | number)[], length: number): [number, number] {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
    const range = node && (isScalar(node) || isMap(node) || isSeq(node)) ? node.range : undefined;
    if (range) return clamp(range[0], n === path.length ? range[1] : range[0], length);
  }
  return [0, 0];
}

/** The range of the key `key` in the mapping at `path`. */
function keyRangeOf(doc: Document, path: readonly (string | number)[], key: string, length: number): [number, number] {
  const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (isMap(map)) {
    const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
    if (range) return clamp(range[0], range[1], length);
  }
  return rangeOf(doc, path, length);
}

function clamp(start: number, end: number, length: number): [number, number] {
  const s = Math.min(Math.max(0, start), length);
  return [s, Math.min(Math.max(s, end), length)];
}
