// Publishes an open document's diagnostics, skipping a set identical to the one the client already has.
// Publishing the same set again is not harmless: VS Code counts it as a marker change, requests code
// actions anew and cancels a Ctrl+. the user has just pressed, which then says "No code actions
// available". Re-validations that change nothing (the workspace index settling, a settings change that
// does not touch the file) therefore stay silent.
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver/node';

export class DiagnosticsPublisher {
  /** The last set sent per document (version and diagnostics, as JSON). */
  private readonly last = new Map<string, string>();

  constructor(private readonly connection: Pick<Connection, 'sendDiagnostics'>) {}

  /** Sends the set unless it is exactly the last one sent for this document. */
  async publish(params: PublishDiagnosticsParams): Promise<void> {
    const key = JSON.stringify([params.version, params.diagnostics]);
    if (this.last.get(params.uri) === key) return;
    this.last.set(params.uri, key);
    await this.connection.sendDiagnostics(params);
  }

  /** The document closed: clears its diagnostics, and the next set for it is sent whatever it is. */
  async clear(uri: string): Promise<void> {
    this.last.delete(uri);
    await this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}
