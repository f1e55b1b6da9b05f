// Fixes for k8s-secret-env-ref: the Secret key becomes a file in the container's projected volume
// and the env entry goes away (preferred) or becomes a `NAME_FILE` pointer.
import type { Finding, Fix } from '../../findings';
import type { RuleEnv } from '../../rule';
import type { ManifestContext } from '../documents';
import { getMap, getString } from '../nodes';
import { envEntryAt, isFileName, mountFix, pointerEntry, readsFile, removeEntry } from './env-entry';
import { joinPath } from './mount-path';
import { planSecretSource } from './projected';
import { containerSiteFor } from './site';

export function envRefFixes(ctx: ManifestContext, finding: Finding, env: RuleEnv): Fix[] {
  const site = containerSiteFor(ctx, finding);
  const entry = site && envEntryAt(site, 'env', finding.start);
  if (!site || !entry || !isFileName(entry.name)) return [];
  const doc = site.document.doc;
  const ref = getMap(getMap(entry.item, 'valueFrom', doc), 'secretKeyRef', doc);
  const secret = getString(ref, 'name', doc);
  const key = getString(ref, 'key', doc);
  if (secret === undefined || key === undefined) return [];
  const plan = planSecretSource(site, { secret, items: [{ key, path: entry.name }], optional: getString(ref, 'optional', doc) }, env.settings);
  if (!plan) return [];
  const file = joinPath(plan.mountPath, entry.name);
  const fixes: Fix[] = [];
  const removal = removeEntry(site, entry);
  if (removal) fixes.push(mountFix(site, `Mount Secret key as file${readsFile(file)}`, true, removal, plan));
  const pointer = pointerEntry(site, entry, file);
  if (pointer) fixes.push(mountFix(site, `Mount Secret key as file, keep ${pointer.variable} pointer${readsFile(file)}`, !removal, pointer.edits, plan));
  return fixes;
}
