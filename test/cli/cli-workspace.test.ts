// The CLI's workspace view: scanning a directory indexes its manifests first, so code reads are judged
// by where the manifests feed each env var from.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { fixturePath } from '../support/fixtures';

interface JsonFinding {
  file: string;
  rule: string;
  range: { start: { line: number } };
}

function reads(root: string, target: string): string[] {
  const r = runCli(['scan', target, '--format', 'json'], root);
  assert.equal(r.code, 1, r.stderr);
  return (JSON.parse(r.stdout) as JsonFinding[]).filter((f) => f.rule === 'secret-env-read').map((f) => `${f.file}:${f.range.start.line}`);
}

describe('secret-hints scan with manifests and code', () => {
  it('judges env reads by the manifests among the scanned files', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'secret-hints-cli-ws-'));
    try {
      cpSync(fixturePath('workspace'), root, { recursive: true });
      writeFileSync(path.join(root, 'app', 'src', 'extra.py'), 'import os\naudience = os.environ["TOKEN_AUDIENCE"]\nother = os.environ["SOME_PASSWORD"]\n');
      assert.deepEqual(reads(root, '.'), ['app/src/extra.py:2', 'app/src/main.py:2', 'app/src/main.py:3', 'app/src/server.ts:0']);
      // Without the manifests, names decide: STRIPE does not look secret, SENTRY_DSN does.
      assert.deepEqual(reads(root, 'app'), ['app/src/extra.py:2', 'app/src/main.py:2', 'app/src/main.py:5', 'app/src/server.ts:0']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('secret-hints scan --fix with a config framework', () => {
  const DEPLOYMENT = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web}',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: registry.example.com/web:2',
    '          env:',
    '            - name: DJANGO_SECRET_KEY',
    '              valueFrom:',
    '                secretKeyRef: {name: web, key: django-secret-key}',
    '',
  ].join('\n');

  it('django-environ: the settings use FileAwareEnv and the manifest sets DJANGO_SECRET_KEY_FILE', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'secret-hints-cli-fw-'));
    try {
      mkdirSync(path.join(root, 'mysite'));
      mkdirSync(path.join(root, 'k8s'));
      writeFileSync(path.join(root, 'mysite', 'settings.py'), 'import environ\n\nenv = environ.Env()\nSECRET_KEY = env("DJANGO_SECRET_KEY")\n');
      writeFileSync(path.join(root, 'k8s', 'web.yaml'), DEPLOYMENT);
      const r = runCli(['scan', '.', '--fix'], root);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(
        readFileSync(path.join(root, 'mysite', 'settings.py'), 'utf8'),
        'import environ\n\nenv = environ.FileAwareEnv()\nSECRET_KEY = env("DJANGO_SECRET_KEY")\n',
      );
      const manifest = readFileSync(path.join(root, 'k8s', 'web.yaml'), 'utf8');
      assert.match(manifest, /- name: DJANGO_SECRET_KEY_FILE\n\s+value: \/etc\/secrets\/DJANGO_SECRET_KEY\n/);
      assert.doesNotMatch(manifest, /secretKeyRef/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a read the code fix cannot turn into a file read (env made in another module): reported, and the manifest is left with the reason', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'secret-hints-cli-fw-'));
    try {
      mkdirSync(path.join(root, 'k8s'));
      const code = 'from .base import env\n\nDEBUG = env.bool("DJANGO_DEBUG", default=False)\nSECRET_KEY = env("DJANGO_SECRET_KEY")\n';
      writeFileSync(path.join(root, 'config.py'), code);
      writeFileSync(path.join(root, 'k8s', 'web.yaml'), DEPLOYMENT);
      const r = runCli(['scan', '.', '--fix'], root);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.equal(readFileSync(path.join(root, 'k8s', 'web.yaml'), 'utf8'), DEPLOYMENT);
      assert.equal(readFileSync(path.join(root, 'config.py'), 'utf8'), code);
      assert.match(r.stdout + r.stderr, /no code in the workspace reads DJANGO_SECRET_KEY/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
