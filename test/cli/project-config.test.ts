// The project config file through the CLI as a process (issue 22): rule severities, exclusions (walked
// and named files), overrides, secret-name patterns, size limit, nested configs, --config and
// --no-config, command-line options over the file, and an invalid file stopping the scan (exit 2).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { TempTrees } from '../support/temp-tree';

const CODE = 'import os\n\ntoken = os.environ["API_TOKEN"]\nprint(token)\n';
const STRIPE = 'import os\n\nvalue = os.environ["STRIPE_THING"]\n';

interface JsonEntry {
  file: string;
  rule: string | null;
  severity: string;
  skipped?: string;
}

function scanJson(cwd: string, ...args: string[]): { code: number | null; findings: string[]; stderr: string } {
  const r = runCli(['scan', ...args, '--format', 'json'], cwd);
  const findings = r.stdout ? (JSON.parse(r.stdout) as JsonEntry[]).map((f) => `${f.file} ${f.rule} ${f.severity}`) : [];
  return { code: r.code, findings, stderr: r.stderr };
}

describe('secret-hints scan with a project config', () => {
  const trees = new TempTrees();
  after(trees.removeAll);

  const repo = () =>
    trees.write(
      {
        '.secret-hints.yaml': [
          '# team settings: CI and the editor read this file',
          'rules:',
          '  secret-logged: warning',
          'secretNames:',
          '  extra: ["^STRIPE_"]',
          'exclude: [vendor]',
          'overrides:',
          '  - files: ["legacy/**"]',
          '    rules: {secret-env-read: off, secret-logged: off}',
          '',
        ].join('\n'),
        'app/main.py': CODE,
        'app/stripe.py': STRIPE,
        'legacy/old.py': CODE,
        'vendor/lib/x.py': CODE,
      },
      'secret-hints-cli-config-',
    );

  it('applies severities, name patterns, exclusions and overrides; the config file itself is not scanned', () => {
    const root = repo();
    const r = scanJson(root, '.');
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(r.findings, ['app/main.py secret-env-read warning', 'app/main.py secret-logged warning', 'app/stripe.py secret-env-read warning']);
    const text = runCli(['scan', '.'], root);
    assert.match(text.stdout, /3 findings in 3 files scanned/);
  });

  it('the file’s exclusions apply to files named on the command line (as pre-commit passes them)', () => {
    const root = repo();
    const r = scanJson(root, 'vendor/lib/x.py', 'legacy/old.py', 'app/main.py');
    assert.deepEqual(r.findings, ['app/main.py secret-env-read warning', 'app/main.py secret-logged warning']);
    assert.equal(scanJson(root, 'vendor').findings.length, 0);
  });

  it('without the file, every default comes back (--no-config)', () => {
    const root = repo();
    const r = scanJson(root, '--no-config', '.');
    assert.deepEqual(r.findings, [
      'app/main.py secret-env-read warning',
      'app/main.py secret-logged error',
      'legacy/old.py secret-env-read warning',
      'legacy/old.py secret-logged error',
      'vendor/lib/x.py secret-env-read warning',
      'vendor/lib/x.py secret-logged error',
    ]);
  });

  it('command-line options win over the file: --rule runs a rule it turned off, --mount-path moves the fix', () => {
    const root = repo();
    assert.deepEqual(scanJson(root, '--rule', 'secret-env-read', 'legacy').findings, ['legacy/old.py secret-env-read warning']);
    const mounts = trees.write({ '.secret-hints.yaml': 'mountPath: /from/config\n', 'pod.yaml': POD }, 'secret-hints-cli-config-mount-');
    const fromConfig = runCli(['scan', '--format', 'sarif', '.'], mounts);
    assert.match(fromConfig.stdout, /\/from\/config/);
    const fromFlag = runCli(['scan', '--format', 'sarif', '--mount-path', '/from/flag', '.'], mounts);
    assert.match(fromFlag.stdout, /\/from\/flag/);
    assert.doesNotMatch(fromFlag.stdout, /\/from\/config/);
  });

  it('a nested file governs its folder alone; --config makes one file govern everything', () => {
    const root = repo();
    const nested = trees.write(
      {
        '.secret-hints.yaml': 'rules: {secret-logged: off}\n',
        'svc/.secret-hints.yml': 'rules: {secret-env-read: error}\n',
        'svc/main.py': CODE,
        'main.py': CODE,
      },
      'secret-hints-cli-config-nested-',
    );
    assert.deepEqual(scanJson(nested, '.').findings, [
      'main.py secret-env-read warning',
      'svc/main.py secret-env-read error',
      'svc/main.py secret-logged error',
    ]);
    assert.deepEqual(scanJson(nested, '--config', `${root}/.secret-hints.yaml`, '.').findings, [
      'main.py secret-env-read warning',
      'main.py secret-logged warning',
      'svc/main.py secret-env-read warning',
      'svc/main.py secret-logged warning',
    ]);
  });

  it('maxFileSizeKb from the file skips larger files (and fails closed, exit 3)', () => {
    const root = trees.write({ '.secret-hints.yaml': 'maxFileSizeKb: 1\n', 'big.py': `${CODE}${'# padding\n'.repeat(200)}` }, 'secret-hints-cli-config-size-');
    const r = runCli(['scan', '--format', 'json', '.'], root);
    assert.equal(r.code, 3, r.stderr);
    assert.deepEqual(
      (JSON.parse(r.stdout) as JsonEntry[]).map((s) => [s.file, s.skipped]),
      [['big.py', 'file-too-large']],
    );
  });

  it('an invalid file stops the scan with each problem at file:line:column (exit 2), nothing on stdout', () => {
    const root = trees.write(
      { 'bad/.secret-hints.yaml': 'rules:\n  secret-loged: off\nmountPath: etc\n', 'bad/main.py': CODE, 'ok/x.py': CODE },
      'secret-hints-cli-config-bad-',
    );
    const r = runCli(['scan', '.'], root);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^secret-hints: bad\/\.secret-hints\.yaml:2:3: rules: unknown rule "secret-loged" \(did you mean "secret-logged"\?\)/m);
    assert.match(r.stderr, /^secret-hints: bad\/\.secret-hints\.yaml:3:12: mountPath: must be an absolute path/m);
    assert.match(r.stderr, /invalid project config; nothing was scanned\.\n$/);
    // Only the configs that govern a scanned path are read.
    assert.equal(runCli(['scan', 'ok'], root).code, 1);
    const missing = runCli(['scan', '--config', 'nope.yaml', '.'], root);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.yaml:1:1: The file cannot be read\./);
    const both = runCli(['scan', '--config', 'a.yaml', '--no-config'], root);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--config and --no-config cannot be used together/);
  });
});

const POD = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: postgres:16
      env:
        - name: POSTGRES_PASSWORD
          valueFrom: {secretKeyRef: {name: db, key: password}}
`;
