// Fix for k8s-secret-env-literal: the literal moves into a Secret (created or extended in this file;
// the value moves with it — an empty placeholder would silently start the workload with "") and that
// Secret key is mounted as a file, retired like a Secret reference (env-entry.ts).
import { isScalar } from 'yaml';
import type { Finding, Fix } from '../../findings';
import type { RuleEnv } from '../../rule';
import type { ManifestContext } from '../documents';
import { deref, findPair, getMap } from '../nodes';
import { envEntryAt, isFileName, retireFixes } from './env-entry';
import { joinPath } from './mount-path';
import { planSecretSource } from './projected';
import { readFileWhereReferenced } from './script-rewrites';
import { namespaceOf, planSecretFor } from './secret-manifest';
import { containerSiteFor } from './site';
import { writtenScalar } from './template-edits';
import { declined, NO_PLAN, NO_RETIREMENT, whyNoSite } from './declines';

export function literalFixes(ctx: ManifestContext, finding: Finding, env: RuleEnv): Fix[] {
  const site = containerSiteFor(ctx, finding);
  const entry = site && envEntryAt(site, 'env', finding.start);
  const value = entry && deref(findPair(entry.item, 'value')?.value, site.document.doc);
  if (!site) return declined(finding, whyNoSite(ctx, finding));
  if (!entry || !isScalar(value) || typeof value.value !== 'string' || !isFileName(entry.name))
    return declined(finding, 'the value is not a plain string under a file-name variable');
  const object = site.pod.object;
  // In a chart the Secret must be named per release, as the workload is: not written here.
  if (writtenScalar(ctx, getMap(object.map, 'metadata', site.document.doc), 'name')?.templated)
    return declined(finding, 'in a chart the Secret must be named per release: move the value into the chart’s Secret template');
  const secret = planSecretFor(site, `${object.name ?? site.container.name}-secrets`, entry.name, value.value, namespaceOf(object));
  if (!secret) return declined(finding, 'no Secret in this file can take the value');
  const plan = planSecretSource(site, { secret: secret.name, items: [{ key: entry.name, path: entry.name }] }, env.settings);
  const scripts = plan && readFileWhereReferenced(site, entry.name, joinPath(plan.mountPath, entry.name));
  if (!plan) return declined(finding, NO_PLAN);
  if (!scripts) return declined(finding, 'a script reads the variable in a form no rewrite can follow');
  // The Secret edit goes last: at the end of the file it must follow any pod-level insert there.
  const fixes = retireFixes(site, entry, plan, env, `Move literal to Secret "${secret.name}" and mount it`, [...scripts, ...secret.edits], undefined, true);
  return fixes.length > 0 ? fixes : declined(finding, NO_RETIREMENT);
}
