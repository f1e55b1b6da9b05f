// "Secret Hints: Scan Workspace": asks the server to analyse every workspace file into the Problems
// panel, showing its work-done progress as a cancellable notification.
import { randomUUID } from 'node:crypto';
import { commands, ProgressLocation, window } from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { ScanWorkspaceRequest } from '../../server/src/lsp/protocol';
import { sendRequest } from './send-request';

export async function scanWorkspace(client: LanguageClient): Promise<void> {
  const result = await window.withProgress(
    { location: ProgressLocation.Notification, title: 'Secret Hints: scanning workspace', cancellable: true },
    async (progress, token) => {
      const workDoneToken = randomUUID();
      let reported = 0;
      const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end') return;
        const percentage = value.percentage ?? reported;
        progress.report({ message: value.message, increment: Math.max(0, percentage - reported) });
        reported = Math.max(reported, percentage);
      });
      try {
        return await sendRequest(client, ScanWorkspaceRequest, { workDoneToken }, token);
      } finally {
        listener.dispose();
      }
    },
  );
  const summary = `${result.findings} secret exposure${result.findings === 1 ? '' : 's'} in ${result.filesWithFindings} of ${result.files} files`;
  const unreadable = result.unreadable > 0 ? ` (${result.unreadable} unreadable)` : '';
  const message = result.cancelled ? `Secret Hints: scan cancelled; so far ${summary}${unreadable}.` : `Secret Hints: ${summary}${unreadable}.`;
  const choice = await window.showInformationMessage(message, ...(result.findings > 0 ? ['Open Problems'] : []));
  if (choice === 'Open Problems') await commands.executeCommand('workbench.actions.view.problems');
}
