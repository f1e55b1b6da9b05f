// The fixes of a manifest finding as offered to users: the rule's own, minus any that would touch a
// document with syntax errors, and in a Helm template only those its control flow allows
// (fix/template-edits.ts), remembering why when none is left (`--fix` lists the reason).
import type { Finding, Fix } from '../findings';
import type { RuleEnv } from '../rule';
import { ruleById } from '../rules';
import type { ManifestContext } from './documents';
import { declined, whyDeclined } from './fix/declines';

/** Why a finding in a document with a syntax error gets no fix. */
const BROKEN_DOCUMENT = 'the document has a syntax error: fix it, then the fix is offered';
import { templatedFix } from './fix/template-edits';

export function manifestFixes(ctx: ManifestContext, finding: Finding, env: RuleEnv): Fix[] {
  const rule = ruleById(finding.rule);
  if (rule?.target !== 'manifest' || !rule.fixes) return [];
  const documentIndex = finding.data.documentIndex;
  if (typeof documentIndex === 'number' && ctx.documents[documentIndex]?.broken) return declined(finding, BROKEN_DOCUMENT);
  // The finding already says why there is no fix (a dangling reference, a chart switch to flip).
  if (typeof finding.data.fixBlocked === 'string') return [];
  const computed = rule.fixes(ctx, finding, env);
  // In a Helm template, only edits that keep its control flow working (fix/template-edits.ts).
  const fixes = ctx.template ? templatedFixes(ctx, finding, computed) : computed;
  // A fix may edit outside its own document (the literal fix appends a Secret document at the end of
  // the stream); an edit that lands in a document with syntax errors could make it worse, so none does.
  const broken = ctx.documents.filter((d) => d.broken).map((d) => ({ start: d.doc.range[0], end: d.doc.range[2] }));
  if (broken.length === 0) return fixes;
  const kept = fixes.filter((fix) => !fix.edits.some((e) => broken.some((b) => e.start <= b.end && b.start <= e.end)));
  return kept.length === 0 && fixes.length > 0 ? declined(finding, 'the fix would edit a document with a syntax error: fix that first') : kept;
}

/** Why a finding of a Helm template has no fix although its rule computed some (for `--fix`'s listing). */
const DECLINED = new WeakMap<Finding, string>();

function templatedFixes(ctx: ManifestContext, finding: Finding, computed: Fix[]): Fix[] {
  const results = computed.map((f) => templatedFix(ctx, finding, f));
  const fixes = results.filter((r): r is Fix => typeof r !== 'string');
  const reason = results.find((r): r is string => typeof r === 'string');
  if (fixes.length === 0 && reason !== undefined) DECLINED.set(finding, `no automatic fix: ${reason}`);
  return fixes;
}

/** The reason recorded when every fix of a finding was declined for the template's sake, if any. */
export function declinedReason(finding: Finding): string | undefined {
  const why = DECLINED.get(finding);
  if (why !== undefined) return why;
  const fixer = whyDeclined(finding);
  return fixer === undefined ? undefined : `no automatic fix: ${fixer}`;
}
