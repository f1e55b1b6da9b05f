// The env / envFrom entry a finding points at, and the two ways a fix retires it: delete it (with the
// `env:` / `envFrom:` key when it was the last entry), or replace it by a `NAME_FILE=<path>` pointer so
// an app that reads `*_FILE` variables finds the file.
import type { Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { Fix, TextEdit } from '../../findings';
import { asMap, findPair, getString } from '../nodes';
import { exclusiveBranches } from '../template-blocks';
import { removeSeqItem, replaceSeqItem } from './edits';
import { map, str } from './emit';
import type { RuleEnv } from '../../rule';
import { joinPath } from './mount-path';
import type { SourcePlan } from './projected';
import { readerOf } from './reader';
import { columnOf, contentEnd, startOf } from './geometry';
import { hasTemplateLines, templateLinesFollow, writtenScalar } from './template-edits';
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
  // A templated name (`{{ .Values.x }}`) is no file name: the fixers decline it.
  const name = writtenScalar(site.ctx, item, 'name');
  return { pair, seq, item, name: name?.templated ? name.text : (getString(item, 'name', site.document.doc) ?? '') };
}

export function removeEntry(site: ContainerSite, entry: EnvEntry): TextEdit[] | undefined {
  // In a template, lines that add to the list (`{{- include "x.extraEnv" . | nindent 12 }}`) keep its key.
  const keyStart = startOf(entry.pair.key);
  const itemEnd = contentEnd(entry.item);
  const last = entry.seq.items.length === 1;
  if (last && keyStart !== undefined && templateLinesFollow(site, itemEnd ?? keyStart, columnOf(site.lines, keyStart))) return undefined;
  // Template lines inside the list (`{{- if … }}` around the entry) stay, so the key does too (`env: []`).
  const keepKey = last && keyStart !== undefined && itemEnd !== undefined && hasTemplateLines(site.ctx, keyStart, itemEnd);
  return removeSeqItem(site, entry.seq, entry.item, { map: site.container.map, pair: entry.pair, keepKey });
}

/** `NAME_FILE` (or the image's own form) pointer replacing the entry, unless the container already defines that variable. */
export function pointerEntry(
  site: ContainerSite,
  entry: EnvEntry,
  file: string,
  variable = `${entry.name}_FILE`,
): { variable: string; edits: TextEdit[] } | undefined {
  const doc = site.document.doc;
  // A Helm template may write the name in a branch that never renders with this entry (the pointer a
  // fix wrote for the same variable in the `if` of an `if`/`else`): that one is not in the way.
  const entryStart = startOf(entry.item) ?? 0;
  const taken = entry.seq.items.some(
    (i) => getString(asMap(i, doc), 'name', doc) === variable && !(site.ctx.template && exclusiveBranches(site.ctx, startOf(i) ?? 0, entryStart)),
  );
  if (taken) return undefined;
  const edits = replaceSeqItem(site, entry.seq, entry.item, map(['name', str(variable)], ['value', str(file)]));
  return edits && { variable, edits };
}

/** A name usable as a file in the mounted directory (Secret item paths may not contain `..` or `/`). */
export function isFileName(name: string): boolean {
  return /^[A-Za-z0-9._-]+$/.test(name) && name !== '.' && name !== '..';
}

/**
 * The fixes that retire an env entry whose value is now the file `plan` mounts: the pointer the image
 * documents (preferred), else removing the entry (preferred when the workspace's code reads the
 * variable, so its own fix reads the file) and a `NAME_FILE` pointer. `extra` edits (script rewrites,
 * a Secret document) go with every variant.
 */
export function retireFixes(
  site: ContainerSite,
  entry: EnvEntry,
  plan: SourcePlan,
  env: RuleEnv,
  what: string,
  extra: TextEdit[],
  hazard?: string,
  movesLiteral = false,
): Fix[] {
  const file = joinPath(plan.mountPath, entry.name);
  const reader = readerOf(site, entry.name, env);
  const common = { plan, extra, movesLiteral };
  if (reader.kind === 'image') {
    const pointer = pointerEntry(site, entry, file, reader.variant.variable);
    const by = reader.variant.byCode ? `the app's ${reader.variant.imageId}` : `the ${reader.variant.imageId} image`;
    const title = `${what}, set ${reader.variant.variable} (${by} reads the file)`;
    return pointer ? [mountFix(site, { ...common, title, preferred: hazard === undefined, entryEdits: pointer.edits, caveat: hazard })] : [];
  }
  // A hazard (a change of behaviour the user must accept) makes no variant preferred.
  const caveat = hazard ?? (reader.kind === 'unknown' ? reader.why : undefined);
  const trusted = reader.kind === 'code' && hazard === undefined;
  const fixes: Fix[] = [];
  const removal = removeEntry(site, entry);
  if (removal) fixes.push(mountFix(site, { ...common, title: `${what}${readsFile(file)}`, preferred: trusted, entryEdits: removal, caveat, removes: entry }));
  const pointer = pointerEntry(site, entry, file);
  if (pointer) {
    const title = `${what}, keep ${pointer.variable} pointer${readsFile(file)}`;
    fixes.push(mountFix(site, { ...common, title, preferred: trusted && !removal, entryEdits: pointer.edits, caveat }));
  }
  return fixes;
}

export interface MountFixParts {
  title: string;
  preferred: boolean;
  /** The entry's own edits (its removal, or the pointer replacing it). */
  entryEdits: TextEdit[];
  plan: SourcePlan;
  /** Script rewrites, and a literal's Secret (last: at the end of the file it follows any pod-level insert). */
  extra?: TextEdit[];
  caveat?: string;
  /** The entry the edits remove, when they do (fix/batch.ts removes an emptied list's key instead). */
  removes?: EnvEntry;
  /** The edits append or extend a Secret holding a moved literal. */
  movesLiteral?: boolean;
  /** False when the fix also edits elsewhere in the container (fix/batch.ts leaves it alone). */
  batchable?: boolean;
}

/** Assembles a fix from the entry's edits and the volume plan (entry edits first: same-offset inserts keep their order). */
export function mountFix(site: ContainerSite, parts: MountFixParts): Fix {
  const fix: Fix = {
    title: parts.title,
    kind: 'quickfix',
    preferred: parts.preferred,
    edits: [...parts.entryEdits, ...parts.plan.edits, ...(parts.extra ?? [])],
    conflictKey: site.conflictKey,
    caveat: parts.caveat,
  };
  if (parts.batchable !== false) PARTS.set(fix, { ...parts, site });
  return fix;
}

/** How each mount fix was assembled, so several of one container can be assembled as one (fix/batch.ts). */
const PARTS = new WeakMap<Fix, MountFixParts & { site: ContainerSite }>();

export function partsOf(fix: Fix): (MountFixParts & { site: ContainerSite }) | undefined {
  return PARTS.get(fix);
}

/** The trailing reminder every mount fix title carries: the application must now read the file. */
export function readsFile(path: string): string {
  return ` — app must read ${path}`;
}
