// Code actions for our diagnostics: each finding's fixes as quick fixes, and `source.fixAll.secretHints`.
// Every edit is a versioned TextDocumentEdit, so a client applies it only to the version it was made for.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAll } from '../engine/analyze';
import type { Fix } from '../engine/findings';
import { minimalEdit } from '../engine/text';
import { isDiagnosticData, SOURCE, toLspEdit } from './convert';
import type { CachedAnalysis } from './validator';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.secretHints`;

export function codeActionsFor(doc: TextDocument, cached: CachedAnalysis, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== SOURCE || !isDiagnosticData(diagnostic.data)) continue;
      const data = diagnostic.data;
      // A diagnostic from an older version names offsets in a text that no longer exists: refuse it
      // rather than guess; the diagnostics for the current version arrive right after.
      if (data.version !== doc.version || cached.version !== doc.version) continue;
      const finding = cached.analysis.findings.find((f) => f.rule === data.rule && f.start === data.start && f.end === data.end);
      if (!finding) continue;
      for (const fix of cached.analysis.fixesFor(finding)) actions.push(quickFix(doc, fix, diagnostic));
    }
  }
  if (wants(FIX_ALL_KIND) && only !== undefined) {
    const all = fixAllAction(doc, cached);
    if (all) actions.push(all);
  }
  return actions;
}

function quickFix(doc: TextDocument, fix: Fix, diagnostic: Diagnostic): CodeAction {
  return { title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: fix.preferred, diagnostics: [diagnostic], edit: editFor(doc, fix) };
}

function editFor(doc: TextDocument, fix: Fix): WorkspaceEdit {
  const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
  for (const file of fix.createFiles ?? []) {
    const target = new URL(file.relativePath, doc.uri).href;
    documentChanges.push({ kind: 'create', uri: target, options: { ignoreIfExists: true } });
    documentChanges.push({ textDocument: { uri: target, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: file.text }] });
  }
  documentChanges.push({ textDocument: { uri: doc.uri, version: doc.version }, edits: fix.edits.map((e) => toLspEdit(doc, e)) });
  return { documentChanges };
}

/** One edit that applies every preferred fix in the file (computed by the engine in passes). */
export function fixAllAction(doc: TextDocument, cached: CachedAnalysis): CodeAction | undefined {
  if (cached.analysis.findings.length === 0) return undefined;
  const before = doc.getText();
  const result = fixAll({ text: before, path: cached.path, languageId: doc.languageId, settings: cached.settings.engine });
  const edit = minimalEdit(before, result.text);
  if (!edit) return undefined;
  return {
    title: `Fix all secret exposures in this file (${result.applied})`,
    kind: FIX_ALL_KIND,
    edit: { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: [toLspEdit(doc, edit)] }] },
  };
}
