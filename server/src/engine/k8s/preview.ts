// A quick first look at a large manifest: the findings of its leading documents, for the editor to
// show while the full analysis runs (a cold 10,000-line manifest takes over half a second; its first
// screens take a few tens of milliseconds). Manifest rules judge each document on its own and
// suppressions are read from the whole text, so a preview's findings are exactly the full analysis'
// findings inside the documents it covers — never a finding the full analysis would not make. How much
// it covers is counted in characters, not timed: the same text gets the same preview on any machine.
import { fileKindOf, manifestFindings, refusalOf, ruleEnvOf, type AnalysisInput } from '../analyze';
import { Budget, BudgetExceeded, DEFAULT_WORK_LIMIT, manifestParseCost } from '../budget';
import type { Finding } from '../findings';
import { isKubernetesManifest, parseLeadingManifest } from './documents';
import { defaultSettings } from '../settings';
import { LineIndex } from '../text';
import type { DocumentStream } from './yaml-stream';

export interface ManifestPreview {
  findings: Finding[];
  /** How many leading documents it covers (the full analysis adds the findings of the rest). */
  documents: number;
  /** The parse so far: the full analysis of the same text continues it (AnalysisInput.preview). */
  parse: DocumentStream;
}

/**
 * Parses the leading documents that cover at least `sliceChars` characters (at least one document) and
 * analyses those. Undefined when there is nothing useful to preview: not a manifest, a file the engine
 * refuses (by size, content or work limit), a stream parsed whole within the slice (the full analysis
 * is as quick), or a syntax error in the covered part (it has problems to report too).
 */
export function previewManifest(input: AnalysisInput, sliceChars: number): ManifestPreview | undefined {
  const settings = input.settings ?? defaultSettings();
  if (fileKindOf(input.path, input.languageId) !== 'manifest' || refusalOf(input.text, settings)) return undefined;
  const limit = settings.workLimit ?? DEFAULT_WORK_LIMIT;
  if (manifestParseCost(input.text) > limit) return undefined;
  const lines = new LineIndex(input.text);
  // Only the time guard can stop the preview's parse (it is paid for by the full analysis, up front).
  const budget = new Budget(limit, input.timeGuard);
  try {
    const leading = parseLeadingManifest(input.text, lines, budget, (documents) => documents[documents.length - 1].range[2] >= sliceChars);
    if (!leading || leading.ctx.problems.length > 0 || !isKubernetesManifest(leading.ctx)) return undefined;
    const { ctx, started } = leading;
    return { findings: manifestFindings(input, ruleEnvOf(input, settings), ctx, budget), documents: ctx.documents.length, parse: started };
  } catch (err) {
    if (err instanceof BudgetExceeded) return undefined;
    throw err;
  }
}
