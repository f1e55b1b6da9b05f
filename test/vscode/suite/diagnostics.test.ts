import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  codeOf,
  openFile,
  ourDiagnostics,
  positionsOf,
  RULE_ENV_REF,
  SOURCE,
  waitFor,
  waitForDiagnostics,
} from './helpers';

describe('diagnostics', () => {
  before(activateExtension);
  after(closeAllEditors);

  it('flags each secretKeyRef of a Deployment, at the key, with code and message', async () => {
    const { document: doc } = await openFile('k8s/deployment.yaml');
    const diags = await waitForDiagnostics(doc.uri, 2);
    const keys = positionsOf(doc, 'secretKeyRef');
    assert.equal(keys.length, 2);
    diags.forEach((d, i) => {
      assert.equal(d.source, SOURCE);
      assert.equal(codeOf(d), RULE_ENV_REF);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.deepEqual([d.range.start.line, d.range.start.character], [keys[i].line, keys[i].character]);
      assert.equal(doc.getText(d.range), 'secretKeyRef');
    });
    assert.match(diags[0].message, /DB_PASSWORD/);
    assert.match(diags[0].message, /Secret "payments-db"/);
    assert.match(diags[1].message, /STRIPE_API_KEY/);
    // The ConfigMap-fed variable is not a secret.
    assert.ok(diags.every((d) => !/FEATURE_FLAGS/.test(d.message)));
  });

  it('links the diagnostic code to the rule documentation', async () => {
    const { document: doc } = await openFile('k8s/deployment.yaml');
    const [d] = await waitForDiagnostics(doc.uri, 2);
    const code = d.code;
    assert.ok(typeof code === 'object' && code.target instanceof vscode.Uri, 'code carries a target (codeDescription.href)');
    assert.match(code.target.path, new RegExp(`${RULE_ENV_REF}\\.md$`));
  });

  it('reports exact UTF-16 ranges in a file with a BOM, CRLF and an astral character', async () => {
    const { document: doc } = await openFile('k8s/unicode-crlf.yaml');
    assert.equal(doc.eol, vscode.EndOfLine.CRLF);
    const [d] = await waitForDiagnostics(doc.uri, 1);
    const [key] = positionsOf(doc, 'secretKeyRef');
    assert.deepEqual([d.range.start.line, d.range.start.character], [key.line, key.character]);
    assert.deepEqual([d.range.end.line, d.range.end.character], [key.line, key.character + 'secretKeyRef'.length]);
    assert.equal(doc.getText(d.range), 'secretKeyRef');
  });

  it('follows edits live: a typed secretKeyRef is flagged, undo clears it', async () => {
    const editor = await openFile('k8s/clean.yaml');
    const doc = editor.document;
    const uri = doc.uri;
    // Prove the server has looked at the file before asserting it found nothing: hover waits for
    // the current analysis, and the file has no finding to hover.
    await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(0, 0));
    assert.equal(ourDiagnostics(uri).length, 0);
    const [logLevel] = positionsOf(doc, '        - name: LOG_LEVEL');
    const insert = '        - name: API_TOKEN\n          valueFrom:\n            secretKeyRef: {name: app, key: token}\n';
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(logLevel.line, 0), insert)));
    const [d] = await waitForDiagnostics(uri, 1);
    assert.equal(doc.getText(d.range), 'secretKeyRef');
    assert.match(d.message, /API_TOKEN/);
    await vscode.commands.executeCommand('undo');
    await waitFor('the diagnostic to go away after undo', () => !doc.getText().includes('API_TOKEN') && ourDiagnostics(uri).length === 0);
  });
});
