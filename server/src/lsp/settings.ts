// Per-resource settings (vscode-eslint style): fetched with workspace/configuration for each document's
// URI, cached until the client says configuration changed.
import { toBaselineSetting, type BaselineSetting } from './baselined';
import type { Connection } from 'vscode-languageserver/node';
import { normalizeSettings, type EngineSettings } from '../engine/settings';

export interface ResourceSettings {
  enable: boolean;
  exclude: string[];
  engine: EngineSettings;
  /** `secretHints.baseline`: a CLI baseline whose findings are shown at a lower severity. */
  baseline: BaselineSetting;
}

export function toResourceSettings(raw: unknown): ResourceSettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as { enable?: unknown; exclude?: unknown; baseline?: unknown };
  return {
    enable: r.enable !== false,
    exclude: Array.isArray(r.exclude) ? r.exclude.filter((x): x is string => typeof x === 'string') : [],
    engine: normalizeSettings(raw),
    baseline: toBaselineSetting(r.baseline),
  };
}

export class SettingsCache {
  private readonly cache = new Map<string, Promise<ResourceSettings>>();
  /** Settings pushed with didChangeConfiguration, for clients without workspace/configuration. */
  private pushed: unknown = undefined;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
  ) {}

  get(uri: string): Promise<ResourceSettings> {
    let entry = this.cache.get(uri);
    if (!entry) {
      entry = this.fetch(uri);
      this.cache.set(uri, entry);
    }
    return entry;
  }

  /** Drops everything; `pushed` is the `settings` payload of didChangeConfiguration, if any. */
  invalidate(pushed?: unknown): void {
    if (pushed !== undefined) this.pushed = pushed;
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private async fetch(uri: string): Promise<ResourceSettings> {
    if (!this.canPull()) return toResourceSettings((this.pushed as { secretHints?: unknown } | undefined)?.secretHints);
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'secretHints' });
      return toResourceSettings(raw);
    } catch (err) {
      this.connection.console.warn(`Could not read settings for ${uri}; using defaults (${String(err)}).`);
      return toResourceSettings(undefined);
    }
  }
}
