// Applying the preferred manifest fix, the fix-all on save (`editor.codeActionsOnSave`), and the
// Python loader fix, in the real editor. Written against DESIGN §5/§6.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseAllDocuments } from 'yaml';
import {
  activateExtension,
  closeAllEditors,
  codeActions,
  codeOf,
  openFile,
  ourDiagnostics,
  ourQuickFixes,
  readDisk,
  waitFor,
  waitForDiagnostics,
} from './helpers';

interface Container {
  name: string;
  env?: { name: string; valueFrom?: { secretKeyRef?: unknown } }[];
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface Volume {
  name: string;
  projected?: { sources: { secret?: { name: string; items?: { key: string; path: string }[] } }[] };
}

function podSpec(text: string): { containers: Container[]; volumes?: Volume[] } {
  const docs = parseAllDocuments(text);
  assert.equal(docs.length, 1);
  assert.deepEqual(docs[0].errors, []);
  const deployment = docs[0].toJS() as { spec: { template: { spec: { containers: Container[]; volumes?: Volume[] } } } };
  return deployment.spec.template.spec;
}

/** The container's projected Secret volume, mounted read-only; returns its secret sources. */
function mountedSecrets(text: string, container = 'api'): { name: string; items?: { key: string; path: string }[] }[] {
  const spec = podSpec(text);
  const c = spec.containers.find((x) => x.name === container);
  assert.ok(c);
  const volumes = (spec.volumes ?? []).filter((v) => v.projected);
  assert.equal(volumes.length, 1, 'one projected volume');
  const mount = c.volumeMounts?.find((m) => m.name === volumes[0].name);
  assert.ok(mount, 'the container mounts it');
  assert.equal(mount.mountPath, '/etc/secrets');
  assert.equal(mount.readOnly, true);
  return volumes[0].projected?.sources.flatMap((s) => (s.secret ? [s.secret] : [])) ?? [];
}

async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applying "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...((action.command.arguments ?? []) as unknown[]));
}

describe('manifest quick fixes', () => {
  before(activateExtension);
  after(closeAllEditors);

  it('lists fixes for a secretKeyRef, one preferred, and applying it mounts the Secret as a file', async () => {
    const { document: doc } = await openFile('k8s/fix-preferred.yaml');
    const [first] = await waitForDiagnostics(doc.uri, 2);
    const fixes = ourQuickFixes(await codeActions(doc.uri, first.range, vscode.CodeActionKind.QuickFix.value));
    assert.ok(fixes.length >= 1, 'at least one quick fix');
    const preferred = fixes.filter((a) => a.isPreferred === true);
    assert.equal(preferred.length, 1, 'exactly one preferred fix');
    await applyAction(preferred[0]);

    const text = doc.getText();
    const env = podSpec(text).containers[0].env ?? [];
    assert.ok(!env.some((e) => e.name === 'DB_PASSWORD'), 'the env entry is gone');
    assert.ok(
      env.some((e) => e.name === 'STRIPE_API_KEY' && e.valueFrom?.secretKeyRef),
      'the other finding is untouched',
    );
    assert.ok(
      env.some((e) => e.name === 'FEATURE_FLAGS'),
      'the ConfigMap entry is untouched',
    );
    assert.deepEqual(mountedSecrets(text), [{ name: 'payments-db', items: [{ key: 'password', path: 'DB_PASSWORD' }] }]);
    assert.match(text, /^# Two Secret keys arrive as env vars/, 'comments survive');

    const [rest] = await waitForDiagnostics(doc.uri, 1);
    assert.match(rest.message, /STRIPE_API_KEY/);
  });

  it('saving applies source.fixAll.secretHints (editor.codeActionsOnSave) and writes the fixed file', async () => {
    const editor = await openFile('k8s/fix-on-save.yaml');
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, 2);
    // A person edits, then saves: the save participants run the fix-all.
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(1, 0), '# reviewed\n')));
    await vscode.commands.executeCommand('workbench.action.files.save');
    const disk = await waitFor('the fixed file on disk', async () => {
      const t = await readDisk(doc.uri);
      return t.includes('# reviewed') && !t.includes('secretKeyRef') ? t : undefined;
    });
    assert.equal(doc.isDirty, false);
    const sources = mountedSecrets(disk);
    assert.deepEqual(sources.map((s) => s.name).sort(), ['payments-db', 'stripe']);
    await waitForDiagnostics(doc.uri, 0);
  });
});

describe('Python loader fix', () => {
  before(activateExtension);
  after(closeAllEditors);

  it('flags os.environ["DB_PASSWORD"] and the preferred fix reads it through load_secret()', async () => {
    const { document: doc } = await openFile('app/service.py');
    const diag = await waitFor('secret-env-read on DB_PASSWORD', () =>
      ourDiagnostics(doc.uri).find((d) => codeOf(d) === 'secret-env-read' && doc.getText(d.range) === 'os.environ["DB_PASSWORD"]'),
    );
    // DB_HOST is not a secret.
    assert.ok(!ourDiagnostics(doc.uri).some((d) => doc.getText(d.range).includes('DB_HOST')));
    const preferred = ourQuickFixes(await codeActions(doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value)).filter((a) => a.isPreferred === true);
    assert.equal(preferred.length, 1);
    await applyAction(preferred[0]);
    const text = doc.getText();
    assert.match(text, /DB_PASSWORD = load_secret\("DB_PASSWORD"\)/);
    assert.match(text, /os\.environ\.get\("DB_HOST", "localhost"\)/);
    assert.match(text, /def load_secret\(|import load_secret/);
    assert.ok(text.startsWith('"""Payments service'), 'the module docstring stays first');
    await waitFor('no secret-env-read left', () => !ourDiagnostics(doc.uri).some((d) => codeOf(d) === 'secret-env-read'));

    assert.ok(await doc.save());
    const disk = await readDisk(doc.uri);
    assert.equal(disk, text);

    // The loader works: the value comes from <SECRETS_DIR>/DB_PASSWORD (when python3 is around).
    const secrets = mkdtempSync(path.join(tmpdir(), 'secrets-'));
    writeFileSync(path.join(secrets, 'DB_PASSWORD'), 's3cr3t\n');
    const r = spawnSync('python3', ['-c', 'import service; print(service.dsn())'], {
      cwd: path.dirname(doc.uri.fsPath),
      env: { ...process.env, SECRETS_DIR: secrets, DB_PASSWORD: 'from-env' },
      encoding: 'utf8',
    });
    if (r.error === undefined) {
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout.trim(), 'postgresql://app:s3cr3t@localhost/payments');
    }
  });
});
