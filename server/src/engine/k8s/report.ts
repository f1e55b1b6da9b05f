// Turns uses (uses.ts) into findings with the data contract every manifest fixer relies on:
// `documentIndex`, `container`, `group`, the rule's own facts (names, never values), and two flags —
// `templated` (Helm actions in or around the pod spec: no edit may be offered) and `aliased` (the
// finding sits at a YAML alias: the text that holds the secret is shared, so no edit either).
import type { Detected } from '../rule';
import { ignoredRulesOf, isIgnoredByAnnotation } from './annotations';
import type { ManifestContext } from './documents';
import { touchesTemplate } from './helm';
import { rangeOf } from './nodes';
import type { SecretUse } from './uses';

export function report(ctx: ManifestContext, rule: string, uses: readonly SecretUse[], message: (use: SecretUse) => string): Detected[] {
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
      },
    });
  }
  return out;
}

/** Whose volume it is, for messages: the container that mounts it, else the pod's object. */
export function volumeOwnerLabel(use: SecretUse): string {
  if (use.container) return `mounted by container "${use.container.name}"`;
  const { kind, name } = use.pod.object;
  return `of ${kind ?? 'object'} "${name ?? '(unnamed)'}"`;
}
