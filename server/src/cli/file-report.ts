// What the CLI prints for one file: its notes (parse problems, refusals) for stderr and its findings.
import * as path from 'node:path';
import type { Analysis } from '../engine/analyze';
import { printable } from './format-text';
import { reportFindings, skippedOf, type ReportedFinding, type SkippedFile } from './report';

export interface FileReport {
  /** Ready-to-print stderr lines (control characters escaped, no line break). */
  notes: string[];
  findings: ReportedFinding[];
  /** Set when the file was not analysed at all. */
  skipped: SkippedFile | undefined;
}

/** The notes, findings and skip of an analysis. `fixable` asks the analysis' hooks, so call it when they answer as they should. */
export function fileReport(file: string, analysis: Analysis): FileReport {
  const shown = displayPath(file);
  return { notes: fileNotes(file, analysis), findings: reportFindings(shown, analysis), skipped: skippedOf(shown, analysis) };
}

export function fileNotes(file: string, analysis: Analysis): string[] {
  return analysis.problems.map((p) => {
    const at = analysis.lines.position(p.start);
    return printable(`${displayPath(file)}:${at.line + 1}:${at.character + 1}: note: ${p.message}`);
  });
}

export function displayPath(file: string): string {
  return path.isAbsolute(file) ? file : path.normalize(file).split(path.sep).join('/');
}
