// The CI integrations through their real interfaces, with no network: the npm package packed and installed
// in a clean folder (npx secret-hints), the pre-commit hook of .pre-commit-hooks.yaml installed by Debian's
// pre-commit in a temporary git repository and run by `git commit`, and the GitHub Action's step run as the
// runner runs it. Needs `npm run build` first (npm run test:cli does it) and pre-commit on PATH (bash
// scripts/install-test-packages.sh installs it; a missing pre-commit fails the tests).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { readAction, runAction } from '../support/github-action';
import { REPO_ROOT } from '../support/lsp-client';
import { installTarball, mustRun, offlineNpmEnv, packRepository, run, type Packed } from '../support/npm-package';
import { TempTrees } from '../support/temp-tree';

const LOGS_SECRET_PY = 'import os\n\nprint(os.environ["API_KEY"])\n';
const CLEAN_PY = 'import os\n\nprint(os.environ.get("LOG_LEVEL", "info"))\n';
/** One warning (k8s-secret-env-ref) and nothing else. */
const SECRET_REF_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: example/api:1.0
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: db
                  key: password
`;
const CLEAN_DEPLOYMENT = SECRET_REF_DEPLOYMENT.replace(/- name: DB_PASSWORD[\s\S]*$/, '- name: LOG_LEVEL\n              value: info\n');
/** Not UTF-8: a file the scan cannot analyse (exit code 3) if it were ever passed to it. */
const BINARY = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x01]);
const WASM = [
  'tree-sitter.wasm',
  'tree-sitter-python.wasm',
  'tree-sitter-typescript.wasm',
  'tree-sitter-tsx.wasm',
  'tree-sitter-javascript.wasm',
  'tree-sitter-go.wasm',
  'tree-sitter-java.wasm',
];

const trees = new TempTrees();
let work: string;
let packed: Packed;

before(() => {
  work = mkdtempSync(path.join(tmpdir(), 'secret-hints-ci-'));
  assert.ok(existsSync(path.join(REPO_ROOT, 'dist', 'cli.js')), 'run npm run build first');
  packed = packRepository(path.join(work, 'pack'), work);
});
after(() => {
  trees.removeAll();
  rmSync(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds the bundles, the wasm grammars, the rule docs, README and LICENSE — no sources, tests or source maps', () => {
    for (const file of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/cli.js', 'dist/server.js', ...WASM.map((w) => `dist/${w}`)]) {
      assert.ok(packed.files.includes(file), `${file} is packed`);
    }
    assert.ok(
      packed.files.some((f) => f.startsWith('docs/rules/')),
      'rule docs are packed (SARIF and diagnostics link to them)',
    );
    const unwanted = packed.files.filter(
      (f) => /^(server|client|test|bench|scripts|examples|node_modules|\.tools|dist-test)\//.test(f) || /\.(ts|map|vsix)$/.test(f),
    );
    assert.deepEqual(unwanted, []);
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(manifest.bin, { 'secret-hints': 'dist/cli.js' });
    assert.equal(manifest.private, undefined, 'publishable');
    assert.deepEqual(manifest.dependencies ?? {}, {}, 'everything the bundles need is bundled: nothing to install from the registry');
  });

  it('installs offline in a clean folder, and npx secret-hints scans, exits 1 with the finding, and answers --help', () => {
    const app = path.join(work, 'npm-app');
    installTarball(packed.tarball, app, work);
    assert.ok(existsSync(path.join(app, 'node_modules', '.bin', 'secret-hints')), 'the bin is linked');
    const tree = trees.write({ 'src/app.py': LOGS_SECRET_PY, 'k8s/deploy.yaml': SECRET_REF_DEPLOYMENT });
    const env = offlineNpmEnv(work);

    const scan = run('npx', ['--no-install', 'secret-hints', 'scan', tree, '--format', 'json'], app, env);
    assert.equal(scan.status, 1, scan.stderr);
    const findings = JSON.parse(scan.stdout) as { file: string; rule: string }[];
    // The Python finding needs the tree-sitter grammars: they load from the installed package's own dist/.
    assert.ok(findings.some((f) => f.rule === 'secret-logged' && f.file.endsWith(path.join('src', 'app.py'))));
    assert.ok(findings.some((f) => f.rule === 'k8s-secret-env-ref' && f.file.endsWith(path.join('k8s', 'deploy.yaml'))));

    const text = run('npx', ['--no-install', 'secret-hints', 'scan', tree], app, env);
    assert.equal(text.status, 1);
    assert.match(text.stdout, /app\.py:3:1\s+error\s+secret-logged/);

    const clean = run('npx', ['--no-install', 'secret-hints', 'scan', trees.write({ 'app.py': CLEAN_PY })], app, env);
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);

    const help = run('npx', ['--no-install', 'secret-hints', '--help'], app, env);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: secret-hints scan/);
  });
});

describe('the pre-commit hook (.pre-commit-hooks.yaml), run by pre-commit on git commit', () => {
  const gitEnv = (home: string): Record<string, string> => ({
    PATH: process.env.PATH ?? '',
    HOME: home,
    LC_ALL: 'C.UTF-8',
    PRE_COMMIT_HOME: path.join(home, 'pre-commit-cache'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    NO_COLOR: '1',
  });

  /** A hook repository holding this checkout's hook definition and entry script, committed; returns its rev. */
  function hookRepository(dir: string, env: Record<string, string>): string {
    mkdirSync(path.join(dir, 'scripts'), { recursive: true });
    copyFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), path.join(dir, '.pre-commit-hooks.yaml'));
    copyFileSync(path.join(REPO_ROOT, 'scripts', 'pre-commit-hook.mjs'), path.join(dir, 'scripts', 'pre-commit-hook.mjs'));
    chmodSync(path.join(dir, 'scripts', 'pre-commit-hook.mjs'), 0o755);
    mustRun('git', ['init', '-q'], dir, env);
    mustRun('git', ['add', '-A'], dir, env);
    mustRun('git', ['commit', '-q', '-m', 'hooks'], dir, env);
    return mustRun('git', ['rev-parse', 'HEAD'], dir, env).stdout.trim();
  }

  /** A project using the hook (`pre-commit install`ed), with the packed CLI installed as a devDependency unless `withCli` is false. */
  function project(dir: string, hooks: string, rev: string, env: Record<string, string>, withCli = true): void {
    mkdirSync(dir, { recursive: true });
    mustRun('git', ['init', '-q'], dir, env);
    writeFileSync(path.join(dir, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: secret-hints\n`);
    writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
    if (withCli) installTarball(packed.tarball, dir, work);
    mustRun('pre-commit', ['install'], dir, env);
  }

  function commit(dir: string, files: Record<string, string | Buffer>, env: Record<string, string>): { status: number | null; output: string } {
    for (const [rel, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), content);
    }
    mustRun('git', ['add', ...Object.keys(files)], dir, env);
    const r = run('git', ['commit', '-m', 'change'], dir, env);
    return { status: r.status, output: r.stdout + r.stderr };
  }

  const commitCount = (dir: string, env: Record<string, string>): number => {
    const r = run('git', ['rev-list', '--count', 'HEAD'], dir, env);
    return r.status === 0 ? Number(r.stdout.trim()) : 0;
  };

  it('is defined as the README documents it: id secret-hints, the scan command, every file kind the walk analyses, one invocation', () => {
    const hooks = parse(readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
    assert.equal(hooks.length, 1);
    const [hook] = hooks;
    assert.equal(hook.id, 'secret-hints');
    assert.equal(hook.entry, 'scripts/pre-commit-hook.mjs scan');
    assert.equal(hook.language, 'script');
    assert.equal(hook.require_serial, true);
    assert.ok(statSync(path.join(REPO_ROOT, 'scripts', 'pre-commit-hook.mjs')).mode & 0o100, 'the entry is executable');
  });

  it('fails a commit that adds a secret, with the finding; passes clean files (binary files are never passed); scans only what is staged', () => {
    const home = path.join(work, 'git-home');
    mkdirSync(home, { recursive: true });
    const env = gitEnv(home);
    const hooks = path.join(work, 'hook-repo');
    const rev = hookRepository(hooks, env);
    const proj = path.join(work, 'pc-project');
    project(proj, hooks, rev, env);

    const clean = commit(
      proj,
      {
        '.pre-commit-config.yaml': readFileSync(path.join(proj, '.pre-commit-config.yaml'), 'utf8'),
        'app.py': CLEAN_PY,
        'k8s/deploy.yaml': CLEAN_DEPLOYMENT,
        'logo.png': BINARY,
      },
      env,
    );
    assert.equal(clean.status, 0, clean.output);
    assert.match(clean.output, /secret-hints\.+Passed/);
    assert.equal(commitCount(proj, env), 1);

    // A secret left unstaged is not the commit's business: only staged files are scanned.
    writeFileSync(path.join(proj, 'scratch.py'), LOGS_SECRET_PY);
    const other = commit(proj, { 'tools/other.py': CLEAN_PY }, env);
    assert.equal(other.status, 0, other.output);
    assert.equal(commitCount(proj, env), 2);
    rmSync(path.join(proj, 'scratch.py'));

    const secret = commit(proj, { 'src/app.py': LOGS_SECRET_PY, 'k8s/deploy.yaml': SECRET_REF_DEPLOYMENT }, env);
    assert.equal(secret.status, 1, secret.output);
    assert.match(secret.output, /secret-hints\.+Failed/);
    assert.match(secret.output, /src\/app\.py:3:1\s+error\s+secret-logged/);
    assert.match(secret.output, /k8s\/deploy\.yaml:\d+:\d+\s+warning\s+k8s-secret-env-ref/);
    assert.equal(commitCount(proj, env), 2, 'the commit was refused');
  });

  it('without the CLI installed, fails with how to install it', (t) => {
    const home = path.join(work, 'git-home-2');
    mkdirSync(home, { recursive: true });
    const env = gitEnv(home);
    // `secret-hints` on PATH would be found (and be right): then there is nothing to check here.
    if ((process.env.PATH ?? '').split(path.delimiter).some((dir) => existsSync(path.join(dir, 'secret-hints')))) {
      t.skip('secret-hints is on PATH');
      return;
    }
    const hooks = path.join(work, 'hook-repo-2');
    const rev = hookRepository(hooks, env);
    const proj = path.join(work, 'pc-project-no-cli');
    project(proj, hooks, rev, env, false);
    const r = commit(proj, { 'app.py': CLEAN_PY }, env);
    assert.equal(r.status, 1, r.output);
    assert.match(r.output, /the CLI is not installed.*npm install --save-dev secret-exposure-hints/);
  });
});

describe('the GitHub Action (action.yml), its step run as the runner runs it', () => {
  const runnerEnv = (): Record<string, string> => ({ PATH: process.env.PATH ?? '', HOME: path.join(work, 'runner-home'), NO_COLOR: '1' });

  interface Sarif {
    version: string;
    runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
  }
  const readSarif = (file: string): Sarif => JSON.parse(readFileSync(file, 'utf8')) as Sarif;

  it('declares its inputs and outputs, and hands every input to the script as INPUT_*', () => {
    const action = readAction(path.join(REPO_ROOT, 'action.yml'));
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(Object.keys(action.inputs).sort(), ['annotations', 'args', 'fail-on', 'format', 'output', 'paths']);
    assert.equal(action.inputs.format.default, 'sarif');
    assert.equal(action.inputs.output.default, 'secret-hints.sarif');
    const env = action.runs.steps[0].env ?? {};
    for (const name of Object.keys(action.inputs)) {
      assert.equal(env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`], `\${{ inputs.${name} }}`, name);
    }
    assert.deepEqual(Object.keys(action.outputs).sort(), ['exit-code', 'output']);
  });

  it('with findings: writes the SARIF report, annotates, summarises, then fails with exit code 1', () => {
    const tree = trees.write({ 'src/app.py': LOGS_SECRET_PY, 'k8s/deploy.yaml': SECRET_REF_DEPLOYMENT, 'README.md': '# x\n' });
    const r = runAction(REPO_ROOT, tree, {}, runnerEnv());
    assert.equal(r.code, 1, r.stderr);
    const sarif = readSarif(path.join(tree, 'secret-hints.sarif'));
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(sarif.runs[0].results.map((x) => x.ruleId).sort(), ['k8s-secret-env-ref', 'secret-env-read', 'secret-logged']);
    // Paths relative to the workspace, as upload-sarif and annotations resolve them.
    assert.ok(sarif.runs[0].results.some((x) => x.locations[0].physicalLocation.artifactLocation.uri === 'src/app.py'));
    assert.deepEqual(r.outputs, { 'exit-code': '1', output: 'secret-hints.sarif' });
    assert.match(r.stdout, /^::error file=src\/app\.py,line=3,endLine=3,col=1,endColumn=\d+,title=secret-hints%3A secret-logged::Secret API_KEY/m);
    assert.match(r.stdout, /^::warning file=k8s\/deploy\.yaml,line=\d+,.*title=secret-hints%3A k8s-secret-env-ref::/m);
    assert.match(r.stdout, /^error {2}src\/app\.py:3:1 {2}secret-logged/m);
    assert.match(r.summary, /3 findings, 0 files not analysed; exit code 1/);
    assert.match(r.summary, /\| `secret-logged` \| 1 \| 0 \| 0 \|/);
  });

  it('clean: writes an empty SARIF report and succeeds', () => {
    const tree = trees.write({ 'app.py': CLEAN_PY, 'k8s/deploy.yaml': CLEAN_DEPLOYMENT });
    const r = runAction(REPO_ROOT, tree, {}, runnerEnv());
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(readSarif(path.join(tree, 'secret-hints.sarif')).runs[0].results, []);
    assert.deepEqual(r.outputs, { 'exit-code': '0', output: 'secret-hints.sarif' });
    assert.doesNotMatch(r.stdout, /^::(error|warning|notice)/m);
  });

  it('paths one per line (with spaces), the report in a new folder, extra args, annotations off', () => {
    const tree = trees.write({ 'my app/app.py': LOGS_SECRET_PY, 'k8s/deploy.yaml': SECRET_REF_DEPLOYMENT, 'ignored/app.py': LOGS_SECRET_PY });
    const r = runAction(
      REPO_ROOT,
      tree,
      { paths: 'my app\nk8s\n', output: 'reports/scan.sarif', args: '--rule secret-logged', annotations: 'false' },
      runnerEnv(),
    );
    assert.equal(r.code, 1, r.stderr);
    const results = readSarif(path.join(tree, 'reports', 'scan.sarif')).runs[0].results;
    assert.deepEqual(
      results.map((x) => [x.ruleId, decodeURIComponent(x.locations[0].physicalLocation.artifactLocation.uri)]),
      [['secret-logged', 'my app/app.py']],
    );
    assert.doesNotMatch(r.stdout, /^::/m);
    assert.equal(r.outputs.output, 'reports/scan.sarif');
  });

  it('fail-on: warnings only pass with fail-on error (the report still has them); a bad value is exit code 2', () => {
    const tree = trees.write({ 'k8s/deploy.yaml': SECRET_REF_DEPLOYMENT });
    const gated = runAction(REPO_ROOT, tree, { 'fail-on': 'error' }, runnerEnv());
    assert.equal(gated.code, 0, gated.stdout + gated.stderr);
    assert.equal(readSarif(path.join(tree, 'secret-hints.sarif')).runs[0].results.length, 1);
    assert.equal(runAction(REPO_ROOT, tree, {}, runnerEnv()).code, 1);
    const bad = runAction(REPO_ROOT, tree, { 'fail-on': 'sometimes' }, runnerEnv());
    assert.equal(bad.code, 2);
    assert.equal(bad.outputs['exit-code'], '2');
  });

  it('a hostile file name neither forges a workflow command nor sends terminal escapes into the log', () => {
    const name = 'x\n::error::forged\u001b[2Ka.py';
    const tree = trees.write({ [name]: LOGS_SECRET_PY });
    const r = runAction(REPO_ROOT, tree, {}, runnerEnv());
    assert.equal(r.code, 1, r.stderr);
    assert.ok(!r.stdout.includes('\u001b'), 'no escape character');
    const commands = r.stdout.split('\n').filter((line) => line.startsWith('::'));
    assert.equal(commands.length, 2, r.stdout);
    for (const line of commands) assert.match(line, /^::(error|warning) title=secret-hints%3A [\w-]+::x%0A::error::forged\\x1b\[2Ka\.py: /);
  });

  it('json to the log when output is empty', () => {
    const tree = trees.write({ 'app.py': LOGS_SECRET_PY });
    const r = runAction(REPO_ROOT, tree, { format: 'json', output: '' }, runnerEnv());
    assert.equal(r.code, 1);
    const json = r.stdout.slice(0, r.stdout.lastIndexOf(']') + 1);
    assert.ok((JSON.parse(json) as { rule: string }[]).some((f) => f.rule === 'secret-logged'));
    assert.ok(!existsSync(path.join(tree, 'secret-hints.sarif')));
  });

  it('the script runs on its own with INPUT_* set, as a local check', () => {
    const tree = trees.write({ 'app.py': LOGS_SECRET_PY });
    const r = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'action', 'run.sh')], {
      cwd: tree,
      encoding: 'utf8',
      env: { ...runnerEnv(), INPUT_PATHS: 'app.py', INPUT_OUTPUT: 'out.sarif' },
    });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(readSarif(path.join(tree, 'out.sarif')).runs[0].results.length, 2);
  });
});

describe('the README\'s "Use in CI" snippets', () => {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Use in CI\n'), readme.indexOf('\n## ', readme.indexOf('\n## Use in CI\n') + 1));
  const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
  const block = (marker: string): string => {
    const found = blocks.filter((b) => b.includes(marker));
    assert.equal(found.length, 1, `one yaml snippet with ${marker}`);
    return found[0];
  };
  const hookFile = () => parse(readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; files: string }[];

  it('pre-commit, remote: uses the hook id this repository defines', () => {
    const config = parse(block('rev:')) as { repos: { hooks: { id: string }[] }[] };
    assert.deepEqual(
      config.repos[0].hooks.map((h) => h.id),
      hookFile().map((h) => h.id),
    );
  });

  it('pre-commit, repo: local: runs for real, with the same file filter as the published hook', () => {
    const text = block('repo: local');
    const config = parse(text) as { repos: { hooks: { files: string }[] }[] };
    assert.equal(config.repos[0].hooks[0].files, hookFile()[0].files);
    const home = path.join(work, 'git-home-local');
    mkdirSync(home, { recursive: true });
    const env = { ...offlineNpmEnv(work), HOME: home, LC_ALL: 'C.UTF-8', PRE_COMMIT_HOME: path.join(home, 'pc'), GIT_CONFIG_NOSYSTEM: '1' };
    const ident = ['-c', 'user.name=Test', '-c', 'user.email=test@example.com'];
    const proj = path.join(work, 'pc-local');
    mkdirSync(proj, { recursive: true });
    mustRun('git', ['init', '-q'], proj, env);
    writeFileSync(path.join(proj, '.pre-commit-config.yaml'), text);
    writeFileSync(path.join(proj, '.gitignore'), 'node_modules/\n');
    installTarball(packed.tarball, proj, work);
    mustRun('pre-commit', ['install'], proj, env);

    writeFileSync(path.join(proj, 'app.py'), CLEAN_PY);
    writeFileSync(path.join(proj, 'logo.png'), BINARY);
    mustRun('git', ['add', '.pre-commit-config.yaml', '.gitignore', 'package.json', 'app.py', 'logo.png'], proj, env);
    const clean = run('git', [...ident, 'commit', '-m', 'clean'], proj, env);
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);

    writeFileSync(path.join(proj, 'app.py'), LOGS_SECRET_PY);
    mustRun('git', ['add', 'app.py'], proj, env);
    const secret = run('git', [...ident, 'commit', '-m', 'secret'], proj, env);
    assert.equal(secret.status, 1, secret.stdout + secret.stderr);
    assert.match(secret.stdout + secret.stderr, /app\.py:3:1\s+error\s+secret-logged/);
  });

  it('GitHub Actions: the action gets only inputs it declares, and upload-sarif uploads its report even after a failed scan', () => {
    const workflow = parse(block('upload-sarif')) as { jobs: Record<string, { steps: { uses?: string; if?: string; with?: Record<string, unknown> }[] }> };
    const steps = Object.values(workflow.jobs)[0].steps;
    const scan = steps.find((s) => /\/secret-exposure-hints@/.test(s.uses ?? ''));
    const upload = steps.find((s) => (s.uses ?? '').startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(scan && upload);
    const action = readAction(path.join(REPO_ROOT, 'action.yml'));
    for (const name of Object.keys(scan.with ?? {})) assert.ok(name in action.inputs, `input ${name} is declared`);
    assert.equal(upload.with?.sarif_file, scan.with?.output ?? action.inputs.output.default);
    assert.match(upload.if ?? '', /!cancelled\(\)|always\(\)/);
    assert.ok(steps.indexOf(scan) < steps.indexOf(upload));
  });

  it('GitLab CI: the job script, run as GitLab runs it, writes a Code Quality report and fails with the findings', () => {
    const job = Object.values(parse(block('codequality')) as Record<string, { script: string[]; artifacts: { reports: { codequality: string } } }>)[0];
    const script = job.script.join('\n');
    const reportName = job.artifacts.reports.codequality;
    // The job's SECRET_HINTS variable names the package on the registry; here it is the packed tarball.
    const env = { ...offlineNpmEnv(work), SECRET_HINTS: packed.tarball };
    const runJob = (tree: string) => run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], tree, env);

    const tree = trees.write({ 'src/app.py': LOGS_SECRET_PY, 'k8s/deploy.yaml': SECRET_REF_DEPLOYMENT, 'broken.py': BINARY });
    const r = runJob(tree);
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(readFileSync(path.join(tree, reportName), 'utf8')) as {
      description: string;
      check_name: string;
      fingerprint: string;
      severity: string;
      location: { path: string; lines: { begin: number } };
    }[];
    assert.deepEqual(report.map((i) => i.check_name).sort(), ['k8s-secret-env-ref', 'not-analysed/not-text', 'secret-env-read', 'secret-logged']);
    assert.equal(new Set(report.map((i) => i.fingerprint)).size, report.length, 'fingerprints are unique');
    for (const issue of report) {
      assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity), issue.severity);
      assert.ok(issue.description.length > 0 && issue.location.lines.begin >= 1);
    }
    const logged = report.find((i) => i.check_name === 'secret-logged');
    assert.deepEqual([logged?.location, logged?.severity], [{ path: 'src/app.py', lines: { begin: 3 } }, 'critical']);

    const clean = trees.write({ 'app.py': CLEAN_PY });
    const ok = runJob(clean);
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(JSON.parse(readFileSync(path.join(clean, reportName), 'utf8')), []);
  });
});
