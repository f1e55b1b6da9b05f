// Wires the workspace index into the language server: start-up indexing, watched files, open-manifest
// edits, folder and settings changes, re-validation of open code documents when an answer changes,
// and the `secretHints/envSource` request (for tests, debugging and other tools).
import {
  DidChangeWatchedFilesNotification,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type FileEvent,
  type InitializeParams,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileKindOf, readsEnvAsCode, prepareAnalysis } from '../engine/analyze';
import { combinedFixActions, resolveCombinedAction, type CombinedActionDeps } from './combined-action';
import type { WorkspaceHooks } from '../engine/cross-file-index';
import type { EnvSourceParams, EnvSourceResult } from './protocol';
import type { SettingsCache } from './settings';
import type { CachedAnalysis, CodeReadsSink, Validator } from './validator';
import { DEFAULT_INDEX_LIMITS, FolderIndexer, type IndexLimits } from './folder-indexer';

export interface CrossFileViewDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsCache;
  validator: Validator;
  /** Also analyses files with the index's hooks (the editor's workspace scan). */
  scanner?: { setWorkspaceHooks(hooks: WorkspaceHooks, noteCodeReads?: CodeReadsSink): void };
  canPullConfiguration: () => boolean;
}

export class CrossFileView {
  private indexer: FolderIndexer | undefined;
  private folders: string[] = [];
  private started = false;
  private registersWatcher = false;
  private resolvesEdits = false;

  constructor(private readonly deps: CrossFileViewDeps) {}

  /** The `secretHints/envSource` request (protocol.ts); untyped input from any client is checked here. */
  async envSource(params: Partial<EnvSourceParams> | null | undefined): Promise<EnvSourceResult> {
    const indexer = this.indexer;
    if (!indexer || typeof params?.name !== 'string') return { source: null, feeds: 0, manifests: 0 };
    await indexer.ready;
    return { source: indexer.index.envSource(params.name) ?? null, feeds: indexer.index.sourcesOf(params.name).length, manifests: indexer.index.size };
  }

  filesChanged(changes: FileEvent[]): void {
    void this.indexer?.filesChanged(changes);
  }

  documentChanged(document: TextDocument): void {
    this.indexer?.documentChanged(document);
  }

  documentClosed(uri: string): void {
    this.indexer?.documentClosed(uri);
  }

  /** codeAction/resolve: the combined manifest + code fix computes its edit here. */
  async resolveCodeAction(action: CodeAction): Promise<CodeAction> {
    const indexer = this.indexer;
    return indexer ? resolveCombinedAction(action, (uri) => this.deps.validator.current(uri), this.combinedDeps(indexer)) : action;
  }

  get current(): FolderIndexer | undefined {
    return this.indexer;
  }

  /** At `initialize`: the limits (initializationOptions.workspaceIndex) and the client's capabilities. */
  initialize(params: InitializeParams): void {
    if (this.folders.length === 0 && params.rootUri) this.folders = [params.rootUri];
    this.registersWatcher = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const codeAction = params.capabilities.textDocument?.codeAction;
    this.resolvesEdits = codeAction?.dataSupport === true && codeAction.resolveSupport?.properties.includes('edit') === true;
    const { connection, settings, validator, canPullConfiguration } = this.deps;
    const openText = (uri: string) => this.deps.documents.get(uri)?.getText();
    const openParse = (uri: string) => validator.parseOf(uri);
    this.indexer = new FolderIndexer(
      connection,
      settings,
      canPullConfiguration,
      () => this.revalidateCode(),
      openText,
      openParse,
      limitsFrom(params.initializationOptions),
    );
    const index = this.indexer.index;
    const noteCodeReads: CodeReadsSink = (path, reads) => index.noteCodeReads(path, reads);
    validator.setWorkspaceHooks(index.hooks, noteCodeReads);
    this.deps.scanner?.setWorkspaceHooks(index.hooks, noteCodeReads);
  }

  /** The workspace folders (at initialize and on every change): indexed again once the server runs. */
  setFolders(uris: readonly string[]): void {
    this.folders = [...uris];
    if (this.started) void this.indexer?.start(this.folders);
  }

  /** At `initialized`: index everything once. */
  initialized(): void {
    this.started = true;
    void this.indexer?.start(this.folders);
    if (this.registersWatcher) {
      // Clients other than ours (whose extension already watches these) learn what to report.
      void this.deps.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml,json}' }] });
    }
  }

  /** Code actions that need the whole workspace: the manifest + code combined fix. */
  async codeActions(doc: TextDocument, cached: CachedAnalysis, params: CodeActionParams): Promise<CodeAction[]> {
    const indexer = this.indexer;
    // Not awaiting the start-up index: a code action must not wait seconds; it uses what is known so far.
    if (!indexer) return [];
    return combinedFixActions(doc, cached, params, this.combinedDeps(indexer));
  }

  private combinedDeps(indexer: FolderIndexer): CombinedActionDeps {
    return { indexer, documents: this.deps.documents, settings: this.deps.settings, prepare: prepareAnalysis, resolveLater: this.resolvesEdits };
  }

  /** Settings changed: exclusions and size limits may differ, so the folders are indexed again. */
  settingsChanged(): void {
    void this.indexer?.start(this.folders);
  }

  /** Open code documents depend on the index; manifests do not (their fixes ask it on demand). */
  private revalidateCode(): void {
    const code = this.deps.documents.all().filter((d) => readsEnvAsCode(fileKindOf(d.uri, d.languageId)));
    this.deps.validator.revalidate(code);
  }
}

function limitsFrom(options: unknown): IndexLimits {
  const raw = (options as { workspaceIndex?: Partial<Record<keyof IndexLimits, unknown>> } | undefined)?.workspaceIndex;
  const pick = (key: keyof IndexLimits) => {
    const v = raw?.[key];
    return typeof v === 'number' && v >= 0 ? v : DEFAULT_INDEX_LIMITS[key];
  };
  return { maxWalkedFiles: pick('maxWalkedFiles'), maxManifests: pick('maxManifests'), maxBytes: pick('maxBytes') };
}
