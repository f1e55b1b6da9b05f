// "Secret Hints: Fix All in This File": requests the server's source.fixAll.secretHints action for
// the active document and applies it, or says that nothing is fixable.
import { Range, window, workspace } from 'vscode';
import { CodeActionRequest, type CodeAction, type LanguageClient } from 'vscode-languageclient/node';
import { FIX_ALL_KIND } from '../../server/src/lsp/protocol';

export async function fixAllInActiveFile(client: LanguageClient): Promise<void> {
  const editor = window.activeTextEditor;
  if (!editor) {
    void window.showInformationMessage('Secret Hints: open a file to fix.');
    return;
  }
  const doc = editor.document;
  const whole = doc.validateRange(new Range(0, 0, doc.lineCount, 0));
  const actions = await client.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: client.code2ProtocolConverter.asUri(doc.uri) },
    range: client.code2ProtocolConverter.asRange(whole),
    context: { diagnostics: [], only: [FIX_ALL_KIND] },
  });
  const fixAll = (actions ?? []).find((a): a is CodeAction => 'kind' in a && a.kind === FIX_ALL_KIND && a.edit !== undefined);
  if (!fixAll?.edit) {
    void window.showInformationMessage('Secret Hints: nothing to fix automatically in this file.');
    return;
  }
  const applied = await workspace.applyEdit(await client.protocol2CodeConverter.asWorkspaceEdit(fixAll.edit));
  if (!applied) void window.showWarningMessage('Secret Hints: the file changed while fixing; run the command again.');
}
