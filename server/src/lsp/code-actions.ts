// Code actions for our diagnostics: each finding's fixes as quick fixes, and `source.fixAll.secretHints`.
// Every edit is a versioned TextDocumentEdit, so a client applies it only to the version it was made for.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type Range, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { fixAll } from '../engine/fix-all';
import { pathTaken, readSmallText } from '../read-text';
import type { FileCreation, Finding, Fix } from '../engine/findings';
import { detectEol, LineIndex, minimalEdit } from '../engine/text';
import { isDiagnosticData, SOURCE, toLspEdit, type DiagnosticData } from './convert';
import { FIX_ALL_KIND } from './protocol';
import { suppressActionsFor, type SuppressTarget } from './suppress-actions';
import type { CachedAnalysis } from './validator';
import { editorTimeGuard } from './time-guard';

export { FIX_ALL_KIND };

function wantsKind(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** Our diagnostics among those the client sent that touch the requested range. */
function ourDiagnostics(params: CodeActionParams): Diagnostic[] {
  return params.context.diagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string' && touches(d.range, params.range));
}

/**
 * The finding a diagnostic was published for. Clients do not always send `data` back (VS Code drops
 * it when code actions are requested through `vscode.executeCodeActionProvider`), so the range is the
 * fallback key; a diagnostic published for another version of the document matches nothing.
 */
function findingFor(doc: TextDocument, cached: CachedAnalysis, d: Diagnostic): Finding | undefined {
  const data: DiagnosticData | undefined = isDiagnosticData(d.data) ? d.data : undefined;
  if (data && data.version !== doc.version) return undefined;
  const start = data?.start ?? doc.offsetAt(d.range.start);
  const end = data?.end ?? doc.offsetAt(d.range.end);
  return cached.analysis.findings.find((f) => f.rule === d.code && f.start === start && f.end === end);
}

/**
 * Whether a request can produce anything at all, decided without analysing: quick fixes need one of
 * our diagnostics in range, fix-all must be asked for by kind. Lightbulb requests on every cursor move
 * are answered from this check alone.
 */
export function mayHaveCodeActions(params: CodeActionParams): boolean {
  const fixAllAsked = params.context.only !== undefined && wantsKind(params, FIX_ALL_KIND);
  return fixAllAsked || (wantsKind(params, CodeActionKind.QuickFix) && ourDiagnostics(params).length > 0);
}

export function codeActionsFor(doc: TextDocument, cached: CachedAnalysis, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wantsKind(params, CodeActionKind.QuickFix)) {
    const targets: SuppressTarget[] = [];
    for (const diagnostic of ourDiagnostics(params)) {
      const finding = findingFor(doc, cached, diagnostic);
      if (!finding) continue;
      for (const fix of cached.analysis.fixesFor(finding)) actions.push(quickFix(doc, fix, diagnostic));
      targets.push({ rule: finding.rule, start: finding.start, diagnostic });
    }
    actions.push(...suppressActionsFor(doc, cached.path, targets));
  }
  if (wantsKind(params, FIX_ALL_KIND) && only !== undefined) {
    const all = fixAllAction(doc, cached);
    if (all) actions.push(all);
  }
  return actions;
}

function quickFix(doc: TextDocument, fix: Fix, diagnostic: Diagnostic): CodeAction {
  return { title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: fix.preferred, diagnostics: [diagnostic], edit: editFor(doc, fix) };
}

function editFor(doc: TextDocument, fix: Fix): WorkspaceEdit {
  const documentChanges = fileCreations(doc.uri, fix.createFiles ?? []);
  documentChanges.push({ textDocument: { uri: doc.uri, version: doc.version }, edits: fix.edits.map((e) => toLspEdit(doc, e)) });
  return { documentChanges };
}

/**
 * Creates each file (relative to `baseUri`) and fills it — unless it exists: a package that has the
 * loader already (another file's fix made it) keeps it as it is.
 */
export function fileCreations(baseUri: string, files: readonly FileCreation[]): NonNullable<WorkspaceEdit['documentChanges']> {
  const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
  for (const file of files) {
    const target = new URL(file.relativePath, baseUri).href;
    if (file.appendLine) {
      documentChanges.push(...lineAppend(target, file.text));
      continue;
    }
    if (target.startsWith('file:') && pathTaken(fileURLToPath(target))) continue;
    documentChanges.push({ kind: 'create', uri: target, options: { ignoreIfExists: true } });
    documentChanges.push({
      textDocument: { uri: target, version: null },
      edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: file.text }],
    });
  }
  return documentChanges;
}

/**
 * Adds one line to a file (a `.gitignore` entry), creating it when missing; nothing when the file has
 * that line already. The file's own line breaks are used, and a last line without one gets one first.
 */
function lineAppend(uri: string, line: string): NonNullable<WorkspaceEdit['documentChanges']> {
  const existing = uri.startsWith('file:') ? readSmallText(fileURLToPath(uri)) : undefined;
  if (existing === undefined) {
    if (uri.startsWith('file:') && pathTaken(fileURLToPath(uri))) return [];
    return [
      { kind: 'create', uri, options: { ignoreIfExists: true } },
      { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: line }] },
    ];
  }
  const wanted = line.trim();
  if (existing.split(/\r?\n/).some((l) => l.trim() === wanted)) return [];
  const eol = detectEol(existing);
  const lines = new LineIndex(existing);
  const end = lines.position(existing.length);
  const lead = existing === '' || /[\r\n]$/.test(existing) ? '' : eol;
  return [{ textDocument: { uri, version: null }, edits: [{ range: { start: end, end }, newText: `${lead}${wanted}${eol}` }] }];
}

/**
 * One edit that applies every preferred fix in the file (computed by the engine in passes). Fixes that
 * need a file created (Go's secret_loader.go, Java's SecretLoader.java) are in it only when that file
 * exists already: VS Code saves the document a fix-all-on-save runs for, not a file the edit creates,
 * which would be left empty on disk. The quick fix creates it.
 */
export function fixAllAction(doc: TextDocument, cached: CachedAnalysis): CodeAction | undefined {
  if (cached.analysis.findings.length === 0) return undefined;
  const before = doc.getText();
  const input = {
    text: before,
    path: cached.path,
    languageId: doc.languageId,
    settings: cached.settings.engine,
    timeGuard: editorTimeGuard(),
    ...cached.hooks,
  };
  let result = fixAll(input, { createFiles: true });
  if (fileCreations(doc.uri, result.createFiles).length > 0) result = fixAll(input);
  const edit = minimalEdit(before, result.text);
  if (!edit) return undefined;
  return {
    title: `Fix all secret exposures in this file (${result.applied})`,
    kind: FIX_ALL_KIND,
    edit: { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: [toLspEdit(doc, edit)] }] },
  };
}

function touches(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
