// k8s-secret-env-literal: a secret written in plain text as an env var's `value`.
import type { ManifestRule } from '../rule';
import { literalFixes } from '../k8s/fix';
import { envLiteralUses } from '../k8s/env-uses';
import { report } from '../k8s/report';
import { containerLabel } from '../k8s/uses';
import { SECRET_VALUE_LABELS, type SecretValueKind } from '../k8s/values';

const ID = 'k8s-secret-env-literal';

export const k8sSecretEnvLiteral: ManifestRule = {
  id: ID,
  target: 'manifest',
  summary: 'A secret is written in plain text as a literal env[].value.',
  explanation:
    'A literal secret in a manifest is readable by everyone who can read the repository, the cluster objects or the pod spec, ' +
    'and it ends up in the container environment too. The fix moves it into a Secret manifest in the same file (the value moves ' +
    'with it, so the workload keeps it) and mounts it read-only as `<mountPath>/NAME` — the application must read the file; the `secret-env-read` ' +
    'code fix inserts a loader that does. Rotate the exposed value.',
  defaultSeverity: 'error',
  flags: 'a plaintext secret in `env[].value` (by name or value shape)',
  preferredFix: 'move to a Secret + mount',
  detect(ctx, env) {
    return report(
      ctx,
      ID,
      envLiteralUses(ctx, env.names),
      (use) => {
        const reason = use.facts.reason;
        const why = reason === 'name' ? 'its name says it is a secret' : `the value looks like ${SECRET_VALUE_LABELS[reason as SecretValueKind]}`;
        return `Env var ${use.facts.variable} of container "${containerLabel(ctx, use.container)}" holds a plaintext secret (${why}); move it to a Secret and mount it as a file.`;
      },
      env.path,
    );
  },
  fixes: literalFixes,
};
