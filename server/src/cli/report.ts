// What the CLI reports per finding, in the JSON contract of DESIGN §3 (0-based LSP positions).
import type { Analysis } from '../engine/analyze';
import type { Severity } from '../engine/findings';

export interface Position {
  line: number;
  character: number;
}

export interface ReportedFinding {
  file: string;
  rule: string;
  severity: Severity;
  message: string;
  range: { start: Position; end: Position };
  fixable: boolean;
}

/** What one scan found, for the output formats. */
export interface ScanResult {
  findings: ReportedFinding[];
  /** Files that were not analysed, in walk order. */
  skipped: SkippedFile[];
  filesScanned: number;
  /** `--allow-skipped`: skipped files are reported but do not fail the scan. */
  allowSkipped: boolean;
}

/** Why a file was not analysed: the engine's refusals, or the CLI's own (not UTF-8). */
export type SkipReason = 'file-too-large' | 'not-text' | 'analysis-budget' | 'analysis-timeout';

export const SKIP_REASONS: ReadonlySet<string> = new Set<SkipReason>(['file-too-large', 'not-text', 'analysis-budget', 'analysis-timeout']);

/** A file the scan did not analyse: it makes the exit code non-zero unless `--allow-skipped` (fail closed). */
export interface SkippedFile {
  file: string;
  reason: SkipReason;
  message: string;
}

/** The analysis' refusal, when the engine did not analyse the file at all. */
export function skippedOf(file: string, analysis: Analysis): SkippedFile | undefined {
  const refusal = analysis.problems.find((p) => SKIP_REASONS.has(p.code));
  return refusal && { file, reason: refusal.code as SkipReason, message: refusal.message };
}

export function reportFindings(file: string, analysis: Analysis): ReportedFinding[] {
  return analysis.findings.map((f) => ({
    file,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    range: { start: analysis.lines.position(f.start), end: analysis.lines.position(f.end) },
    fixable: analysis.fixesFor(f).some((fix) => fix.preferred),
  }));
}
