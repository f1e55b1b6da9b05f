// SARIF 2.1.0 output: rule metadata for every registered rule (help in text and Markdown from the rule
// registry — the doc pages are not read at run time — and the page's public URI: the published package's), results with 1-based
// line/column regions (columns in UTF-16 code units, SARIF's default), a stable partial fingerprint and,
// for a finding whose preferred fix only edits its file, that fix as replacements; and one invocation
// that tells whether every file was analysed: each file that was not is a tool execution notification
// (error, or warning with --allow-skipped), and `executionSuccessful` is false while any was not.
import type { Fix, Invocation, Log, Notification, Region, ReportingDescriptor, Result } from 'sarif';
import { RULES } from '../engine/analyze';
import { FINGERPRINT_VERSION } from '../engine/fingerprint';
import type { Severity } from '../engine/findings';
import type { Rule } from '../engine/rule';
import { publishedRuleDocUrl } from '../package-info';
import type { Range, ReportedFinding, ScanResult } from './report';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif({ findings, skipped, allowSkipped }: ScanResult, version: string, exitCode: number): string {
  const rules: ReportingDescriptor[] = RULES.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z0-9])/g, (_m, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: r.summary },
    fullDescription: { text: r.explanation },
    helpUri: publishedRuleDocUrl(r.id),
    help: ruleHelp(r),
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
  }));
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  const results: Result[] = findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: index.get(f.rule),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: toUri(f.file) }, region: toRegion(f.range) } }],
    partialFingerprints: { [FINGERPRINT_VERSION]: f.fingerprint },
    ...(f.fix ? { fixes: [toFix(f, f.fix)] } : {}),
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

/** The rule's help: what it flags, why, and its preferred fix, from the registry (DESIGN §4), and a link to its page. */
function ruleHelp(rule: Rule): { text: string; markdown: string } {
  const url = publishedRuleDocUrl(rule.id);
  const markdown = [rule.explanation, `- **Flags:** ${rule.flags}\n- **Preferred fix:** ${rule.preferredFix}`, `[Documentation of ${rule.id}](${url})`];
  const text = [rule.explanation, `Flags: ${rule.flags}\nPreferred fix: ${rule.preferredFix}`, `Documentation: ${url}`];
  return { text: text.join('\n\n').replace(/`/g, ''), markdown: markdown.join('\n\n') };
}

/** A 1-based region; an empty range (an insertion point) has equal start and end. */
function toRegion(range: Range): Region {
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

/** The preferred fix as replacements in the finding's file, in order, each region on the text before any of them. */
function toFix(finding: ReportedFinding, fix: NonNullable<ReportedFinding['fix']>): Fix {
  return {
    description: { text: fix.description },
    artifactChanges: [
      {
        artifactLocation: { uri: toUri(finding.file) },
        replacements: fix.edits.map((e) => ({ deletedRegion: toRegion(e.range), insertedContent: { text: e.newText } })),
      },
    ],
  };
}

/** SARIF wants URI references: relative paths with forward slashes, each segment percent-encoded. */
function toUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
