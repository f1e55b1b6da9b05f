// k8s-secret-env-ref: a container receives a Secret key as an environment variable.
import type { ManifestRule } from '../rule';
import { envRefUses } from '../k8s/env-uses';
import { envRefFixes } from '../k8s/fix/env-ref-fix';
import { report } from '../k8s/report';
import { containerLabel } from '../k8s/uses';

const ID = 'k8s-secret-env-ref';

export const k8sSecretEnvRef: ManifestRule = {
  id: ID,
  target: 'manifest',
  summary: 'A Secret key is handed to a container as an environment variable (env[].valueFrom.secretKeyRef).',
  explanation:
    'Environment variables leak: anyone with a shell in the container can run `env`, crash reporters and loggers dump them, ' +
    'and they only change when the pod restarts. The fix mounts the key read-only as `<mountPath>/NAME` from a projected volume ' +
    '(tmpfs, refreshed when the Secret rotates) and sets the `*_FILE` variable the image documents, or removes the env entry ' +
    'when the code reads the file (the `secret-env-read` fix inserts a loader that does); scripts of the container read the file, ' +
    'and a `$(NAME)` use elsewhere means no automatic fix.',
  defaultSeverity: 'warning',
  flags: '`env[].valueFrom.secretKeyRef` in any pod spec',
  preferredFix: 'mount as file(s)',
  detect(ctx, env) {
    return report(
      ctx,
      ID,
      envRefUses(ctx),
      (use) => {
        const { variable, secret, key } = use.facts;
        return `Container "${containerLabel(ctx, use.container)}" receives Secret "${secret}" key "${key}" as env var ${variable}; mount it as a read-only file instead.`;
      },
      env.path,
    );
  },
  fixes: envRefFixes,
};
