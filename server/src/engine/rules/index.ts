// The rule registry: every rule module is listed here once; everything else looks rules up by id.
import type { Rule } from '../rule';
import { k8sSecretEnvRef } from './k8s-secret-env-ref';
import { envDumped } from './env-dumped';
import { secretEnvRead } from './secret-env-read';
import { secretLogged } from './secret-logged';

export const RULES: readonly Rule[] = [k8sSecretEnvRef, secretEnvRead, secretLogged, envDumped];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
