// What the CLI reports per finding, in the JSON contract of DESIGN §3 (0-based LSP positions), with
// what SARIF adds: the finding's stable fingerprint and its preferred fix as in-file edits.
import type { Analysis } from '../engine/analyze';
import { fingerprintFindings } from '../engine/fingerprint';
import type { Finding, Fix, Severity, TextEdit } from '../engine/findings';
import { minimalEdit } from '../engine/text';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** One edit of a fix, on the text that was analysed (LSP-like: 0-based, UTF-16 characters). */
export interface ReportedEdit {
  range: Range;
  newText: string;
}

/** A finding's preferred fix, when it only edits the file (no file to create): what `--fix` applies for it alone. */
export interface ReportedFix {
  description: string;
  /** Sorted by position, never overlapping; each range refers to the text before any edit (applied in order). */
  edits: ReportedEdit[];
}

export interface ReportedFinding {
  file: string;
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fixable: boolean;
  /** Stable across unrelated edits and line moves, never made from a value (engine/fingerprint.ts). */
  fingerprint: string;
  /** SARIF `fixes`; not part of the JSON output. */
  fix?: ReportedFix;
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

/** `file` as shown (relative paths with forward slashes), which the fingerprints hash too. */
export function reportFindings(file: string, analysis: Analysis): ReportedFinding[] {
  const fingerprints = fingerprintFindings(analysis.findings, file);
  return analysis.findings.map((f, i) => {
    // The first preferred fix is the one fix-all and `--fix` apply (engine/fix-all.ts chosenFix).
    const preferred = analysis.fixesFor(f).find((fix) => fix.preferred);
    const reported: ReportedFinding = {
      file,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      range: { start: analysis.lines.position(f.start), end: analysis.lines.position(f.end) },
      fixable: preferred !== undefined,
      fingerprint: fingerprints[i],
    };
    const fix = preferred && !preferred.createFiles?.length ? reportedFix(f, preferred, analysis) : undefined;
    if (fix) reported.fix = fix;
    return reported;
  });
}

/**
 * A finding's fix as the reports show it (SARIF `fixes`), or undefined when it must not be shown: each
 * edit trimmed to what it changes (text it keeps in place, such as the default of an env read, is not
 * repeated), in the order `applyEdits` applies them (by start, then end; inserts at one point keep their
 * order). A fix whose inserted text would still carry a value is not shown (`--fix` still applies it):
 * a literal moved into a Secret manifest (k8s-secret-env-literal; a Compose literal goes to a created
 * file), or a quoted string the fix deletes and writes again elsewhere (a default moved by a rewrite).
 */
function reportedFix(finding: Finding, fix: Fix, analysis: Analysis): ReportedFix | undefined {
  if (finding.rule === 'k8s-secret-env-literal' || finding.data.literal === true) return undefined;
  const text = analysis.lines.text;
  const edits = [...fix.edits]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .flatMap((e) => trimmedEdit(text, e) ?? [])
    .sort((a, b) => a.start - b.start || a.end - b.end);
  if (edits.length === 0 || movesQuotedText(finding, fix.edits, edits, text)) return undefined;
  return {
    description: fix.title,
    edits: edits.map((e) => ({ range: { start: analysis.lines.position(e.start), end: analysis.lines.position(e.end) }, newText: e.newText })),
  };
}

/** The part of `edit` that changes the text, never splitting a CRLF or a surrogate pair; undefined when it changes nothing. */
function trimmedEdit(text: string, edit: TextEdit): TextEdit | undefined {
  const trimmed = minimalEdit(text.slice(edit.start, edit.end), edit.newText);
  if (!trimmed) return undefined;
  let start = edit.start + trimmed.start;
  let end = edit.start + trimmed.end;
  let newText = trimmed.newText;
  for (; start > edit.start && splitsUnit(text, start); start--) newText = text[start - 1] + newText;
  for (; end < edit.end && splitsUnit(text, end); end++) newText += text[end];
  return { start, end, newText };
}

/** Whether offset `i` falls inside a CRLF line break or a surrogate pair. */
function splitsUnit(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i);
  return (before === 13 && after === 10) || (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff);
}

/** Quoted strings (one line, any of the three quotes) and what they hold. */
const QUOTED = /(["'`])((?:\\.|(?!\1)[^\\\r\n])*)\1/g;

/** Whether a (trimmed) inserted text holds the content of a quoted string that the fix's edits replace (a finding's names aside). */
function movesQuotedText(finding: Finding, original: readonly TextEdit[], trimmed: readonly TextEdit[], text: string): boolean {
  const names = new Set(Object.values(finding.data).filter((v): v is string => typeof v === 'string'));
  const replaced = original.flatMap((e) => [...text.slice(e.start, e.end).matchAll(QUOTED)].map((m) => m[2]));
  const contents = replaced.filter((content) => content.trim().length >= 2 && !names.has(content));
  return contents.some((content) => trimmed.some((e) => e.newText.includes(content)));
}
