// Human output: `file:line:col  severity  rule  message`, then a summary line.
import type { ReportedFinding } from './report';

export function formatText(findings: readonly ReportedFinding[], filesScanned: number): string {
  const lines = findings.map(
    (f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity.padEnd(11)} ${f.rule}  ${f.message}${f.fixable ? '  [fixable]' : ''}`,
  );
  const fixable = findings.filter((f) => f.fixable).length;
  const noun = findings.length === 1 ? 'finding' : 'findings';
  lines.push(`${findings.length} ${noun} in ${filesScanned} file${filesScanned === 1 ? '' : 's'} scanned${fixable > 0 ? ` (${fixable} fixable with --fix)` : ''}.`);
  return lines.join('\n') + '\n';
}
