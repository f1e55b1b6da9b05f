// The shape every rule module exports (one module per rule under rules/, like Ruff and kube-linter).
import type { Finding, Fix, Severity } from './findings';
import type { ManifestContext } from './k8s/documents';
import type { NameLists } from './names';
import type { EngineSettings } from './settings';
import type { EnvSourceLookup, SecretKeysLookup } from './workspace-manifest';

/** What a detector returns: a finding without the rule id and severity, which the engine fills in. */
export type Detected = Omit<Finding, 'rule' | 'severity'>;

/** Facts every detector and fixer may use besides the parsed file. */
export interface RuleEnv {
  settings: EngineSettings;
  names: NameLists;
  /** Path of the file being analysed (may be undefined for unsaved buffers). */
  path: string | undefined;
  /**
   * Where the workspace's manifests say env var NAME comes from (engine/workspace.ts): a Secret makes
   * it a secret whatever its name; a ConfigMap or a plain literal makes it none. Undefined: unknown.
   */
  envSource?: EnvSourceLookup;
  /** Key names of a Secret the workspace defines (the envFrom fix writes explicit `items` with them). */
  secretKeys?: SecretKeysLookup;
}

interface RuleMeta {
  id: string;
  /** One line, shown in SARIF rule metadata and the docs index. */
  summary: string;
  /** Two or three sentences for the hover: why this leaks and what to do instead. */
  explanation: string;
  defaultSeverity: Severity;
}

export interface ManifestRule extends RuleMeta {
  target: 'manifest';
  detect(ctx: ManifestContext, env: RuleEnv): Detected[];
  /** Fixes for one of this rule's findings; the first preferred one is used by fix-all and `--fix`. */
  fixes?(ctx: ManifestContext, finding: Finding, env: RuleEnv): Fix[];
}

export type Rule = ManifestRule;
