// Helpers for tests inside the extension host: open fixture files, poll for conditions (never fixed
// sleeps), read our diagnostics.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'secret-hints.secret-exposure-hints';
export const SOURCE = 'secret-hints';
export const RULE_ENV_REF = 'k8s-secret-env-ref';

/** Polls `probe` until it returns something other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last: ${detail ?? 'undefined'})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  await ext.activate();
  return ext;
}

export async function openFile(relativePath: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE)
    .sort((a, b) => a.range.start.compareTo(b.range.start));
}

/** Waits until our diagnostics for `uri` satisfy `ok` (by default: there are exactly `count`). */
export function waitForDiagnostics(uri: vscode.Uri, count: number, timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `${count} secret-hints diagnostic(s) on ${uri.path}`,
    () => {
      const diags = ourDiagnostics(uri);
      return diags.length === count ? diags : undefined;
    },
    timeoutMs,
  );
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Every position where `needle` occurs in the document (UTF-16 columns, as VS Code counts). */
export function positionsOf(doc: vscode.TextDocument, needle: string): vscode.Position[] {
  const text = doc.getText();
  const out: vscode.Position[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push(doc.positionAt(i));
  return out;
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const all = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[] | undefined>('vscode.executeCodeActionProvider', uri, range, kind);
  // A bare Command has a string `command`; a CodeAction has an optional Command object there.
  return (all ?? []).filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
}

/**
 * Our fixes among code actions: `vscode.executeCodeActionProvider` returns actions without their
 * `diagnostics`, so a fix is recognised as ours by what only our fixes carry: an edit and an
 * explicit `isPreferred` (true or false; the ignore/documentation actions leave it unset).
 */
export function ourQuickFixes(actions: readonly vscode.CodeAction[]): vscode.CodeAction[] {
  return actions.filter((a) => a.diagnostics?.some((d) => d.source === SOURCE) === true || (a.edit !== undefined && a.isPreferred !== undefined));
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Sets a `secretHints.*` setting in the workspace's .vscode/settings.json. */
export async function setWorkspaceSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('secretHints').update(key, value, vscode.ConfigurationTarget.Workspace);
}

export async function readDisk(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}
