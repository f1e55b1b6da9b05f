// The combined code action on a `k8s-secret-env-ref` diagnostic: one WorkspaceEdit that mounts the
// Secret (the manifest fix) and rewrites the reads of that variable in the workspace's code files to
// the loader (the code fix), computed by engine/combined-fix.ts. Code texts come from open editors
// when open (versioned edits), from disk otherwise; only files that mention the name are analysed.
import { CodeActionKind, type CodeAction, type CodeActionParams, type TextDocuments, type WorkspaceEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { fileKindOf, isCodeKind, ruleById } from '../engine/analyze';
import {
  CODE_READ_RULE,
  COMBINABLE_RULES,
  combinedFix,
  mountPhrase,
  manifestHalf,
  variableOf,
  type CodeFileInput,
  type CombinedFix,
} from '../engine/combined-fix';
import type { Finding } from '../engine/findings';
import { readUtf8Text } from '../read-text';
import { fileCreations } from './code-actions';
import { isDiagnosticData, SOURCE, toLspEdit } from './convert';
import type { SettingsCache } from './settings';
import type { CachedAnalysis } from './validator';
import type { FolderIndexer } from './folder-indexer';
import { inPool } from '../pool';

export interface CombinedActionDeps {
  indexer: FolderIndexer;
  documents: TextDocuments<TextDocument>;
  settings: SettingsCache;
  /** Loads what analysing a code file needs (its tree-sitter grammar) before the synchronous fix. */
  prepare: (file: CodeFileInput) => Promise<void>;
  /**
   * The client resolves code actions' edits (codeAction/resolve): then the action is offered at once and
   * the workspace's code is read only when the user picks it, keeping the lightbulb fast.
   */
  resolveLater: boolean;
}

/** What a deferred combined action carries until codeAction/resolve computes its edit. */
interface CombinedData {
  combinedFor: { uri: string; version: number; rule: string; start: number; end: number };
}

export async function combinedFixActions(doc: TextDocument, cached: CachedAnalysis, params: CodeActionParams, deps: CombinedActionDeps): Promise<CodeAction[]> {
  // Without the code rule there is nothing to rewrite (and no reason to offer a second manifest fix).
  if (!ruleById(CODE_READ_RULE)) return [];
  const only = params.context.only;
  if (only && !only.some((k) => CodeActionKind.QuickFix === k || CodeActionKind.QuickFix.startsWith(`${k}.`))) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string' || !COMBINABLE_RULES.has(diagnostic.code) || !isDiagnosticData(diagnostic.data))
      continue;
    const data = diagnostic.data;
    const finding = cached.analysis.findings.find((f) => f.rule === data.rule && f.start === data.start && f.end === data.end);
    const variable = finding && variableOf(finding);
    // Cheap first: no manifest fix means no combined fix, whatever the code says.
    if (!finding || variable === undefined || !manifestHalf(cached.analysis.fixesFor(finding))) continue;
    const base = { kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: false };
    if (deps.resolveLater) {
      if (deps.indexer.codeFiles.size === 0 && !deps.documents.all().some(isCodeDocument)) continue;
      const combinedFor = { uri: doc.uri, version: doc.version, rule: finding.rule, start: finding.start, end: finding.end };
      actions.push({ ...base, title: deferredTitle(finding, variable), data: { combinedFor } satisfies CombinedData });
      continue;
    }
    const fix = await computeCombined(cached, finding, variable, deps);
    if (fix) actions.push({ ...base, title: fix.title, edit: workspaceEdit(doc, fix, (uri) => deps.documents.get(uri)) });
  }
  return actions;
}

/**
 * codeAction/resolve for a deferred combined action: reads the workspace's code now. When no code reads
 * the variable any more, the edit is the manifest half alone if that is safe alone (preferred), else none;
 * a stale manifest version yields no edit.
 */
export async function resolveCombinedAction(
  action: CodeAction,
  current: (uri: string) => Promise<CachedAnalysis | undefined>,
  deps: CombinedActionDeps,
): Promise<CodeAction> {
  const target = (action.data as Partial<CombinedData> | undefined)?.combinedFor;
  if (!target) return action;
  const doc = deps.documents.get(target.uri);
  const cached = await current(target.uri);
  if (!doc || !cached || doc.version !== target.version) return action;
  const finding = cached.analysis.findings.find((f) => f.rule === target.rule && f.start === target.start && f.end === target.end);
  const variable = finding && variableOf(finding);
  const manifestFix = finding && manifestHalf(cached.analysis.fixesFor(finding));
  if (!finding || variable === undefined || !manifestFix) return action;
  // No code reads it any more: the manifest half alone, if it is safe alone (preferred).
  const alone = manifestFix.preferred ? { title: action.title, variable, manifest: manifestFix, code: [] } : undefined;
  const fix = (await computeCombined(cached, finding, variable, deps)) ?? alone;
  return fix ? { ...action, edit: workspaceEdit(doc, fix, (uri) => deps.documents.get(uri)) } : action;
}

function deferredTitle(finding: Finding, variable: string): string {
  return `${mountPhrase(finding)} and read ${variable} through the loader in the workspace's code`;
}

async function computeCombined(cached: CachedAnalysis, finding: Finding, variable: string, deps: CombinedActionDeps): Promise<CombinedFix | undefined> {
  const files = await codeFilesMentioning(variable, deps);
  for (const file of files) await deps.prepare(file);
  return combinedFix(cached.analysis, finding, files);
}

function isCodeDocument(d: TextDocument): boolean {
  const parsed = URI.parse(d.uri);
  return parsed.scheme === 'file' && isCodeKind(fileKindOf(parsed.fsPath, d.languageId));
}

/** Every code file of the workspace (walked at start, plus open ones) whose text mentions `variable`. */
async function codeFilesMentioning(variable: string, deps: CombinedActionDeps): Promise<CodeFileInput[]> {
  const byPath = new Map<string, { uri: string; open?: TextDocument }>();
  for (const file of deps.indexer.codeFiles) byPath.set(file, { uri: URI.file(file).toString() });
  for (const open of deps.documents.all()) if (isCodeDocument(open)) byPath.set(URI.parse(open.uri).fsPath, { uri: open.uri, open });
  const candidates = [...byPath.entries()];
  const out: CodeFileInput[] = [];
  let next = 0;
  await inPool(
    () => (next < candidates.length ? candidates[next++] : undefined),
    async ([path, { uri, open }]) => {
      const text = open ? open.getText() : await readUtf8Text(path);
      if (text === undefined || !text.includes(variable)) return;
      const settings = await deps.settings.get(uri);
      if (!settings.enable) return;
      out.push({ path, text, languageId: open?.languageId, settings: settings.engine, ...deps.indexer.index.hooks });
    },
  );
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** The manifest edit (versioned) and each code file's edit (versioned if open), creating shared files once. */
export function workspaceEdit(manifest: TextDocument, fix: CombinedFix, openDocument: (uri: string) => TextDocument | undefined): WorkspaceEdit {
  const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [
    { textDocument: { uri: manifest.uri, version: manifest.version }, edits: fix.manifest.edits.map((e) => toLspEdit(manifest, e)) },
  ];
  const created = new Set<string>();
  for (const rewrite of fix.code) {
    const uri = URI.file(rewrite.path).toString();
    const open = openDocument(uri);
    const creations = fileCreations(
      uri,
      rewrite.createFiles.filter((f) => !created.has(new URL(f.relativePath, uri).href)),
    );
    rewrite.createFiles.forEach((f) => created.add(new URL(f.relativePath, uri).href));
    documentChanges.push(...creations);
    // Positions need the text the edit was computed on: the open buffer, or the text read from disk.
    const basis = open ?? TextDocument.create(uri, 'plaintext', 0, rewrite.before);
    documentChanges.push({ textDocument: { uri, version: open ? open.version : null }, edits: [toLspEdit(basis, rewrite.edit)] });
  }
  return { documentChanges };
}
