// A quick first look at a large manifest: the findings of its leading documents, for the editor to
// show while the full analysis runs (a cold 10,000-line manifest takes over half a second; its first
// screens take a few tens of milliseconds). Manifest rules judge each document on its own and
// suppressions are read from the whole text, so a preview's findings are exactly the full analysis'
// findings inside the documents it covers — never a finding the full analysis would not make.
import { fileKindOf, manifestFindings, refusalOf, ruleEnvOf, type AnalysisInput } from './analyze';
import { Budget, BudgetExceeded } from './budget';
import type { Finding } from './findings';
import { isKubernetesManifest, parseLeadingManifest } from './k8s/documents';
import { defaultSettings } from './settings';
import { LineIndex } from './text';
import type { DocumentStream } from './yaml-stream';

/** One document may take this long even when the slice is tiny: only then is the preview abandoned. */
const MIN_BUDGET_MS = 200;

export interface ManifestPreview {
  findings: Finding[];
  /** How many leading documents it covers (the full analysis adds the findings of the rest). */
  documents: number;
  /** The parse so far: the full analysis of the same text continues it (AnalysisInput.preview). */
  parse: DocumentStream;
}

/**
 * Parses documents for about `sliceMs` and analyses those. Undefined when there is nothing useful to
 * preview: not a manifest, a file the engine refuses, a stream parsed whole within the slice (the
 * full analysis is as quick), a syntax error in the covered part (it has problems to report too), or
 * a document so large that the slice overran fourfold (or by MIN_BUDGET_MS).
 */
export function previewManifest(input: AnalysisInput, sliceMs: number): ManifestPreview | undefined {
  const settings = input.settings ?? defaultSettings();
  if (fileKindOf(input.path, input.languageId) !== 'manifest' || refusalOf(input.text, settings)) return undefined;
  const lines = new LineIndex(input.text);
  const deadline = Date.now() + sliceMs;
  const budget = new Budget(Math.max(4 * sliceMs, MIN_BUDGET_MS));
  try {
    const leading = parseLeadingManifest(input.text, lines, budget, () => Date.now() >= deadline);
    if (!leading || leading.ctx.problems.length > 0 || !isKubernetesManifest(leading.ctx)) return undefined;
    const { ctx, started } = leading;
    return { findings: manifestFindings(input, ruleEnvOf(input, settings), ctx, budget), documents: ctx.documents.length, parse: started };
  } catch (err) {
    if (err instanceof BudgetExceeded) return undefined;
    throw err;
  }
}
