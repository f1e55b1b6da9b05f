// The shape every rule module exports (one module per rule under rules/, like Ruff and kube-linter).
import type { CodeContext } from './code/context';
import type { ComposeContext } from './docker/compose/model';
import type { DockerfileContext } from './docker/dockerfile/model';
import type { Finding, Fix, RelatedLocation, Severity } from './findings';
import type { ManifestContext } from './k8s/documents';
import type { NameLists } from './names';
import type { EngineSettings } from './settings';

/** What a detector returns: a finding without the rule id and severity, which the engine fills in. */
export type Detected = Omit<Finding, 'rule' | 'severity'>;

/** Where the workspace's manifests say an env var's value comes from (filled by the workspace index). */
export interface EnvSource {
  kind: 'secret' | 'configmap' | 'literal';
  /** The Secret (or ConfigMap) name and key, for messages. */
  secret?: string;
  key?: string;
  /** The manifest line that feeds the variable, shown as related information. */
  location?: RelatedLocation;
}

/** Looks up an env var name; undefined when no manifest in the workspace sets it. */
export type EnvSourceLookup = (name: string) => EnvSource | undefined;

/** Key names of the Secret `name` defined in the workspace (for the envFrom fix's explicit `items`). */
export type SecretKeysLookup = (secretName: string, namespace?: string) => string[] | undefined;

/**
 * How the workspace's code reads this env var once its `secret-env-read` fix is applied: `true` when it
 * reads `<mount path>/<NAME>` (the loader, pydantic `secrets_dir`…), a pointer when it reads the file
 * another variable names (django-environ's FileAwareEnv reads `NAME_FILE`), `false` when no code is
 * known to read it from a file.
 */
export type CodeReadsLookup = (variable: string) => boolean | CodePointer;

/** The variable code reads a secret file's path from, and what reads it (for the fix's title). */
export interface CodePointer {
  pointer: string;
  reader: string;
}

/** The image a Helm template's `image:` (as written) renders with its chart's values.yaml, if known. */
export type ChartImageLookup = (templatePath: string, imageText: string) => string | undefined;

/** Facts every detector and fixer may use besides the parsed file. */
export interface RuleEnv {
  settings: EngineSettings;
  names: NameLists;
  /** Path of the file being analysed (may be undefined for unsaved buffers). */
  path: string | undefined;
  /**
   * Cross-file knowledge: a var fed by a Secret is a secret whatever its name; one fed by a ConfigMap or
   * a non-secret literal is not. Absent (unsaved buffer, CLI without an index): names decide.
   */
  envSource?: EnvSourceLookup;
  /** Key names of a Secret the workspace defines (the envFrom fix writes explicit `items` with them). */
  secretKeys?: SecretKeysLookup;
  /**
   * Which env vars the workspace's code reads. A manifest fix that only mounts a file is preferred for
   * an image nobody is known to read files in only when code in the workspace reads the variable.
   */
  codeReads?: CodeReadsLookup;
  /** Helm templates: the image a templated `image:` renders with the chart's default values. */
  chartImage?: ChartImageLookup;
  /** The text of a file beside the analysed one (a Compose `env_file:`), relative to its folder; undefined when unknown or unreadable. */
  readBeside?: ReadBesideLookup;
}

export type ReadBesideLookup = (relativePath: string) => string | undefined;

/**
 * What a rule says about itself. This is the one source of the rule's metadata: the settings schema in
 * package.json, the rules tables of README.md and docs/DESIGN.md and each doc page's header are
 * generated from it (`npm run generate:rules`; a test fails when they differ from what is committed).
 */
interface RuleMeta {
  id: string;
  /** One line, shown in SARIF rule metadata and the rule's setting in package.json. */
  summary: string;
  /** Two or three sentences for the hover: why this leaks and what to do instead. */
  explanation: string;
  defaultSeverity: Severity;
  /** What it flags, as a Markdown phrase: the rules tables and the doc page's header. */
  flags: string;
  /** The preferred fix, a few words (DESIGN §4). */
  preferredFix: string;
}

/** A detector and its fixer for one kind of file, parsed into `Context`. */
export interface Detector<Context> {
  detect(ctx: Context, env: RuleEnv): Detected[];
  /** Fixes for one of this rule's findings; the first preferred one is used by fix-all and `--fix`. */
  fixes?(ctx: Context, finding: Finding, env: RuleEnv): Fix[];
}

export interface ManifestRule extends RuleMeta, Detector<ManifestContext> {
  target: 'manifest';
}

export interface CodeRule extends RuleMeta, Detector<CodeContext> {
  target: 'code';
  /** The same mistake in a Dockerfile's RUN steps (env-dumped: `RUN env`, `set -x`). */
  dockerfile?: Detector<DockerfileContext>;
}

export interface DockerfileRule extends RuleMeta, Detector<DockerfileContext> {
  target: 'dockerfile';
}

export interface ComposeRule extends RuleMeta, Detector<ComposeContext> {
  target: 'compose';
}

export type Rule = ManifestRule | CodeRule | DockerfileRule | ComposeRule;

/** The detector and fixer a rule has for Dockerfiles: its own, or a code rule's Dockerfile part. */
export function dockerfilePart(rule: Rule): Detector<DockerfileContext> | undefined {
  if (rule.target === 'dockerfile') return rule;
  return rule.target === 'code' ? rule.dockerfile : undefined;
}
