// Findings and fixes shared by the two Dockerfile declaration rules (dockerfile-secret-env,
// dockerfile-secret-arg): which declarations are secrets, what reads them, and the fix that moves them
// to BuildKit secrets. The rules differ in the keyword they look at and in what they say.
import type { Finding, Fix } from '../../findings';
import { declined } from '../../k8s/fix/declines';
import type { Detected, RuleEnv } from '../../rule';
import { runsInScope, runsReferencing, type Declaration, type DockerfileContext, type RunStep } from './model';
import { mountEdits, otherReaders, removalEdits, dockerfileFix } from './secret-mount-fix';
import { reasonWords, secretReason, type SecretReason } from './secrets';

export interface SecretDeclaration {
  decl: Declaration;
  reason: SecretReason;
  /** RUN steps in scope, and those of them whose script names the variable. */
  inScope: RunStep[];
  referencing: RunStep[];
}

/** How many of the steps in scope a finding's message names (the fix looks at all of them). */
const NAMED_STEPS = 5;

const FOUND = new WeakMap<DockerfileContext, Map<string, SecretDeclaration[]>>();

/**
 * The secret declarations of one keyword (ENV or ARG), in file order; `inScope` holds the first steps in
 * scope (enough to name them), `referencing` every step that names the variable. Kept per parse.
 */
export function secretDeclarations(ctx: DockerfileContext, keyword: 'ENV' | 'ARG', env: RuleEnv): SecretDeclaration[] {
  let byKeyword = FOUND.get(ctx);
  if (!byKeyword) FOUND.set(ctx, (byKeyword = new Map<string, SecretDeclaration[]>()));
  const cached = byKeyword.get(keyword);
  if (cached) return cached;
  const found = ctx.declarations.flatMap((decl) => {
    if (decl.keyword !== keyword || decl.stage < 0) return [];
    const reason = secretReason(ctx, decl, env.names);
    if (!reason) return [];
    return [{ decl, reason, inScope: runsInScope(ctx, decl, NAMED_STEPS + 1), referencing: runsReferencing(ctx, decl) }];
  });
  byKeyword.set(keyword, found);
  return found;
}

/** `line 3, 7, 9` — at most five, then `…`. */
export function stepLines(ctx: DockerfileContext, runs: readonly RunStep[]): string {
  const shown = runs.slice(0, NAMED_STEPS).map((r) => lineOf(ctx, r));
  return `line ${shown.join(', ')}${runs.length > NAMED_STEPS ? ', …' : ''}`;
}

export function declarationFinding(ctx: DockerfileContext, found: SecretDeclaration, message: string): Detected {
  // On the instruction's first line (where a comment above it suppresses it): at the variable when it is
  // there, else from the keyword of an `ENV A=… \` whose later line sets it.
  const { decl } = found;
  const sameLine = ctx.lines.lineAt(decl.nameRange.start) === ctx.lines.lineAt(decl.instruction.start);
  return {
    start: sameLine ? decl.nameRange.start : decl.instruction.start,
    end: found.decl.property.end,
    message,
    data: { variable: found.decl.name, keyword: found.decl.keyword, order: found.decl.order, property: found.decl.propertyIndex, reason: found.reason.kind },
  };
}

/** The declaration a finding was made for, found again in this parse. */
export function declarationOf(ctx: DockerfileContext, finding: Finding): Declaration | undefined {
  const named = typeof finding.data.variable === 'string' ? ctx.declarationsByName.get(finding.data.variable) : undefined;
  return named?.find((d) => d.keyword === finding.data.keyword && d.order === finding.data.order && d.propertyIndex === finding.data.property);
}

export function lineOf(ctx: DockerfileContext, run: RunStep): number {
  return ctx.lines.lineAt(run.instruction.start) + 1;
}

export function describeReason(reason: SecretReason): string {
  return reasonWords(reason);
}

/**
 * The fix: remove the declaration (with `note` in its place) and mount the secret into `runs`. Declined
 * when another instruction reads the value or the file's frontend lacks the mount's `env=` option.
 */
export function moveToBuildSecret(
  ctx: DockerfileContext,
  finding: Finding,
  decl: Declaration,
  runs: readonly RunStep[],
  describe: (mounted: RunStep[], directiveAdded: boolean) => { title: string; caveat: string | undefined; note?: string },
): Fix[] {
  const readers = otherReaders(ctx, decl);
  if (readers.length > 0) {
    const where = readers.map((r) => `${r.keyword} on line ${r.line}`).join(', ');
    return declined(
      finding,
      `${decl.name} is also read by ${where}; removing it would leave ${readers.length === 1 ? 'that reference' : 'those references'} empty`,
    );
  }
  const plan = mountEdits(ctx, decl.name, runs);
  if ('blocked' in plan) return declined(finding, plan.blocked);
  const { title, caveat, note } = describe(plan.runs, plan.directiveAdded);
  return [dockerfileFix(title, [...removalEdits(ctx, decl, note), ...plan.edits], caveat)];
}
