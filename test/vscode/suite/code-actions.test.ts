// What the code-action provider offers. These hold before and after the quick fixes land: with no
// fixes the list is empty; with fixes every action is a well-formed quick fix for our diagnostic.
// Applying fixes is tested in fixes.test.ts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, codeActions, openFile, ourQuickFixes, positionsOf, waitForDiagnostics } from './helpers';

const FIX_ALL = 'source.fixAll.secretHints';

describe('code actions', () => {
  before(activateExtension);
  after(closeAllEditors);

  it('offers only well-formed quick fixes on a flagged secretKeyRef', async () => {
    const { document: doc } = await openFile('k8s/deployment.yaml');
    const [first] = await waitForDiagnostics(doc.uri, 2);
    const actions = await codeActions(doc.uri, first.range, vscode.CodeActionKind.QuickFix.value);
    const ours = ourQuickFixes(actions);
    assert.ok(ours.filter((a) => a.isPreferred === true).length <= 1, 'at most one preferred fix per diagnostic');
    for (const a of ours) {
      assert.ok(a.title.length > 0);
      assert.ok(a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind), `${a.title} is a quick fix`);
      assert.ok(a.edit, `${a.title} carries its edit`);
      assert.ok(
        a.edit.entries().some(([uri]) => uri.toString() === doc.uri.toString()),
        `${a.title} edits this manifest`,
      );
    }
  });

  it('offers no quick fix of ours where nothing is flagged', async () => {
    const { document: doc } = await openFile('k8s/deployment.yaml');
    await waitForDiagnostics(doc.uri, 2);
    const [configMapRef] = positionsOf(doc, 'configMapKeyRef');
    const actions = await codeActions(doc.uri, new vscode.Range(configMapRef, configMapRef.translate(0, 5)));
    assert.equal(ourQuickFixes(actions).length, 0);
  });

  it(`answers ${FIX_ALL} with at most one fix-all action`, async () => {
    const { document: doc } = await openFile('k8s/deployment.yaml');
    await waitForDiagnostics(doc.uri, 2);
    const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    const actions = await codeActions(doc.uri, whole, FIX_ALL);
    const fixAll = actions.filter((a) => a.kind?.value === FIX_ALL);
    assert.ok(fixAll.length <= 1);
    for (const a of fixAll) assert.ok(a.edit);
  });
});
