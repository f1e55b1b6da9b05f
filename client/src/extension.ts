// The extension: starts the language server over IPC, and adds the commands, the status bar item and
// the trace channel around it. All analysis lives in the server, so activation does no synchronous
// work beyond creating the client.
import * as path from 'node:path';
import { commands, extensions, window, workspace, type ExtensionContext, type LogOutputChannel } from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_ENV, SERVER_NODE_FLAGS, SHOW_RULE_DOC_COMMAND } from '../../server/src/lsp/protocol';
import { CLIENT_COMMANDS, LANGUAGES } from './command-ids';
import { fixAllInActiveFile } from './fix-all';
import { RuleDocs } from './rule-docs';
import { scanWorkspace } from './scan-workspace';
import { StatusBar } from './status-bar';
import { TraceChannel } from './trace-channel';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const output: LogOutputChannel = window.createOutputChannel('Secret Hints', { log: true });
  const trace = new TraceChannel();
  const ruleDocs = new RuleDocs(context.extensionPath);
  context.subscriptions.push(output, trace);
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS], env: { ...process.env, ...SERVER_ENV } } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6010'], env: { ...process.env, ...SERVER_ENV } },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    outputChannel: output,
    traceOutputChannel: trace,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // Manifests, Compose files and the project config files (.secret-hints.yaml, .yml, .json).
    synchronize: { fileEvents: workspace.createFileSystemWatcher('**/*.{yaml,yml,json}') },
    // Read at each start: in an untrusted workspace the project config's name patterns are not applied;
    // with the YAML extension, the schema it gets from `yamlValidation` completes .secret-hints.yaml.
    initializationOptions: () => ({ workspaceTrusted: workspace.isTrusted, yamlSchemas: extensions.getExtension('redhat.vscode-yaml') !== undefined }),
    middleware: {
      // The server answers this command with window/showDocument (the Markdown source); a rendered
      // preview reads better in VS Code.
      executeCommand: (command, args, next) => (command === SHOW_RULE_DOC_COMMAND ? ruleDocs.show(args[0]) : (next(command, args) as unknown)),
    },
  };
  const languageClient = new LanguageClient('secretHints', 'Secret Hints', serverOptions, clientOptions);
  client = languageClient;
  context.subscriptions.push(
    new StatusBar(languageClient),
    commands.registerCommand(CLIENT_COMMANDS.scanWorkspace, () => scanWorkspace(languageClient)),
    commands.registerCommand(CLIENT_COMMANDS.fixAllInFile, () => fixAllInActiveFile(languageClient)),
    commands.registerCommand(CLIENT_COMMANDS.restartServer, async () => {
      output.info('Restarting the Secret Hints server.');
      await languageClient.restart();
    }),
    commands.registerCommand(CLIENT_COMMANDS.showOutput, () => output.show(true)),
    // Trust granted: the server starts again, now applying the project config's name patterns.
    workspace.onDidGrantWorkspaceTrust(() => void languageClient.restart()),
  );
  await languageClient.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
