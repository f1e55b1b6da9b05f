// Why a manifest finding has no fix, kept for the finding: `--fix` lists it and the hover says it, so a
// user learns what is in the way instead of "no automatic fix for this spot".
import type { Finding, Fix } from '../../findings';
import type { ManifestContext } from '../documents';
import { podSpecsOf, objectsOf } from '../workloads';

const WHY = new WeakMap<Finding, string>();

/** When the volume plan (projected.ts) cannot be made. */
export const NO_PLAN =
  'the pod’s volumes or the container’s volumeMounts are written in a way no edit can extend (a template writes the whole list, or writes its key under conditions the entry does not share)';

/** When the env entry can be neither removed nor turned into the `NAME_FILE` pointer its image reads. */
export const NO_RETIREMENT =
  'the env entry can be neither removed nor replaced by its file pointer here (the pointer’s name is already in the list, or template lines around the entry are in the way)';

/** Records why the finding gets no fix and returns none. */
export function declined(finding: Finding, why: string): Fix[] {
  if (!WHY.has(finding)) WHY.set(finding, why);
  return [];
}

export function whyDeclined(finding: Finding): string | undefined {
  return WHY.get(finding);
}

/** Why no container site was found for the finding (site.ts declines without saying). */
export function whyNoSite(ctx: ManifestContext, finding: Finding): string {
  if (finding.data.group === 'ephemeralContainers') return 'ephemeral containers cannot mount volumes';
  const document = ctx.documents[Number(finding.data.documentIndex)];
  if (!document) return 'the finding’s document is gone';
  if (document.broken) return 'the document has a syntax error';
  const pods = objectsOf(ctx)
    .filter((o) => o.document === document)
    .flatMap(podSpecsOf);
  if (pods.length === 0) return 'its pod spec is not written in this file';
  return 'its pod spec or container is reached through a YAML alias or merge, or writes a key fixes use twice';
}
