// The combined code action on a `k8s-secret-env-ref` diagnostic: one WorkspaceEdit that mounts the
// Secret (the manifest fix) and rewrites the reads of that variable in the workspace's code files to
// the loader (the code fix), computed by engine/combined-fix.ts. Code texts come from open editors
// when open (versioned edits), from disk otherwise; only files that mention the name are analysed.
import { promises as fs } from 'node:fs';
import { CodeActionKind, type CodeAction, type CodeActionParams, type TextDocuments, type WorkspaceEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { fileKindOf } from '../engine/analyze';
import { COMBINABLE_RULE, combinedFix, variableOf, type CodeFileInput, type CombinedFix } from '../engine/combined-fix';
import { fileCreations } from './code-actions';
import { isDiagnosticData, SOURCE, toLspEdit } from './convert';
import type { SettingsCache } from './settings';
import type { CachedAnalysis } from './validator';
import type { WorkspaceIndexer } from './workspace-indexer';

/** Files read at once while looking for reads of the variable. */
const READ_CONCURRENCY = 8;

export interface CombinedActionDeps {
  indexer: WorkspaceIndexer;
  documents: TextDocuments<TextDocument>;
  settings: SettingsCache;
  /** Loads what analysing a code file needs (its tree-sitter grammar) before the synchronous fix. */
  prepare: (file: CodeFileInput) => Promise<void>;
}

export async function combinedFixActions(doc: TextDocument, cached: CachedAnalysis, params: CodeActionParams, deps: CombinedActionDeps): Promise<CodeAction[]> {
  const only = params.context.only;
  if (only && !only.some((k) => CodeActionKind.QuickFix === k || CodeActionKind.QuickFix.startsWith(`${k}.`))) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== SOURCE || diagnostic.code !== COMBINABLE_RULE || !isDiagnosticData(diagnostic.data)) continue;
    const data = diagnostic.data;
    const finding = cached.analysis.findings.find((f) => f.rule === data.rule && f.start === data.start && f.end === data.end);
    const variable = finding && variableOf(finding);
    // Cheap first: no manifest fix means no combined fix, whatever the code says.
    if (!finding || variable === undefined || !cached.analysis.fixesFor(finding).some((f) => f.preferred)) continue;
    const files = await codeFilesMentioning(variable, deps);
    for (const file of files) await deps.prepare(file);
    const fix = combinedFix(cached.analysis, finding, files);
    if (fix) actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: false, edit: workspaceEdit(doc, fix, (uri) => deps.documents.get(uri)) });
  }
  return actions;
}

/** Every code file of the workspace (walked at start, plus open ones) whose text mentions `variable`. */
async function codeFilesMentioning(variable: string, deps: CombinedActionDeps): Promise<CodeFileInput[]> {
  const byPath = new Map<string, { uri: string; open?: TextDocument }>();
  for (const file of deps.indexer.codeFiles) byPath.set(file, { uri: URI.file(file).toString() });
  for (const open of deps.documents.all()) {
    const parsed = URI.parse(open.uri);
    if (parsed.scheme === 'file' && fileKindOf(parsed.fsPath, open.languageId) !== 'manifest') byPath.set(parsed.fsPath, { uri: open.uri, open });
  }
  const candidates = [...byPath.entries()];
  const out: CodeFileInput[] = [];
  let next = 0;
  const worker = async () => {
    while (next < candidates.length) {
      const [path, { uri, open }] = candidates[next++];
      const text = open ? open.getText() : await fs.readFile(path, 'utf8').catch(() => undefined);
      if (text === undefined || !text.includes(variable)) continue;
      const settings = await deps.settings.get(uri);
      if (!settings.enable) continue;
      out.push({ path, text, languageId: open?.languageId, settings: settings.engine, ...deps.indexer.index.hooks });
    }
  };
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
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
    const creations = fileCreations(uri, rewrite.createFiles.filter((f) => !created.has(new URL(f.relativePath, uri).href)));
    rewrite.createFiles.forEach((f) => created.add(new URL(f.relativePath, uri).href));
    documentChanges.push(...creations);
    // Positions need the text the edit was computed on: the open buffer, or the text read from disk.
    const basis = open ?? TextDocument.create(uri, 'plaintext', 0, rewrite.before);
    documentChanges.push({ textDocument: { uri, version: open ? open.version : null }, edits: [toLspEdit(basis, rewrite.edit)] });
  }
  return { documentChanges };
}
