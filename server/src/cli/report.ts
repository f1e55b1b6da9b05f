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
