// Opens a rule's documentation (docs/rules/<id>.md, shipped in the extension) as a rendered Markdown
// preview. The server offers the "Show documentation" command; this client intercepts it so VS Code
// shows a preview rather than the Markdown source. From the palette (no rule given) it asks which rule.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { commands, Uri, window } from 'vscode';

export class RuleDocs {
  constructor(private readonly extensionPath: string) {}

  private get folder(): string {
    return path.join(this.extensionPath, 'docs', 'rules');
  }

  async show(ruleId: unknown): Promise<void> {
    const id = typeof ruleId === 'string' ? ruleId : await this.pick();
    if (id === undefined) return;
    const file = path.join(this.folder, `${path.basename(id)}.md`);
    try {
      await fs.access(file);
    } catch {
      void window.showWarningMessage(`Secret Hints: no documentation for ${id}.`);
      return;
    }
    await commands.executeCommand('markdown.showPreview', Uri.file(file));
  }

  private async pick(): Promise<string | undefined> {
    const ids = (await fs.readdir(this.folder)).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));
    return window.showQuickPick(ids.sort(), { placeHolder: 'Show the documentation of which Secret Hints rule?' });
  }
}
