// Whether an env var holds a secret: what the workspace's manifests say wins (a Secret-fed var is a
// secret whatever its name; a ConfigMap- or literal-fed one is not), otherwise the shared name heuristics.
import type { RelatedLocation } from '../findings';
import { isSecretName } from '../names';
import type { EnvSource, RuleEnv } from '../rule';

export interface EnvSecrecy {
  secret: boolean;
  /** Set when a manifest decided it. */
  source?: EnvSource;
}

export function envVarSecrecy(name: string, env: RuleEnv): EnvSecrecy {
  const source = env.envSource?.(name);
  if (source) return { secret: source.kind === 'secret', source };
  return { secret: isSecretName(name, env.names) };
}

export function relatedFor(secrecy: EnvSecrecy): RelatedLocation[] | undefined {
  return secrecy.source?.location ? [secrecy.source.location] : undefined;
}
