// The `secretHints/scanWorkspace` request: walks every workspace folder (honouring .gitignore and
// `secretHints.exclude`), analyses the files that are not open and publishes their diagnostics, so
// the Problems panel shows the whole workspace. Progress is LSP work-done progress; the request's
// own cancellation and the progress' cancel button both stop it between two files.
import { promises as fs } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CancellationToken, Connection, Diagnostic, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { analyzeFile, readsEnvAsCode, isJsonFile } from '../engine/analyze';
import { codeReadsOf } from '../engine/combined-fix';
import type { WorkspaceHooks } from '../engine/cross-file-index';
import type { CodeReadsSink } from './validator';
import { besideReader, readUtf8Text } from '../read-text';
import { collectFiles } from '../walk';
import { analysisDiagnostics } from './convert';
import type { ScanWorkspaceParams, ScanWorkspaceResult } from './protocol';
import type { ResourceSettings, SettingsCache } from './settings';
import { editorTimeGuard } from './time-guard';

/** Progress for background rescans, which the user did not ask to watch. */
const SILENT: WorkDoneProgressReporter = { begin: () => undefined, report: () => undefined, done: () => undefined };

/** Progress messages at most this often, so a fast scan does not flood the client. */
const PROGRESS_INTERVAL_MS = 100;

export class FolderScanner {
  private folders: string[] = [];
  /** Closed files whose diagnostics the last scan published, so closing an editor can restore them. */
  private readonly published = new Set<string>();
  /** Bumped by every scan, so a newer scan (or a settings change) stops an older one. */
  private generation = 0;
  private hasScanned = false;
  /** The workspace index's hooks (lsp/cross-file-view.ts), so scanned code is judged like open code. */
  private hooks: WorkspaceHooks = {};
  private noteCodeReads: CodeReadsSink | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly settings: SettingsCache,
    private readonly isOpen: (uri: string) => boolean,
  ) {}

  setWorkspaceHooks(hooks: WorkspaceHooks, noteCodeReads?: CodeReadsSink): void {
    this.hooks = hooks;
    this.noteCodeReads = noteCodeReads;
  }

  /** The `secretHints/scanWorkspace` request (protocol.ts), with work-done progress and cancellation. */
  async scanRequest(params: ScanWorkspaceParams | null | undefined, token: CancellationToken): Promise<ScanWorkspaceResult> {
    // With a client token, report on it (VS Code shows a cancellable notification); otherwise create
    // server-initiated progress, whose own cancel button then also stops the scan.
    let progress: WorkDoneProgressReporter;
    let progressCancelled: () => boolean = () => false;
    if (params?.workDoneToken !== undefined) {
      progress = this.connection.languages.attachWorkDoneProgress(params);
    } else {
      const created = await this.connection.window.createWorkDoneProgress();
      progress = created;
      progressCancelled = () => created.token.isCancellationRequested;
    }
    try {
      return await this.scan(progress, () => token.isCancellationRequested || progressCancelled());
    } finally {
      progress.done();
    }
  }

  /**
   * Settings changed: once the user has asked for workspace results, keep them true to the new
   * settings by scanning again in the background (superseding a scan still running).
   */
  async settingsChanged(): Promise<void> {
    if (!this.hasScanned) return;
    await this.scan(SILENT, () => false);
  }

  setWorkspaceFolders(uris: readonly string[]): void {
    // Only folders on disk can be walked; virtual workspaces keep live analysis of open files.
    this.folders = uris
      .map((u) => URI.parse(u))
      .filter((u) => u.scheme === 'file')
      .map((u) => u.fsPath);
  }

  /** An editor closed: if the scan had published for this file, publish its on-disk state again. */
  async documentClosed(uri: string): Promise<void> {
    if (!this.published.has(uri)) return;
    const fsPath = URI.parse(uri).fsPath;
    const settings = await this.settings.get(uri);
    const published = await this.diagnosticsFor(fsPath, uri, settings);
    if (published && !this.isOpen(uri)) await this.connection.sendDiagnostics({ uri, diagnostics: published.diagnostics });
  }

  private async scan(progress: WorkDoneProgressReporter, cancelledByClient: () => boolean): Promise<ScanWorkspaceResult> {
    const generation = ++this.generation;
    this.hasScanned = true;
    const cancelled = () => cancelledByClient() || generation !== this.generation;
    const result: ScanWorkspaceResult = { files: 0, findings: 0, filesWithFindings: 0, unreadable: 0, cancelled: false };
    progress.begin('Secret Hints: scanning workspace', 0, 'Listing files…', true);
    const work: { file: string; settings: ResourceSettings }[] = [];
    const listed = new Set<string>(); // nested workspace folders list some files twice
    for (const folder of this.folders) {
      const editor = await this.settings.editorSettings(URI.file(folder).toString());
      if (!editor.enable) continue;
      const { files } = await collectFiles([folder], editor.exclude, cancelled, { projectExclusions: this.settings.projectConfigs });
      for (const file of files) {
        if (listed.has(file)) continue;
        listed.add(file);
        work.push({ file, settings: await this.settings.forFile(editor, file) });
      }
    }
    let lastReport = 0;
    for (const [i, { file, settings }] of work.entries()) {
      if (cancelled()) break;
      if (Date.now() - lastReport >= PROGRESS_INTERVAL_MS) {
        lastReport = Date.now();
        progress.report(Math.floor((i * 100) / work.length), `${i} of ${work.length} files`);
      }
      // Let cancellation and edits in between files.
      await new Promise((resolve) => setImmediate(resolve));
      result.files++;
      const uri = URI.file(file).toString();
      if (this.isOpen(uri)) continue; // open documents keep their live diagnostics
      const published = await this.diagnosticsFor(file, uri, settings);
      if (!published) {
        result.unreadable++;
        continue;
      }
      if (published.ignored) result.files--; // a JSON file that is not a manifest after all
      const { diagnostics, findings } = published;
      result.findings += findings;
      if (findings > 0) result.filesWithFindings++;
      if (diagnostics.length > 0 || this.published.has(uri)) {
        if (diagnostics.length > 0) this.published.add(uri);
        else this.published.delete(uri);
        if (!this.isOpen(uri)) await this.connection.sendDiagnostics({ uri, diagnostics });
      }
    }
    result.cancelled = cancelled();
    if (!result.cancelled) await this.clearUnlisted(listed);
    return result;
  }

  /** Files an earlier scan published for that this one did not list (now excluded, or deleted): cleared. */
  private async clearUnlisted(listed: ReadonlySet<string>): Promise<void> {
    for (const uri of [...this.published]) {
      if (listed.has(URI.parse(uri).fsPath)) continue;
      this.published.delete(uri);
      if (!this.isOpen(uri)) await this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  /**
   * What the editor would publish for a file on disk (its problems and findings, as the validator does
   * for an open one) and how many findings that is; undefined when it cannot be read as UTF-8 text.
   * `ignored`: a JSON file that is not a manifest (or not UTF-8, so not JSON), which nothing counts.
   */
  private async diagnosticsFor(
    fsPath: string,
    uri: string,
    settings: ResourceSettings,
  ): Promise<{ diagnostics: Diagnostic[]; findings: number; ignored?: boolean } | undefined> {
    let text: string | undefined;
    try {
      const stat = await fs.stat(fsPath);
      // Too large for analysis: the open-editor path reports it; a workspace scan just skips it.
      if (stat.size > settings.engine.maxFileSizeKb * 1024) return { diagnostics: [], findings: 0 };
      text = await readUtf8Text(fsPath);
    } catch {
      return undefined;
    }
    if (text === undefined) return isJsonFile(fsPath) ? { diagnostics: [], findings: 0, ignored: true } : undefined;
    let analysis;
    try {
      analysis = await analyzeFile({
        text,
        path: fsPath,
        settings: settings.engine,
        timeGuard: editorTimeGuard(),
        readBeside: besideReader(fsPath),
        ...this.hooks,
      });
    } catch (err) {
      this.connection.console.warn(`Workspace scan skipped ${fsPath}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
    const doc = TextDocument.create(uri, '', 0, text);
    if (readsEnvAsCode(analysis.kind)) this.noteCodeReads?.(fsPath, codeReadsOf(analysis));
    const baseline = { fsPath, folders: this.folders, setting: settings.baseline };
    return { diagnostics: analysisDiagnostics(doc, analysis, baseline), findings: analysis.findings.length, ignored: analysis.kind === 'unsupported' };
  }
}
