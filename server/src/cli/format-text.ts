// Human output: `file:line:col  severity  rule  message`, the files not analysed, a table of findings
// per rule, then a summary line. Colours (severity, rule, [fixable]) only where `color` says.
import type { Severity } from '../engine/findings';
import type { ReportedFinding, ScanResult } from './report';

export interface TextOptions {
  color: boolean;
  /** `--quiet`: no table per rule. */
  quiet: boolean;
}

const SEVERITY_COLOR: Record<Severity, number> = { error: 31, warning: 33, information: 36, hint: 90 };
const ORDER: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export function formatText({ findings, skipped, filesScanned, allowSkipped }: ScanResult, options: TextOptions = { color: false, quiet: false }): string {
  const paint = (code: number, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines = findings.map(
    (f) =>
      `${printable(`${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`)}  ${paint(SEVERITY_COLOR[f.severity], f.severity.padEnd(11))} ${paint(2, f.rule)}  ${printable(f.message)}${f.fixable ? `  ${paint(32, '[fixable]')}` : ''}`,
  );
  const fixable = findings.filter((f) => f.fixable).length;
  const noun = findings.length === 1 ? 'finding' : 'findings';
  for (const s of skipped) lines.push(printable(`${s.file}  not analysed (${s.reason})  ${s.message}`));
  if (!options.quiet && findings.length > 0) lines.push('', ...ruleTable(findings));
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

/** Findings per rule and severity, rules in the order of their first finding's severity then name. */
function ruleTable(findings: readonly ReportedFinding[]): string[] {
  const rows = new Map<string, Record<Severity | 'fixable', number>>();
  for (const f of findings) {
    const row = rows.get(f.rule) ?? { error: 0, warning: 0, information: 0, hint: 0, fixable: 0 };
    row[f.severity]++;
    if (f.fixable) row.fixable++;
    rows.set(f.rule, row);
  }
  const columns = [...ORDER.filter((s) => findings.some((f) => f.severity === s)), 'fixable'] as (Severity | 'fixable')[];
  const ruleWidth = Math.max(4, ...[...rows.keys()].map((r) => r.length));
  const header = ['rule'.padEnd(ruleWidth), ...columns.map((c) => c.padStart(Math.max(c.length, 5)))].join('  ');
  const sorted = [...rows].sort(([a], [b]) => a.localeCompare(b));
  return [header, ...sorted.map(([rule, row]) => [rule.padEnd(ruleWidth), ...columns.map((c) => String(row[c]).padStart(Math.max(c.length, 5)))].join('  '))];
}

/** Whether to colour what goes to a stream: FORCE_COLOR (not "0") on, NO_COLOR off, else only a terminal. */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

/**
 * Names and paths come from the scanned files: escape control characters (terminal escape sequences,
 * carriage returns, line breaks) so a hostile file cannot rewrite or forge the terminal's output.
 */
export function printable(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
