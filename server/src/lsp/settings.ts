// Per-resource settings (vscode-eslint style): fetched with workspace/configuration for each document's
// URI, cached until the client says configuration changed; then the project config file governing the
// document (.secret-hints.yaml, project-configs.ts) is applied on top, so the editor shows what CI
// reports: what the file sets wins over user and workspace settings (docs/DESIGN.md §3).
import { toBaselineSetting, type BaselineSetting } from './baselined';
import type { Connection } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { normalizeSettings, type EngineSettings } from '../engine/settings';
import type { ProjectConfigs } from '../project-configs';

export interface ResourceSettings {
  enable: boolean;
  exclude: string[];
  engine: EngineSettings;
  /** `secretHints.baseline`: a CLI baseline whose findings are shown at a lower severity. */
  baseline: BaselineSetting;
  /** The project config file excludes this file (or a folder it is in). */
  projectExcluded?: boolean;
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
  /** The editor's settings per resource (a document's or a folder's URI). */
  private readonly editor = new Map<string, Promise<ResourceSettings>>();
  /** Per document URI: the editor's settings with its project config applied. */
  private readonly effective = new Map<string, Promise<ResourceSettings>>();
  /** Settings pushed with didChangeConfiguration, for clients without workspace/configuration. */
  private pushed: unknown = undefined;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
    readonly projectConfigs?: ProjectConfigs,
  ) {}

  /** A document's settings: the editor's for its URI, with the project config governing its file. */
  get(uri: string): Promise<ResourceSettings> {
    let entry = this.effective.get(uri);
    if (!entry) {
      entry = this.editorSettings(uri).then((editor) => {
        const parsed = URI.parse(uri);
        return parsed.scheme === 'file' ? this.forFile(editor, parsed.fsPath) : editor;
      });
      this.effective.set(uri, entry);
    }
    return entry;
  }

  /** The editor's settings alone (a workspace folder's, whose files each get their own config). */
  editorSettings(uri: string): Promise<ResourceSettings> {
    let entry = this.editor.get(uri);
    if (!entry) {
      entry = this.fetch(uri);
      this.editor.set(uri, entry);
    }
    return entry;
  }

  /** `editor` (a folder's settings) for one file of it: its project config applied. */
  async forFile(editor: ResourceSettings, fsPath: string): Promise<ResourceSettings> {
    if (!this.projectConfigs) return editor;
    const governed = await this.projectConfigs.forFile(fsPath);
    const engine = this.projectConfigs.settingsFor(editor.engine, governed);
    return engine === editor.engine && !governed.excluded ? editor : { ...editor, engine, projectExcluded: governed.excluded };
  }

  /** Drops everything; `pushed` is the `settings` payload of didChangeConfiguration, if any. */
  invalidate(pushed?: unknown): void {
    if (pushed !== undefined) this.pushed = pushed;
    this.editor.clear();
    this.effective.clear();
  }

  /** A project config file changed: documents get their config again (the editor's settings hold). */
  projectConfigChanged(): void {
    this.projectConfigs?.clear();
    this.effective.clear();
  }

  forget(uri: string): void {
    this.editor.delete(uri);
    this.effective.delete(uri);
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
