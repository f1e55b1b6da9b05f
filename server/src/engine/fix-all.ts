// Fix-all: every finding's preferred fix, applied in passes until a pass finds nothing more to fix,
// each pass re-analysing (incrementally) the text the last one produced.
import { analyze, budgetFor, type Analysis, type AnalysisInput } from './analyze';
import { LOADER_CONFLICT_KEY } from './code/loader-fix';
import { EditSet } from './edit-set';
import type { FileCreation, Finding, Fix, TextEdit } from './findings';
import { defaultSettings } from './settings';
import { applyEdits } from './text';

/** Upper bound on fix-all passes; each pass re-analyses, so a fixer that makes no progress stops here. */
const MAX_FIX_PASSES = 64;

export interface FixAllResult {
  text: string;
  /** How many fixes were applied. */
  applied: number;
  /** How many passes analysed the text (the last one found nothing more to fix). */
  passes: number;
  /** Files the applied fixes create (only with `createFiles: true`), deduplicated by path. */
  createFiles: FileCreation[];
  /**
   * The analysis of `text` by the last pass, which found nothing more to fix (undefined when the pass
   * limit ended the loop): a caller that reports what remains need not analyse the result again.
   */
  analysis: Analysis | undefined;
}

export interface FixAllOptions {
  /** Only fix findings this accepts (e.g. the reads of one env var, for the workspace's combined fix). */
  only?: (finding: Finding) => boolean;
  /** Also apply fixes that create files, collecting those files (callers that can create them). */
  createFiles?: boolean;
  /**
   * The analysis of `input.text` with the same input, when the caller has it: the first pass reuses it,
   * and the next pass re-parses from it, so it must not be used afterwards (use the result's).
   */
  analysis?: Analysis;
  /** Never batch a container's fixes (Analysis.fixGroup): one per conflict key and pass (tests compare both). */
  oneByOne?: boolean;
  /**
   * Code: import the secret loader from the module its fixes' other variant creates beside the file,
   * instead of inserting a copy (with `createFiles`; the CLI asks for it when several files of a
   * folder need the loader).
   */
  sharedLoader?: boolean;
}

/**
 * Applies every finding's preferred fix. Fixes that overlap, or share a conflict key, wait for the
 * next pass, which re-analyses the new text, so every fix is computed against the text it edits.
 */
export function fixAll(input: AnalysisInput, options: FixAllOptions = {}): FixAllResult {
  let text = input.text;
  let applied = 0;
  // Each pass gets a budget like the first (the same limit, the same time guard): a pass that runs out
  // analyses to nothing, which ends the loop.
  const first = input.budget ?? budgetFor(input, input.settings ?? defaultSettings());
  const created = new Map<string, FileCreation>();
  let previous: Analysis | undefined;
  // The edits the last pass applied (EditSet keeps them sorted): the next pass re-parses code with these.
  let lastEdits: readonly TextEdit[] = [];
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    // Each pass re-parses only what the last one's edits touched (manifest documents, code trees).
    const analysis =
      pass === 0 && options.analysis
        ? options.analysis
        : analyze({
            ...input,
            text,
            budget: pass === 0 ? first : first.fresh(),
            ...(previous ? { previous, previousEdits: lastEdits } : {}),
          });
    previous = analysis;
    const edits = new EditSet();
    const usedKeys = new Set<string>();
    const findings = analysis.findings;
    const chosen = findings.map((f) => (options.only && !options.only(f) ? undefined : chosenFix(analysis.fixesFor(f), options)));
    const batched = new Set<number>();
    for (let i = 0; i < findings.length; i++) {
      const single = chosen[i];
      if (!single || batched.has(i)) continue;
      // The container's other fixes, done in this pass with it when that is plain; when the batch cannot
      // go in this pass (its edits clash), the finding's own fix is tried, as one by one would.
      const attempts: { fix: Fix; covered: number[] }[] = [];
      const key = single.conflictKey;
      if (key !== undefined && !usedKeys.has(key) && analysis.fixGroup && !options.oneByOne) {
        const group = batchableRun(findings, chosen, i);
        const batch =
          group.length > 1
            ? analysis.fixGroup(
                group.map((j) => findings[j]),
                group.map((j) => chosen[j] as Fix),
              )
            : undefined;
        if (batch) attempts.push({ fix: batch.fix, covered: batch.covered.map((k) => group[k]) });
      }
      attempts.push({ fix: single, covered: [i] });
      for (const { fix, covered } of attempts) {
        // A fix whose key was used this pass waits for the next, unless it can do without the shared part.
        const keyUsed = fix.conflictKey !== undefined && usedKeys.has(fix.conflictKey);
        const fixEdits = keyUsed ? fix.ownEdits : fix.edits;
        if (!fixEdits || fixEdits.some((e) => edits.clashes(e))) continue;
        for (const e of fixEdits) edits.add(e);
        if (!keyUsed) for (const file of fix.createFiles ?? []) if (!created.has(file.relativePath)) created.set(file.relativePath, file);
        if (fix.conflictKey) usedKeys.add(fix.conflictKey);
        for (const j of covered) batched.add(j);
        applied += covered.length;
        break;
      }
    }
    if (edits.edits.length === 0) {
      const tidied = applied > 0 ? keepCompiling(input, text, analysis) : undefined;
      if (tidied) return { text: tidied.text, applied, passes: pass + 2, createFiles: [...created.values()], analysis: tidied.analysis };
      return { text, applied, passes: pass + 1, createFiles: [...created.values()], analysis };
    }
    lastEdits = edits.edits;
    text = applyEdits(text, lastEdits);
  }
  return { text, applied, passes: MAX_FIX_PASSES, createFiles: [...created.values()], analysis: undefined };
}

/** Code whose fixes left imports or variables unused (Go does not compile then): the text made whole again, analysed. */
function keepCompiling(input: AnalysisInput, text: string, analysis: Analysis): { text: string; analysis: Analysis } | undefined {
  const ctx = analysis.code;
  const removals = ctx?.dialect.leftUnused?.(ctx, []) ?? [];
  if (removals.length === 0) return undefined;
  const tidied = applyEdits(text, removals);
  return { text: tidied, analysis: analyze({ ...input, text: tidied }) };
}

/** The fix fix-all applies for a finding: its preferred one, or that fix's shared-loader variant when asked for. */
function chosenFix(fixes: readonly Fix[], options: FixAllOptions): Fix | undefined {
  const preferred = fixes.find((x) => x.preferred && (options.createFiles || !x.createFiles?.length));
  if (!options.sharedLoader || !options.createFiles || preferred?.conflictKey !== LOADER_CONFLICT_KEY) return preferred;
  return fixes.find((x) => x.conflictKey === LOADER_CONFLICT_KEY && x.createFiles?.length) ?? preferred;
}

/**
 * The findings from `i` on whose fixes the container's fix for `i` may do together with it: same
 * conflict key, same container, in order (the order the fixes one by one would take them in).
 */
function batchableRun(findings: readonly Finding[], chosen: readonly (Fix | undefined)[], i: number): number[] {
  const run: number[] = [];
  for (let j = i; j < findings.length; j++) {
    if (chosen[j] !== undefined && chosen[j]?.conflictKey === chosen[i]?.conflictKey && sameContainer(findings[j], findings[i])) run.push(j);
  }
  return run;
}

/** Two manifest findings about the same container (the conflict key already says: the same pod). */
function sameContainer(a: Finding, b: Finding): boolean {
  return a.data.container === b.data.container && a.data.group === b.data.group && a.data.documentIndex === b.data.documentIndex;
}
