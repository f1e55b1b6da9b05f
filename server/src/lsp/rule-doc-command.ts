// "Show documentation for RULE": an executeCommand the code actions point at. The server opens the
// rule's page with window/showDocument, so every LSP client that supports it gets the same action;
// the VS Code client intercepts the command to show the page as a rendered Markdown preview instead.
import { existsSync } from 'node:fs';
import type { Connection, ExecuteCommandParams } from 'vscode-languageserver/node';
import { ruleById } from '../engine/analyze';
import { ruleDocPath, ruleDocUrl } from '../docs';
import { SHOW_RULE_DOC_COMMAND } from './protocol';

export const SERVER_COMMANDS = [SHOW_RULE_DOC_COMMAND];

/** workspace/executeCommand for the server's commands (SERVER_COMMANDS). */
export async function executeCommand(connection: Connection, params: ExecuteCommandParams, canShowDocument: boolean): Promise<null> {
  if (params.command !== SHOW_RULE_DOC_COMMAND) return null;
  const id: unknown = params.arguments?.[0];
  if (typeof id !== 'string' || !ruleById(id)) {
    void connection.window.showWarningMessage('Secret Hints: no such rule.');
    return null;
  }
  if (!existsSync(ruleDocPath(id))) {
    void connection.window.showWarningMessage(`Secret Hints: the documentation for ${id} is not installed.`);
    return null;
  }
  const uri = ruleDocUrl(id);
  if (canShowDocument) await connection.window.showDocument({ uri, takeFocus: true });
  else void connection.window.showInformationMessage(`Documentation for ${id}: ${uri}`);
  return null;
}
