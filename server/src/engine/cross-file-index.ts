// The cross-file view (DESIGN §2): per manifest, which env var names it feeds from Secrets, ConfigMaps
// or literals, and which Secret keys the workspace defines. The LSP server and the CLI keep one index
// and hand `index.envSource` to analysis, so code rules judge an env var by where it comes from.
import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import type { CodeRead } from './combined-fix';
import { indexCompose } from './docker/compose/index-entry';
import { fileKindOf } from './file-kind';
import { chartImage, chartValuesPath } from './k8s/chart-image';
import {
  indexManifest,
  type DefinedObject,
  type EnvFeed,
  type EnvSource,
  type IndexOptions,
  type ManifestIndexEntry,
  type ParseOfText,
  type WorkspaceHooks,
} from './k8s/index-entry';
import type { CodePointer } from './rule';

export { indexManifest };
export type {
  EnvFeed,
  EnvSource,
  EnvSourceKind,
  EnvSourceLookup,
  IndexOptions,
  ManifestIndexEntry,
  ParseOfText,
  SecretKeysLookup,
  WorkspaceHooks,
} from './k8s/index-entry';

/** values.yaml files larger than this are not kept (1 MiB of text). */
const MAX_VALUES_CHARS = 1 << 20;

export class CrossFileIndex {
  private readonly entries = new Map<string, ManifestIndexEntry>();
  /** Fingerprint (hash) per path, so re-indexing an unchanged manifest reports "no change". */
  private readonly fingerprints = new Map<string, string>();
  /** name → feeds, rebuilt lazily after a change (queries are far more frequent than changes). */
  private byName: Map<string, EnvFeed[]> | undefined;
  private objects: { secrets: Map<string, DefinedObject[]>; configMaps: Map<string, DefinedObject[]> } | undefined;
  private changes = 0;
  /** Env vars each code file reads (its `secret-env-read` findings), for the manifest fixes' preference. */
  private readonly codeReadsByFile = new Map<string, readonly CodeRead[]>();
  /** Charts' values.yaml by path (plain data), for the images their templates render. */
  private readonly chartValues = new Map<string, { fingerprint: string; values: unknown }>();

  constructor(private readonly options: IndexOptions = {}) {}

  /** Bumped on every change; lets callers tell whether analyses made against the index are stale. */
  get version(): number {
    return this.changes;
  }

  get size(): number {
    return this.entries.size;
  }

  paths(): string[] {
    return [...this.entries.keys()];
  }

  /** Adds or replaces a manifest's entry; true when anything the index answers changed. */
  add(entry: ManifestIndexEntry): boolean {
    // A file that contributes nothing is not kept: it costs no memory and changes no answer.
    if (isEmpty(entry)) return this.forgetEntry(entry.path);
    const fingerprint = createHash('sha1').update(JSON.stringify(entry)).digest('base64');
    if (this.fingerprints.get(entry.path) === fingerprint) return false;
    this.entries.set(entry.path, entry);
    this.fingerprints.set(entry.path, fingerprint);
    this.touch();
    return true;
  }

  /** Re-indexes a manifest from its current text (on disk or in an open editor, with the editor's parse). */
  update(path: string, text: string, parsed?: ParseOfText): boolean {
    if (fileKindOf(path, undefined, text) === 'compose') return this.add(indexCompose(path, text, this.options.names));
    const values = this.updateChartValues(path, text);
    return this.add(indexManifest(path, text, this.options, parsed)) || values;
  }

  /** A chart's values.yaml: kept (parsed) so templates' images can be told (the chartImage hook). */
  private updateChartValues(path: string, text: string): boolean {
    if (!/(^|[\\/])values\.yaml$/.test(path)) return false;
    const fingerprint = createHash('sha1').update(text).digest('base64');
    if (this.chartValues.get(path)?.fingerprint === fingerprint) return false;
    let values: unknown;
    try {
      values = text.length <= MAX_VALUES_CHARS ? parse(text, { maxAliasCount: 100, uniqueKeys: false }) : undefined;
    } catch {
      values = undefined; // a values file that does not parse tells nothing
    }
    this.chartValues.set(path, { fingerprint, values });
    this.touch();
    return true;
  }

  /** The `chartImage` hook: the image a chart template's `image:` renders with its values.yaml. */
  chartImage(templatePath: string, imageText: string): string | undefined {
    const valuesPath = chartValuesPath(templatePath);
    const values = valuesPath === undefined ? undefined : this.chartValues.get(valuesPath)?.values;
    return values === undefined ? undefined : chartImage(imageText, values);
  }

  remove(path: string): boolean {
    const values = this.chartValues.delete(path);
    if (values) this.touch();
    return this.forgetEntry(path) || values;
  }

  private forgetEntry(path: string): boolean {
    if (!this.entries.delete(path)) return false;
    this.fingerprints.delete(path);
    this.touch();
    return true;
  }

  /** Every feed of `name` in the workspace, ordered by manifest path (for debugging and the hover). */
  sourcesOf(name: string): EnvFeed[] {
    return this.feedsByName().get(name) ?? [];
  }

  /**
   * The `envSource` hook. A Secret anywhere wins (the variable holds a secret in at least one
   * deployment); a secret-looking literal vouches for nothing (undefined: the name heuristics decide);
   * otherwise a ConfigMap or a plain literal says "not a secret".
   */
  envSource(name: string): EnvSource | undefined {
    const feeds = this.sourcesOf(name);
    const winner = feeds.find((f) => f.kind === 'secret') ?? (feeds.some((f) => f.looksSecret) ? undefined : feeds[0]);
    if (!winner) return undefined;
    const { kind, secret, key, location } = winner;
    return { kind, secret, key, location };
  }

  /** The index as analysis hooks, to spread into AnalysisInput (they always answer from the current state). */
  readonly hooks: Required<WorkspaceHooks> = {
    envSource: (name) => this.envSource(name),
    secretKeys: (name, namespace) => this.secretKeys(name, namespace),
    codeReads: (variable) => this.codeReads(variable),
    chartImage: (templatePath, imageText) => this.chartImage(templatePath, imageText),
  };

  /** Records which env vars a code file reads (replacing what it read before; [] forgets it). */
  noteCodeReads(path: string, reads: readonly CodeRead[]): void {
    if (reads.length === 0) this.codeReadsByFile.delete(path);
    else this.codeReadsByFile.set(path, reads);
  }

  /**
   * The `codeReads` hook: how the workspace's code reads `variable` once fixed — the plain file, or the
   * file one pointer variable names. Code that disagrees (one file reads the plain file, another a
   * pointer) makes neither safe for the manifest fix: false.
   */
  codeReads(variable: string): boolean | CodePointer {
    let plain = false;
    const pointers = new Map<string, CodePointer>();
    for (const reads of this.codeReadsByFile.values()) {
      for (const r of reads) {
        if (r.variable !== variable) continue;
        if (r.pointer) pointers.set(r.pointer.pointer, r.pointer);
        else plain = true;
      }
    }
    if (pointers.size === 0) return plain;
    return !plain && pointers.size === 1 ? [...pointers.values()][0] : false;
  }

  /**
   * Key names of the Secret `name` defined in the workspace (sorted), for the envFrom fix's explicit
   * `items`. Undefined when no such Secret is defined, or when same-named Secrets disagree on their keys
   * (and `namespace` does not tell them apart): a wrong item list would stop the pod from starting.
   */
  secretKeys(name: string, namespace?: string): string[] | undefined {
    return agreedKeys(this.defined('secrets', name, namespace));
  }

  configMapKeys(name: string, namespace?: string): string[] | undefined {
    return agreedKeys(this.defined('configMaps', name, namespace));
  }

  private defined(which: 'secrets' | 'configMaps', name: string, namespace: string | undefined): DefinedObject[] {
    const all = this.objectsByName()[which].get(name) ?? [];
    const sameNamespace = namespace === undefined ? [] : all.filter((o) => o.namespace === namespace);
    return sameNamespace.length > 0 ? sameNamespace : all;
  }

  /** Secret / ConfigMap objects by name, rebuilt lazily like the feeds (so queries stay O(1)). */
  private objectsByName(): { secrets: Map<string, DefinedObject[]>; configMaps: Map<string, DefinedObject[]> } {
    if (this.objects) return this.objects;
    const secrets = new Map<string, DefinedObject[]>();
    const configMaps = new Map<string, DefinedObject[]>();
    for (const entry of this.entries.values()) {
      for (const o of entry.secrets) secrets.set(o.name, [...(secrets.get(o.name) ?? []), o]);
      for (const o of entry.configMaps) configMaps.set(o.name, [...(configMaps.get(o.name) ?? []), o]);
    }
    this.objects = { secrets, configMaps };
    return this.objects;
  }

  private touch(): void {
    this.changes++;
    this.byName = undefined;
    this.objects = undefined;
  }

  private feedsByName(): Map<string, EnvFeed[]> {
    if (this.byName) return this.byName;
    const map = new Map<string, EnvFeed[]>();
    const push = (feed: EnvFeed) => {
      const list = map.get(feed.name);
      if (list) list.push(feed);
      else map.set(feed.name, [feed]);
    };
    const paths = [...this.entries.keys()].sort();
    for (const path of paths) {
      const entry = this.entries.get(path) as ManifestIndexEntry;
      entry.feeds.forEach(push);
      // Whole Secrets / ConfigMaps: every key the workspace defines for them becomes a name.
      for (const ref of entry.wholeRefs) {
        const keys = ref.kind === 'secret' ? this.secretKeys(ref.ref) : this.configMapKeys(ref.ref);
        for (const key of keys ?? []) {
          const name = ref.prefix + key;
          const location = { ...ref.location, message: `${name} comes from ${ref.kind === 'secret' ? 'Secret' : 'ConfigMap'} "${ref.ref}" key "${key}" here.` };
          if (ref.kind === 'secret') push({ name, via: ref.via, kind: 'secret', secret: ref.ref, key, location });
          else push({ name, via: ref.via, kind: 'configmap', configMap: ref.ref, location });
        }
      }
    }
    this.byName = map;
    return map;
  }
}

function isEmpty(e: ManifestIndexEntry): boolean {
  return e.feeds.length === 0 && e.wholeRefs.length === 0 && e.secrets.length === 0 && e.configMaps.length === 0;
}

function agreedKeys(objects: DefinedObject[]): string[] | undefined {
  if (objects.length === 0) return undefined;
  const first = objects[0].keys.join('\u0000');
  return objects.every((o) => o.keys.join('\u0000') === first) ? [...objects[0].keys] : undefined;
}
