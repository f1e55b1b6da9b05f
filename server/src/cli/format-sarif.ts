// SARIF 2.1.0 output: rule metadata for every registered rule, results with 1-based line/column
// regions (columns in UTF-16 code units, SARIF's default), and one invocation that tells whether every
// file was analysed: each file that was not is a tool execution notification (error, or warning with
// --allow-skipped), and `executionSuccessful` is false while any was not.
import type { Invocation, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { RULES } from '../engine/analyze';
import type { Severity } from '../engine/findings';
import { ruleDocUrl } from '../docs';
import type { ScanResult } from './report';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif({ findings, skipped, allowSkipped }: ScanResult, version: string, exitCode: number): string {
  const rules: ReportingDescriptor[] = RULES.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z0-9])/g, (_m, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: r.summary },
    fullDescription: { text: r.explanation },
    helpUri: ruleDocUrl(r.id),
    help: { text: r.explanation },
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
  }));
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  const results: Result[] = findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: index.get(f.rule),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(f.file) },
          region: {
            startLine: f.range.start.line + 1,
            startColumn: f.range.start.character + 1,
            endLine: f.range.end.line + 1,
            endColumn: f.range.end.character + 1,
          },
        },
      },
    ],
  }));
  const notifications: Notification[] = skipped.map((s) => ({
    level: allowSkipped ? 'warning' : 'error',
    message: { text: s.message },
    descriptor: { id: s.reason },
    locations: [{ physicalLocation: { artifactLocation: { uri: toUri(s.file) } } }],
  }));
  const invocation: Invocation = { executionSuccessful: skipped.length === 0, exitCode, toolExecutionNotifications: notifications };
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'secret-hints',
            version,
            informationUri: 'https://marketplace.visualstudio.com/items?itemName=secret-hints.secret-exposure-hints',
            rules,
          },
        },
        invocations: [invocation],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** SARIF wants URI references: relative paths with forward slashes, each segment percent-encoded. */
function toUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
