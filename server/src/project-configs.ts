// Finds and reads the project config files (.secret-hints.yaml) for the CLI and the language server:
// a file is governed by the config of the nearest folder at or above it that holds one (no merging
// with configs further up: like Ruff, the nearest file is the whole truth, so a sub-project can set
// its own rules). Exclusions differ on one point: a folder a config excludes is not analysed even if
// it holds a config of its own, as the walk never enters it. Each folder is looked up once.
import * as path from 'node:path';
import { parseProjectConfig, type ConfigProblem, type ParseOptions, type PartialSettings, type ProjectConfig } from './engine/project-config/parse';
import { MAX_PROJECT_CONFIG_BYTES, PROJECT_CONFIG_NAMES } from './engine/project-config/schema';
import { withConfig } from './engine/project-config/apply';
import type { EngineSettings } from './engine/settings';
import { LineIndex } from './engine/text';
import { exclusion, toPosix } from './paths';
import { pathTaken, readHead } from './read-text';

/** A config file as read: valid (`config`) or not (`problems`, each at a range of `text`). */
export interface LoadedConfig {
  file: string;
  dir: string;
  text: string;
  config: ProjectConfig | undefined;
  problems: ConfigProblem[];
  /** What a valid file has that is not applied, and why (an untrusted workspace's name patterns). */
  notes?: ConfigProblem[];
}

/** What governs one file: its config (if any), whether it is excluded, and its settings' layers. */
export interface FileConfig {
  config: LoadedConfig | undefined;
  excluded: boolean;
  /** The config's top level and the overrides whose globs match the file, in order. */
  layers: PartialSettings[];
  /** Files with the same key get the same layers (the config file and the indices of its overrides). */
  key: string;
}

interface Compiled {
  excluded: (relativePosixPath: string) => boolean;
  overrides: ((relativePosixPath: string) => boolean)[];
}

export interface ProjectConfigOptions {
  /** `--config FILE`: this file governs every file, and no other is looked for. */
  explicit?: string;
  /** `--no-config`: no config file is read. */
  disabled?: boolean;
  /** Told of each config file read (the language server publishes its problems). */
  onLoad?: (config: LoadedConfig) => void;
  /** The editor's workspace is not trusted: name patterns in the files are not applied (parse.ts). */
  untrusted?: boolean;
}

export class ProjectConfigs {
  /** Per folder, the config of the nearest folder at or above it. */
  private readonly nearestByDir = new Map<string, Promise<LoadedConfig | undefined>>();
  private readonly compiled = new WeakMap<LoadedConfig, Compiled>();
  /** Per base settings and FileConfig key, the merged settings (forgotten with the files read). */
  private merged = new WeakMap<EngineSettings, Map<string, EngineSettings>>();
  private explicit: Promise<LoadedConfig> | undefined;

  constructor(private readonly options: ProjectConfigOptions = {}) {}

  /** Whether the editor's workspace is trusted (told at `initialize`); every file is read again. */
  setUntrusted(untrusted: boolean): void {
    this.options.untrusted = untrusted;
    this.clear();
  }

  get untrusted(): boolean {
    return this.options.untrusted === true;
  }

  /** Forgets every file read (a config was created, changed or deleted). */
  clear(): void {
    this.nearestByDir.clear();
    this.merged = new WeakMap();
    this.explicit = undefined;
  }

  /** The config governing the files of folder `dir`. */
  nearest(dir: string): Promise<LoadedConfig | undefined> {
    if (this.options.disabled) return Promise.resolve(undefined);
    if (this.options.explicit !== undefined) return (this.explicit ??= this.load(path.resolve(this.options.explicit)));
    const key = path.resolve(dir);
    let found = this.nearestByDir.get(key);
    if (!found) {
      found = this.lookUp(key);
      this.nearestByDir.set(key, found);
    }
    return found;
  }

  /** Every config file read so far that is invalid, in the order first met. */
  async invalid(): Promise<LoadedConfig[]> {
    const all = await Promise.all([...(this.explicit ? [this.explicit] : []), ...this.nearestByDir.values()]);
    const invalid = new Map<string, LoadedConfig>();
    for (const c of all) if (c && c.config === undefined && !invalid.has(c.file)) invalid.set(c.file, c);
    return [...invalid.values()];
  }

  /** What governs `file`. */
  async forFile(file: string): Promise<FileConfig> {
    const full = path.resolve(file);
    const config = await this.nearest(path.dirname(full));
    const excluded = await this.excluded(full, false);
    if (!config?.config) return { config, excluded, layers: [], key: config?.file ?? '' };
    const rel = relativeTo(config, full);
    const compiled = this.compile(config);
    const matching = config.config.overrides?.flatMap((_, i) => (compiled.overrides[i](rel) ? [i] : [])) ?? [];
    return {
      config,
      excluded,
      layers: [config.config, ...matching.map((i) => config.config?.overrides?.[i] ?? { files: [] })],
      key: `${config.file}\0${matching.join(',')}`,
    };
  }

  /** `base` with what the config governing `file` sets (one object per distinct combination). */
  settingsFor(base: EngineSettings, governed: FileConfig): EngineSettings {
    if (governed.layers.length === 0) return base;
    let byKey = this.merged.get(base);
    if (!byKey) this.merged.set(base, (byKey = new Map<string, EngineSettings>()));
    let settings = byKey.get(governed.key);
    if (!settings) byKey.set(governed.key, (settings = withConfig(base, governed.layers)));
    return settings;
  }

  /**
   * During a walk: whether the entry `full` of a folder being walked is excluded. Only the config of
   * its own folder is asked — the folders above were asked as the walk went down.
   */
  async excludedInWalk(full: string, isDir: boolean): Promise<boolean> {
    const config = await this.nearest(path.dirname(full));
    return config?.config !== undefined && excludedBy(this.compile(config), relativeTo(config, full), isDir);
  }

  /** Whether a file or folder named outright (not met in a walk) is excluded by its config or one above. */
  async excluded(full: string, isDir: boolean): Promise<boolean> {
    const config = await this.nearest(path.dirname(full));
    if (!config) return false;
    return (config.config !== undefined && excludedBy(this.compile(config), relativeTo(config, full), isDir)) || (await this.excludedAbove(config));
  }

  /** Whether a config above `config`'s folder excludes that folder (or a folder between). */
  private async excludedAbove(config: LoadedConfig): Promise<boolean> {
    if (this.options.explicit !== undefined) return false;
    let below = config.dir;
    for (;;) {
      const parent = path.dirname(below);
      if (parent === below) return false;
      const above = await this.nearest(parent);
      if (!above) return false;
      if (above.config && excludedBy(this.compile(above), relativeTo(above, below), true)) return true;
      below = above.dir;
    }
  }

  private compile(config: LoadedConfig): Compiled {
    let compiled = this.compiled.get(config);
    if (!compiled) {
      compiled = {
        excluded: exclusion(config.config?.exclude ?? []),
        overrides: (config.config?.overrides ?? []).map((o) => exclusion(o.files)),
      };
      this.compiled.set(config, compiled);
    }
    return compiled;
  }

  private async load(file: string): Promise<LoadedConfig> {
    const loaded = await loadConfig(file, { untrusted: this.options.untrusted });
    this.options.onLoad?.(loaded);
    return loaded;
  }

  private async lookUp(dir: string): Promise<LoadedConfig | undefined> {
    const present = PROJECT_CONFIG_NAMES.filter((name) => pathTaken(path.join(dir, name)));
    if (present.length > 1) {
      const file = path.join(dir, present[0]);
      const text = (await readHead(file, MAX_PROJECT_CONFIG_BYTES + 1)) ?? '';
      const message = `Two project config files in one folder (${present.join(', ')}): keep one.`;
      const loaded: LoadedConfig = { file, dir, text, config: undefined, problems: [{ message, start: 0, end: 0 }] };
      this.options.onLoad?.(loaded);
      return loaded;
    }
    if (present.length === 1) return this.load(path.join(dir, present[0]));
    const parent = path.dirname(dir);
    return parent === dir ? undefined : this.nearest(parent);
  }
}

/** Whether a path's file name is a project config file's. */
export function isProjectConfig(file: string): boolean {
  return (PROJECT_CONFIG_NAMES as readonly string[]).includes(path.basename(file));
}

/** Reads and parses one config file; one that cannot be read is invalid, with the reason. */
export async function loadConfig(file: string, options: ParseOptions = {}): Promise<LoadedConfig> {
  const dir = path.dirname(file);
  const text = await readHead(file, MAX_PROJECT_CONFIG_BYTES + 1);
  if (text === undefined) return { file, dir, text: '', config: undefined, problems: [{ message: 'The file cannot be read.', start: 0, end: 0 }] };
  const parsed = parseProjectConfig(text, options);
  return { file, dir, text, config: parsed.config, problems: parsed.problems, notes: parsed.notes };
}

function relativeTo(config: LoadedConfig, full: string): string {
  return toPosix(path.relative(config.dir, full));
}

function excludedBy(compiled: Compiled, rel: string, isDir: boolean): boolean {
  return compiled.excluded(rel) || (isDir && compiled.excluded(`${rel}/`));
}

/** `file:line:column: message` for each problem (1-based, as compilers print them). */
export function describeProblems(config: LoadedConfig, shownPath: string): string[] {
  const lines = new LineIndex(config.text);
  return config.problems.map((p) => {
    const at = lines.position(p.start);
    return `${shownPath}:${at.line + 1}:${at.character + 1}: ${p.message}`;
  });
}
