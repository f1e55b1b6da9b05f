// Keeps one analysis per open document, tied to the version it was computed for. Validation is
// debounced per document; a newer version supersedes a pending or running older one, and code
// actions and hovers reuse the cached analysis instead of re-parsing.
import type { Connection } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { exclusion, toPosix } from '../paths';
import * as path from 'node:path';
import { besideReader } from '../read-text';
import { analyze, readsEnvAsCode, prepareAnalysis, type Analysis } from '../engine/analyze';
import { codeReadsOf, type CodeRead } from '../engine/combined-fix';
import { editorTimeGuard } from './time-guard';
import { previewManifest, type ManifestPreview } from '../engine/k8s/preview';
import type { ParseOfText, WorkspaceHooks } from '../engine/cross-file-index';
import { analysisDiagnostics, findingToDiagnostic } from './convert';
import { DiagnosticsPublisher } from './diagnostics-publisher';
import type { ResourceSettings, SettingsCache } from './settings';

/** Manifests at least this long (about 3,000 lines) get a preview before their first full analysis. */
const PREVIEW_MIN_CHARS = 64 * 1024;
/** How much the preview covers: its leading documents up to about 1,400 lines, several screens (tens of ms, cold). */
const PREVIEW_SLICE_CHARS = 32 * 1024;

/** Receives the env vars a code file reads (CrossFileIndex.noteCodeReads). */
export type CodeReadsSink = (path: string, reads: readonly CodeRead[]) => void;

/**
 * How long an edit waits before its analysis: the debounce (the last analysis' time, 15–150 ms) when
 * the previous edit came less than that before it, a burst the analysis should wait out; none when it
 * follows a pause (or is the first).
 */
export function editDelay(lastAnalysisMs: number | undefined, sinceLastEditMs: number | undefined): number {
  const debounce = Math.min(150, Math.max(15, lastAnalysisMs ?? 15));
  return sinceLastEditMs !== undefined && sinceLastEditMs < debounce ? debounce : 0;
}

export interface CachedAnalysis {
  version: number;
  /** How long the analysis took, which sets the debounce for the next edit. */
  elapsedMs: number;
  /** File-system path the analysis used (undefined for untitled buffers). */
  path: string | undefined;
  analysis: Analysis;
  settings: ResourceSettings;
  /** The workspace view the analysis used (fix-all must analyse with the same one). */
  hooks: WorkspaceHooks;
}

export class Validator {
  private readonly cache = new Map<string, CachedAnalysis>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** When each document was last scheduled (Date.now()): a burst of edits is told from a lone one. */
  private readonly lastEdits = new Map<string, number>();
  private workspaceFolders: string[] = [];
  /** Compiled `secretHints.exclude` globs per settings object (settings are cached until they change). */
  private readonly exclusions = new WeakMap<string[], (p: string) => boolean>();
  /** Workspace hooks (lsp/cross-file-view.ts): env var sources and Secret keys from the manifests. */
  private hooks: WorkspaceHooks = {};
  private readonly publisher: DiagnosticsPublisher;
  private noteCodeReads: CodeReadsSink | undefined;

  /** Whether the user has been told once that an analysis failed (the log has every failure). */
  private failureShown = false;

  constructor(
    private readonly connection: Connection,
    private readonly settings: Pick<SettingsCache, 'get' | 'forget'>,
    private readonly getDocument: (uri: string) => TextDocument | undefined,
    /** The engine's entry point (tests pass one that fails). */
    private readonly analyzeFile: typeof analyze = analyze,
  ) {
    this.publisher = new DiagnosticsPublisher(connection);
  }

  setWorkspaceFolders(uris: string[]): void {
    this.workspaceFolders = uris.map((u) => URI.parse(u).fsPath);
  }

  /**
   * Schedules validation: a newly opened document at once; an edit at once too when the document had
   * not changed for as long as its debounce (a lone edit — one keystroke, a paste, an applied fix — is
   * not kept waiting), else after the debounce, which is as long as the document's last analysis took
   * (15–150 ms): typing in a large file coalesces keystrokes instead of queueing analyses.
   */
  schedule(doc: TextDocument, immediate = !this.cache.has(doc.uri)): void {
    const pending = this.timers.get(doc.uri);
    if (pending) clearTimeout(pending);
    const now = Date.now();
    const lastEdit = this.lastEdits.get(doc.uri);
    this.lastEdits.set(doc.uri, now);
    const delay = immediate ? 0 : editDelay(this.cache.get(doc.uri)?.elapsedMs, lastEdit === undefined ? undefined : now - lastEdit);
    this.timers.set(
      doc.uri,
      setTimeout(() => {
        this.timers.delete(doc.uri);
        void this.validate(doc.uri);
      }, delay),
    );
  }

  /** `noteCodeReads`: told which env vars each analysed code file reads (the manifest fixes' preference). */
  setWorkspaceHooks(hooks: WorkspaceHooks, noteCodeReads?: CodeReadsSink): void {
    this.hooks = hooks;
    this.noteCodeReads = noteCodeReads;
  }

  /** Re-validates these documents from scratch (their analysis depends on the workspace index). */
  revalidate(docs: readonly TextDocument[]): void {
    for (const d of docs) {
      this.cache.delete(d.uri);
      this.schedule(d, true);
    }
  }

  /** Re-validates every open document from scratch (after settings changed). */
  revalidateAll(docs: readonly TextDocument[]): void {
    this.cache.clear();
    for (const d of docs) this.schedule(d, true);
  }

  close(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
    this.lastEdits.delete(uri);
    this.cache.delete(uri);
    this.settings.forget(uri);
    void this.publisher.clear(uri);
  }

  /** The analysis of the document's current version, computing it now if the cache is stale. */
  async current(uri: string): Promise<CachedAnalysis | undefined> {
    const doc = this.getDocument(uri);
    if (!doc) return undefined;
    const cached = this.cache.get(uri);
    if (cached && cached.version === doc.version) return cached;
    const settings = await this.settings.get(uri);
    await this.prepare(doc);
    const latest = this.getDocument(uri);
    if (!latest || latest.version !== doc.version) return undefined;
    return this.compute(latest, settings);
  }

  private async validate(uri: string): Promise<void> {
    const doc = this.getDocument(uri);
    if (!doc) return;
    const version = doc.version;
    const settings = await this.settings.get(uri);
    await this.prepare(doc);
    // A newer version arrived while settings were fetched: its own run will publish.
    const latest = this.getDocument(uri);
    if (!latest || latest.version !== version) return;
    let entry = this.cachedAt(uri, version);
    const preview = entry ? undefined : await this.publishPreview(latest, settings);
    if (preview) {
      // An edit or a close while the preview was on its way: the newer run publishes.
      const current = this.getDocument(uri);
      if (!current || current.version !== version) return;
      entry = this.cachedAt(uri, version); // a hover or code action may have analysed it meanwhile
    }
    entry ??= this.compute(latest, settings, preview);
    const baseline = { fsPath: entry.path, folders: this.workspaceFolders, setting: settings.baseline };
    await this.publisher.publish({ uri, version, diagnostics: analysisDiagnostics(latest, entry.analysis, baseline) });
  }

  /** The manifest parse of the document's current version, with its text, when the cache has it. */
  parseOf(uri: string): ParseOfText | undefined {
    const doc = this.getDocument(uri);
    const stream = doc ? this.cachedAt(uri, doc.version)?.analysis.stream : undefined;
    return doc && stream ? { text: doc.getText(), stream } : undefined;
  }

  private cachedAt(uri: string, version: number): CachedAnalysis | undefined {
    const cached = this.cache.get(uri);
    return cached?.version === version ? cached : undefined;
  }

  /**
   * The first analysis of a large manifest publishes the findings of its leading documents first
   * (engine/k8s/preview.ts), so the screen the user is looking at gets its diagnostics at once; the full
   * set follows, continuing the preview's parse. Returns the published preview.
   */
  private async publishPreview(doc: TextDocument, settings: ResourceSettings): Promise<ManifestPreview | undefined> {
    const fsPath = pathOf(doc.uri);
    if (this.cache.has(doc.uri) || doc.getText().length < PREVIEW_MIN_CHARS || this.isSkipped(fsPath, settings)) return undefined;
    const preview = previewManifest(
      { text: doc.getText(), path: fsPath, languageId: doc.languageId, settings: settings.engine, timeGuard: editorTimeGuard() },
      PREVIEW_SLICE_CHARS,
    );
    if (!preview) return undefined;
    // Published without a version: the set is provisional. The complete set carries the document's
    // version, so a client that wants only complete sets can tell them apart (DESIGN §3).
    await this.publisher.publish({ uri: doc.uri, diagnostics: preview.findings.map((f) => findingToDiagnostic(doc, f)) });
    // Let the message leave (IPC writes are asynchronous) and newer edits arrive before the long run.
    await new Promise((resolve) => setImmediate(resolve));
    return preview;
  }

  /** Loads the document's parser (code files) once; a failure is logged and leaves the file unanalysed. */
  private async prepare(doc: TextDocument): Promise<void> {
    try {
      await prepareAnalysis({ path: pathOf(doc.uri), languageId: doc.languageId });
    } catch (err) {
      this.connection.console.error(`Could not load the parser for ${doc.uri}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private compute(doc: TextDocument, settings: ResourceSettings, preview?: ManifestPreview): CachedAnalysis {
    const fsPath = pathOf(doc.uri);
    const started = Date.now();
    const analysis = this.isSkipped(fsPath, settings)
      ? analyze({ text: '', path: undefined })
      : this.analyzeSafely(doc.uri, {
          text: doc.getText(),
          path: fsPath,
          languageId: doc.languageId,
          settings: settings.engine,
          previous: this.reusable(doc.uri, settings),
          preview,
          timeGuard: editorTimeGuard(),
          readBeside: besideReader(fsPath),
          ...this.hooks,
        });
    const elapsed = Date.now() - started;
    if (elapsed > 500) this.connection.console.log(`Analysed ${doc.uri} in ${elapsed} ms.`);
    if (fsPath && readsEnvAsCode(analysis.kind)) this.noteCodeReads?.(fsPath, codeReadsOf(analysis));
    const entry: CachedAnalysis = { version: doc.version, elapsedMs: elapsed, path: fsPath, analysis, settings, hooks: this.hooks };
    this.cache.set(doc.uri, entry);
    return entry;
  }

  /** The previous analysis of this document, when its parse can seed an incremental re-parse. */
  private reusable(uri: string, settings: ResourceSettings): Analysis | undefined {
    const previous = this.cache.get(uri);
    return previous && previous.settings === settings ? previous.analysis : undefined;
  }

  /**
   * An engine error (a bug, or a parser that failed to load) leaves the file without findings instead
   * of failing every request; it is logged each time, with its stack (engine messages name offsets and
   * grammars, never the file's text), and shown to the user once per session.
   */
  private analyzeSafely(uri: string, input: Parameters<typeof analyze>[0]): Analysis {
    try {
      return this.analyzeFile(input);
    } catch (err) {
      const detail = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
      this.connection.console.error(`Analysis of ${uri} failed; it shows no findings until it is edited. ${detail}`);
      if (!this.failureShown) {
        this.failureShown = true;
        void this.connection.window.showErrorMessage('Secret Hints could not analyse a file (an internal error). The "Secret Hints" output has the details.');
      }
      return analyze({ text: '', path: undefined });
    }
  }

  /** Not analysed at all: the extension is off for this resource, or the file is excluded (settings or project config). */
  private isSkipped(fsPath: string | undefined, settings: ResourceSettings): boolean {
    return !settings.enable || settings.projectExcluded === true || this.isExcluded(fsPath, settings.exclude);
  }

  private isExcluded(fsPath: string | undefined, globs: string[]): boolean {
    if (!fsPath || globs.length === 0) return false;
    // Analysis runs on every pause in typing: compile a settings object's globs once, not per run.
    let excluded = this.exclusions.get(globs);
    if (!excluded) {
      excluded = exclusion(globs);
      this.exclusions.set(globs, excluded);
    }
    const candidates = [toPosix(fsPath)];
    for (const folder of this.workspaceFolders) {
      const rel = path.relative(folder, fsPath);
      if (!rel.startsWith('..') && !path.isAbsolute(rel)) candidates.push(toPosix(rel));
    }
    return candidates.some((c) => excluded(c));
  }
}

function pathOf(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : parsed.path;
}
