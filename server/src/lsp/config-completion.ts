// Completion in the project config file for editors with no YAML schema service: VS Code without the
// YAML extension (with it, the schema contributed through `yamlValidation` completes the file, and a
// second list would repeat every item). Registered dynamically for the config's file names only, so no
// other document ever asks. `.secret-hints.json` is VS Code's JSON service's (`jsonValidation`).
import {
  CompletionItemKind,
  CompletionRequest,
  MarkupKind,
  type CompletionItem,
  type Connection,
  type TextDocumentPositionParams,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completeConfig } from '../engine/project-config/complete';
import { isProjectConfig } from '../project-configs';

/** The YAML names only (the JSON one is left to the JSON service). */
const SELECTOR = [{ scheme: 'file', pattern: '**/.secret-hints.{yaml,yml}' }];

export function registerConfigCompletion(connection: Connection, getDocument: (uri: string) => TextDocument | undefined): void {
  connection.onCompletion((params) => configCompletions(getDocument(params.textDocument.uri), params));
  void connection.client.register(CompletionRequest.type, { documentSelector: SELECTOR, triggerCharacters: [' '] });
}

export function configCompletions(doc: TextDocument | undefined, params: TextDocumentPositionParams): CompletionItem[] {
  if (!doc || !isProjectConfig(doc.uri) || doc.uri.endsWith('.json')) return [];
  return completeConfig(doc.getText(), doc.offsetAt(params.position)).map((c, i) => ({
    label: c.label,
    kind: c.kind === 'setting' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
    insertText: c.insertText,
    sortText: String(i).padStart(4, '0'),
    documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
  }));
}
