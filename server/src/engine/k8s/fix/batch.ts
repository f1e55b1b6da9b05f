// Several Secret references of one container fixed at once. One at a time, each fix must wait for the
// last to be applied and the file re-analysed (they all add to the container's one volume and mount),
// so fix-all on a container with N references parsed the file N+1 times. This fix plans them together:
// one volume with every source, one mount, each entry retired the way its own fix would (pointer or
// removal), each script reading its file. It is exactly what the fixes one by one produce; it declines
// (fix-all then goes one by one) wherever that is not plain: Helm templates, flow or JSON lists,
// references no single fix would retire unasked.
import type { Finding, Fix, TextEdit } from '../../findings';
import type { RuleEnv } from '../../rule';
import type { ManifestContext } from '../documents';
import { getMap, getString } from '../nodes';
import { removeMapPair, removeSeqItem } from './edits';
import { envEntryAt, isFileName, pointerEntry, type EnvEntry } from './env-entry';
import { creatorOf } from './created-at-run-time';
import { joinPath } from './mount-path';
import { planSecretSource, type SecretSource } from './projected';
import { readerOf } from './reader';
import { readFileWhereReferenced } from './script-rewrites';
import { containerSiteFor, type ContainerSite } from './site';

/** The rule whose findings are batched (its fix, env-ref-fix.ts, is the one reproduced here). */
const BATCHED_RULE = 'k8s-secret-env-ref';

/** One fix for `findings` (of one container, each with a preferred fix), or undefined. */
export function containerBatchFix(ctx: ManifestContext, findings: readonly Finding[], env: RuleEnv): Fix | undefined {
  if (ctx.template || findings.length < 2 || findings.some((f) => f.rule !== BATCHED_RULE)) return undefined;
  const site = containerSiteFor(ctx, findings[0]);
  if (!site || site.style.json) return undefined;
  const planned = findings.map((f) => plannedEntry(site, f, env));
  if (planned.some((p) => p === undefined)) return undefined;
  const entries = planned as PlannedEntry[];
  const seq = entries[0].entry.seq;
  if (seq.flow || entries.some((e) => e.entry.seq !== seq || containerSiteFor(ctx, e.finding)?.container.map !== site.container.map)) return undefined;
  const plan = planSecretSource(site, groupSources(entries), env.settings);
  if (!plan) return undefined;
  const edits: TextEdit[] = [];
  const removals = entries.filter((e) => e.pointer === undefined);
  if (removals.length === seq.items.length) {
    // Every entry goes: the emptied `env:` key goes too, as the last fix one by one would remove it.
    const removal = removeMapPair(site, site.container.map, entries[0].entry.pair);
    if (!removal) return undefined;
    edits.push(...removal);
  }
  for (const e of entries) {
    const file = joinPath(plan.mountPath, e.entry.name);
    const own =
      e.pointer !== undefined
        ? pointerEntry(site, e.entry, file, e.pointer)?.edits
        : removals.length === seq.items.length
          ? []
          : removeSeqItem(site, seq, e.entry.item);
    const scripts = readFileWhereReferenced(site, e.entry.name, file);
    if (!own || !scripts) return undefined;
    edits.push(...own, ...scripts);
  }
  return {
    title: `Mount ${entries.length} Secret keys as files`,
    kind: 'quickfix',
    preferred: true,
    edits: [...edits, ...plan.edits],
    conflictKey: site.conflictKey,
  };
}

interface PlannedEntry {
  finding: Finding;
  entry: EnvEntry;
  secret: string;
  key: string;
  optional: string | undefined;
  /** The image's `*_FILE` variable replacing the entry, or undefined to remove it. */
  pointer: string | undefined;
}

/** What the finding's own preferred fix would do, when that is plain (else undefined: no batch). */
function plannedEntry(site: ContainerSite, finding: Finding, env: RuleEnv): PlannedEntry | undefined {
  const entry = envEntryAt(site, 'env', finding.start);
  if (!entry || !isFileName(entry.name)) return undefined;
  const doc = site.document.doc;
  const ref = getMap(getMap(entry.item, 'valueFrom', doc), 'secretKeyRef', doc);
  const secret = getString(ref, 'name', doc);
  const key = getString(ref, 'key', doc);
  if (secret === undefined || key === undefined || creatorOf(site.ctx, secret)) return undefined;
  const reader = readerOf(site, entry.name, env);
  if (reader.kind === 'unknown') return undefined;
  return { finding, entry, secret, key, optional: getString(ref, 'optional', doc), pointer: reader.kind === 'image' ? reader.variant.variable : undefined };
}

/**
 * One source per Secret and optionality (`optional: false` and none are alike, as the fixes one by one
 * merge them), written as the first entry wrote it; its items in the entries' order.
 */
function groupSources(entries: readonly PlannedEntry[]): SecretSource[] {
  const out: SecretSource[] = [];
  for (const e of entries) {
    const same = out.find((s) => s.secret === e.secret && (s.optional === 'true') === (e.optional === 'true'));
    const item = { key: e.key, path: e.entry.name };
    if (same) same.items?.push(item);
    else out.push({ secret: e.secret, items: [item], optional: e.optional });
  }
  return out;
}
