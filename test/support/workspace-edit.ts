// Applies a WorkspaceEdit the way an editor does: versioned TextDocumentEdits only to the version
// they were made for, several edits of one document against its original text.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';

export interface OpenText {
  uri: string;
  version: number;
  text: string;
}

/** The document's new text; throws when the edit targets another version or touches other files. */
export function applyWorkspaceEdit(open: OpenText, edit: WorkspaceEdit | undefined): string {
  const changes = edit?.documentChanges;
  if (!changes) throw new Error('expected a WorkspaceEdit with documentChanges');
  let text = open.text;
  for (const change of changes) {
    if (!('textDocument' in change)) throw new Error(`unexpected resource operation ${change.kind}`);
    const docEdit: TextDocumentEdit = change;
    if (docEdit.textDocument.uri !== open.uri) throw new Error('edit targets another document');
    if (docEdit.textDocument.version !== open.version)
      throw new Error(`edit made for version ${String(docEdit.textDocument.version)}, document is at ${open.version}`);
    const doc = TextDocument.create(open.uri, 'yaml', open.version, text);
    const edits = docEdit.edits.map((e) => {
      if (!('newText' in e)) throw new Error('snippet edits are not expected');
      return e;
    });
    text = TextDocument.applyEdits(doc, edits);
  }
  return text;
}
