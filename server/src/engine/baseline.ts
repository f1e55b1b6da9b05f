// Baselines (the file format, read by the CLI and the editor): `scan --write-baseline FILE` records today's findings by fingerprint (engine/fingerprint.ts:
// rule, file as scanned, the names the finding is about and their occurrence — never a line number,
// never a value), `scan --baseline FILE` reports and fails on the others only. A fingerprint holds the
// path as the scan names it: scan from the same folder with the same (relative) paths.

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  rule: string;
  /** As the scan named it (relative to where it ran), for people reading the file; the fingerprint holds it too. */
  file: string;
  fingerprint: string;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  tool: 'secret-hints';
  /** Sorted by file, rule, fingerprint: the same findings give the same bytes. */
  findings: BaselineEntry[];
}

export class BaselineError extends Error {}

export function formatBaseline(entries: readonly BaselineEntry[]): string {
  const findings = [...entries].sort((a, b) => a.file.localeCompare(b.file) || a.rule.localeCompare(b.rule) || a.fingerprint.localeCompare(b.fingerprint));
  const baseline: Baseline = { version: BASELINE_VERSION, tool: 'secret-hints', findings };
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** The fingerprints a baseline file holds; a clear error when it is not one of ours. */
export function parseBaseline(text: string, file: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new BaselineError(`${file} is not a baseline: not JSON (${err instanceof Error ? err.message : String(err)}).`);
  }
  const b = data as Partial<Baseline> | null;
  if (typeof b !== 'object' || b === null || b.tool !== 'secret-hints' || !Array.isArray(b.findings))
    throw new BaselineError(`${file} is not a secret-hints baseline (write one with --write-baseline).`);
  if (b.version !== BASELINE_VERSION)
    throw new BaselineError(`${file} is a baseline of version ${String(b.version)}; this secret-hints reads version ${BASELINE_VERSION}.`);
  const keys = new Set<string>();
  for (const [i, e] of b.findings.entries()) {
    const entry = e as Partial<BaselineEntry> | null;
    if (typeof entry?.rule !== 'string' || typeof entry.file !== 'string' || typeof entry.fingerprint !== 'string')
      throw new BaselineError(`${file}: entry ${i + 1} needs string "rule", "file" and "fingerprint".`);
    keys.add(entry.fingerprint);
  }
  return keys;
}
