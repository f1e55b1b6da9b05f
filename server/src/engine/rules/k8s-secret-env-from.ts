// k8s-secret-env-from: a container receives every key of a Secret as environment variables.
import type { ManifestRule } from '../rule';
import { envFromFixes, sameFileSecretKeys } from '../k8s/fix';
import { envFromUses } from '../k8s/env-uses';
import { report } from '../k8s/report';
import { containerLabel } from '../k8s/uses';

const ID = 'k8s-secret-env-from';

export const k8sSecretEnvFrom: ManifestRule = {
  id: ID,
  target: 'manifest',
  summary: 'A whole Secret is handed to a container as environment variables (envFrom[].secretRef).',
  explanation:
    '`envFrom` turns every key of the Secret — including keys added later — into environment variables, which `env`, ' +
    'crash dumps and child processes all see, and which never change until the pod restarts. The fix mounts the whole Secret ' +
    'read-only under `<mountPath>` (one file per key) instead — the application must read the files; the `secret-env-read` ' +
    'code fix inserts a loader that does.',
  defaultSeverity: 'warning',
  flags: '`envFrom[].secretRef`',
  preferredFix: 'mount whole Secret',
  detect(ctx, env) {
    const keysOf = (secret: string) => env.secretKeys?.(secret) ?? sameFileSecretKeys(ctx, secret);
    return report(
      ctx,
      ID,
      envFromUses(ctx, keysOf, env.names),
      (use) => {
        const { secret, prefix } = use.facts;
        const prefixed = prefix ? ` (prefixed "${prefix}")` : '';
        return `Container "${containerLabel(ctx, use.container)}" receives every key of Secret "${secret}" as env vars${prefixed}; mount the Secret as read-only files instead.`;
      },
      env.path,
    );
  },
  // Keys of the Secret defined anywhere in the workspace (env.secretKeys, the workspace index) give explicit items.
  fixes: (ctx, finding, env) => envFromFixes(ctx, finding, env, env.secretKeys),
};
