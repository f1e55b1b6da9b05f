// Fixes for k8s-secret-env-ref: the Secret key becomes a file in the container's projected volume
// and the env entry goes away or becomes the `*_FILE` pointer the image reads (env-entry.ts decides
// which is preferred); scripts of the container that read the variable read the file instead.
import type { Finding, Fix } from '../../findings';
import type { RuleEnv } from '../../rule';
import type { ManifestContext } from '../documents';
import { getMap, getString } from '../nodes';
import { creatorOf } from './created-at-run-time';
import { envEntryAt, isFileName, retireFixes } from './env-entry';
import { joinPath } from './mount-path';
import { planSecretSource } from './projected';
import { readFileWhereReferenced } from './script-rewrites';
import { branchedScalar, shownText, usesTemplateVariable } from './template-edits';
import { containerSiteFor } from './site';
import { declined, NO_PLAN, NO_RETIREMENT, whyNoSite } from './declines';

export function envRefFixes(ctx: ManifestContext, finding: Finding, env: RuleEnv): Fix[] {
  const site = containerSiteFor(ctx, finding);
  const entry = site && envEntryAt(site, 'env', finding.start);
  if (!site) return declined(finding, whyNoSite(ctx, finding));
  if (!entry || !isFileName(entry.name)) return declined(finding, `the variable's name is not a file name (${entry?.name ?? 'not written here'})`);
  const doc = site.document.doc;
  const ref = getMap(getMap(entry.item, 'valueFrom', doc), 'secretKeyRef', doc);
  // As written: in a Helm template the names may be template actions, copied to the volume as they are.
  const secret = branchedScalar(ctx, ref, 'name');
  const key = branchedScalar(ctx, ref, 'key');
  if (secret === undefined || key === undefined)
    return declined(finding, 'the Secret name or key is not a plain value here (a template chooses it in a way no copy can follow)');
  if (usesTemplateVariable(site, secret.text) || usesTemplateVariable(site, key.text))
    return declined(finding, 'the Secret name or key uses a template variable the volume would not see');
  const creator = creatorOf(ctx, secret.text);
  const optional = creator ? 'true' : getString(ref, 'optional', doc);
  const source = {
    secret: secret.text,
    written: secret.templated,
    branched: secret.branched,
    items: [{ key: key.text, written: key.templated, branched: key.branched, path: entry.name }],
    optional,
  };
  const plan = planSecretSource(site, source, env.settings);
  const scripts = plan && readFileWhereReferenced(site, entry.name, joinPath(plan.mountPath, entry.name));
  if (!plan) return declined(finding, NO_PLAN);
  if (!scripts) return declined(finding, 'a script reads the variable in a form no rewrite can follow');
  const hazard =
    creator &&
    `Secret "${shownText(secret.text)}" is created at run time by ${creator}: the source is optional so the pod can start, and the file appears once the Secret exists (the app must wait for it)`;
  const fixes = retireFixes(site, entry, plan, env, 'Mount Secret key as file', scripts, hazard);
  return fixes.length > 0 ? fixes : declined(finding, NO_RETIREMENT);
}
