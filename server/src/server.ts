// LSP wiring only: every handler the server registers is registered here (documents, settings,
// validation, hovers, code actions, commands and the custom requests of lsp/protocol.ts); the objects
// it wires do the work. Runs over IPC (the VS Code client) or `--stdio` (any LSP client), as
// vscode-languageserver picks from argv.
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActionsFor, FIX_ALL_KIND, mayHaveCodeActions } from './lsp/code-actions';
import { hoverAt } from './lsp/hover';
import { handleRequest } from './lsp/handle-request';
import { EnvSourceRequest, ScanWorkspaceRequest } from './lsp/protocol';
import { executeCommand, SERVER_COMMANDS } from './lsp/rule-doc-command';
import { SettingsCache } from './lsp/settings';
import { Validator } from './lsp/validator';
import { CrossFileView } from './lsp/cross-file-view';
import { FolderScanner } from './lsp/folder-scan';
import { ConfigDiagnostics } from './lsp/config-diagnostics';
import { registerConfigCompletion } from './lsp/config-completion';
import { isProjectConfig, ProjectConfigs } from './project-configs';
import { VERSION } from './package-info';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let pullConfiguration = false;
let dynamicConfiguration = false;
let showDocument = false;
let folderEvents = false;
/** Completion for .secret-hints.yaml: the client registers it dynamically and has no YAML schema service. */
let configCompletion = false;
let workspaceFolders: string[] = [];

function setWorkspaceFolders(uris: string[]): void {
  workspaceFolders = uris;
  validator.setWorkspaceFolders(uris);
  scanner.setWorkspaceFolders(uris);
  workspaceView.setFolders(uris);
}

// Project config files (.secret-hints.yaml): applied over the editor settings, their problems shown on them.
const configDiagnostics = new ConfigDiagnostics(
  connection,
  (uri) => documents.get(uri) !== undefined,
  () => projectConfigs.untrusted,
);
const projectConfigs = new ProjectConfigs({ onLoad: (config) => configDiagnostics.loaded(config) });
const settings = new SettingsCache(connection, () => pullConfiguration, projectConfigs);
const validator = new Validator(connection, settings, (uri) => documents.get(uri));
const scanner = new FolderScanner(connection, settings, (uri) => documents.get(uri) !== undefined);
// Workspace view (issue 5): indexes the folders' manifests and feeds `envSource` into analysis.
const workspaceView = new CrossFileView({ connection, documents, settings, validator, scanner, canPullConfiguration: () => pullConfiguration });

handleRequest(connection, ScanWorkspaceRequest, (params, token) => scanner.scanRequest(params, token));
handleRequest(connection, EnvSourceRequest, (params) => workspaceView.envSource(params));
connection.onExecuteCommand((params) => executeCommand(connection, params, showDocument));
connection.onDidChangeWatchedFiles((params) => {
  const configEvents = params.changes.filter((c) => isProjectConfig(c.uri));
  if (configEvents.length > 0) {
    // A config file was created, changed or deleted: every file may be governed differently now.
    settings.projectConfigChanged();
    void configDiagnostics.fileEvents(configEvents);
    validator.revalidateAll(analysedDocuments());
    void scanner.settingsChanged();
    workspaceView.settingsChanged();
  }
  workspaceView.filesChanged(params.changes.filter((c) => !isProjectConfig(c.uri)));
});
connection.onCodeActionResolve((action) => workspaceView.resolveCodeAction(action));

connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities;
  pullConfiguration = caps.workspace?.configuration === true;
  dynamicConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  showDocument = caps.window?.showDocument?.support === true;
  folderEvents = caps.workspace?.workspaceFolders === true;
  // VS Code's workspace trust, as the client reports it (other clients: trusted, like the CLI).
  const options = params.initializationOptions as { workspaceTrusted?: unknown; yamlSchemas?: unknown } | undefined;
  projectConfigs.setUntrusted(options?.workspaceTrusted === false);
  // With a YAML schema service (VS Code's YAML extension) the contributed schema completes the file.
  configCompletion = caps.textDocument?.completion?.dynamicRegistration === true && options?.yamlSchemas !== true;
  setWorkspaceFolders((params.workspaceFolders ?? []).map((f) => f.uri));
  workspaceView.initialize(params);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      // resolveProvider: the workspace view's combined fix computes its edit on resolve (lsp/cross-file-view.ts).
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
      executeCommandProvider: { commands: SERVER_COMMANDS },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'secret-hints', version: VERSION },
  };
});

connection.onInitialized(() => {
  if (folderEvents) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => f.uri));
      setWorkspaceFolders([...workspaceFolders.filter((uri) => !removed.has(uri)), ...e.added.map((f) => f.uri)]);
    });
  }
  if (dynamicConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'secretHints' });
  }
  if (configCompletion) registerConfigCompletion(connection, (uri) => documents.get(uri));
  workspaceView.initialized();
  connection.console.info(`Secret Hints server started (node ${process.version}, pid ${process.pid}).`);
});

/** Open documents the engine analyses: all but the project config files, which get their own diagnostics. */
function analysedDocuments(): TextDocument[] {
  return documents.all().filter((d) => !isProjectConfig(d.uri));
}

connection.onDidChangeConfiguration((change) => {
  settings.invalidate(change.settings);
  validator.revalidateAll(analysedDocuments());
  void scanner.settingsChanged();
  workspaceView.settingsChanged();
});

// The index hears of an edit before the validator re-analyses, so open code is judged by it.
documents.onDidChangeContent((e) => {
  if (isProjectConfig(e.document.uri)) return configDiagnostics.openChanged(e.document);
  workspaceView.documentChanged(e.document);
  validator.schedule(e.document);
});
documents.onDidClose((e) => {
  if (isProjectConfig(e.document.uri)) return void configDiagnostics.closed(e.document.uri);
  workspaceView.documentClosed(e.document.uri);
  validator.close(e.document.uri);
  void scanner.documentClosed(e.document.uri);
});

connection.onHover(async (params) => {
  if (isProjectConfig(params.textDocument.uri)) return null;
  const doc = documents.get(params.textDocument.uri);
  const cached = await validator.current(params.textDocument.uri);
  return doc && cached ? hoverAt(doc, cached.analysis, params.position) : null;
});

connection.onCodeAction(async (params) => {
  if (!mayHaveCodeActions(params) || isProjectConfig(params.textDocument.uri)) return [];
  const doc = documents.get(params.textDocument.uri);
  const cached = await validator.current(params.textDocument.uri);
  if (!doc || !cached) return [];
  // The workspace view adds the combined manifest + code fix; it goes right after the file's own fixes,
  // before the ignore/documentation actions (the only quick fixes without isPreferred).
  const own = codeActionsFor(doc, cached, params);
  const combined = await workspaceView.codeActions(doc, cached, params);
  const at = own.findIndex((a) => a.isPreferred === undefined);
  return at < 0 ? [...own, ...combined] : [...own.slice(0, at), ...combined, ...own.slice(at)];
});

documents.listen(connection);
connection.listen();
