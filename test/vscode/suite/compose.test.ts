// Compose files and Dockerfiles in the real editor: a docker-compose.yml (VS Code's `yaml` language
// without the Docker extension) shows the compose-secret-env diagnostic; its preferred quick fix, applied
// as the menu applies it, points the postgres image's POSTGRES_PASSWORD_FILE at a Compose secret fed
// from the same variable, keeping the file's comments; a Dockerfile's build argument is flagged.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, codeActions, codeOf, openFile, ourDiagnostics, ourQuickFixes, waitFor } from './helpers';

const POINTER_FIX =
  'Mount POSTGRES_PASSWORD as Compose secret "postgres_password" (Compose 2.23+) and point POSTGRES_PASSWORD_FILE at it (read by image postgres)';

describe('Compose and Dockerfiles', () => {
  before(activateExtension);
  after(closeAllEditors);

  it('flags the secret in a Compose service’s environment and applies the Compose secret fix', async () => {
    const { document: doc } = await openFile('compose/docker-compose.yml');
    const diagnostic = await waitFor('compose-secret-env on POSTGRES_PASSWORD', () =>
      ourDiagnostics(doc.uri).find((d) => codeOf(d) === 'compose-secret-env' && doc.getText(d.range).startsWith('POSTGRES_PASSWORD:')),
    );
    assert.match(diagnostic.message, /^Service "db" gets secret POSTGRES_PASSWORD as an environment variable/);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(ourDiagnostics(doc.uri).length, 1, 'POSTGRES_DB and the cache service are not secrets');

    const fixes = ourQuickFixes(await codeActions(doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value));
    const fix = fixes.find((a) => a.title === POINTER_FIX);
    assert.ok(fix, `"${POINTER_FIX}" among: ${fixes.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)), 'the edit applies');
    const text = doc.getText();
    assert.match(text, /^# The shop's local stack/);
    assert.match(text, /\n {6}POSTGRES_PASSWORD_FILE: \/run\/secrets\/postgres_password {3}# set in \.env\n/);
    assert.match(text, /\n {4}secrets:\n {6}- postgres_password\n/);
    assert.match(text, /\nsecrets:\n {2}postgres_password:\n {4}environment: SHOP_DB_PASSWORD\n$/);
    await waitFor('no finding left in the fixed file', () => ourDiagnostics(doc.uri).length === 0);
  });

  it('flags a Dockerfile’s secret build argument', async () => {
    const { document: doc } = await openFile('compose/Dockerfile');
    assert.equal(doc.languageId, 'dockerfile');
    const diagnostic = await waitFor('dockerfile-secret-arg on PIP_INDEX_TOKEN', () =>
      ourDiagnostics(doc.uri).find((d) => codeOf(d) === 'dockerfile-secret-arg'),
    );
    assert.equal(doc.getText(diagnostic.range), 'PIP_INDEX_TOKEN');
    assert.match(diagnostic.message, /^Build argument PIP_INDEX_TOKEN is a secret .* used by RUN on line 3/);
  });
});
