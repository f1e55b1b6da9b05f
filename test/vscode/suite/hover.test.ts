import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, hoverText, openFile, positionsOf, RULE_ENV_REF, waitForDiagnostics } from './helpers';

describe('hover', () => {
  before(activateExtension);
  after(closeAllEditors);

  it('explains the finding under the cursor', async () => {
    const { document: doc } = await openFile('k8s/deployment.yaml');
    const [first] = await waitForDiagnostics(doc.uri, 2);
    const inside = first.range.start.translate(0, 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, inside);
    const text = hoverText(hovers);
    assert.match(text, new RegExp(`Secret Hints · \`${RULE_ENV_REF}\``));
    assert.match(text, /DB_PASSWORD/);
    assert.match(text, /Environment variables leak/);
    assert.match(text, /Rule documentation/);
    const ours = hovers.find((h) => hoverText([h]).includes(RULE_ENV_REF));
    assert.ok(ours?.range, 'our hover carries the flagged range');
    assert.ok(ours.range.isEqual(first.range));
  });

  it('says nothing where nothing is flagged', async () => {
    const { document: doc } = await openFile('k8s/deployment.yaml');
    await waitForDiagnostics(doc.uri, 2);
    const [configMapRef] = positionsOf(doc, 'configMapKeyRef');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, configMapRef.translate(0, 2));
    assert.doesNotMatch(hoverText(hovers), /Secret Hints/);
  });
});
