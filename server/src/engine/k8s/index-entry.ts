// What one manifest tells the workspace about environment variables: which names it feeds from a
// Secret, a ConfigMap or a literal, which Secrets/ConfigMaps it references wholesale (envFrom, whole-
// Secret volumes) and which Secret/ConfigMap objects (key names only) it defines. Values are never
// kept: a literal is reduced to "looks secret or not", a Secret to its key names.
import type { YAMLMap } from 'yaml';
import type { RelatedLocation } from '../findings';
import type { ChartImageLookup, CodeReadsLookup, EnvSource, SecretKeysLookup, EnvSourceLookup } from '../rule';
import { parseManifest } from './documents';
import { touchesTemplate } from './helm';
import type { ParsedStream } from './incremental';
import { asMap, findPair, getMap, getSeq, getString, keyName, rangeOf, type AnyDoc } from './nodes';
import { allContainers, objectsOf, type Container } from './workloads';
import { isSecretName, type NameLists } from '../names';
import type { LineIndex } from '../text';
import { DEFAULT_WORK_LIMIT, manifestParseCost } from '../budget';
import { fileKindOf, isJsonFile } from '../file-kind';

// The hook types live in rule.ts (RuleEnv); re-exported here for the index's users.
export type { EnvSource, EnvSourceLookup, SecretKeysLookup };
export type EnvSourceKind = EnvSource['kind'];

/** What analysis may ask the workspace (AnalysisInput / RuleEnv); absent outside a workspace. */
export interface WorkspaceHooks {
  envSource?: EnvSourceLookup;
  secretKeys?: SecretKeysLookup;
  codeReads?: CodeReadsLookup;
  chartImage?: ChartImageLookup;
}

/** One env var NAME fed by this manifest. */
export interface EnvFeed extends EnvSource {
  name: string;
  via: 'env' | 'envFrom' | 'volume';
  /** The ConfigMap's name (kind `configmap`). */
  configMap?: string;
  /** Literal values only: whether the literal looks like a secret (then it does not vouch for the name). */
  looksSecret?: boolean;
}

/** A whole Secret/ConfigMap handed over without naming its keys: resolved against the workspace's objects. */
export interface WholeRef {
  kind: 'secret' | 'configmap';
  ref: string;
  /** envFrom `prefix` (empty for volumes, whose file names are the keys). */
  prefix: string;
  via: 'envFrom' | 'volume';
  location: RelatedLocation;
}

/** A `kind: Secret` / `kind: ConfigMap` object defined in the manifest: its name and key names. */
export interface DefinedObject {
  name: string;
  namespace: string | undefined;
  keys: string[];
}

export interface ManifestIndexEntry {
  path: string;
  feeds: EnvFeed[];
  wholeRefs: WholeRef[];
  secrets: DefinedObject[];
  configMaps: DefinedObject[];
}

export interface IndexOptions {
  names?: NameLists;
  /** Decides whether a literal env value looks like a secret; by default the variable's name decides. */
  literalLooksSecret?: (name: string, value: string | undefined) => boolean;
}

/** A name a process can read as an environment variable and a loader can use as a file name. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Cheap pre-check: a file without these words cannot contribute anything, so it is not parsed. */
const RELEVANT = /\b(env|envFrom|Secret|ConfigMap|secret|projected)\b/;

export function emptyEntry(path: string): ManifestIndexEntry {
  return { path, feeds: [], wholeRefs: [], secrets: [], configMaps: [] };
}

/** An analysis' parse together with the text it parsed (an open editor's manifest). */
export interface ParseOfText {
  text: string;
  stream: ParsedStream;
}

/**
 * `parsed`: an analysis' parse, reused instead of parsing the text a second time — only when it is
 * the parse of this very text (a parse of another text would be re-parsed incrementally, which moves
 * the analysis' own nodes).
 */
export function indexManifest(path: string, text: string, options: IndexOptions = {}, parsed?: ParseOfText): ManifestIndexEntry {
  const entry = emptyEntry(path);
  if (!text.includes('apiVersion') || !RELEVANT.test(text)) return entry;
  // A JSON file is indexed only when it is a manifest (package.json and the like contribute nothing).
  if (isJsonFile(path) && fileKindOf(path, undefined, text) !== 'manifest') return entry;
  // A file whose analysis is refused for its work (budget.ts) is not parsed for the index either:
  // a million empty documents would take more memory than every other file of the workspace.
  if (manifestParseCost(text) > DEFAULT_WORK_LIMIT) return entry;
  const ctx = parseManifest(text, undefined, parsed?.text === text ? parsed.stream : undefined);
  const at = locator(path, ctx.lines);
  // In a Helm template a name written with an action is not known here: its masked text must neither
  // match another templated name nor be shown, so it reads as absent.
  const read: ReadName = (map, key, doc) => {
    const node = findPair(map, key)?.value;
    const range = rangeOf(node);
    return range && touchesTemplate(ctx.template, range) ? undefined : getString(map, key, doc);
  };
  for (const object of objectsOf(ctx)) {
    if (object.kind !== 'Secret' && object.kind !== 'ConfigMap') continue;
    const defined = definedObject(object.map, object.document.doc, object.kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData'], read);
    if (defined) (object.kind === 'Secret' ? entry.secrets : entry.configMaps).push(defined);
  }
  const looksSecret = options.literalLooksSecret ?? ((name: string) => isSecretName(name, options.names));
  for (const container of allContainers(ctx)) {
    indexEnv(container, at, looksSecret, entry, read);
    indexEnvFrom(container, at, entry, read);
    indexVolumes(container, at, entry, read);
  }
  return entry;
}

type Locate = (node: unknown, message: string) => RelatedLocation | undefined;

/** Reads a name-like scalar (getString), or undefined when a template writes it. */
type ReadName = (map: YAMLMap | undefined, key: string, doc: AnyDoc) => string | undefined;

function locator(path: string, lines: LineIndex): Locate {
  return (node, message) => {
    const r = rangeOf(node);
    return r ? { path, start: lines.position(r.start), end: lines.position(r.end), message } : undefined;
  };
}

function definedObject(map: YAMLMap, doc: AnyDoc, sections: string[], read: ReadName): DefinedObject | undefined {
  const metadata = getMap(map, 'metadata', doc);
  const name = read(metadata, 'name', doc);
  if (name === undefined) return undefined;
  const keys = new Set<string>();
  for (const section of sections) {
    for (const pair of getMap(map, section, doc)?.items ?? []) {
      const k = keyName(pair);
      if (k !== undefined) keys.add(k);
    }
  }
  return { name, namespace: read(metadata, 'namespace', doc), keys: [...keys].sort() };
}

function indexEnv(
  container: Container,
  at: Locate,
  looksSecret: (name: string, value: string | undefined) => boolean,
  out: ManifestIndexEntry,
  read: ReadName,
): void {
  const doc = container.pod.object.document.doc;
  for (const item of getSeq(container.map, 'env', doc)?.items ?? []) {
    const entry = asMap(item, doc);
    const namePair = findPair(entry, 'name');
    const name = read(entry, 'name', doc);
    if (!entry || name === undefined || !ENV_NAME.test(name)) continue;
    const valueFrom = getMap(entry, 'valueFrom', doc);
    const secretRef = getMap(valueFrom, 'secretKeyRef', doc);
    const configRef = getMap(valueFrom, 'configMapKeyRef', doc);
    if (secretRef) {
      const secret = read(secretRef, 'name', doc);
      const key = read(secretRef, 'key', doc);
      const shown = (value: string | undefined, k: string) => value ?? (findPair(secretRef, k) ? '(templated)' : '?');
      const location = at(namePair?.value, `${name} is fed by Secret "${shown(secret, 'name')}" key "${shown(key, 'key')}" here.`);
      out.feeds.push({ name, via: 'env', kind: 'secret', secret, key, location });
    } else if (configRef) {
      const configMap = read(configRef, 'name', doc);
      const location = at(namePair?.value, `${name} is fed by ConfigMap "${configMap ?? '?'}" here (not a Secret).`);
      out.feeds.push({ name, via: 'env', kind: 'configmap', configMap, location });
    } else if (valueFrom === undefined || findPair(valueFrom, 'fieldRef') || findPair(valueFrom, 'resourceFieldRef')) {
      // A literal `value` (or a field the platform fills in): never kept, only judged.
      const value = read(entry, 'value', doc);
      const secretLooking = valueFrom === undefined && looksSecret(name, value);
      const location = at(
        namePair?.value,
        `${name} is set ${valueFrom ? 'from a pod field' : 'to a literal value'} here${secretLooking ? '' : ' (not a Secret)'}.`,
      );
      out.feeds.push({ name, via: 'env', kind: 'literal', looksSecret: secretLooking, location });
    }
  }
}

function indexEnvFrom(container: Container, at: Locate, out: ManifestIndexEntry, read: ReadName): void {
  const doc = container.pod.object.document.doc;
  for (const item of getSeq(container.map, 'envFrom', doc)?.items ?? []) {
    const entry = asMap(item, doc);
    const prefix = read(entry, 'prefix', doc) ?? '';
    for (const [field, kind] of [
      ['secretRef', 'secret'],
      ['configMapRef', 'configmap'],
    ] as const) {
      const pair = findPair(entry, field);
      const ref = read(asMap(pair?.value, doc), 'name', doc);
      if (!pair || ref === undefined) continue;
      const what = kind === 'secret' ? 'Secret' : 'ConfigMap';
      const location = at(pair.key, `Every key of ${what} "${ref}" becomes an env var here${prefix ? ` (prefix "${prefix}")` : ''}.`);
      if (location) out.wholeRefs.push({ kind, ref, prefix, via: 'envFrom', location });
    }
  }
}

/** Secret files mounted into the container: the file for env var NAME is `<mountPath>/NAME` (DESIGN §5). */
function indexVolumes(container: Container, at: Locate, out: ManifestIndexEntry, read: ReadName): void {
  const doc = container.pod.object.document.doc;
  const mounted = new Set<string>();
  for (const m of getSeq(container.map, 'volumeMounts', doc)?.items ?? []) {
    const name = read(asMap(m, doc), 'name', doc);
    if (name !== undefined) mounted.add(name);
  }
  if (container.group === 'ephemeralContainers' || mounted.size === 0) return;
  for (const v of getSeq(container.pod.spec, 'volumes', doc)?.items ?? []) {
    const volume = asMap(v, doc);
    if (!mounted.has(read(volume, 'name', doc) ?? '')) continue;
    const sources = [getMap(volume, 'secret', doc)];
    for (const s of getSeq(getMap(volume, 'projected', doc), 'sources', doc)?.items ?? []) sources.push(getMap(asMap(s, doc), 'secret', doc));
    for (const source of sources) if (source) indexSecretSource(source, doc, at, out, read);
  }
}

function indexSecretSource(source: YAMLMap, doc: AnyDoc, at: Locate, out: ManifestIndexEntry, read: ReadName): void {
  const secret = read(source, 'secretName', doc) ?? read(source, 'name', doc);
  if (secret === undefined) return;
  const items = getSeq(source, 'items', doc);
  if (!items) {
    const location = at(findPair(source, 'secretName')?.value ?? findPair(source, 'name')?.value, `Every key of Secret "${secret}" is mounted as a file here.`);
    if (location) out.wholeRefs.push({ kind: 'secret', ref: secret, prefix: '', via: 'volume', location });
    return;
  }
  for (const item of items.items) {
    const map = asMap(item, doc);
    const pathPair = findPair(map, 'path');
    const file = read(map, 'path', doc)?.split('/').pop();
    const key = read(map, 'key', doc);
    if (file === undefined || !ENV_NAME.test(file)) continue;
    const location = at(pathPair?.value, `${file} is mounted from Secret "${secret}" key "${key ?? '?'}" here.`);
    out.feeds.push({ name: file, via: 'volume', kind: 'secret', secret, key, location });
  }
}
