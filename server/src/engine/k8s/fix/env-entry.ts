// The env / envFrom entry a finding points at, and the two ways a fix retires it: delete it (with the
// `env:` / `envFrom:` key when it was the last entry), or replace it by a `NAME_FILE=<path>` pointer so
// an app that reads `*_FILE` variables finds the file.
import type { Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { Fix, TextEdit } from '../../findings';
import { asMap, findPair, getString } from '../nodes';
import { removeSeqItem, replaceSeqItem } from './edits';
import { map, str } from './emit';
import type { SourcePlan } from './projected';
import { directSeq, itemAt, type ContainerSite } from './site';

export interface EnvEntry {
  /** The `env:` / `envFrom:` pair and its sequence. */
  pair: Pair;
  seq: YAMLSeq;
  item: YAMLMap;
  /** The entry's `name` (empty for envFrom entries). */
  name: string;
}

export function envEntryAt(site: ContainerSite, key: 'env' | 'envFrom', offset: number): EnvEntry | undefined {
  const pair = findPair(site.container.map, key);
  const seq = directSeq(site.container.map, key);
  const item = itemAt(seq, offset);
  if (!pair || !seq || !item) return undefined;
  return { pair, seq, item, name: getString(item, 'name', site.document.doc) ?? '' };
}

export function removeEntry(site: ContainerSite, entry: EnvEntry): TextEdit[] | undefined {
  return removeSeqItem(site, entry.seq, entry.item, { map: site.container.map, pair: entry.pair });
}

/** `NAME_FILE` pointer replacing the entry, unless the container already defines that variable. */
export function pointerEntry(site: ContainerSite, entry: EnvEntry, file: string): { variable: string; edits: TextEdit[] } | undefined {
  const variable = `${entry.name}_FILE`;
  const doc = site.document.doc;
  const taken = entry.seq.items.some((i) => getString(asMap(i, doc), 'name', doc) === variable);
  if (taken) return undefined;
  const edits = replaceSeqItem(site, entry.seq, entry.item, map(['name', str(variable)], ['value', str(file)]));
  return edits && { variable, edits };
}

/** A name usable as a file in the mounted directory (Secret item paths may not contain `..` or `/`). */
export function isFileName(name: string): boolean {
  return /^[A-Za-z0-9._-]+$/.test(name) && name !== '.' && name !== '..';
}

/** Assembles a fix from the entry's edits and the volume plan; entry edits first (ordering of same-offset inserts). */
export function mountFix(site: ContainerSite, title: string, preferred: boolean, entryEdits: TextEdit[], plan: SourcePlan, extra: TextEdit[] = []): Fix {
  return { title, kind: 'quickfix', preferred, edits: [...entryEdits, ...plan.edits, ...extra], conflictKey: site.conflictKey };
}

/** The trailing reminder every mount fix title carries: the application must now read the file. */
export function readsFile(path: string): string {
  return ` — app must read ${path}`;
}
