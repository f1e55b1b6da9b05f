// Fix for k8s-secret-env-from: the whole Secret becomes files in the container's projected volume.
// Keys known from a Secret manifest get explicit items named `<prefix><key>` (what the env var was
// called); without known keys the files carry the bare key names and the title says the prefix is dropped.
import type { Finding, Fix, TextEdit } from '../../findings';
import type { RuleEnv } from '../../rule';
import type { ManifestContext } from '../documents';
import { findPair, getMap, getString, keyName } from '../nodes';
import { objectsOf } from '../workloads';
import { cachedIn } from '../../memo';
import { envEntryAt, isFileName, mountFix, readsFile, removeEntry } from './env-entry';
import { joinPath } from './mount-path';
import { envFromVariables } from '../env-uses';
import { planSecretSource, type SecretItem } from './projected';
import { readFileWhereReferenced } from './script-rewrites';
import { addMapPair, appendSeqItems } from './edits';
import { map, seq, str, type YamlValue } from './emit';
import { imagePointer } from './reader';
import { containerSiteFor, directSeq, type ContainerSite } from './site';
import { branchedScalar, insertionItem, shownText, usesTemplateVariable } from './template-edits';
import { rangeAround } from './template-lists';
import { isPair } from 'yaml';
import { declined, NO_PLAN, whyNoSite } from './declines';

/** Keys of a Secret by name, from manifests the caller knows about (e.g. the whole workspace). */
export type KnownSecretKeys = (name: string) => string[] | undefined;

export function envFromFixes(ctx: ManifestContext, finding: Finding, env: RuleEnv, knownSecretKeys?: KnownSecretKeys): Fix[] {
  const site = containerSiteFor(ctx, finding);
  const entry = site && envEntryAt(site, 'envFrom', finding.start);
  if (!site) return declined(finding, whyNoSite(ctx, finding));
  if (!entry || findPair(entry.item, 'configMapRef')) return declined(finding, 'the envFrom entry is not written here');
  const doc = site.document.doc;
  const ref = getMap(entry.item, 'secretRef', doc);
  // As written: a templated name (`{{ include "x.fullname" . }}-env`) is copied as it is, never masked.
  const written = branchedScalar(ctx, ref, 'name');
  if (written === undefined) return declined(finding, 'the Secret name is not a plain value here');
  // An entry a `{{ range }}` repeats gets its source repeated by a copy of that range (which also
  // brings the variables it declares).
  const ranged = ctx.template ? rangeAround(site, entry.item) : undefined;
  const declares = ranged ? [...ranged.open.matchAll(/\$\w+(?=\s*(?:,|:=))/g)].map((m) => m[0]) : [];
  const outside = declares.reduce((text, name) => text.split(name).join(''), written.text);
  if (usesTemplateVariable(site, outside)) return declined(finding, 'the Secret name uses a template variable the volume would not see');
  const secret = written.text;
  const prefix = getString(entry.item, 'prefix', doc) ?? '';
  const keys = written.templated ? undefined : (knownSecretKeys?.(secret) ?? sameFileSecretKeys(ctx, secret));
  const { variables, blockers } = envFromVariables(ctx, site.container, prefix, keys, env.names);
  if (blockers.length > 0) return declined(finding, 'a script reads one of its variables in a form no rewrite can follow');
  const items: SecretItem[] | undefined = keys?.map((key) => ({ key, path: `${prefix}${key}` })).filter((i) => isFileName(i.path));
  const explicit = items !== undefined && items.length > 0 ? items : undefined;
  const plan = planSecretSource(
    site,
    {
      secret,
      written: written.templated,
      branched: written.branched,
      items: ranged ? undefined : explicit,
      optional: getString(ref, 'optional', doc),
      ranged: ranged && { open: ranged.open, close: ranged.close },
    },
    env.settings,
  );
  const removal = removeEntry(site, entry);
  if (!plan) return declined(finding, NO_PLAN);
  if (!removal) return declined(finding, 'the envFrom entry cannot be removed exactly (template lines add to the list)');
  // Scripts that read one of the variables read its file (known keys only: blockers stop the rest).
  const scripts: TextEdit[] = [];
  for (const variable of variables ?? []) {
    const edits = readFileWhereReferenced(site, variable, joinPath(plan.mountPath, variable));
    if (!edits) return [];
    scripts.push(...edits);
  }
  // An image that reads every variable's `*_FILE` form gets those pointers instead (known keys only).
  const pointers = variables !== undefined && variables.length > 0 ? variables.map((v) => imagePointer(site, v, env)) : [];
  if (variables && pointers.length > 0 && pointers.every((p) => p !== undefined)) {
    const entries = variables.map((v, i) => map(['name', str(pointers[i]?.variable ?? '')], ['value', str(joinPath(plan.mountPath, v))]));
    const envEdits = addEnvEntries(site, entries);
    const title = `Mount whole Secret "${shownText(secret)}" as files, set ${pointers.map((p) => p?.variable).join(', ')} (the ${pointers[0]?.imageId} image reads them)`;
    if (envEdits) return [mountFix(site, { title, preferred: true, entryEdits: [...removal, ...envEdits], plan, extra: scripts, batchable: false })];
  }
  const dropped = prefix !== '' && !explicit ? ' (prefix dropped)' : '';
  const files = explicit ? describeFiles(plan.mountPath, explicit) : joinPath(plan.mountPath, '<key>');
  const unread = variables === undefined ? undefined : variables.filter((v) => env.codeReads?.(v) !== true);
  const caveat =
    env.settings.appsReadSecretFiles === true
      ? undefined
      : unread === undefined
        ? `the keys of Secret "${shownText(secret)}" are not known here, so nothing shows that the app reads them from files`
        : unread.length > 0
          ? `no code in the workspace reads ${unread.join(', ')}, and the image is not known to read them from files`
          : undefined;
  const title = `Mount ${ranged ? 'each' : 'whole'} Secret "${shownText(secret)}" as files${dropped}${readsFile(files)}`;
  const fix = mountFix(site, { title, preferred: caveat === undefined, entryEdits: removal, plan, extra: scripts, caveat, removes: entry, batchable: !ranged });
  return [ranged ? ranged.own(fix) : fix];
}

/** Appends env entries to the container's `env` list, or adds the list. */
function addEnvEntries(site: ContainerSite, entries: YamlValue[]): TextEdit[] | undefined {
  const list = directSeq(site.container.map, 'env');
  if (list) return appendSeqItems(site, list, entries, insertionItem(site, list));
  return findPair(site.container.map, 'env') ? undefined : addMapPair(site, site.container.map, 'env', seq(...entries));
}

/** Keys (`data` and `stringData`) of a `kind: Secret` with this name in the same file. */
export function sameFileSecretKeys(ctx: ManifestContext, name: string): string[] | undefined {
  return secretKeysByName(ctx).get(name);
}

const secretKeysByContext = new WeakMap<ManifestContext, Map<string, string[]>>();

/**
 * The key names of each Secret the file defines, by name (the first of a name wins), found once per
 * analysis: asked for every envFrom finding, a walk over the objects each time was quadratic.
 */
function secretKeysByName(ctx: ManifestContext): Map<string, string[]> {
  return cachedIn(secretKeysByContext, ctx, () => {
    const byName = new Map<string, string[]>();
    for (const object of objectsOf(ctx)) {
      if (object.kind !== 'Secret' || object.name === undefined || byName.has(object.name)) continue;
      const doc = object.document.doc;
      const keys = ['data', 'stringData'].flatMap((field) =>
        (getMap(object.map, field, doc)?.items ?? []).map((p) => (isPair(p) ? keyName(p) : undefined)).filter((k): k is string => k !== undefined),
      );
      byName.set(object.name, [...new Set(keys)]);
    }
    return byName;
  });
}

function describeFiles(dir: string, items: SecretItem[]): string {
  const first = joinPath(dir, items[0].path);
  return items.length === 1 ? first : `${first} and ${items.length - 1} more`;
}
