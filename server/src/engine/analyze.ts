// The engine's entry point: text in → findings, problems and fixes out. No editor or LSP types.
import { Budget, BudgetExceeded, codeParseCost, DEFAULT_WORK_LIMIT, manifestParseCost, WORK_COST, type TimeGuard } from './budget';
import { createCodeContext, type CodeContext } from './code/context';
import { codeLanguageOf } from './code/languages';
import { fileKindOf, type FileKind } from './file-kind';
import { parseWith, prepareGrammar } from './code/parsers';
import { SPRING_CONFIG_RULE, springConfigFindings, springConfigFixes } from './spring/analysis';
import { springConfigFormat } from './spring/placeholders';
import type { SyntaxNode } from './code/syntax';
import type { Finding, Fix, Problem, Severity, TextEdit } from './findings';
import { isKubernetesManifest, parseManifest, type ManifestContext } from './k8s/documents';
import type { ParsedStream } from './k8s/incremental';
import { compileNameLists } from './names';
import {
  dockerfilePart,
  type Detected,
  type EnvSourceLookup,
  type Rule,
  type RuleEnv,
  type SecretKeysLookup,
  type CodeReadsLookup,
  type ChartImageLookup,
  type ReadBesideLookup,
} from './rule';
import { parseDockerfile, type DockerfileContext } from './docker/dockerfile/model';
import { parseCompose, type ComposeContext } from './docker/compose/model';
import { RULES, ruleById } from './rules';
import { defaultSettings, type EngineSettings } from './settings';
import { isSuppressed, parseSuppressions } from './suppress';
import { applyEdits, LineIndex } from './text';
import type { DocumentStream } from './k8s/yaml-stream';
import { manifestFixes } from './k8s/manifest-fixes';
import { containerBatchFix } from './k8s/fix/batch';

export { fileKindOf, isCodeKind, isIndexedKind, isJsonFile, mayBeManifest, readsEnvAsCode, type FileKind } from './file-kind';

/**
 * Loads what analysing this file needs (the tree-sitter grammar of a code file; nothing for manifests).
 * Await it once before calling the synchronous analyze()/fixAll() on a code file.
 */
export async function prepareAnalysis(input: Pick<AnalysisInput, 'path' | 'languageId'>): Promise<void> {
  const code = codeLanguageOf(input.path, input.languageId);
  if (code) await prepareGrammar(code.grammar);
}

/** Loads what the file needs, then analyses it: for callers that analyse a file they just read. */
export async function analyzeFile(input: AnalysisInput): Promise<Analysis> {
  await prepareAnalysis(input);
  return analyze(input);
}

/** A fix doing several findings' fixes at once: `covered` are indexes into the findings asked about. */
export interface FixGroup {
  fix: Fix;
  covered: number[];
}

export interface AnalysisInput {
  text: string;
  path?: string;
  languageId?: string;
  settings?: EngineSettings;
  /** Only run these rule ids (CLI `--rule`). */
  onlyRules?: readonly string[];
  /** The work budget (fix-all gives each pass a fresh one like it); default: one of `settings.workLimit` units. */
  budget?: Budget;
  /** The editor's last-resort wall-clock guard (budget.ts); the CLI sets none, so its results never depend on time. */
  timeGuard?: TimeGuard;
  /** Where the workspace's manifests feed env vars from (see RuleEnv.envSource). */
  envSource?: EnvSourceLookup;
  /** Key names of Secrets defined in the workspace (see RuleEnv.secretKeys). */
  secretKeys?: SecretKeysLookup;
  /** Env vars the workspace's code reads (see RuleEnv.codeReads). */
  codeReads?: CodeReadsLookup;
  /** Helm charts' images from values.yaml (see RuleEnv.chartImage). */
  chartImage?: ChartImageLookup;
  /** Files beside this one, e.g. a Compose env_file (see RuleEnv.readBeside). */
  readBeside?: ReadBesideLookup;
  /**
   * The analysis of the previous version of the same document: its parse is reused for the parts
   * the edit did not touch. The previous analysis must not be used afterwards (its nodes move).
   */
  previous?: Analysis;
  /**
   * The edits (sorted, on the previous text) that made `text` of the previous analysis' text, when the
   * caller applied them itself (fix-all): a code re-parse is told each of them instead of one span from
   * the first change to the last, so the tree between them is reused.
   */
  previousEdits?: readonly TextEdit[];
  /** The preview of this same text (preview.ts): its parse is continued rather than started over. */
  preview?: { parse: DocumentStream };
}

export interface Analysis {
  kind: FileKind;
  lines: LineIndex;
  findings: Finding[];
  problems: Problem[];
  /** Fixes for one of this analysis' findings, computed on demand from the retained parse. */
  fixesFor(finding: Finding): Fix[];
  /**
   * One fix for several findings of one container whose preferred fixes share a conflict key (manifests:
   * k8s/fix/batch.ts), so fix-all need not apply them a pass each; undefined when that is not plain.
   */
  fixGroup?(findings: readonly Finding[], fixes: readonly Fix[]): FixGroup | undefined;
  /** The parse of a manifest, for incremental re-parsing of the next version. */
  stream?: ParsedStream;
  /** The parsed code file, whose tree seeds the next version's incremental parse. */
  code?: CodeContext;
}

export function analyze(input: AnalysisInput): Analysis {
  const settings = input.settings ?? defaultSettings();
  const budget = input.budget ?? budgetFor(input, settings);
  // The analysis' closures (fixesFor…) keep what they see: not the previous analysis or the preview, or
  // each version of an edited file would keep the one before it alive, and all of them the server's heap.
  const { previous, preview, ...current } = input;
  try {
    return analyzeWithin(current, settings, budget, { previous, preview });
  } catch (err) {
    // Too much work, or nested deeper than a recursive walk can follow (5,000 nested parentheses): skip
    // the file with one problem rather than let the exception take down the caller.
    const tooDeep = err instanceof RangeError && /call stack/i.test(err.message);
    if (!(err instanceof BudgetExceeded) && !tooDeep) throw err;
    const problem: Problem =
      err instanceof BudgetExceeded
        ? budgetProblem(err)
        : { code: 'analysis-budget', start: 0, end: 0, message: 'File is nested too deeply to analyse; not analysed.' };
    return {
      kind: fileKindOf(input.path, input.languageId, input.text),
      lines: new LineIndex(input.text),
      findings: [],
      problems: [problem],
      fixesFor: () => [],
    };
  }
}

/** The work limit and time guard one analysis (or one fix-all pass) of `input` runs within. */
export function budgetFor(input: AnalysisInput, settings: EngineSettings): Budget {
  return new Budget(settings.workLimit ?? DEFAULT_WORK_LIMIT, input.timeGuard);
}

function budgetProblem(err: BudgetExceeded): Problem {
  if (err.reason === 'time') {
    return {
      code: 'analysis-timeout',
      start: 0,
      end: 0,
      message: `Analysis stopped by the editor's ${err.limit / 1000} s safety limit (the machine may be busy); not analysed here. The command-line scan has no time limit and analyses this file in full.`,
    };
  }
  return {
    code: 'analysis-budget',
    start: 0,
    end: 0,
    message: `File needs more analysis work than its limit (${(err.limit / 1e6).toFixed(1)} million units; counted, not timed, so the same on every machine); not analysed.`,
  };
}

/** What an analysis starts from and must not keep. */
interface StartingPoint {
  previous: Analysis | undefined;
  preview: AnalysisInput['preview'];
}

function analyzeWithin(input: AnalysisInput, settings: EngineSettings, budget: Budget, start: StartingPoint): Analysis {
  const kind = fileKindOf(input.path, input.languageId, input.text);
  const lines = new LineIndex(input.text);
  const empty: Analysis = { kind, lines, findings: [], problems: [], fixesFor: () => [] };
  if (kind === 'unsupported') return empty;
  const refused = refusalOf(input.text, settings);
  if (refused) return { ...empty, problems: [refused] };
  const env = ruleEnvOf(input, settings);
  const spring = kind === 'spring-config' ? springConfigFormat(input.path) : undefined;
  if (spring) {
    budget.spend(codeParseCost(input.text));
    const findings = runRules(input, env, lines, 'code', (rule) => (rule.id === SPRING_CONFIG_RULE ? springConfigFindings(input.text, spring, env) : []));
    return { ...empty, findings, fixesFor: (f) => springConfigFixes(input.text, spring, f, env) };
  }
  if (kind === 'dockerfile') return analyzeDockerfile(input, env, lines, budget);
  if (kind === 'compose') return analyzeCompose(input, env, lines, budget);
  const code = kind === 'manifest' ? undefined : codeLanguageOf(input.path, input.languageId);
  if (code) {
    budget.spend(codeParseCost(input.text));
    const ctx = createCodeContext(input.text, lines, code, budget, start.previous?.code, input.previousEdits);
    const findings = runRules(input, env, lines, 'code', (rule) => {
      budget.spend(WORK_COST.rule);
      return rule.target === 'code' ? rule.detect(ctx, env) : [];
    });
    // Fixes are computed on demand, after the analysis: what they derive is not the analysis' work.
    ctx.budget = undefined;
    return { kind, lines, findings, problems: [], fixesFor: (f) => codeFixes(ctx, f, env), code: ctx };
  }
  // Paid for from the text before parsing: a full parse, an incremental one and one that continues a
  // preview spend the same, so whether the file is analysed does not depend on how it was parsed.
  budget.spend(manifestParseCost(input.text));
  const ctx = parseManifest(input.text, lines, start.previous?.stream, budget, start.preview?.parse);
  if (!isKubernetesManifest(ctx)) return { ...empty, problems: ctx.problems, stream: ctx.stream };
  const findings = manifestFindings(input, env, ctx, budget);
  // Fixes are computed on demand, after the analysis: they spend nothing. The context itself is kept
  // (not a copy), so they share the objects, pod specs and containers the rules already walked.
  ctx.budget = undefined;
  return {
    kind,
    lines,
    findings,
    problems: ctx.problems,
    fixesFor: (f) => manifestFixes(ctx, f, env),
    fixGroup: (_group, fixes) => containerBatchFix(ctx, fixes, env),
    stream: ctx.stream,
  };
}

/** A Dockerfile: its own rules, and the Dockerfile parts of code rules (env-dumped's `RUN env`). */
function analyzeDockerfile(input: AnalysisInput, env: RuleEnv, lines: LineIndex, budget: Budget): Analysis {
  budget.spend(codeParseCost(input.text));
  const ctx: DockerfileContext = parseDockerfile(input.text, lines);
  ctx.budget = budget;
  const findings = runRules(
    input,
    env,
    lines,
    (rule) => dockerfilePart(rule) !== undefined,
    (rule) => {
      budget.spend(WORK_COST.rule);
      return dockerfilePart(rule)?.detect(ctx, env) ?? [];
    },
  );
  // Fixes are computed on demand, after the analysis: what they derive is not the analysis' work.
  ctx.budget = undefined;
  return {
    kind: 'dockerfile',
    lines,
    findings,
    problems: [],
    fixesFor: (f) => {
      const rule = ruleById(f.rule);
      return (rule && dockerfilePart(rule)?.fixes?.(ctx, f, env)) ?? [];
    },
  };
}

function analyzeCompose(input: AnalysisInput, env: RuleEnv, lines: LineIndex, budget: Budget): Analysis {
  budget.spend(manifestParseCost(input.text));
  const ctx: ComposeContext = parseCompose(input.text, lines);
  const findings = runRules(input, env, lines, 'compose', (rule) => {
    budget.spend(WORK_COST.rule);
    return rule.target === 'compose' ? rule.detect(ctx, env) : [];
  });
  const fixesFor = (f: Finding): Fix[] => {
    const rule = ruleById(f.rule);
    return rule?.target === 'compose' && rule.fixes && f.data.fixBlocked === undefined ? rule.fixes(ctx, f, env) : [];
  };
  return { kind: 'compose', lines, findings, problems: ctx.problems, fixesFor };
}

/** The findings of every enabled manifest rule on a parsed manifest (all of it, or its leading documents). */
export function manifestFindings(input: AnalysisInput, env: RuleEnv, ctx: ManifestContext, budget: Budget): Finding[] {
  return runRules(input, env, ctx.lines, 'manifest', (rule) => {
    budget.spend(WORK_COST.rule);
    return rule.target === 'manifest' ? rule.detect(ctx, env) : [];
  });
}

/** Why a file is not analysed at all (too large, binary), as its one problem; undefined when it is analysed. */
export function refusalOf(text: string, settings: EngineSettings): Problem | undefined {
  if (text.length > settings.maxFileSizeKb * 1024) {
    return {
      code: 'file-too-large',
      start: 0,
      end: 0,
      message: `File is larger than secretHints.maxFileSizeKb (${settings.maxFileSizeKb} KiB); not analysed.`,
    };
  }
  if (text.includes('\u0000')) return { code: 'not-text', start: 0, end: 0, message: 'File contains NUL bytes (binary?); not analysed.' };
  return undefined;
}

export function ruleEnvOf(input: AnalysisInput, settings: EngineSettings): RuleEnv {
  return {
    settings,
    names: compileNameLists(settings.secretNames.extra, settings.secretNames.ignore),
    path: input.path,
    envSource: input.envSource,
    secretKeys: input.secretKeys,
    codeReads: input.codeReads,
    chartImage: input.chartImage,
    readBeside: input.readBeside,
  };
}

/** Runs every enabled rule of one target, applies severities and suppressions, sorts by position. */
export function runRules(
  input: AnalysisInput,
  env: RuleEnv,
  lines: LineIndex,
  target: Rule['target'] | ((rule: Rule) => boolean),
  detect: (rule: Rule) => Detected[],
): Finding[] {
  const suppressions = parseSuppressions(input.text, lines);
  const findings: Finding[] = [];
  const applies = typeof target === 'function' ? target : (rule: Rule) => rule.target === target;
  for (const rule of RULES) {
    if (!applies(rule)) continue;
    const severity = effectiveSeverity(rule.id, rule.defaultSeverity, env.settings);
    if (severity === undefined || (input.onlyRules && !input.onlyRules.includes(rule.id))) continue;
    for (const d of detect(rule)) {
      const finding: Finding = { ...d, rule: rule.id, severity };
      if (!isSuppressed(suppressions, finding, lines)) findings.push(finding);
    }
  }
  findings.sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule));
  return findings;
}

function codeFixes(ctx: CodeContext, finding: Finding, env: RuleEnv): Fix[] {
  const rule = ruleById(finding.rule);
  const fixes = rule?.target === 'code' && rule.fixes ? rule.fixes(ctx, finding, env) : [];
  if (!ctx.root.hasError || fixes.length === 0) return fixes;
  // Where the tree has syntax errors its shape is a guess (an insertion "after the imports" of a file
  // that starts broken lands on the broken text): no edit touches an erroneous stretch, and a fix is
  // kept only when the text it makes parses with no more errors than before (a re-parse per fix, paid
  // only in files that do not parse).
  const broken = syntaxErrorRanges(ctx.root);
  const before = broken.length;
  return fixes.filter((fix) => {
    if (fix.edits.some((e) => broken.some((b) => e.start <= b.end && b.start <= e.end))) return false;
    const tree = parseWith(ctx.language.grammar, applyEdits(ctx.text, fix.edits));
    try {
      return syntaxErrorRanges(tree.rootNode).length <= before;
    } finally {
      tree.delete();
    }
  });
}

/** The ranges of a tree's ERROR and missing nodes. */
function syntaxErrorRanges(root: SyntaxNode): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  if (!root.hasError) return ranges;
  const cursor = root.walk();
  let more = true;
  while (more) {
    const node = cursor.currentNode;
    if (node.type === 'ERROR' || node.isMissing) ranges.push({ start: node.startIndex, end: node.endIndex });
    else if (node.hasError && cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        more = false;
        break;
      }
    }
  }
  cursor.delete();
  return ranges;
}

export function effectiveSeverity(id: string, fallback: Severity, settings: EngineSettings): Severity | undefined {
  const configured = settings.rules[id];
  if (configured === 'off') return undefined;
  return configured ?? fallback;
}

export { RULES, ruleById };
