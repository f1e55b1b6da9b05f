// Baselined findings in the editor (issue 22): with `secretHints.baseline.file` set (a baseline the CLI
// wrote with --write-baseline, relative to the workspace folder), a finding the baseline holds is shown
// at `secretHints.baseline.severity` (default hint; "off" hides it) instead of its rule's. Fingerprints
// hash the file's path as the CLI names it when it scans from the folder: relative to the folder.
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { fingerprintFindings } from '../engine/fingerprint';
import type { Finding } from '../engine/findings';
import { parseBaseline } from '../engine/baseline';
import { fileStamp, readSmallText } from '../read-text';

export type BaselineSeverity = 'hint' | 'information' | 'warning' | 'off';

export interface BaselineSetting {
  /** Relative to the workspace folder (or absolute); empty: no baseline. */
  file: string;
  severity: BaselineSeverity;
}

const SEVERITY: Record<Exclude<BaselineSeverity, 'off'>, DiagnosticSeverity> = {
  hint: DiagnosticSeverity.Hint,
  information: DiagnosticSeverity.Information,
  warning: DiagnosticSeverity.Warning,
};

export function toBaselineSetting(raw: unknown): BaselineSetting {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as { file?: unknown; severity?: unknown };
  const severity = typeof r.severity === 'string' && ['hint', 'information', 'warning', 'off'].includes(r.severity) ? (r.severity as BaselineSeverity) : 'hint';
  return { file: typeof r.file === 'string' ? r.file.trim() : '', severity };
}

/**
 * A baseline's fingerprints, read when its size or modification time changes (the check runs on every
 * publish, a read only after the file changed); a file that is not a baseline holds none (the CLI says why).
 */
const cache = new Map<string, { stamp: string; fingerprints: Set<string> }>();

function fingerprintsIn(file: string): Set<string> | undefined {
  const stamp = fileStamp(file);
  if (stamp === undefined) return undefined;
  const cached = cache.get(file);
  if (cached?.stamp === stamp) return cached.fingerprints;
  const text = readSmallText(file, 16 * 1024 * 1024);
  let fingerprints = new Set<string>();
  try {
    if (text !== undefined) fingerprints = parseBaseline(text, file);
  } catch {
    // Not a baseline: nothing is baselined.
  }
  cache.set(file, { stamp, fingerprints });
  return fingerprints;
}

/** The workspace folder holding `fsPath`, and the path relative to it. */
function inFolder(fsPath: string, folders: readonly string[]): { folder: string; relative: string } | undefined {
  for (const folder of folders) {
    const relative = path.relative(folder, fsPath);
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) return { folder, relative: relative.split(path.sep).join('/') };
  }
  return undefined;
}

/**
 * The diagnostics of `findings` (same order, from `toDiagnostic`), with those the baseline holds at the
 * baseline severity, or left out with "off".
 */
export function withBaseline(
  findings: readonly Finding[],
  diagnostics: Diagnostic[],
  fsPath: string | undefined,
  folders: readonly string[],
  setting: BaselineSetting,
): Diagnostic[] {
  if (setting.file === '' || fsPath === undefined || findings.length === 0) return diagnostics;
  const place = inFolder(fsPath, folders);
  if (!place) return diagnostics;
  const baselined = fingerprintsIn(path.resolve(place.folder, setting.file));
  if (!baselined || baselined.size === 0) return diagnostics;
  const fingerprints = fingerprintFindings(findings, place.relative);
  return diagnostics.flatMap((d, i) => {
    if (!baselined.has(fingerprints[i])) return [d];
    if (setting.severity === 'off') return [];
    const message = typeof d.message === 'string' ? `${d.message} (in the baseline)` : d.message;
    return [{ ...d, severity: SEVERITY[setting.severity], message }];
  });
}
