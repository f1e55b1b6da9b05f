// `secret-hints scan --fix` puts one loader per folder (issue 19): two files of a folder that need the
// loader import it from one module created beside them; a lone file, a Python package (its modules
// import siblings by package path) or a folder that already has such a module get the loader inline.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pythonExecutable } from '../support/code-analysis';
import { runCli } from '../support/cli';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'secret-hints-shared-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const read = (root: string, rel: string) => readFileSync(path.join(root, rel), 'utf8');

describe('secret-hints scan --fix: one loader per folder', () => {
  it('two Python files of a folder import load_secret from one secret_loader.py, which runs', () => {
    const root = project({
      'app/db.py': 'import os\n\nPASSWORD = os.environ["DB_PASSWORD"]\n',
      'app/main.py': 'import os\nimport db\n\nTOKEN = os.getenv("API_TOKEN", "none")\nSETTINGS = (db.PASSWORD, TOKEN)\n',
    });
    try {
      const r = runCli(['scan', '.', '--fix'], root);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(read(root, 'app/db.py'), 'import os\nfrom secret_loader import load_secret\n\nPASSWORD = load_secret("DB_PASSWORD")\n');
      assert.match(read(root, 'app/main.py'), /^from secret_loader import load_secret$/m);
      assert.doesNotMatch(read(root, 'app/main.py'), /def load_secret/);
      assert.match(read(root, 'app/secret_loader.py'), /^def load_secret\(name, default=None\):$/m);
      // The fixed program reads the mounted file, else the env var, else the default.
      mkdirSync(path.join(root, 'secrets'));
      writeFileSync(path.join(root, 'secrets', 'DB_PASSWORD'), 'from-file\n');
      const run = spawnSync(pythonExecutable(), ['-c', 'import json, main; print(json.dumps(main.SETTINGS))'], {
        cwd: path.join(root, 'app'),
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', SECRETS_DIR: path.join(root, 'secrets') },
      });
      assert.equal(run.status, 0, run.stderr.split('\n').slice(-3).join('\n'));
      assert.deepEqual(JSON.parse(run.stdout), ['from-file', 'none']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('two TypeScript files share secret-loader.ts', () => {
    const root = project({
      'src/a.ts': 'export const a = process.env.DB_PASSWORD;\n',
      'src/b.ts': 'export const b = process.env.API_TOKEN;\n',
    });
    try {
      assert.equal(runCli(['scan', '.', '--fix'], root).code, 0);
      for (const f of ['src/a.ts', 'src/b.ts']) assert.match(read(root, f), /^import \{ loadSecret \} from "\.\/secret-loader";$/m);
      assert.match(read(root, 'src/secret-loader.ts'), /^export function loadSecret\(/m);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a lone file, a Python package, and a folder with its own secret_loader.py get the loader inline', () => {
    const reads = 'import os\n\nPASSWORD = os.environ["DB_PASSWORD"]\n';
    const root = project({
      'lone/app.py': reads,
      'pkg/__init__.py': '',
      'pkg/a.py': reads,
      'pkg/b.py': reads,
      'own/secret_loader.py': "# the team's own module\n",
      'own/a.py': reads,
      'own/b.py': reads,
    });
    try {
      assert.equal(runCli(['scan', '.', '--fix'], root).code, 0);
      for (const f of ['lone/app.py', 'pkg/a.py', 'pkg/b.py', 'own/a.py', 'own/b.py']) assert.match(read(root, f), /^def load_secret\(/m, f);
      assert.equal(existsSync(path.join(root, 'lone/secret_loader.py')), false);
      assert.equal(existsSync(path.join(root, 'pkg/secret_loader.py')), false);
      assert.equal(read(root, 'own/secret_loader.py'), "# the team's own module\n");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
