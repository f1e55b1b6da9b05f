// What the manifest rules report, as records that keep their YAML nodes: a "use" is one place where
// a Secret (or a secret-looking literal) reaches a container. Rules turn uses into findings
// (report.ts); the fixer gets the same records back from a finding (locate.ts), so both agree on
// which node a finding stands for.
import type { Alias, YAMLMap, YAMLSeq } from 'yaml';
import type { TextRange } from '../findings';
import { cachedIn } from '../memo';
import type { ManifestContext } from './documents';
import type { VariableReference } from './env-references';
import { touchesTemplate } from './helm';
import { deref, findPair, pairsOf, rangeOf, reachMap, seqsOf, stringOf, type AnyDoc, type Reached } from './nodes';
import type { Container, K8sObject, PodSpec } from './workloads';

/** Facts a rule reports (names, never values); merged into the finding's `data`. */
export type UseFacts = Record<string, string | number | boolean | undefined>;

export interface SecretUse {
  pod: PodSpec;
  /** The container the finding names (for a volume: the first container that mounts it, if any). */
  container: Container | undefined;
  /** Where the finding starts and ends: the node DESIGN §4 names, or the alias that brought it in. */
  at: TextRange;
  /** The node the finding is about (env entry, envFrom entry, volumeMount, volume). */
  subject: YAMLMap;
  /** True when the finding sits at an alias: the text that holds the secret is shared elsewhere. */
  aliased: boolean;
  facts: UseFacts;
  /** Other uses of the variable a fix could not keep working (env-references.ts): no fix, and the finding says why. */
  blockers?: readonly VariableReference[];
}

/** One item of a container's `env`/`envFrom`/`volumeMounts` (or a pod's `volumes`), dereferenced. */
export interface ListEntry {
  /** The sequence that holds the item (the fixer deletes or extends it). */
  seq: YAMLSeq;
  /** The item node as written (an alias when the entry is shared). */
  item: unknown;
  entry: YAMLMap;
  via: Alias | undefined;
}

/** Items of every `key` sequence of `owner` (duplicate keys and `<<` merges included). */
export function listEntries(owner: Reached<YAMLMap>, key: string, doc: AnyDoc): ListEntry[] {
  const out: ListEntry[] = [];
  for (const seq of seqsOf(owner, key, doc)) {
    for (const item of seq.node.items) {
      const entry = reachMap(item, doc, seq.via);
      if (entry) out.push({ seq: seq.node, item, entry: entry.node, via: entry.via });
    }
  }
  return out;
}

type ContainerList = 'env' | 'envFrom' | 'volumeMounts';

/** Several rules read the same lists of the same containers (env: the ref and literal rules). */
const entriesByContainer: Record<ContainerList, WeakMap<Container, readonly ListEntry[]>> = {
  env: new WeakMap(),
  envFrom: new WeakMap(),
  volumeMounts: new WeakMap(),
};

export function containerEntries(container: Container, key: ContainerList): readonly ListEntry[] {
  return cachedIn(entriesByContainer[key], container, () => listEntries({ node: container.map, via: container.via }, key, container.pod.object.document.doc));
}

/** The finding range: the alias the path went through, else the node itself. */
export function siteOf(node: unknown, via: Alias | undefined): { at: TextRange; aliased: boolean } | undefined {
  const at = rangeOf(via ?? node);
  return at ? { at, aliased: via !== undefined } : undefined;
}

/**
 * A name-like scalar of `owner` for messages and data. In a Helm template the parser saw masked
 * text, so a name that holds a template action is shown as written (`{{ .Values.secret }}`).
 */
export function nameOf(ctx: ManifestContext, owner: Reached<YAMLMap> | undefined, key: string, doc: AnyDoc): string | undefined {
  const value = stringOf(owner, key, doc);
  const pairs = pairsOf(owner, key, doc);
  const written = pairs.length > 0 ? rangeOf(deref(pairs[pairs.length - 1].pair.value, doc)) : undefined;
  if (value === undefined || !written || !touchesTemplate(ctx.template, written)) return value;
  const source = ctx.text.slice(written.start, written.end).trim();
  return /^(["']).*\1$/s.test(source) ? source.slice(1, -1) : source;
}

/** A container's name for messages: in a Helm template, the template text when the name is templated. */
export function containerLabel(ctx: ManifestContext, container: Container | undefined): string {
  if (!container) return '';
  return nameOf(ctx, { node: container.map, via: container.via }, 'name', container.pod.object.document.doc) ?? container.name;
}

/** An object's `metadata.name` for messages, the same way. */
export function objectLabel(ctx: ManifestContext, object: K8sObject): string | undefined {
  const doc = object.document.doc;
  const metadata = reachMap(findPair(object.map, 'metadata')?.value, doc, undefined);
  return nameOf(ctx, metadata, 'name', doc) ?? object.name;
}
