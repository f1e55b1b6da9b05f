// Problems of the project config files (.secret-hints.yaml) as diagnostics on the files themselves:
// from the disk for a closed file (each config the server reads, and each one a watcher reports), from
// the editor's text for an open one, as the user types. An invalid config is not applied (the editor
// settings alone govern its files) until it is fixed; nothing else tells the user, so this must.
import { FileChangeType, DiagnosticSeverity, type Connection, type Diagnostic, type FileEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { parseProjectConfig, type ConfigProblem } from '../engine/project-config/parse';
import { loadConfig, type LoadedConfig } from '../project-configs';
import { pathTaken } from '../read-text';

export class ConfigDiagnostics {
  constructor(
    private readonly connection: Connection,
    private readonly isOpen: (uri: string) => boolean,
    /** The workspace is not trusted: name patterns are noted as not applied (engine/project-config/parse.ts). */
    private readonly untrusted: () => boolean,
  ) {}

  /** A config file was read from disk (project-configs.ts onLoad). */
  loaded(config: LoadedConfig): void {
    const uri = URI.file(config.file).toString();
    if (config.problems.length > 0) this.connection.console.warn(`Invalid project config ${config.file}: not applied (${config.problems.length} problem(s)).`);
    if (!this.isOpen(uri)) void this.publish(uri, config.text, config);
  }

  /** The editor's text of an open config file (at open and at each edit). */
  openChanged(doc: TextDocument): void {
    void this.publish(doc.uri, doc.getText(), parseProjectConfig(doc.getText(), { untrusted: this.untrusted() }), doc.version);
  }

  /** Created, changed or deleted on disk; an open file keeps the diagnostics of its editor text. */
  async fileEvents(events: readonly FileEvent[]): Promise<void> {
    for (const event of events) {
      if (this.isOpen(event.uri)) continue;
      const file = URI.parse(event.uri).fsPath;
      if (event.type === FileChangeType.Deleted || !pathTaken(file)) await this.connection.sendDiagnostics({ uri: event.uri, diagnostics: [] });
      else {
        const config = await loadConfig(file, { untrusted: this.untrusted() });
        await this.publish(event.uri, config.text, config);
      }
    }
  }

  /** Closed in the editor: the file on disk is the truth again. */
  closed(uri: string): Promise<void> {
    return this.fileEvents([{ uri, type: FileChangeType.Changed }]);
  }

  /** Problems as errors (the file is not applied), notes as information (the rest of it is). */
  private publish(uri: string, text: string, read: { problems: readonly ConfigProblem[]; notes?: readonly ConfigProblem[] }, version?: number): Promise<void> {
    const doc = TextDocument.create(uri, 'yaml', 0, text);
    const diagnostic = (p: ConfigProblem, severity: DiagnosticSeverity, code: string, message: string): Diagnostic => ({
      range: { start: doc.positionAt(p.start), end: doc.positionAt(p.end) },
      severity,
      source: 'secret-hints',
      code,
      message,
    });
    const diagnostics = [
      ...read.problems.map((p) => diagnostic(p, DiagnosticSeverity.Error, 'invalid-config', `${p.message} The file is not applied until this is fixed.`)),
      ...(read.notes ?? []).map((p) => diagnostic(p, DiagnosticSeverity.Information, 'config-not-applied', p.message)),
    ];
    return this.connection.sendDiagnostics({ uri, version, diagnostics });
  }
}
