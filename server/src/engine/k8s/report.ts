// Turns uses (uses.ts) into findings with the data contract every manifest fixer relies on:
// `documentIndex`, `container`, `group`, the rule's own facts (names, never values), and two flags —
// `templated` (Helm actions in or around the pod spec: no edit may be offered) and `aliased` (the
// finding sits at a YAML alias: the text that holds the secret is shared, so no edit either).
import type { RelatedLocation } from '../findings';
import type { Detected } from '../rule';
import { describeReference, type VariableReference } from './env-references';
import { ignoredRulesOf, isIgnoredByAnnotation } from './annotations';
import type { ManifestContext } from './documents';
import { touchesTemplate } from './helm';
import { rangeOf } from './nodes';
import { containerLabel, objectLabel, type SecretUse } from './uses';

/** `path`: the file's, for the related notes that point at references a fix would leave dangling. */
export function report(ctx: ManifestContext, rule: string, uses: readonly SecretUse[], message: (use: SecretUse) => string, path?: string): Detected[] {
  const out: Detected[] = [];
  const seen = new Set<string>();
  for (const use of uses) {
    if (isIgnoredByAnnotation(ignoredRulesOf(use.pod), rule)) continue;
    // One finding per place and fact: an alias shared by duplicate paths is still reported once.
    const key = `${use.at.start}:${use.at.end}:${JSON.stringify(use.facts)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const templated = touchesTemplate(ctx.template, rangeOf(use.subject) ?? use.at, rangeOf(use.pod.spec));
    out.push({
      ...use.at,
      message: message(use),
      data: {
        documentIndex: use.pod.object.document.index,
        container: use.container?.name ?? '',
        group: use.container?.group ?? 'containers',
        ...use.facts,
        templated: templated || undefined,
        aliased: use.aliased || undefined,
        fixBlocked: use.blockers?.length ? blockedReason(use.blockers) : use.facts.fixBlocked,
      },
      related: path === undefined || !use.blockers?.length ? undefined : use.blockers.map((b) => blockerNote(ctx, path, b)),
    });
  }
  return out;
}

function blockedReason(blockers: readonly VariableReference[]): string {
  const uses = blockers.map(describeReference);
  return `no automatic fix: ${blockers[0].variable} is also used as ${uses.join(', ')}, which would be left dangling`;
}

function blockerNote(ctx: ManifestContext, path: string, b: VariableReference): RelatedLocation {
  return {
    path,
    start: ctx.lines.position(b.at.start),
    end: ctx.lines.position(b.at.end),
    message: `${b.variable} is also used here (${describeReference(b)}); without the variable it would dangle, so no automatic fix.`,
  };
}

/** Whose volume it is, for messages: the container that mounts it, else the pod's object. */
export function volumeOwnerLabel(ctx: ManifestContext, use: SecretUse): string {
  if (use.container) return `mounted by container "${containerLabel(ctx, use.container)}"`;
  return `of ${use.pod.object.kind ?? 'object'} "${objectLabel(ctx, use.pod.object) ?? '(unnamed)'}"`;
}
