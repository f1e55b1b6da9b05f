// Human output: `file:line:col  severity  rule  message`, the files not analysed, then a summary.
import type { ScanResult } from './report';

export function formatText({ findings, skipped, filesScanned, allowSkipped }: ScanResult): string {
  const lines = findings.map((f) =>
    printable(
      `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity.padEnd(11)} ${f.rule}  ${f.message}${f.fixable ? '  [fixable]' : ''}`,
    ),
  );
  const fixable = findings.filter((f) => f.fixable).length;
  const noun = findings.length === 1 ? 'finding' : 'findings';
  for (const s of skipped) lines.push(printable(`${s.file}  not analysed (${s.reason})  ${s.message}`));
  lines.push(
    `${findings.length} ${noun} in ${filesScanned} file${filesScanned === 1 ? '' : 's'} scanned${fixable > 0 ? ` (${fixable} fixable with --fix)` : ''}.`,
  );
  if (skipped.length > 0) {
    const files = `${skipped.length} file${skipped.length === 1 ? ' was' : 's were'} not analysed`;
    lines.push(
      allowSkipped ? `${files} (allowed by --allow-skipped).` : `${files}: the scan fails (exit code 3 without findings) unless --allow-skipped is given.`,
    );
  }
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
