// A Docker Compose file as the rules see it: its services, each one's `environment:` entries (map or
// list form) with what their values are made of, its `env_file:` entries, `secrets:` list, image and
// entrypoint; and the file's top-level `secrets:`. Parsed with `yaml` keeping node ranges, so fixes
// are minimal text edits (k8s/fix/edits.ts), never a re-serialisation.
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Problem, TextRange } from '../../findings';
import type { BlockStyle } from '../../k8s/fix/emit';
import { documentStyle } from '../../k8s/fix/style';
import { asMap, deref, findPair, getString, isMergePair, keyName, pairsOf, reach, type Reached } from '../../k8s/nodes';
import { detectEol, LineIndex } from '../../text';

/** What an environment value is made of, as Compose reads it at `docker compose up`. */
export type EnvValue =
  /** `KEY` (list) or `KEY:` with no value: taken from the shell running Compose. */
  | { kind: 'passthrough' }
  /** Exactly one interpolation: `${VAR}`, `$VAR`, `${VAR:?err}`; `fallback` when it has a default (`${VAR:-x}`). */
  | { kind: 'interpolated'; source: string; fallback: boolean }
  /** Text with interpolations in it (`postgres://u:${PW}@db`): the variables it reads. */
  | { kind: 'composed'; sources: string[]; written: string }
  | { kind: 'literal'; text: string };

export interface EnvEntry {
  name: string;
  value: EnvValue;
  /** The map pair (`KEY: value`) or the list item (`- KEY=value`). */
  node: Pair | Scalar;
  form: 'map' | 'list';
  /** The whole entry, and its name within it (where findings start). */
  range: TextRange;
  nameRange: TextRange;
  /** Written in a block services share (`x-env: &env` merged or aliased in): reported there, not edited. */
  shared: boolean;
}

export interface EnvFileEntry {
  path: string;
  required: boolean;
  range: TextRange;
  shared: boolean;
}

export interface ComposeService {
  name: string;
  pair: Pair;
  map: YAMLMap;
  image: string | undefined;
  /** `entrypoint:` as written first word, if set: it replaces the image's entrypoint (which reads `*_FILE`). */
  entrypoint: string | undefined;
  environment: { pair: Pair; collection: YAMLMap | YAMLSeq } | undefined;
  entries: EnvEntry[];
  envFiles: EnvFileEntry[];
  /** The service's `secrets:` list, and what each item mounts: the secret and the file name under /run/secrets (`target`'s last part). */
  secrets: { pair: Pair; seq: YAMLSeq } | undefined;
  mounts: { secret: string; file: string; range: TextRange }[];
}

export interface ComposeContext {
  text: string;
  lines: LineIndex;
  doc: Document.Parsed;
  root: YAMLMap | undefined;
  services: ComposeService[];
  /** Top-level `secrets:`: its pair and each defined secret's source (`file`/`environment`). */
  topSecrets: { pair: Pair; map: YAMLMap | undefined } | undefined;
  definedSecrets: Map<string, { file?: string; environment?: string }>;
  style: BlockStyle;
  eol: '\r\n' | '\n';
  problems: Problem[];
  /** Text re-parsed so far to check this parse's fixes (secret-fix.ts bounds it). */
  verifiedChars: number;
}

const ONE_REFERENCE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))$/;
const REFERENCES = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function parseCompose(text: string, lines = new LineIndex(text)): ComposeContext {
  const doc = parseDocument(text, { keepSourceTokens: true, uniqueKeys: false });
  const root = isMap(doc.contents) ? doc.contents : undefined;
  const ctx: ComposeContext = {
    text,
    lines,
    doc,
    root,
    services: [],
    topSecrets: undefined,
    definedSecrets: new Map(),
    style: documentStyle(doc, lines),
    eol: detectEol(text),
    verifiedChars: 0,
    // `yaml` places an error at the end of the text one past it: ranges stay inside the text.
    problems: doc.errors.map((e) => ({
      code: 'parse-error',
      start: Math.min(e.pos[0], text.length),
      end: Math.min(Math.max(e.pos[1], e.pos[0]), text.length),
      message: `YAML syntax error: ${e.message.split('\n')[0]}`,
    })),
  };
  if (!root || doc.errors.length > 0) return ctx;
  const secrets = findPair(root, 'secrets');
  if (secrets) {
    const map = isMap(secrets.value) ? secrets.value : undefined;
    ctx.topSecrets = { pair: secrets, map };
    for (const p of map?.items ?? []) {
      const name = keyName(p);
      const def = isMap(p.value) ? p.value : undefined;
      if (name !== undefined) ctx.definedSecrets.set(name, { file: getString(def, 'file', doc), environment: getString(def, 'environment', doc) });
    }
  }
  const services = findPair(root, 'services')?.value;
  if (!isMap(services)) return ctx;
  for (const pair of services.items) {
    const name = keyName(pair);
    if (name === undefined || !isMap(pair.value)) continue;
    ctx.services.push(serviceOf(ctx, name, pair, pair.value));
  }
  return ctx;
}

function serviceOf(ctx: ComposeContext, name: string, pair: Pair, map: YAMLMap): ComposeService {
  const { doc } = ctx;
  const self: Reached<YAMLMap> = { node: map, via: undefined };
  // `environment:` as written in the service, or brought in by a `<<: *defaults` merge or an alias.
  const environment = pairsOf(self, 'environment', doc)[0];
  const reached = environment && reach(environment.pair.value, doc, environment.via);
  const collection = reached && (isMap(reached.node) || isSeq(reached.node)) ? reached.node : undefined;
  const shared = reached?.via !== undefined;
  const secrets = findPair(map, 'secrets');
  const seq = isSeq(secrets?.value) ? secrets.value : undefined;
  const entrypoint = findPair(map, 'entrypoint')?.value;
  const envFile = pairsOf(self, 'env_file', doc)[0];
  return {
    name,
    pair,
    map,
    image: getString(map, 'image', doc),
    entrypoint: isScalar(entrypoint)
      ? scalarText(entrypoint.value).split(/\s+/)[0]
      : isSeq(entrypoint) && isScalar(entrypoint.items[0])
        ? scalarText(entrypoint.items[0].value)
        : undefined,
    environment: environment && collection && !shared ? { pair: environment.pair, collection } : undefined,
    entries: collection ? envEntries(collection, ctx, shared) : [],
    envFiles: envFile ? envFilesOf(deref(envFile.pair.value, doc), envFile.via !== undefined || isAlias(envFile.pair.value)) : [],
    secrets: secrets && seq ? { pair: secrets, seq } : undefined,
    mounts: (seq?.items ?? []).flatMap((item) => {
      const range = (item as { range?: [number, number, number] | null }).range;
      if (!range) return [];
      const secret = isScalar(item) ? scalarText(item.value) : isMap(item) ? getString(item, 'source', doc) : undefined;
      if (secret === undefined) return [];
      const target = isMap(item) ? getString(item, 'target', doc) : undefined;
      return [{ secret, file: target === undefined ? secret : (target.split('/').pop() ?? target), range: { start: range[0], end: range[1] } }];
    }),
  };
}

/** A map's own entries, then those its `<<` merges bring in that it does not set itself (shared). */
function envEntries(collection: YAMLMap | YAMLSeq, ctx: ComposeContext, shared: boolean, depth = 0): EnvEntry[] {
  const own = ownEntries(collection, ctx.text, shared);
  if (!isMap(collection) || depth >= 8) return own;
  const names = new Set(own.map((e) => e.name));
  const merged: EnvEntry[] = [];
  for (const item of collection.items) {
    if (!isMergePair(item)) continue;
    const sources = isSeq(item.value) ? item.value.items : [item.value];
    for (const source of sources) {
      const map = asMap(source, ctx.doc);
      if (!map) continue;
      for (const e of envEntries(map, ctx, true, depth + 1)) {
        if (names.has(e.name)) continue;
        names.add(e.name);
        merged.push(e);
      }
    }
  }
  return [...own, ...merged];
}

function ownEntries(collection: YAMLMap | YAMLSeq, text: string, shared: boolean): EnvEntry[] {
  if (isMap(collection)) {
    return collection.items.flatMap((pair): EnvEntry[] => {
      if (isMergePair(pair)) return [];
      const name = keyName(pair);
      const range = rangeOfPair(pair, text);
      const keyRange = (pair.key as Scalar | undefined)?.range;
      if (name === undefined || !range || !keyRange) return [];
      const v = pair.value;
      const value: EnvValue =
        v === null || (isScalar(v) && v.value === null) ? { kind: 'passthrough' } : isScalar(v) ? valueOf(scalarText(v.value)) : { kind: 'literal', text: '' };
      return [{ name, value, node: pair, form: 'map', range, nameRange: { start: keyRange[0], end: keyRange[1] }, shared }];
    });
  }
  return collection.items.flatMap((item): EnvEntry[] => {
    if (!isScalar(item) || item.value === null || !item.range) return [];
    const written = scalarText(item.value);
    const eq = written.indexOf('=');
    const name = eq < 0 ? written : written.slice(0, eq);
    const start = item.range[0];
    const quoted = item.type === 'QUOTE_DOUBLE' || item.type === 'QUOTE_SINGLE' ? 1 : 0;
    const range = { start: start + quoted, end: item.range[1] - quoted };
    const nameRange = { start: start + quoted, end: start + quoted + name.length };
    return [
      { name: name.trim(), value: eq < 0 ? { kind: 'passthrough' } : valueOf(written.slice(eq + 1)), node: item, form: 'list', range, nameRange, shared },
    ];
  });
}

/** Reads an environment value as Compose interpolates it (`$$` is a literal dollar). */
export function valueOf(text: string): EnvValue {
  const one = ONE_REFERENCE.exec(text.trim());
  if (one) return { kind: 'interpolated', source: one[1] ?? one[4], fallback: one[2] === '-' || one[2] === ':-' };
  const unescaped = text.replace(/\$\$/g, '');
  const sources = [...unescaped.matchAll(REFERENCES)].map((m) => m[1] ?? m[2]);
  if (sources.length > 0) return { kind: 'composed', sources, written: unescaped.replace(REFERENCES, '') };
  return { kind: 'literal', text: text.replace(/\$\$/g, '$') };
}

function envFilesOf(node: unknown, shared: boolean): EnvFileEntry[] {
  const items = isSeq(node) ? node.items : node === undefined || node === null ? [] : [node];
  return items.flatMap((item): EnvFileEntry[] => {
    if (isScalar(item) && item.range) return [{ path: scalarText(item.value), required: true, range: { start: item.range[0], end: item.range[1] }, shared }];
    if (isMap(item) && item.range) {
      const path = findPair(item, 'path')?.value;
      const required = findPair(item, 'required')?.value;
      if (!isScalar(path) || !path.range) return [];
      return [
        {
          path: scalarText(path.value),
          required: !(isScalar(required) && required.value === false),
          range: { start: path.range[0], end: path.range[1] },
          shared,
        },
      ];
    }
    return [];
  });
}

/** `KEY: value`, through the value's end; `KEY:` with no value through its colon. */
function rangeOfPair(pair: Pair, text: string): TextRange | undefined {
  const key = (pair.key as Scalar | undefined)?.range;
  const value = (pair.value as Scalar | YAMLMap | null)?.range;
  if (!key) return undefined;
  if (value && value[1] > value[0]) return { start: key[0], end: value[1] };
  const colon = /^[ \t]*:/.exec(text.slice(key[1]));
  return { start: key[0], end: key[1] + (colon ? colon[0].length : 0) };
}

/** A scalar's value as Compose reads it (numbers and booleans as written). */
function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : '';
}
