// LSP wiring only: documents, settings, validation, hovers and code actions. Runs over IPC (the
// VS Code client) or `--stdio` (any LSP client), as vscode-languageserver picks from argv.
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
import { codeActionsFor, FIX_ALL_KIND } from './lsp/code-actions';
import { hoverAt } from './lsp/hover';
import { SettingsCache } from './lsp/settings';
import { Validator } from './lsp/validator';
import { WorkspaceView } from './lsp/workspace-view';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let pullConfiguration = false;
let dynamicConfiguration = false;

const settings = new SettingsCache(connection, () => pullConfiguration);
const validator = new Validator(connection, settings, (uri) => documents.get(uri));
// Workspace view (issue 5): indexes the folders' manifests and feeds `envSource` into analysis.
const workspaceView = new WorkspaceView({ connection, documents, settings, validator, canPullConfiguration: () => pullConfiguration });

connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities;
  pullConfiguration = caps.workspace?.configuration === true;
  dynamicConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  validator.setWorkspaceFolders((params.workspaceFolders ?? []).map((f) => f.uri));
  workspaceView.initialize(params);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      // resolveProvider: the workspace view's combined fix computes its edit on resolve (lsp/workspace-view.ts).
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'secret-hints', version: process.env.SECRET_HINTS_VERSION ?? '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (dynamicConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'secretHints' });
  }
  workspaceView.initialized();
  connection.console.info(`Secret Hints server started (node ${process.version}, pid ${process.pid}).`);
});

connection.onDidChangeConfiguration((change) => {
  settings.invalidate(change.settings);
  validator.revalidateAll(documents.all());
  workspaceView.settingsChanged();
});

documents.onDidChangeContent((e) => validator.schedule(e.document));
documents.onDidClose((e) => validator.close(e.document.uri));

connection.onHover(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  const cached = await validator.current(params.textDocument.uri);
  return doc && cached ? hoverAt(doc, cached.analysis, params.position) : null;
});

connection.onCodeAction(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  const cached = await validator.current(params.textDocument.uri);
  if (!doc || !cached) return [];
  // The workspace view adds the combined manifest + code fix to the file's own fixes.
  return [...codeActionsFor(doc, cached, params), ...(await workspaceView.codeActions(doc, cached, params))];
});

documents.listen(connection);
connection.listen();
