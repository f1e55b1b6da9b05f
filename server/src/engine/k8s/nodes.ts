// Small, alias-aware accessors over `yaml` AST nodes. Aliases are resolved to their anchored node
// without expanding them (no toJS), so alias bombs cost nothing here.
import { Document, isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';

export type AnyDoc = Document.Parsed | Document;

/** Follows an alias chain (bounded, so a malformed cycle cannot loop). */
export function deref(node: unknown, doc: AnyDoc): Node | undefined {
  let current = node;
  for (let hops = 0; hops < 32 && isAlias(current); hops++) {
    current = current.resolve(doc);
  }
  return isAlias(current) ? undefined : (current as Node | undefined) ?? undefined;
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
