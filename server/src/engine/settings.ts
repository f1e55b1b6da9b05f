// Engine settings: the subset of `secretHints.*` that changes analysis results.
import type { SeveritySetting } from './findings';

export interface EngineSettings {
  /** Per-rule severity override; a missing id means the rule's default. */
  rules: Record<string, SeveritySetting | undefined>;
  secretNames: { extra: string[]; ignore: string[] };
  mountPath: string;
  /**
   * The applications the manifests deploy read their secrets from files (`<mountPath>/NAME`, e.g.
   * through the code fix's loader): a manifest fix that only mounts the Secret is then safe and preferred.
   */
  appsReadSecretFiles?: boolean;
  maxFileSizeKb: number;
  /** Internal, set by code (never read from user settings): work limit of one analysis in units (budget.ts DEFAULT_WORK_LIMIT). */
  workLimit?: number;
}

export const DEFAULT_MOUNT_PATH = '/etc/secrets';
/** 4 MiB: a 100,000-line manifest (about 2.3 MB) and a 2 MB minified bundle are analysed by default. */
export const DEFAULT_MAX_FILE_SIZE_KB = 4096;

export function defaultSettings(): EngineSettings {
  return {
    rules: {},
    secretNames: { extra: [], ignore: [] },
    mountPath: DEFAULT_MOUNT_PATH,
    appsReadSecretFiles: false,
    maxFileSizeKb: DEFAULT_MAX_FILE_SIZE_KB,
  };
}

const SEVERITIES = new Set(['off', 'hint', 'information', 'warning', 'error']);

/** Builds settings from untrusted JSON (a settings.json or a client's configuration answer). */
export function normalizeSettings(raw: unknown): EngineSettings {
  const base = defaultSettings();
  if (!isRecord(raw)) return base;
  if (isRecord(raw.rules)) {
    for (const [id, value] of Object.entries(raw.rules)) {
      if (typeof value === 'string' && SEVERITIES.has(value)) base.rules[id] = value as SeveritySetting;
    }
  }
  const names = raw.secretNames;
  if (isRecord(names)) {
    base.secretNames.extra = stringList(names.extra);
    base.secretNames.ignore = stringList(names.ignore);
  }
  if (typeof raw.mountPath === 'string' && raw.mountPath.startsWith('/')) base.mountPath = raw.mountPath.replace(/\/+$/, '') || '/';
  if (typeof raw.appsReadSecretFiles === 'boolean') base.appsReadSecretFiles = raw.appsReadSecretFiles;
  if (typeof raw.maxFileSizeKb === 'number' && raw.maxFileSizeKb > 0) base.maxFileSizeKb = raw.maxFileSizeKb;
  return base;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
