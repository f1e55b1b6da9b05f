// Several fixes of one container done at once. One at a time, each must wait for the last to be applied
// and the file re-analysed (they all add to the container's one volume and mount), so fix-all on a
// container with N Secret references, envFrom entries and literals parsed the file N+1 times. Each mount
// fix records how it was assembled (env-entry.ts mountFix: the entry's edits, the sources it adds, its
// scripts and Secret); here those parts are assembled once: one volume plan with every source folded as
// the fixes one by one would merge them, every entry retired as its own fix retires it, an emptied list's
// key removed as the last fix one by one would remove it. It declines (fix-all then goes one by one)
// wherever that is not plain: Helm templates, JSON, two literals (two Secret edits), edits that overlap.
import type { YAMLSeq } from 'yaml';
import type { Fix, TextEdit } from '../../findings';
import type { RuleEnv } from '../../rule';
import type { FixGroup } from '../../analyze';
import type { ManifestContext } from '../documents';
import { removeMapPair } from './edits';
import { partsOf } from './env-entry';
import { foldSources, planSecretSource } from './projected';

/**
 * One fix doing the first of one container's preferred `fixes` and every later one that was assembled
 * from parts (a mode fix, say, waits for the next pass), or undefined when that is fewer than two.
 */
export function containerBatchFix(ctx: ManifestContext, fixes: readonly Fix[], env: RuleEnv): FixGroup | undefined {
  if (ctx.template) return undefined;
  const first = fixes[0] && partsOf(fixes[0]);
  if (!first) return undefined;
  const covered = fixes.flatMap((f, i) => (partsOf(f)?.site.container.map === first.site.container.map ? [i] : []));
  if (covered.length < 2) return undefined;
  const all = covered.map((i) => partsOf(fixes[i]) as NonNullable<ReturnType<typeof partsOf>>);
  const site = first.site;
  if (site.style.json || all.filter((p) => p.movesLiteral).length > 1) return undefined;
  const sources = foldSources(all.flatMap((p) => p.plan.sources));
  const plan = sources && planSecretSource(site, sources, env.settings);
  // Every part's pointers and scripts name files under its own plan's directory: it must be this one.
  if (!plan || all.some((p) => p.plan.mountPath !== plan.mountPath)) return undefined;
  // A list all of whose entries go loses its key, as the last of the fixes one by one would remove it.
  const removed = new Map<YAMLSeq, number>();
  for (const p of all) if (p.removes) removed.set(p.removes.seq, (removed.get(p.removes.seq) ?? 0) + 1);
  const entryEdits: TextEdit[] = [];
  for (const [seq, count] of removed) {
    const entry = all.find((p) => p.removes?.seq === seq)?.removes;
    if (entry && count === seq.items.length && count > 1) {
      const removal = removeMapPair(site, site.container.map, entry.pair);
      if (!removal) return undefined;
      entryEdits.push(...removal);
    }
  }
  const emptied = (p: (typeof all)[number]) =>
    p.removes !== undefined && removed.get(p.removes.seq) === p.removes.seq.items.length && p.removes.seq.items.length > 1;
  for (const p of all) if (!emptied(p)) entryEdits.push(...p.entryEdits);
  // Scripts first, the literal's Secret last (at the end of the file it follows any pod-level insert).
  const extra = [...all.filter((p) => !p.movesLiteral), ...all.filter((p) => p.movesLiteral)].flatMap((p) => p.extra ?? []);
  const edits = [...entryEdits, ...plan.edits, ...extra];
  if (overlapping(edits)) return undefined;
  const fix: Fix = {
    title: `Mount ${all.length} Secret sources of container "${site.container.name}" as files`,
    kind: 'quickfix',
    preferred: true,
    edits,
    conflictKey: site.conflictKey,
  };
  return { fix, covered };
}

/** True when two edits touch the same text (two insertions at one offset are fine: they keep their order). */
function overlapping(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1], sorted[i]];
    if (b.start < a.end || (b.start === a.start && a.start !== a.end && b.start !== b.end)) return true;
  }
  return false;
}
