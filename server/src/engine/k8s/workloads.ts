// The manifest model: documents → objects (List items included) → pod specs → containers.
// Every pod-carrying shape of DESIGN §4 is found by where its pod spec lives, so CRDs that embed a
// standard pod template (Argo Rollout, Knative Service…) are covered without a list of kinds.
import type { YAMLMap } from 'yaml';
import type { ManifestContext, ManifestDocument } from './documents';
import { asMap, findPair, getMap, getSeq, getString, type AnyDoc } from './nodes';

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
}

export interface Container {
  pod: PodSpec;
  map: YAMLMap;
  group: ContainerGroup;
  name: string;
}

/** Guards `List` nesting depth so a hostile file cannot recurse without bound. */
const MAX_LIST_DEPTH = 8;

export function objectsOf(ctx: ManifestContext): K8sObject[] {
  const out: K8sObject[] = [];
  // Aliases make the same map reachable many times (`items: [*a, *a, …]` nested is an alias bomb):
  // each node is one object, however many aliases point at it, so the walk stays linear.
  const seen = new Set<YAMLMap>();
  for (const document of ctx.documents) {
    ctx.budget?.check();
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
  const m = object.map;
  if (object.kind === 'Pod') {
    const spec = getMap(m, 'spec', doc);
    return spec ? [{ object, spec, template: undefined }] : [];
  }
  const candidates: (YAMLMap | undefined)[] = [];
  if (object.kind === 'PodTemplate') candidates.push(getMap(m, 'template', doc));
  const spec = getMap(m, 'spec', doc);
  candidates.push(getMap(spec, 'template', doc));
  const jobSpec = getMap(getMap(spec, 'jobTemplate', doc), 'spec', doc);
  candidates.push(getMap(jobSpec, 'template', doc));
  const out: PodSpec[] = [];
  for (const template of candidates) {
    const podSpec = getMap(template, 'spec', doc);
    if (template && podSpec && looksLikePodSpec(podSpec, doc)) out.push({ object, spec: podSpec, template });
  }
  return out;
}

function looksLikePodSpec(spec: YAMLMap, doc: AnyDoc): boolean {
  return CONTAINER_GROUPS.some((g) => findPair(spec, g) !== undefined) || getSeq(spec, 'volumes', doc) !== undefined;
}

export function containersOf(pod: PodSpec): Container[] {
  const doc = pod.object.document.doc;
  const out: Container[] = [];
  for (const group of CONTAINER_GROUPS) {
    const seq = getSeq(pod.spec, group, doc);
    if (!seq) continue;
    seq.items.forEach((item, i) => {
      const map = asMap(item, doc);
      if (map) out.push({ pod, map, group, name: getString(map, 'name', doc) ?? `${group}[${i}]` });
    });
  }
  return out;
}

/** Every container of every pod spec in the file, in document order. */
export function allContainers(ctx: ManifestContext): Container[] {
  return objectsOf(ctx).flatMap(podSpecsOf).flatMap(containersOf);
}
