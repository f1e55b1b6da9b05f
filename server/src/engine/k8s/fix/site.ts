// Finds the pod spec and container a finding points into, and decides whether that spot can be edited
// exactly. Declines (undefined) for broken documents, ephemeral containers, anything reached through an
// alias or a `<<` merge, and duplicate keys. In Helm templates the edits are then checked against the
// template's control flow (template-edits.ts).
import { isMap, isPair, isSeq, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Finding } from '../../findings';
import { detectEol } from '../../text';
import type { ManifestContext, ManifestDocument } from '../documents';
import { findPair, keyName, walkNodes } from '../nodes';
import { containersOf, objectsOf, podSpecsOf, type Container, type PodSpec } from '../workloads';
import type { EditSite } from './edits';
import { collectionStart, contentEnd, startOf } from './geometry';
import { documentStyle } from './style';
import { blocksAt, exclusiveBranches, extendsBlocks } from '../template-blocks';
import { valueLinesEnd } from './template-edits';

export interface PodSite extends EditSite {
  ctx: ManifestContext;
  document: ManifestDocument;
  pod: PodSpec;
  /** Fix-all applies one fix per key per pass, so edits to one pod spec never stack blindly. */
  conflictKey: string;
}

export interface ContainerSite extends PodSite {
  container: Container;
  /** Where the finding is (in a Helm template, what the fix inserts must be rendered whenever it is). */
  at: number;
}

/** The editable pod spec containing `finding.start`, or undefined. */
export function podSiteFor(ctx: ManifestContext, finding: Finding): PodSite | undefined {
  const document = ctx.documents[Number(finding.data.documentIndex)];
  if (!document || document.broken) return undefined;
  const pods = objectsOf(ctx)
    .filter((o) => o.document === document)
    .flatMap(podSpecsOf)
    .filter((p) => contains(p.spec, finding.start));
  const pod = pods[pods.length - 1];
  if (!pod || !isEditableMap(ctx, pod.spec) || aliasTouches(document.doc, ctx.text, pod.spec)) return undefined;
  const start = startOf(pod.spec) ?? 0;
  return {
    ctx,
    document,
    pod,
    lines: ctx.lines,
    eol: detectEol(ctx.text),
    style: documentStyle(document.doc, ctx.lines),
    lineAfter: ctx.template
      ? (start: number, line: number, column: number, collection: YAMLSeq | YAMLMap) =>
          valueLinesEnd(ctx, start, line, column, finding.start, collectionStart(document.doc, collection))
      : undefined,
    conflictKey: `k8s-pod:${document.index}:${start}`,
  };
}

/** The editable (non-ephemeral, directly written) container containing `finding.start`, or undefined. */
export function containerSiteFor(ctx: ManifestContext, finding: Finding): ContainerSite | undefined {
  if (finding.data.group === 'ephemeralContainers') return undefined;
  const site = podSiteFor(ctx, finding);
  if (!site) return undefined;
  const container = containersOf(site.pod).find((c) => c.group !== 'ephemeralContainers' && contains(c.map, finding.start));
  if (!container || !isEditableMap(ctx, container.map)) return undefined;
  // The list holding the container (a template may write `initContainers:` once per branch).
  const group = site.pod.spec.items.find((p) => isPair(p) && keyName(p) === container.group && isSeq(p.value) && p.value.items.includes(container.map));
  if (!group) return undefined;
  return { ...site, container, at: finding.start };
}

/**
 * The list `key` of `map` a fix for the site's entry should use: in a Helm template that writes the key
 * once per branch, the one written where the entry renders; else the one directSeq finds.
 */
export function listFor(site: ContainerSite, map: YAMLMap, key: string): YAMLSeq | undefined {
  if (site.ctx.template) {
    const entry = blocksAt(site.ctx, site.at);
    for (const item of map.items) {
      if (!isPair(item) || keyName(item) !== key || !isSeq(item.value)) continue;
      const here = blocksAt(site.ctx, startOf(item.key) ?? 0);
      if (entry && here && extendsBlocks(site.ctx, entry, here)) return item.value;
    }
  }
  return directSeq(map, key);
}

/** The value of `key` when it is written directly as a sequence in `map` (not through an alias). */
export function directSeq(map: YAMLMap, key: string): YAMLSeq | undefined {
  const value = findPair(map, key)?.value;
  return isSeq(value) ? value : undefined;
}

export function directMap(map: YAMLMap | undefined, key: string): YAMLMap | undefined {
  const value = findPair(map, key)?.value;
  return isMap(value) ? value : undefined;
}

/** The item of `seq` written directly as a map whose text contains `offset`. */
export function itemAt(seq: YAMLSeq | undefined, offset: number): YAMLMap | undefined {
  return seq?.items.find((item): item is YAMLMap => isMap(item) && contains(item, offset));
}

function contains(node: unknown, offset: number): boolean {
  const start = startOf(node);
  const end = contentEnd(node);
  return start !== undefined && end !== undefined && start <= offset && offset < end;
}

/**
 * Keys a fix reads or edits: a duplicate of one of them (the second wins in most YAML readers) would make
 * the edit land in the copy that does not count, or read the wrong one.
 */
const KEYS_FIXES_USE = new Set([
  'volumes',
  'securityContext',
  'containers',
  'initContainers',
  'ephemeralContainers',
  'name',
  'image',
  'env',
  'envFrom',
  'volumeMounts',
  'command',
  'args',
  'lifecycle',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
]);

/**
 * No `<<` merges (inherited keys would be overridden by an added one) and no duplicate of a key fixes
 * use — except, in a Helm template, one written once per branch of an `if` (only one is ever rendered;
 * edits to such a key land in one branch, which template-edits.ts then declines). Duplicates of other
 * keys (nextcloud's chart writes `serviceAccountName` three times) do not change what a fix does.
 */
function isEditableMap(ctx: ManifestContext, map: YAMLMap): boolean {
  const seen = new Map<string, number>();
  for (const item of map.items) {
    const name = isPair(item) ? keyName(item) : undefined;
    if (name === undefined || name === '<<') return false;
    const at = startOf(item.key) ?? 0;
    const earlier = seen.get(name);
    if (earlier !== undefined && KEYS_FIXES_USE.has(name) && !(ctx.template && exclusiveBranches(ctx, earlier, at))) return false;
    seen.set(name, at);
  }
  return true;
}

/** Source ranges of every alias target in a document, computed once per parsed document. */
const ALIAS_TARGETS = new WeakMap<Document.Parsed, { start: number; end: number }[]>();

function aliasTargets(doc: Document.Parsed, text: string): { start: number; end: number }[] {
  const cached = ALIAS_TARGETS.get(doc);
  if (cached) return cached;
  const targets: { start: number; end: number }[] = [];
  // An alias is written `*name`: a document without a `*` has none, and its nodes need not be visited.
  const [start, , end] = doc.range;
  const star = text.indexOf('*', start);
  if (star < 0 || star >= end) {
    ALIAS_TARGETS.set(doc, targets);
    return targets;
  }
  walkNodes(doc.contents, {
    alias(alias) {
      const target = alias.resolve(doc);
      // An unresolvable alias counts as touching everything: no edit in its document.
      targets.push({ start: startOf(target) ?? 0, end: contentEnd(target) ?? Number.MAX_SAFE_INTEGER });
    },
  });
  ALIAS_TARGETS.set(doc, targets);
  return targets;
}

/** True when an alias anywhere in the document refers into (or around) `node`: an edit would change it too. */
function aliasTouches(doc: Document.Parsed, text: string, node: YAMLMap): boolean {
  const start = startOf(node) ?? 0;
  const end = contentEnd(node) ?? 0;
  return aliasTargets(doc, text).some((t) => t.start < end && start < t.end);
}
