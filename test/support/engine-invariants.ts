// Invariants every analysis must keep, whatever the input: no exception escapes, every range lies
// inside the document, every fix applies cleanly and leaves the file parsing no worse than before.
// Shared by the hostile-input tests and the fuzz harness; language-agnostic through `analyze`.
import { parseAllDocuments } from 'yaml';
import { maskTemplates } from '../../server/src/engine/k8s/helm';
import { analyze, type Analysis, type AnalysisInput } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fix-all';
import type { TextRange } from '../../server/src/engine/findings';
import { codeLanguageOf } from '../../server/src/engine/code/languages';
import { parseWith } from '../../server/src/engine/code/parsers';
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

/**
 * Syntax errors in a text: every `yaml` error for manifests (Helm templates with their actions masked,
 * as the engine parses them); tree-sitter's error and missing nodes for code.
 */
export function syntaxErrorCount(input: AnalysisInput): number {
  if (/\.ya?ml$/i.test(input.path ?? '') || input.languageId === 'yaml') {
    const text = maskTemplates(input.text)?.masked ?? input.text;
    const docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, strict: false });
    return Array.isArray(docs) ? docs.reduce((n, d) => n + d.errors.length, 0) : 0;
  }
  const language = codeLanguageOf(input.path, input.languageId);
  if (!language) return 0;
  // Parsed and freed here: a tree left to the garbage collector's finalizer is not freed inside a
  // synchronous loop, and hundreds of large trees exhaust tree-sitter's memory.
  const tree = parseWith(language.grammar, input.text);
  try {
    if (!tree.rootNode.hasError) return 0;
    let errors = 0;
    const cursor = tree.walk();
    for (let more = true; more;) {
      if (cursor.nodeType === 'ERROR' || cursor.nodeIsMissing) errors++;
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling())
        if (!cursor.gotoParent()) {
          more = false;
          break;
        }
    }
    cursor.delete();
    return errors;
  } finally {
    tree.delete();
  }
}

/**
 * Each fix re-parses the whole file to count syntax errors: in a file with tens of thousands of findings
 * that is quadratic, so the fixes of an evenly spread sample of findings (always the first and the
 * last) are re-parsed: at most 200, and at most about 16 MB of re-parsed text. Every fix's ranges are
 * still checked.
 */
function reparsedFindings(textLength: number): number {
  return Math.max(2, Math.min(200, Math.floor(16_000_000 / Math.max(1, textLength))));
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
  const findings = analysis.findings;
  const stride = Math.max(1, Math.ceil(findings.length / reparsedFindings(length)));
  for (const [i, f] of findings.entries()) {
    const reparse = i % stride === 0 || i === findings.length - 1;
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
      if (reparse) noWorse(fixed, `fix "${f.rule}" at ${f.start}`);
    }
  }
  if (options.fixAll !== false && analysis.findings.length > 0) {
    const result = fixAll(input);
    if (result.text !== input.text) noWorse(result.text, 'fix-all');
  }
  return { analysis, violations, fixesChecked };
}
