// k8s-secret-mount-subpath: a Secret volume mounted with subPath is never refreshed on rotation.
import type { ManifestRule } from '../rule';
import { subPathFixes } from '../k8s/fix';
import { subPathUses } from '../k8s/mount-uses';
import { report } from '../k8s/report';
import { containerLabel } from '../k8s/uses';

const ID = 'k8s-secret-mount-subpath';

export const k8sSecretMountSubpath: ManifestRule = {
  id: ID,
  target: 'manifest',
  summary: 'A Secret volume is mounted with subPath, so its file is never updated when the Secret rotates.',
  explanation:
    'The kubelet refreshes Secret volumes by swapping a symlink; a `subPath` mount pins the old file, so a rotated Secret ' +
    'never reaches the container until it restarts. The fix mounts the volume directory read-only instead and points at the ' +
    'file inside it — the application must read the file from there; the `secret-env-read` code fix inserts a loader that re-reads it.',
  defaultSeverity: 'warning',
  flags:
    'a `volumeMount` with `subPath` or `subPathExpr` whose volume is a `secret` volume or a `projected` volume with a `secret` source (never refreshed on rotation)',
  preferredFix: 'mount the directory',
  detect(ctx) {
    return report(ctx, ID, subPathUses(ctx), (use) => {
      const { volume, subPath } = use.facts;
      return `Container "${containerLabel(ctx, use.container)}" mounts Secret volume "${volume}" with subPath "${subPath}"; the file is never updated when the Secret rotates — mount the directory instead.`;
    });
  },
  fixes: subPathFixes,
};
