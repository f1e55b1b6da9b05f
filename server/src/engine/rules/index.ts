// The rule registry: every rule module is listed here once; everything else looks rules up by id.
import type { Rule } from '../rule';
import { k8sSecretEnvFrom } from './k8s-secret-env-from';
import { k8sSecretEnvLiteral } from './k8s-secret-env-literal';
import { k8sSecretEnvRef } from './k8s-secret-env-ref';
import { k8sSecretMountMode } from './k8s-secret-mount-mode';
import { k8sSecretMountSubpath } from './k8s-secret-mount-subpath';
import { composeSecretEnv } from './compose-secret-env';
import { dockerfileSecretArg } from './dockerfile-secret-arg';
import { dockerfileSecretEnv } from './dockerfile-secret-env';
import { envDumped } from './env-dumped';
import { secretEnvRead } from './secret-env-read';
import { secretLogged } from './secret-logged';
import { secretPublicEnv } from './secret-public-env';

export const RULES: readonly Rule[] = [
  k8sSecretEnvRef,
  k8sSecretEnvFrom,
  k8sSecretEnvLiteral,
  k8sSecretMountSubpath,
  k8sSecretMountMode,
  secretEnvRead,
  secretLogged,
  envDumped,
  secretPublicEnv,
  dockerfileSecretEnv,
  dockerfileSecretArg,
  composeSecretEnv,
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
