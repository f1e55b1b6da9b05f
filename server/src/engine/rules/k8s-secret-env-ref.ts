// k8s-secret-env-ref: a container receives a Secret key as an environment variable.
import type { ManifestRule } from '../rule';
import { envRefUses } from '../k8s/env-uses';
import { envRefFixes } from '../k8s/fix/env-ref-fix';
import { report } from '../k8s/report';

const ID = 'k8s-secret-env-ref';

export const k8sSecretEnvRef: ManifestRule = {
  id: ID,
  target: 'manifest',
  summary: 'A Secret key is handed to a container as an environment variable (env[].valueFrom.secretKeyRef).',
  explanation:
    'Environment variables leak: anyone with a shell in the container can run `env`, crash reporters and loggers dump them, ' +
    'and they only change when the pod restarts. The fix removes the env entry and mounts the key read-only as `<mountPath>/NAME` ' +
    'from a projected volume (tmpfs, refreshed when the Secret rotates) — the application must read the file; ' +
    'the `secret-env-read` code fix inserts a loader that does.',
  defaultSeverity: 'warning',
  flags: '`env[].valueFrom.secretKeyRef` in any pod spec',
  preferredFix: 'mount as file(s)',
  detect(ctx) {
    return report(ctx, ID, envRefUses(ctx), (use) => {
      const { variable, secret, key } = use.facts;
      return `Container "${use.container?.name}" receives Secret "${secret}" key "${key}" as env var ${variable}; mount it as a read-only file instead.`;
    });
  },
  fixes: envRefFixes,
};
