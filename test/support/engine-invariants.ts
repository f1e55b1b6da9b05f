// Invariants every analysis must keep, whatever the input: no exception escapes, every range lies
// inside the document, every fix applies cleanly and leaves the file parsing no worse than before.
// Shared by the hostile-input tests and the fuzz harness; language-agnostic through `analyze`.
import { parseAllDocuments } from 'yaml';
import { analyze, fixAll, type Analysis, type AnalysisInput } from '../../server/src/engine/analyze';
import type { TextRange } from '../../server/src/engine/findings';
import { applyEdits } from '../../server/src/engine/text';

export interface InvariantReport {
  analysis: Analysis;
  /** Human-readable violations (offsets and rule ids only, never file content). */
  violations: string[];
  fixesChecked: number;
}

function inside(r: TextRange, length: number): boolean {
  return Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.start <= r.end && r.end <= length;
}

/** Syntax errors in a text: every `yaml` error for manifests; the engine's parse problems for code. */
export function syntaxErrorCount(input: AnalysisInput): number {
  if (/\.ya?ml$/i.test(input.path ?? '') || input.languageId === 'yaml') {
    const docs = parseAllDocuments(input.text, { uniqueKeys: false, prettyErrors: false, strict: false });
    return Array.isArray(docs) ? docs.reduce((n, d) => n + d.errors.length, 0) : 0;
  }
  return analyze(input).problems.filter((p) => p.code === 'parse-error').length;
}

export function checkInvariants(input: AnalysisInput, options: { fixAll?: boolean } = {}): InvariantReport {
  const violations: string[] = [];
  const length = input.text.length;
  const analysis = analyze(input);
  for (const p of analysis.problems) if (!inside(p, length)) violations.push(`problem ${p.code} range ${p.start}-${p.end} outside 0-${length}`);
  let fixesChecked = 0;
  let errorsBefore: number | undefined;
  const noWorse = (text: string, what: string) => {
    errorsBefore ??= syntaxErrorCount(input);
    const after = syntaxErrorCount({ ...input, text });
    if (after > errorsBefore) violations.push(`${what} raised syntax errors from ${errorsBefore} to ${after}`);
  };
  for (const f of analysis.findings) {
    if (!inside(f, length)) violations.push(`finding ${f.rule} range ${f.start}-${f.end} outside 0-${length}`);
    for (const fix of analysis.fixesFor(f)) {
      fixesChecked++;
      for (const e of fix.edits) if (!inside(e, length)) violations.push(`fix edit of ${f.rule} at ${e.start}-${e.end} outside 0-${length}`);
      let fixed: string;
      try {
        fixed = applyEdits(input.text, fix.edits);
      } catch {
        violations.push(`fix of ${f.rule} at ${f.start} has overlapping edits`);
        continue;
      }
      noWorse(fixed, `fix "${f.rule}" at ${f.start}`);
    }
  }
  if (options.fixAll !== false && analysis.findings.length > 0) {
    const result = fixAll(input);
    if (result.text !== input.text) noWorse(result.text, 'fix-all');
  }
  return { analysis, violations, fixesChecked };
}
