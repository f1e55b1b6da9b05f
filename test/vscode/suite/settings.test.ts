import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openFile, ourDiagnostics, RULE_ENV_REF, setWorkspaceSetting, waitFor, waitForDiagnostics } from './helpers';

describe('settings', () => {
  before(activateExtension);
  afterEach(async () => {
    await setWorkspaceSetting('rules', {});
    await setWorkspaceSetting('enable', undefined);
  });
  after(closeAllEditors);

  it('a rule set to "off" in settings.json drops its diagnostics live, and comes back', async () => {
    const { document: doc } = await openFile('k8s/settings-toggle.yaml');
    await waitForDiagnostics(doc.uri, 2);
    await setWorkspaceSetting('rules', { [RULE_ENV_REF]: 'off' });
    await waitForDiagnostics(doc.uri, 0);
    await setWorkspaceSetting('rules', {});
    await waitForDiagnostics(doc.uri, 2);
  });

  it('a rule severity from settings.json is the diagnostic severity', async () => {
    const { document: doc } = await openFile('k8s/settings-toggle.yaml');
    await waitForDiagnostics(doc.uri, 2);
    await setWorkspaceSetting('rules', { [RULE_ENV_REF]: 'error' });
    const diags = await waitFor('error severity', () => {
      const d = ourDiagnostics(doc.uri);
      return d.length === 2 && d.every((x) => x.severity === vscode.DiagnosticSeverity.Error) ? d : undefined;
    });
    assert.equal(diags.length, 2);
  });

  it('secretHints.enable = false silences the file', async () => {
    const { document: doc } = await openFile('k8s/settings-toggle.yaml');
    await waitForDiagnostics(doc.uri, 2);
    await setWorkspaceSetting('enable', false);
    await waitForDiagnostics(doc.uri, 0);
  });
});
