// Fix for k8s-secret-env-literal: the literal moves into a Secret (created or extended in this file,
// value left as an empty placeholder — never copied) and that Secret key is mounted as a file.
import type { Finding, Fix } from '../../findings';
import type { RuleEnv } from '../../rule';
import type { ManifestContext } from '../documents';
import { findPair } from '../nodes';
import { envEntryAt, isFileName, mountFix, readsFile, removeEntry } from './env-entry';
import { joinPath } from './mount-path';
import { planSecretSource } from './projected';
import { namespaceOf, planSecretFor } from './secret-manifest';
import { containerSiteFor } from './site';

export function literalFixes(ctx: ManifestContext, finding: Finding, env: RuleEnv): Fix[] {
  const site = containerSiteFor(ctx, finding);
  const entry = site && envEntryAt(site, 'env', finding.start);
  if (!site || !entry || !findPair(entry.item, 'value') || !isFileName(entry.name)) return [];
  const object = site.pod.object;
  const secret = planSecretFor(site, `${object.name ?? site.container.name}-secrets`, entry.name, namespaceOf(object));
  if (!secret) return [];
  const plan = planSecretSource(site, { secret: secret.name, items: [{ key: entry.name, path: entry.name }] }, env.settings);
  const removal = removeEntry(site, entry);
  if (!plan || !removal) return [];
  const file = joinPath(plan.mountPath, entry.name);
  const title = `Move literal to a Secret and mount it (set the value in Secret "${secret.name}")${readsFile(file)}`;
  // The Secret edit goes last: at the end of the file it must follow any pod-level insert there.
  return [mountFix(site, title, true, removal, plan, secret.edits)];
}
