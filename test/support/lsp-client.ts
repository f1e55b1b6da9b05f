// A minimal LSP client for tests: spawns the bundled `dist/server.js --stdio` and speaks JSON-RPC
// to it with vscode-languageserver-protocol, recording every notification the server sends.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../../server/src/lsp/protocol';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');

export interface LspSession {
  connection: ProtocolConnection;
  child: ChildProcessWithoutNullStreams;
  /** Latest diagnostics per URI. */
  diagnostics: Map<string, PublishDiagnosticsParams>;
  /** Everything the server logged (window/logMessage), for leak checks. */
  logs: string[];
  /** Settings returned for workspace/configuration requests (section `secretHints`). */
  settings: Record<string, unknown>;
  stderr: string[];
  /** Every client/registerCapability registration the server asked for. */
  registrations: { method: string; registerOptions?: unknown }[];
  close(): Promise<void>;
}

export interface StartOptions {
  rootPath?: string;
  settings?: Record<string, unknown>;
  /** Advertise workspace/configuration support (default true). */
  pullConfiguration?: boolean;
  /** Another server to drive instead of ours (the benchmark compares against yaml-language-server). */
  command?: string[];
  /** Answers workspace/configuration for sections other than `secretHints`. */
  otherSettings?: (section: string | undefined) => unknown;
  /** Window capabilities to advertise (showDocument, workDoneProgress); none by default. */
  window?: ClientCapabilities['window'];
  /** Several workspace folders (multi-root); defaults to `[rootPath]`. */
  workspaceFolders?: string[];
  initializationOptions?: unknown;
  /** Advertise codeAction/resolve of `edit` (VS Code does); default false. */
  codeActionResolve?: boolean;
  /** Advertise dynamic registration of completion (VS Code does); default false. */
  completionRegistration?: boolean;
}

export async function startServer(options: StartOptions = {}): Promise<LspSession> {
  // The server starts the way the VS Code client starts it (same Node flags).
  const [command, ...args] = options.command ?? [process.execPath, ...SERVER_NODE_FLAGS, SERVER_JS, '--stdio'];
  // Ours gets the client's environment too; another server (yaml-language-server) its own.
  const env = options.command ? process.env : { ...process.env, ...SERVER_ENV };
  const child = spawn(command, args, { stdio: 'pipe', env });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const session: LspSession = {
    connection,
    child,
    diagnostics: new Map(),
    logs: [],
    settings: options.settings ?? {},
    stderr: [],
    registrations: [],
    close: async () => {
      try {
        await withTimeout(connection.sendRequest('shutdown'), 5000);
        await connection.sendNotification('exit');
      } catch {
        // The server may already be gone; the kill below is the backstop.
      }
      connection.dispose();
      if (child.exitCode === null) child.kill();
    },
  };
  child.stderr.on('data', (d: Buffer) => session.stderr.push(d.toString()));
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    session.diagnostics.set(p.uri, p);
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    session.logs.push(p.message);
  });
  connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
    p.items.map((item) => (item.section === 'secretHints' ? session.settings : (options.otherSettings?.(item.section) ?? null))),
  );
  connection.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
    session.registrations.push(...p.registrations);
    return null;
  });
  connection.listen();
  const root = options.rootPath ?? REPO_ROOT;
  const params: InitializeParams = {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: (options.workspaceFolders ?? [root]).map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })),
    initializationOptions: options.initializationOptions,
    capabilities: {
      workspace: { configuration: options.pullConfiguration !== false, workspaceEdit: { documentChanges: true }, workspaceFolders: true },
      textDocument: {
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
        codeAction: { isPreferredSupport: true, ...(options.codeActionResolve ? { dataSupport: true, resolveSupport: { properties: ['edit'] } } : {}) },
        ...(options.completionRegistration ? { completion: { dynamicRegistration: true } } : {}),
      },
      window: options.window,
    },
  };
  await connection.sendRequest('initialize', params);
  await connection.sendNotification('initialized', {});
  return session;
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. Never a fixed sleep. */
export async function waitFor<T>(check: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Waits for diagnostics published for exactly this document version. */
export function diagnosticsFor(session: LspSession, uri: string, version: number): Promise<Diagnostic[]> {
  return waitFor(() => {
    const p = session.diagnostics.get(uri);
    return p && p.version === version ? p.diagnostics : undefined;
  }, `diagnostics for ${uri} v${version}`);
}

export async function openDocument(session: LspSession, uri: string, text: string, languageId = 'yaml', version = 1): Promise<Diagnostic[]> {
  await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  return diagnosticsFor(session, uri, version);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
}

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}
