// Translation between engine values (offsets, severities) and LSP values (positions, enums).
import { withBaseline, type BaselineSetting } from './baselined';
import { DiagnosticSeverity, type Diagnostic, type Range, type TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Problem, Severity, TextEdit, TextRange } from '../engine/findings';
import { URI } from 'vscode-uri';
import { ruleDocUrl } from '../docs';

export const SOURCE = 'secret-hints';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(doc: TextDocument, r: TextRange): Range {
  return { start: doc.positionAt(r.start), end: doc.positionAt(r.end) };
}

/** What a diagnostic carries so code actions can find their finding again. */
export interface DiagnosticData {
  rule: string;
  version: number;
  start: number;
  end: number;
}

export function findingToDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  const data: DiagnosticData = { rule: f.rule, version: doc.version, start: f.start, end: f.end };
  return {
    range: toRange(doc, f),
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.rule,
    codeDescription: { href: ruleDocUrl(f.rule) },
    message: f.message,
    data,
    relatedInformation: f.related?.map((r) => ({
      location: { uri: URI.file(r.path).toString(), range: { start: r.start, end: r.end } },
      message: r.message,
    })),
  };
}

/** Everything an analysis publishes for a document: its problems (skips, syntax errors), then its findings. */
/** A document's problems and findings as diagnostics; with `baseline`, findings it holds at its severity (lsp/baselined.ts). */
export function analysisDiagnostics(
  doc: TextDocument,
  analysis: { problems: readonly Problem[]; findings: readonly Finding[] },
  baseline?: { fsPath: string | undefined; folders: readonly string[]; setting: BaselineSetting },
): Diagnostic[] {
  const findings = analysis.findings.map((f) => findingToDiagnostic(doc, f));
  const shown = baseline ? withBaseline(analysis.findings, findings, baseline.fsPath, baseline.folders, baseline.setting) : findings;
  return [...analysis.problems.map((p) => problemToDiagnostic(doc, p)), ...shown];
}

export function problemToDiagnostic(doc: TextDocument, p: Problem): Diagnostic {
  return { range: toRange(doc, p), severity: DiagnosticSeverity.Information, source: SOURCE, code: p.code, message: p.message };
}

export function toLspEdit(doc: TextDocument, e: TextEdit): LspTextEdit {
  return { range: toRange(doc, e), newText: e.newText };
}

export function isDiagnosticData(v: unknown): v is DiagnosticData {
  const d = v as Partial<DiagnosticData> | undefined;
  return typeof d?.rule === 'string' && typeof d.version === 'number' && typeof d.start === 'number' && typeof d.end === 'number';
}
