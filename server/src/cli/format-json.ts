// `--format json`: one array, in walk order per file — the findings (DESIGN §3: the fields below, in
// this order; a finding's fix is SARIF's alone), then one entry per file that was not analysed, shaped
// like a finding so that a consumer that counts entries or filters by severity fails closed too: `rule`
// null, `skipped` the reason, severity `error` (`information` with --allow-skipped), a range at the
// file's start, no fingerprint.
import type { ReportedFinding, ScanResult, SkippedFile } from './report';

export type JsonFinding = Omit<ReportedFinding, 'fix'>;

export interface SkippedEntry extends Omit<ReportedFinding, 'rule' | 'fingerprint' | 'fix'> {
  rule: null;
  skipped: SkippedFile['reason'];
}

export function formatJson(scan: ScanResult): string {
  const at = { line: 0, character: 0 };
  const skipped: SkippedEntry[] = scan.skipped.map((s) => ({
    file: s.file,
    rule: null,
    skipped: s.reason,
    severity: scan.allowSkipped ? 'information' : 'error',
    message: s.message,
    range: { start: at, end: at },
    fixable: false,
  }));
  const findings = scan.findings.map(({ file, rule, severity, message, range, fixable, fingerprint }): JsonFinding => ({
    file,
    rule,
    severity,
    message,
    range,
    fixable,
    fingerprint,
  }));
  return JSON.stringify([...findings, ...skipped], null, 2) + '\n';
}
