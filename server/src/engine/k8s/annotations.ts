// The manifest-only suppression of DESIGN §3: the annotation `secret-hints/ignore: "rule,…"` on an
// object's metadata or on its pod template's metadata silences those rules for every container and
// volume of that pod spec. An empty value, `all` or `*` silences every rule.
import type { YAMLMap } from 'yaml';
import { cachedIn } from '../memo';
import { getMap, getString, type AnyDoc } from './nodes';
import type { PodSpec } from './workloads';

export const IGNORE_ANNOTATION = 'secret-hints/ignore';

export type IgnoredRules = ReadonlySet<string> | 'all';

/** Rules the pod spec's object or template annotations silence (an empty set when none). */
/** Every finding of a pod asks; the annotations are read once per pod spec. */
const ignoredByPod = new WeakMap<PodSpec, IgnoredRules>();

export function ignoredRulesOf(pod: PodSpec): IgnoredRules {
  return cachedIn(ignoredByPod, pod, () => readIgnoredRules(pod));
}

function readIgnoredRules(pod: PodSpec): IgnoredRules {
  const doc = pod.object.document.doc;
  const found = [annotationOf(pod.object.map, doc), annotationOf(pod.template, doc)].filter((v): v is string => v !== undefined);
  const rules = new Set<string>();
  for (const value of found) {
    const ids = value.split(/[\s,]+/).filter((s) => s.length > 0);
    if (ids.length === 0 || ids.includes('all') || ids.includes('*')) return 'all';
    for (const id of ids) rules.add(id);
  }
  return rules;
}

export function isIgnoredByAnnotation(ignored: IgnoredRules, rule: string): boolean {
  return ignored === 'all' || ignored.has(rule);
}

function annotationOf(owner: YAMLMap | undefined, doc: AnyDoc): string | undefined {
  return getString(getMap(getMap(owner, 'metadata', doc), 'annotations', doc), IGNORE_ANNOTATION, doc);
}
