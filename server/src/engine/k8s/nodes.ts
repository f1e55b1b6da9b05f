// Small, alias-aware accessors over `yaml` AST nodes. Aliases are resolved to their anchored node
// without expanding them (no toJS), so alias bombs cost nothing here.
import { Document, isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';

export type AnyDoc = Document.Parsed | Document;

/** Follows an alias chain (bounded, so a malformed cycle cannot loop). */
export function deref(node: unknown, doc: AnyDoc): Node | undefined {
  let current = node;
  for (let hops = 0; hops < 32 && isAlias(current); hops++) {
    current = current.resolve(doc);
  }
  return isAlias(current) ? undefined : ((current as Node | undefined) ?? undefined);
}

export function asMap(node: unknown, doc: AnyDoc): YAMLMap | undefined {
  const n = deref(node, doc);
  return isMap(n) ? n : undefined;
}

export function asSeq(node: unknown, doc: AnyDoc): YAMLSeq | undefined {
  const n = deref(node, doc);
  return isSeq(n) ? n : undefined;
}

/** The scalar's value as a string (numbers and booleans as written), or undefined. */
export function asString(node: unknown, doc: AnyDoc): string | undefined {
  const n = deref(node, doc);
  if (!isScalar(n)) return undefined;
  const v = n.value;
  if (typeof v === 'string') return v;
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : undefined;
}

export function keyName(pair: Pair): string | undefined {
  const k = pair.key;
  return isScalar(k) && (typeof k.value === 'string' || typeof k.value === 'number') ? String(k.value) : undefined;
}

/** The pair for `key`; with duplicate keys the last one wins, as Kubernetes' JSON decoding does. */
export function findPair(map: YAMLMap | undefined, key: string): Pair | undefined {
  if (!map) return undefined;
  let found: Pair | undefined;
  for (const item of map.items) {
    if (isPair(item) && keyName(item) === key) found = item;
  }
  return found;
}

export function getValue(map: YAMLMap | undefined, key: string): unknown {
  return findPair(map, key)?.value;
}

export function getMap(map: YAMLMap | undefined, key: string, doc: AnyDoc): YAMLMap | undefined {
  return asMap(getValue(map, key), doc);
}

export function getSeq(map: YAMLMap | undefined, key: string, doc: AnyDoc): YAMLSeq | undefined {
  return asSeq(getValue(map, key), doc);
}

export function getString(map: YAMLMap | undefined, key: string, doc: AnyDoc): string | undefined {
  return asString(getValue(map, key), doc);
}

/** Source range [start, end) of a node, or undefined for nodes that were not parsed from text. */
export function rangeOf(node: unknown): { start: number; end: number } | undefined {
  const r = (node as { range?: [number, number, number] | null } | undefined)?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

export function isScalarNode(node: unknown): node is Scalar {
  return isScalar(node);
}

/** Every pair named `key`, duplicates included, in source order (findPair keeps only the last). */
export function findPairs(map: YAMLMap | undefined, key: string): Pair[] {
  if (!map) return [];
  return map.items.filter((item): item is Pair => isPair(item) && keyName(item) === key);
}

/** A `<<` merge key (YAML 1.1, which Kubernetes reads): plain `<<`, or the symbol `yaml` makes of it. */
export function isMergePair(pair: Pair): boolean {
  const k = pair.key;
  if (!isScalar(k)) return false;
  if (typeof k.value === 'symbol') return true;
  return k.value === '<<' && k.type === 'PLAIN';
}

/**
 * A node reached from a document root, with the outermost alias the path went through: a finding
 * reached through an alias is reported once, at that alias, not at the anchored text it shares.
 */
export interface Reached<T> {
  node: T;
  via: Alias | undefined;
}

/** Dereferences `node`, remembering the alias if the path had none yet. */
export function reach(node: unknown, doc: AnyDoc, via: Alias | undefined): Reached<Node> | undefined {
  const target = deref(node, doc);
  if (!target) return undefined;
  return { node: target, via: via ?? (isAlias(node) ? node : undefined) };
}

export function reachMap(node: unknown, doc: AnyDoc, via: Alias | undefined): Reached<YAMLMap> | undefined {
  const r = reach(node, doc, via);
  return r && isMap(r.node) ? { node: r.node, via: r.via } : undefined;
}

export function reachSeq(node: unknown, doc: AnyDoc, via: Alias | undefined): Reached<YAMLSeq> | undefined {
  const r = reach(node, doc, via);
  return r && isSeq(r.node) ? { node: r.node, via: r.via } : undefined;
}

export interface ReachedPair {
  pair: Pair;
  /** The alias the path to this pair went through (the map's own, or a `<<` merge source). */
  via: Alias | undefined;
}

/** Bounds nested `<<` merges so a hostile merge chain cannot recurse without bound. */
const MAX_MERGE_DEPTH = 8;

/**
 * The pairs named `key` as Kubernetes would see them, for detection: every explicit pair (duplicate
 * keys included, so the first is not missed), or — only when there is none — the pair a `<<` merge
 * brings in (earlier merge sources win, as YAML 1.1 says).
 */
export function pairsOf(map: Reached<YAMLMap> | undefined, key: string, doc: AnyDoc, depth = 0): ReachedPair[] {
  if (!map) return [];
  const explicit = findPairs(map.node, key);
  if (explicit.length > 0) return explicit.map((pair) => ({ pair, via: map.via }));
  if (depth >= MAX_MERGE_DEPTH) return [];
  for (const item of map.node.items) {
    if (!isPair(item) || !isMergePair(item)) continue;
    const sources = isAlias(item.value) || isMap(item.value) ? [item.value] : (asSeq(item.value, doc)?.items ?? []);
    for (const source of sources) {
      const merged = pairsOf(reachMap(source, doc, map.via), key, doc, depth + 1);
      if (merged.length > 0) return merged;
    }
  }
  return [];
}

/** The values of `pairsOf`, dereferenced into maps (non-map values are skipped). */
export function mapsOf(map: Reached<YAMLMap> | undefined, key: string, doc: AnyDoc): Reached<YAMLMap>[] {
  return pairsOf(map, key, doc).flatMap(({ pair, via }) => {
    const m = reachMap(pair.value, doc, via);
    return m ? [m] : [];
  });
}

/** The values of `pairsOf`, dereferenced into sequences (non-sequence values are skipped). */
export function seqsOf(map: Reached<YAMLMap> | undefined, key: string, doc: AnyDoc): Reached<YAMLSeq>[] {
  return pairsOf(map, key, doc).flatMap(({ pair, via }) => {
    const s = reachSeq(pair.value, doc, via);
    return s ? [s] : [];
  });
}

/** The last scalar value of `key` (merge-aware) as a string, as getString gives it. */
export function stringOf(map: Reached<YAMLMap> | undefined, key: string, doc: AnyDoc): string | undefined {
  const pairs = pairsOf(map, key, doc);
  return pairs.length > 0 ? asString(pairs[pairs.length - 1].pair.value, doc) : undefined;
}

/** A YAML boolean value of `key`, or undefined when absent or not a boolean. */
export function booleanOf(map: Reached<YAMLMap> | undefined, key: string, doc: AnyDoc): boolean | undefined {
  const pairs = pairsOf(map, key, doc);
  const n = pairs.length > 0 ? deref(pairs[pairs.length - 1].pair.value, doc) : undefined;
  if (!isScalar(n)) return undefined;
  if (typeof n.value === 'boolean') return n.value;
  // YAML 1.1 spellings Kubernetes also accepts.
  const s = typeof n.value === 'string' && n.type === 'PLAIN' ? n.value.toLowerCase() : '';
  return ['yes', 'on', 'y'].includes(s) ? true : ['no', 'off', 'n'].includes(s) ? false : undefined;
}

export interface NodeHooks {
  map?(map: YAMLMap): void;
  seq?(seq: YAMLSeq): void;
  pair?(pair: Pair): void;
  scalar?(scalar: Scalar): void;
  alias?(alias: Alias): void;
}

/**
 * Calls the hooks on every node under `node` in the order `visit` from `yaml` takes (a node before what
 * it holds, a pair before its key and then its value), without following aliases and without the path
 * bookkeeping that makes `visit` cost about a parse on a large document.
 */
export function walkNodes(node: unknown, hooks: NodeHooks): void {
  if (isMap(node)) {
    hooks.map?.(node);
    for (const item of node.items) walkNodes(item, hooks);
  } else if (isSeq(node)) {
    hooks.seq?.(node);
    for (const item of node.items) walkNodes(item, hooks);
  } else if (isPair(node)) {
    hooks.pair?.(node);
    walkNodes(node.key, hooks);
    walkNodes(node.value, hooks);
  } else if (isScalar(node)) {
    hooks.scalar?.(node);
  } else if (isAlias(node)) {
    hooks.alias?.(node);
  }
}
