// k8s-secret-mount-mode: an explicit file mode on a Secret volume that is too open.
import type { ManifestRule } from '../rule';
import { modeFixes } from '../k8s/fix';
import { report, volumeOwnerLabel } from '../k8s/report';
import { modeUses } from '../k8s/mount-uses';

const ID = 'k8s-secret-mount-mode';

export const k8sSecretMountMode: ManifestRule = {
  id: ID,
  target: 'manifest',
  summary: 'A Secret (or projected secret) volume sets a file mode that lets others read or group/others write.',
  explanation:
    'Secret files should be readable by the application only. Modes are read as Kubernetes reads them (YAML 1.1: `0644` is ' +
    "octal, `420` decimal). Prefer `0440` (or `0400`) with the pod's `fsGroup`; the fix tightens `defaultMode` only when " +
    '`fsGroup` is set — the application keeps reading the same file, as the `secret-env-read` loader does.',
  defaultSeverity: 'information',
  flags:
    'an explicit `defaultMode` or item `mode` on a `secret` volume (or a `projected` volume with a `secret` source) that lets *others* read (`0004`) or group/others write (`0022`); modes are read as Kubernetes reads them (`0644` is octal, YAML 1.1)',
  preferredFix: 'tighten `defaultMode`',
  detect(ctx) {
    return report(ctx, ID, modeUses(ctx), (use) => {
      const mode = Number(use.facts.mode);
      const open = [mode & 0o004 ? 'others can read' : '', mode & 0o022 ? 'group or others can write' : ''].filter(Boolean).join(', ');
      return `Secret volume "${use.facts.volume}" ${volumeOwnerLabel(ctx, use)} sets mode ${octal(mode)} (${open}); use 0440 or 0400.`;
    });
  },
  fixes: modeFixes,
};

export function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}
