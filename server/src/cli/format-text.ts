// Human output: `file:line:col  severity  rule  message`, then a summary line.
import type { ReportedFinding } from './report';

export function formatText(findings: readonly ReportedFinding[], filesScanned: number): string {
  const lines = findings.map(
    (f) => printable(`${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity.padEnd(11)} ${f.rule}  ${f.message}${f.fixable ? '  [fixable]' : ''}`),
  );
  const fixable = findings.filter((f) => f.fixable).length;
  const noun = findings.length === 1 ? 'finding' : 'findings';
  lines.push(`${findings.length} ${noun} in ${filesScanned} file${filesScanned === 1 ? '' : 's'} scanned${fixable > 0 ? ` (${fixable} fixable with --fix)` : ''}.`);
  return lines.join('\n') + '\n';
}

/**
 * Names and paths come from the scanned files: escape control characters (terminal escape sequences,
 * carriage returns, line breaks) so a hostile file cannot rewrite or forge the terminal's output.
 */
export function printable(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
