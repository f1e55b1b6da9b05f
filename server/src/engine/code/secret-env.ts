// Whether an env var holds a secret: what the workspace's manifests say wins (a Secret-fed var is a
// secret whatever its name; a ConfigMap- or literal-fed one is not), otherwise the shared name heuristics.
import type { RelatedLocation } from '../findings';
import { isSecretName } from '../names';
import type { EnvSource, RuleEnv } from '../rule';
import type { FrameworkRead } from './frameworks';

export interface EnvSecrecy {
  secret: boolean;
  /** Set when a manifest decided it. */
  source?: EnvSource;
}

// Decided once per name per analysis (one RuleEnv): the env-read rule and the data flow ask about the
// same reads.
const decided = new WeakMap<RuleEnv, Map<string, EnvSecrecy>>();

export function envVarSecrecy(name: string, env: RuleEnv): EnvSecrecy {
  let byName = decided.get(env);
  if (!byName) {
    byName = new Map();
    decided.set(env, byName);
  }
  let secrecy = byName.get(name);
  if (!secrecy) {
    const source = env.envSource?.(name);
    secrecy = source ? { secret: source.kind === 'secret', source } : { secret: isSecretName(name, env.names) };
    byName.set(name, secrecy);
  }
  return secrecy;
}

export function relatedFor(secrecy: EnvSecrecy): RelatedLocation[] | undefined {
  return secrecy.source?.location ? [secrecy.source.location] : undefined;
}

/** A framework read is a secret when its name says so, or the framework declares it one (pydantic `SecretStr`) — unless a manifest says otherwise. */
export function frameworkSecrecy(read: FrameworkRead, env: RuleEnv): EnvSecrecy {
  const secrecy = envVarSecrecy(read.name, env);
  return secrecy.source || !read.declaredSecret ? secrecy : { secret: true };
}
