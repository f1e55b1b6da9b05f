// The manifest → code combined fix (issue 5): for a `k8s-secret-env-ref` finding (or a Compose
// service's `compose-secret-env`), the manifest's own
// preferred fix (mount the Secret as a file) plus, in every code file of the workspace that reads the
// variable from the environment, the code rule's preferred fix (read it through the loader), so both
// halves change together. Pure: the caller supplies the code files' texts and writes the result.
import { type Analysis, type AnalysisInput } from './analyze';
import { fixAll } from './fix-all';
import type { FileCreation, Finding, Fix, TextEdit } from './findings';
import type { CodePointer } from './rule';
import { minimalEdit } from './text';

/** The rules whose fix the combined fix extends: a manifest's Secret-fed env var, a Compose service's secret env var. */
export const COMBINABLE_RULES: ReadonlySet<string> = new Set(['k8s-secret-env-ref', 'compose-secret-env']);

/** What the manifest half does, for titles: mount the Secret, or the Compose secret. */
export function mountPhrase(finding: Finding): string {
  if (finding.rule === 'compose-secret-env') return `Mount ${variableOf(finding) ?? 'it'} as a Compose secret`;
  return `Mount ${typeof finding.data.secret === 'string' ? `Secret "${finding.data.secret}"` : 'the Secret'} as a file`;
}
/** The code rule whose fix rewrites the reads (DESIGN §4). */
export const CODE_READ_RULE = 'secret-env-read';

/** A code file to consider: its current text (editor buffer if open) and how to analyse it. */
export type CodeFileInput = AnalysisInput & { path: string };

export interface CodeRewrite {
  path: string;
  /** The text the edit applies to (positions are computed against it). */
  before: string;
  /** One minimal edit turning the file's text into the rewritten text. */
  edit: TextEdit;
  /** Files the code fix creates beside this one (e.g. the loader module), relative to it. */
  createFiles: FileCreation[];
  /** How many reads were rewritten. */
  reads: number;
}

export interface CombinedFix {
  title: string;
  variable: string;
  manifest: Fix;
  code: CodeRewrite[];
}

/** Rewrites the reads of `variable` in one code file; undefined when it has none. */
export type ReadRewriter = (file: CodeFileInput, variable: string) => Omit<CodeRewrite, 'path' | 'before'> | undefined;

/** The variable a finding is about: manifest findings say `variable`; code findings may say `name`. */
export function variableOf(finding: Finding): string | undefined {
  const v = finding.data.variable ?? finding.data.name;
  return typeof v === 'string' ? v : undefined;
}

/** An env var a code file reads, and how its fix makes it read the secret file (CodeReadsLookup). */
export interface CodeRead {
  variable: string;
  /** Set when the fixed code reads the file another variable names. */
  pointer?: CodePointer;
}

/**
 * The env vars a code file's analysis found read from the environment (its `secret-env-read` findings)
 * whose fix makes the app read the mounted file. A framework read without such a fix (dynaconf, Flask)
 * is left out: the manifest's plain mount would starve the app of the variable.
 */
export function codeReadsOf(analysis: Pick<Analysis, 'findings'>): CodeRead[] {
  return analysis.findings.flatMap((f): CodeRead[] => {
    const variable = f.rule === CODE_READ_RULE ? variableOf(f) : undefined;
    if (variable === undefined || f.data.fixedRead === 'none') return [];
    if (f.data.fixedRead === 'pointer' && typeof f.data.pointer === 'string')
      return [{ variable, pointer: { pointer: f.data.pointer, reader: String(f.data.reader ?? 'the app') } }];
    return [{ variable }];
  });
}

/**
 * The manifest fix a combined fix extends: the preferred one; else the plain mount that is not
 * preferred only because no code is known to read the file — which the combined fix's code half does.
 */
export function manifestHalf(fixes: readonly Fix[]): Fix | undefined {
  return fixes.find((f) => f.preferred) ?? fixes.find((f) => f.caveat !== undefined);
}

/** The default rewriter: the code rule's preferred fixes for reads of `variable`, in passes (fixAll). */
export const rewriteReadsWithCodeFix: ReadRewriter = (file, variable) => {
  const result = fixAll(file, { only: (f) => f.rule === CODE_READ_RULE && variableOf(f) === variable, createFiles: true });
  const edit = minimalEdit(file.text, result.text);
  return edit ? { edit, createFiles: result.createFiles, reads: result.applied } : undefined;
};

/**
 * The combined fix for a manifest finding, or undefined when it is not of the combinable rule, the
 * manifest fix is not available, or no code file reads the variable (the plain manifest fix suffices).
 * Files that do not mention the name are not analysed at all.
 */
export function combinedFix(
  manifest: Analysis,
  finding: Finding,
  codeFiles: Iterable<CodeFileInput>,
  rewrite: ReadRewriter = rewriteReadsWithCodeFix,
): CombinedFix | undefined {
  const variable = variableOf(finding);
  if (!COMBINABLE_RULES.has(finding.rule) || variable === undefined) return undefined;
  const manifestFix = manifestHalf(manifest.fixesFor(finding));
  if (!manifestFix) return undefined;
  const code: CodeRewrite[] = [];
  for (const file of codeFiles) {
    if (!file.text.includes(variable)) continue;
    const rewritten = rewrite(file, variable);
    if (rewritten) code.push({ path: file.path, before: file.text, ...rewritten });
  }
  if (code.length === 0) return undefined;
  const reads = code.reduce((n, c) => n + c.reads, 0);
  return {
    title: `${mountPhrase(finding)} and read ${variable} through the loader (${reads} read${reads === 1 ? '' : 's'} in ${code.length} code file${code.length === 1 ? '' : 's'})`,
    variable,
    manifest: manifestFix,
    code,
  };
}
