// The status bar item: server state, and the count of our findings in the active file. Shown while
// a file we analyse is active, and always when the server is down so the failure is visible.
import { languages, MarkdownString, StatusBarAlignment, ThemeColor, window, type Disposable, type StatusBarItem } from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, LANGUAGES, MANIFEST_IF_CONTENT_SAYS } from './command-ids';
import { statusView, type ServerState } from './status-text';

const SOURCE = 'secret-hints';

export class StatusBar implements Disposable {
  private readonly item: StatusBarItem = window.createStatusBarItem('secretHints.status', StatusBarAlignment.Right, 100);
  private readonly listeners: Disposable[];
  private state: ServerState = 'starting';

  constructor(client: LanguageClient) {
    this.item.name = 'Secret Hints';
    this.item.command = CLIENT_COMMANDS.showOutput;
    this.listeners = [
      client.onDidChangeState((e) => {
        this.state = e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped';
        this.update();
      }),
      languages.onDidChangeDiagnostics((e) => {
        const active = window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.update();
      }),
      window.onDidChangeActiveTextEditor(() => this.update()),
    ];
    this.update();
  }

  private update(): void {
    const doc = window.activeTextEditor?.document;
    const analysed = doc !== undefined && LANGUAGES.includes(doc.languageId);
    const diagnostics = analysed ? languages.getDiagnostics(doc.uri).filter((d) => d.source === SOURCE).length : undefined;
    // A JSON file is ours only when it is a manifest, which only its diagnostics tell: package.json shows nothing.
    const relevant = analysed && (!MANIFEST_IF_CONTENT_SAYS.includes(doc.languageId) || (diagnostics ?? 0) > 0);
    const count = relevant ? diagnostics : undefined;
    const view = statusView(this.state, count);
    this.item.text = view.text;
    const tooltip = new MarkdownString(
      `${view.tooltip}\n\n[Scan workspace](command:${CLIENT_COMMANDS.scanWorkspace}) · [Show output](command:${CLIENT_COMMANDS.showOutput}) · [Restart server](command:${CLIENT_COMMANDS.restartServer})`,
    );
    tooltip.isTrusted = { enabledCommands: Object.values(CLIENT_COMMANDS) };
    this.item.tooltip = tooltip;
    this.item.backgroundColor = view.error ? new ThemeColor('statusBarItem.errorBackground') : undefined;
    if (relevant || this.state === 'stopped') this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    this.item.dispose();
  }
}
