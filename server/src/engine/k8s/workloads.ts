// The manifest model: documents → objects (List items included) → pod specs → containers.
// Every pod-carrying shape of DESIGN §4 is found by where its pod spec lives, so CRDs that embed a
// standard pod template (Argo Rollout, Knative Service…) are covered without a list of kinds.
import type { YAMLMap } from 'yaml';
import type { ManifestContext, ManifestDocument } from './documents';
import type { Alias } from 'yaml';
import { WORK_COST } from '../budget';
import { cachedIn } from '../memo';
import { asMap, getMap, getSeq, getString, mapsOf, pairsOf, reachMap, seqsOf, type AnyDoc, type Reached } from './nodes';

export type ContainerGroup = 'containers' | 'initContainers' | 'ephemeralContainers';
export const CONTAINER_GROUPS: readonly ContainerGroup[] = ['containers', 'initContainers', 'ephemeralContainers'];

export interface K8sObject {
  document: ManifestDocument;
  /** The object's own map (the document root, or an item of a List). */
  map: YAMLMap;
  kind: string | undefined;
  name: string | undefined;
}

export interface PodSpec {
  object: K8sObject;
  spec: YAMLMap;
  /** The pod template map (`{metadata, spec}`) when the spec sits in one; undefined for a bare Pod. */
  template: YAMLMap | undefined;
  /** The outermost alias on the path from the object to this spec (e.g. `spec: *shared`), if any. */
  via: Alias | undefined;
}

export interface Container {
  pod: PodSpec;
  map: YAMLMap;
  group: ContainerGroup;
  name: string;
  /** The outermost alias on the path from the object to this container, if any: findings inside it are reported there. */
  via: Alias | undefined;
}

/** Guards `List` nesting depth so a hostile file cannot recurse without bound. */
const MAX_LIST_DEPTH = 8;

/**
 * Every rule walks the same objects, pod specs and containers: each walk is done once per parse
 * (the context), and the results are shared read-only.
 */
const objectsByContext = new WeakMap<ManifestContext, readonly K8sObject[]>();
const podSpecsByContext = new WeakMap<ManifestContext, readonly PodSpec[]>();
const containersByContext = new WeakMap<ManifestContext, readonly Container[]>();
const containersByPod = new WeakMap<PodSpec, readonly Container[]>();

export function objectsOf(ctx: ManifestContext): readonly K8sObject[] {
  return cachedIn(objectsByContext, ctx, () => collectAllObjects(ctx));
}

function collectAllObjects(ctx: ManifestContext): K8sObject[] {
  const out: K8sObject[] = [];
  // Aliases make the same map reachable many times (`items: [*a, *a, …]` nested is an alias bomb):
  // each node is one object, however many aliases point at it, so the walk stays linear.
  const seen = new Set<YAMLMap>();
  for (const document of ctx.documents) {
    ctx.budget?.spend(WORK_COST.object);
    const root = asMap(document.doc.contents, document.doc);
    if (root) collectObjects(document, root, out, 0, seen);
  }
  return out;
}

function collectObjects(document: ManifestDocument, map: YAMLMap, out: K8sObject[], depth: number, seen: Set<YAMLMap>): void {
  if (seen.has(map)) return;
  seen.add(map);
  const doc = document.doc;
  const kind = getString(map, 'kind', doc);
  const items = getSeq(map, 'items', doc);
  if (kind !== undefined && /List$/.test(kind) && items && depth < MAX_LIST_DEPTH) {
    for (const item of items.items) {
      const m = asMap(item, doc);
      if (m) collectObjects(document, m, out, depth + 1, seen);
    }
    return;
  }
  out.push({ document, map, kind, name: getString(getMap(map, 'metadata', doc), 'name', doc) });
}

/** Pod specs of an object: Pod → spec; PodTemplate → template.spec; others → spec.template.spec or CronJob's. */
export function podSpecsOf(object: K8sObject): PodSpec[] {
  const doc = object.document.doc;
  const root: Reached<YAMLMap> = { node: object.map, via: undefined };
  const out: PodSpec[] = [];
  if (object.kind === 'Pod') {
    for (const spec of mapsOf(root, 'spec', doc)) out.push({ object, spec: spec.node, template: undefined, via: spec.via });
    return out;
  }
  const templates: Reached<YAMLMap>[] = [];
  if (object.kind === 'PodTemplate') templates.push(...mapsOf(root, 'template', doc));
  for (const spec of mapsOf(root, 'spec', doc)) {
    templates.push(...mapsOf(spec, 'template', doc));
    for (const jobTemplate of mapsOf(spec, 'jobTemplate', doc)) {
      for (const jobSpec of mapsOf(jobTemplate, 'spec', doc)) templates.push(...mapsOf(jobSpec, 'template', doc));
    }
  }
  for (const template of templates) {
    for (const podSpec of mapsOf(template, 'spec', doc)) {
      if (looksLikePodSpec(podSpec, doc)) out.push({ object, spec: podSpec.node, template: template.node, via: podSpec.via });
    }
  }
  return out;
}

function looksLikePodSpec(spec: Reached<YAMLMap>, doc: AnyDoc): boolean {
  return CONTAINER_GROUPS.some((g) => pairsOf(spec, g, doc).length > 0) || seqsOf(spec, 'volumes', doc).length > 0;
}

/** Every pod spec of every object in the file, in document order. */
export function allPodSpecs(ctx: ManifestContext): readonly PodSpec[] {
  return cachedIn(podSpecsByContext, ctx, () => objectsOf(ctx).flatMap(podSpecsOf));
}

/** Containers of a pod spec; duplicate group keys and `<<` merges are followed, so none is missed. */
export function containersOf(pod: PodSpec): readonly Container[] {
  return cachedIn(containersByPod, pod, () => collectContainers(pod));
}

function collectContainers(pod: PodSpec): Container[] {
  const doc = pod.object.document.doc;
  const spec: Reached<YAMLMap> = { node: pod.spec, via: pod.via };
  const out: Container[] = [];
  for (const group of CONTAINER_GROUPS) {
    for (const seq of seqsOf(spec, group, doc)) {
      seq.node.items.forEach((item, i) => {
        const map = reachMap(item, doc, seq.via);
        if (map) out.push({ pod, map: map.node, group, name: getString(map.node, 'name', doc) ?? `${group}[${i}]`, via: map.via });
      });
    }
  }
  return out;
}

/** Every container of every pod spec in the file, in document order. */
export function allContainers(ctx: ManifestContext): readonly Container[] {
  return cachedIn(containersByContext, ctx, () => allPodSpecs(ctx).flatMap(containersOf));
}
