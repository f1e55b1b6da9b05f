// Plans the container's projected Secret volume (DESIGN §5): one `<container>-secrets` volume per
// container, mounted read-only; a later fix merges into it instead of adding a second one.
import { isMap, isPair, isSeq, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from '../../findings';
import type { EngineSettings } from '../../settings';
import { asMap, findPair, getMap, getSeq, getString, keyName } from '../nodes';
import { addMapPair, appendSeqItems } from './edits';
import { dns1123Label, map, raw, seq, str, type BranchedValue, type YamlValue } from './emit';
import { freeMountPath, mountNamed } from './mount-path';
import { directMap, directSeq, listFor, type ContainerSite } from './site';
import { contentEnd, startOf } from './geometry';
import { branchedScalar, insertionItem, rendersWithEntry, writtenScalar } from './template-edits';
import { listBehindCondition, listBesideTemplate, listOfTemplateLines } from './template-lists';

export interface SecretItem {
  key: string;
  /** `key` is YAML source text to copy as written (a Helm template action). */
  written?: boolean;
  /** The key as a Helm `if` chain writes it; `key` is then its one-line form. */
  branched?: BranchedValue;
  path: string;
}

export interface SecretSource {
  secret: string;
  /** `secret` is YAML source text to copy as written (a Helm template action). */
  written?: boolean;
  /** The name as a Helm `if` chain writes it (template-edits.ts branchedScalar); `secret` is then its one-line form. */
  branched?: BranchedValue;
  /** Explicit keys → file names; undefined projects every key of the Secret under its own name. */
  items?: SecretItem[];
  /** `optional` as written on the env reference ('true' / 'false'), carried over unchanged. */
  optional?: string;
  /** The `{{ range }}` and `{{ end }}` around an envFrom entry, copied around its source (env-from-fix.ts). */
  ranged?: { open: string; close: string };
}

export interface SourcePlan {
  edits: TextEdit[];
  /** Directory the container sees the Secret's files in. */
  mountPath: string;
  /** What was asked for (fix/batch.ts plans several fixes' sources at once). */
  sources: SecretSource[];
}

/**
 * Edits that make `source` (or several, for a container's fixes done at once: fix/batch.ts) visible in
 * the container's projected volume, creating the volume if needed.
 */
export function planSecretSource(site: ContainerSite, source: SecretSource | SecretSource[], settings: EngineSettings): SourcePlan | undefined {
  const sources = Array.isArray(source) ? source : [source];
  const spec = site.pod.spec;
  // A ranged source is written as block lines: never into a flow list.
  if (sources.some((s) => s.ranged) && (site.style.json || listFor(site, spec, 'volumes')?.flow)) return undefined;
  const volumes = listFor(site, spec, 'volumes');
  const mounts = listFor(site, site.container.map, 'volumeMounts');
  // A key without a list here is produced by a template block (or is something else): only the shape
  // listBesideTemplate knows is extended, beside the block.
  const beside = (map: YAMLMap, key: string, value: YamlValue) =>
    findPair(map, key) ? (listBesideTemplate(site, map, key, [value]) ?? listOfTemplateLines(site, map, key, value)) : undefined;
  if (findPair(spec, 'volumes') && !volumes && !site.ctx.template) return undefined;
  if (findPair(site.container.map, 'volumeMounts') && !mounts && !site.ctx.template) return undefined;
  const names = candidateNames(containerBaseName(site));
  const own = ownVolume(site, volumes, names);
  if (own) {
    const edits: TextEdit[] = [];
    for (const one of sources) {
      const merged = mergeIntoSources(site, own.sources, one);
      if (!merged) return undefined;
      edits.push(...merged);
    }
    // Items added to the last source and a new source after it insert at one offset: the items (deeper)
    // go first, or they would follow the new source and read as its own (fix/batch.ts plans several).
    const depth = (e: TextEdit) => /^(?:\r?\n)?( *)/.exec(e.newText)?.[1].length ?? 0;
    edits.sort((a, b) => a.start - b.start || (a.start === a.end && b.start === b.end ? depth(b) - depth(a) : 0));
    return { edits, mountPath: own.mountPath, sources };
  }
  const taken = new Set((volumes?.items ?? []).map((v) => getString(asMap(v, site.document.doc), 'name', site.document.doc)));
  const volumeName = names.find((n) => !taken.has(n));
  if (!volumeName) return undefined;
  const mountPath = freeMountPath(site, settings.mountPath, dns1123Label(containerBaseName(site)));
  const volume = map(
    ['name', str(volumeName)],
    ['projected', map(['defaultMode', setsFsGroup(site) ? raw('0440') : undefined], ['sources', seq(...sources.map(sourceValue))])],
  );
  const mount = map(['name', str(volumeName)], ['mountPath', str(mountPath)], ['readOnly', raw('true')]);
  const mountEdits = mounts
    ? appendToList(site, site.container.map, 'volumeMounts', mounts, mount)
    : (beside(site.container.map, 'volumeMounts', mount) ?? addPairUnlessPresent(site, site.container.map, 'volumeMounts', mount));
  const volumeEdits = volumes
    ? appendToList(site, spec, 'volumes', volumes, volume)
    : (beside(spec, 'volumes', volume) ?? addPairUnlessPresent(site, spec, 'volumes', volume));
  // Mount edits first: when both insert at one offset, the container's key must precede the pod's.
  return mountEdits && volumeEdits ? { edits: [...mountEdits, ...volumeEdits], mountPath, sources } : undefined;
}

/**
 * Appends to the list; in a template where an `if` the entry is not in writes the list's key, into the
 * first such list and where it does not render (listBehindCondition).
 */
function appendToList(site: ContainerSite, map: YAMLMap, key: string, list: YAMLSeq, item: YamlValue): TextEdit[] | undefined {
  const pairs = map.items.filter((p): p is Pair => isPair(p) && keyName(p) === key);
  const owner = pairs.find((p) => p.value === list);
  const keyStart = startOf(owner?.key);
  if (!site.ctx.template || keyStart === undefined || rendersWithEntry(site, keyStart)) return appendSeqItems(site, list, [item], insertionItem(site, list));
  const first = isSeq(pairs[0]?.value) ? pairs[0].value : list;
  const inside = appendSeqItems(site, first, [item], insertionItem(site, first));
  return inside && (listBehindCondition(site, map, key, inside, item) ?? inside);
}

function addPairUnlessPresent(site: ContainerSite, map: YAMLMap, key: string, item: YamlValue): TextEdit[] | undefined {
  return findPair(map, key) ? undefined : addMapPair(site, map, key, seq(item));
}

/** What the volume and mount path are named after: the container's name, or `app` when a template writes it. */
function containerBaseName(site: ContainerSite): string {
  return writtenScalar(site.ctx, site.container.map, 'name')?.templated ? 'app' : site.container.name;
}

/** True when the pod sets `securityContext.fsGroup`, so group-readable files reach a non-root app. */
export function setsFsGroup(site: { pod: { spec: YAMLMap }; document: { doc: ContainerSite['document']['doc'] } }): boolean {
  return findPair(getMap(site.pod.spec, 'securityContext', site.document.doc), 'fsGroup') !== undefined;
}

function candidateNames(container: string): string[] {
  const names = [dns1123Label(container, '-secrets')];
  for (let n = 2; n < 20; n++) names.push(dns1123Label(container, `-secrets-${n}`));
  return names;
}

/** The container's own projected volume from an earlier fix: one of our names, projected, mounted whole here. */
function ownVolume(site: ContainerSite, volumes: YAMLSeq | undefined, names: string[]): { sources: YAMLSeq; mountPath: string } | undefined {
  const doc = site.document.doc;
  for (const item of volumes?.items ?? []) {
    if (!isMap(item)) continue;
    const name = getString(item, 'name', doc);
    if (name === undefined || !names.includes(name)) continue;
    const mount = mountNamed(site, name).find((m) => !findPair(m, 'subPath'));
    const mountPath = getString(mount, 'mountPath', doc);
    const projected = directMap(item, 'projected');
    const sources = projected && directSeq(projected, 'sources');
    // In a template, a volume an earlier fix wrapped in an `if` the entry is not in cannot take it.
    const end = contentEnd(sources);
    if (mountPath !== undefined && sources && end !== undefined && rendersWithEntry(site, end)) return { sources, mountPath };
  }
  return undefined;
}

/** Adds the source's items to a matching source (same Secret, same `optional`), or appends a new source. */
function mergeIntoSources(site: ContainerSite, sources: YAMLSeq, source: SecretSource): TextEdit[] | undefined {
  const doc = site.document.doc;
  const secrets = sources.items.map((s) => getMap(asMap(s, doc), 'secret', doc)).filter((s): s is YAMLMap => s !== undefined);
  // path → which Secret key already fills it; a path taken by another key means the fix must not guess.
  const projected = new Map<string, string>();
  for (const s of secrets) {
    for (const i of getSeq(s, 'items', doc)?.items ?? []) {
      const item = asMap(i, doc);
      const path = getString(item, 'path', doc);
      if (path !== undefined)
        projected.set(path, `${branchedScalar(site.ctx, s, 'name')?.text ?? ''}\u0000${writtenScalar(site.ctx, item, 'key')?.text ?? ''}`);
    }
  }
  const sameSecret = secrets.filter(
    (s) => branchedScalar(site.ctx, s, 'name')?.text === source.secret && isTrue(getString(s, 'optional', doc)) === isTrue(source.optional),
  );
  if (!source.items) {
    if (source.ranged && sources.flow) return undefined;
    if (sameSecret.some((s) => !findPair(s, 'items'))) return [];
    return appendSeqItems(site, sources, [sourceValue(source)]);
  }
  if (source.items.some((i) => projected.has(i.path) && projected.get(i.path) !== `${source.secret}\u0000${i.key}`)) return undefined;
  const missing = source.items.filter((i) => !projected.has(i.path));
  if (missing.length === 0) return [];
  const target = sameSecret.map((s) => directSeq(s, 'items')).find((items) => items !== undefined);
  if (target) return appendSeqItems(site, target, missing.map(itemValue));
  return appendSeqItems(site, sources, [sourceValue({ ...source, items: missing })]);
}

/**
 * Sources as fixes applied one by one leave them (each merged into the volume as mergeIntoSources does):
 * a whole Secret once, items added to the first source of their Secret with items; undefined when two
 * would project different keys to one path.
 */
export function foldSources(list: readonly SecretSource[]): SecretSource[] | undefined {
  const out: SecretSource[] = [];
  const projected = new Map<string, string>();
  for (const source of list) {
    const same = out.filter((s) => s.secret === source.secret && isTrue(s.optional) === isTrue(source.optional));
    if (!source.items) {
      if (!same.some((s) => !s.items)) out.push({ ...source });
      continue;
    }
    if (source.items.some((i) => projected.has(i.path) && projected.get(i.path) !== `${source.secret}\u0000${i.key}`)) return undefined;
    const missing = source.items.filter((i) => !projected.has(i.path));
    for (const i of missing) projected.set(i.path, `${source.secret}\u0000${i.key}`);
    if (missing.length === 0) continue;
    const target = same.find((s) => s.items !== undefined);
    if (target?.items) target.items = [...target.items, ...missing];
    else out.push({ ...source, items: missing });
  }
  return out;
}

function sourceValue(source: SecretSource): YamlValue {
  const value = plainSourceValue(source);
  return source.ranged ? { ranged: { ...source.ranged, item: value } } : value;
}

function plainSourceValue(source: SecretSource): YamlValue {
  return map([
    'secret',
    map(
      ['name', source.branched ?? (source.written ? raw(source.secret) : str(source.secret))],
      ['items', source.items ? seq(...source.items.map(itemValue)) : undefined],
      ['optional', source.optional === undefined ? undefined : raw(source.optional)],
    ),
  ]);
}

function itemValue(item: SecretItem): YamlValue {
  // A branched key goes second: the first key of an item shares the `-` line, where a chain cannot go.
  if (item.branched) return map(['path', str(item.path)], ['key', item.branched]);
  return map(['key', item.written ? raw(item.key) : str(item.key)], ['path', str(item.path)]);
}

function isTrue(value: string | undefined): boolean {
  return value === 'true';
}
