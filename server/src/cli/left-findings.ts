// `--fix` applies only preferred fixes (the ones that keep the workload working); what it leaves is
// listed on stderr with the reason, so a user sees why a finding is still there and what would fix it.
import type { Analysis } from '../engine/analyze';
import { declinedReason } from '../engine/k8s/manifest-fixes';
import { displayPath } from './file-report';
import { printable } from './format-text';

export interface LeftFinding {
  file: string;
  line: number;
  character: number;
  rule: string;
  reason: string;
}

/** The findings of an analysis after fix-all, each with why no fix was applied. */
export function leftFindings(file: string, analysis: Analysis): LeftFinding[] {
  return analysis.findings.map((f) => {
    const at = analysis.lines.position(f.start);
    const fixes = analysis.fixesFor(f);
    const blocked = typeof f.data.fixBlocked === 'string' ? f.data.fixBlocked : undefined;
    const caveat = fixes.find((x) => x.caveat !== undefined)?.caveat;
    const reason =
      blocked ??
      declinedReason(f) ??
      (caveat !== undefined
        ? `offered but not applied: ${caveat}`
        : fixes.length > 0
          ? 'its fixes conflict with the file as it is now; see the editor for the options'
          : 'no automatic fix for this spot (the rule documentation says when a fix declines: e.g. YAML aliases, ephemeral containers, Helm control flow)');
    return { file: displayPath(file), line: at.line + 1, character: at.character + 1, rule: f.rule, reason };
  });
}

export function leftNotes(left: readonly LeftFinding[]): string[] {
  return left.map((l) => printable(`${l.file}:${l.line}:${l.character}: not fixed (${l.rule}): ${l.reason}`));
}
