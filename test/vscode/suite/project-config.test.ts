// The project config file in the real editor: a .secret-hints.yaml sets a rule's severity for the files
// below it, and a change written to disk reaches the server through the client's file watcher (dot
// files included) and applies at once; the schema the extension contributes gives VS Code's JSON
// service its validation and completion in a .secret-hints.json, where the server also reports the
// problem that keeps the file from applying; in a .secret-hints.yaml (no YAML extension in this
// editor) the server itself completes rule ids.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, codeOf, openFile, ourDiagnostics, SOURCE, waitFor, workspaceUri } from './helpers';

const CONFIG = 'project-config/.secret-hints.yaml';

describe('project config file', () => {
  before(activateExtension);
  after(closeAllEditors);

  it('sets a rule’s severity, and a change on disk applies live', async () => {
    const { document: doc } = await openFile('project-config/app.py');
    const logged = await waitFor('secret-logged on print(token)', () => ourDiagnostics(doc.uri).find((d) => codeOf(d) === 'secret-logged'));
    assert.equal(logged.severity, vscode.DiagnosticSeverity.Information, 'the file says information (the rule’s default is error)');
    const original = await vscode.workspace.fs.readFile(workspaceUri(CONFIG));
    try {
      await vscode.workspace.fs.writeFile(workspaceUri(CONFIG), Buffer.from('rules:\n  secret-logged: off\n'));
      await waitFor('secret-logged gone after the config turned it off', () => !ourDiagnostics(doc.uri).some((d) => codeOf(d) === 'secret-logged'));
      assert.ok(
        ourDiagnostics(doc.uri).some((d) => codeOf(d) === 'secret-env-read'),
        'the other rule still runs',
      );
    } finally {
      await vscode.workspace.fs.writeFile(workspaceUri(CONFIG), original);
    }
    await waitFor('secret-logged back', () => ourDiagnostics(doc.uri).find((d) => codeOf(d) === 'secret-logged'));
  });

  it('a .secret-hints.yaml gets completion from the server (no YAML extension here)', async () => {
    const { document: doc } = await openFile(CONFIG);
    assert.equal(doc.languageId, 'yaml');
    const position = doc.positionAt(doc.getText().indexOf('secret-logged'));
    const labels = await waitFor('rule ids among the completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
      // Ours are properties (word-based suggestions would be plain text).
      const found = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Property).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return found.includes('compose-secret-env') && found;
    });
    assert.ok(labels.includes('k8s-secret-env-ref'));
    assert.equal(ourDiagnostics(doc.uri).length, 0, 'a valid config has no diagnostics');
  });

  it('a .secret-hints.json gets the contributed schema’s validation and completion, and the server’s diagnostic', async () => {
    const { document: doc } = await openFile('project-config/json/.secret-hints.json');
    assert.equal(doc.languageId, 'json');
    const fromSchema = await waitFor('VS Code’s JSON validation of "loud"', () =>
      vscode.languages.getDiagnostics(doc.uri).find((d) => d.source !== SOURCE && doc.getText(d.range) === '"loud"'),
    );
    assert.match(fromSchema.message, /"off"/);
    const ours = await waitFor('the server’s invalid-config diagnostic', () => ourDiagnostics(doc.uri).find((d) => codeOf(d) === 'invalid-config'));
    assert.match(ours.message, /^rules\.secret-logged: "loud" is not one of off, hint, information, warning, error\./);
    // Completion of a rule id where a key goes in "rules".
    const position = doc.positionAt(doc.getText().indexOf('"secret-logged"'));
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
    const labels = completions.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(
      labels.some((l) => l.includes('compose-secret-env')),
      `rule ids among the completions: ${labels.join(', ')}`,
    );
  });
});
