// `secret-hints scan` on Go, Java and Spring projects (issue 20): findings in JSON, `--fix` creating the
// loader file once per package and never over an existing one, the fixed Go package building with
// Debian's Go, vendored code not scanned.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { writeTree } from '../support/temp-tree';
import { offlineGoEnv, spawnIn } from '../support/toolchain';

const project = (files: Record<string, string>) => writeTree(files, 'secret-hints-go-java-');

const read = (root: string, rel: string) => readFileSync(path.join(root, rel), 'utf8');

const GO_DB = 'package main\n\nimport "os"\n\nfunc dsn() string {\n\treturn "postgres://app:" + os.Getenv("DB_PASSWORD") + "@db/app"\n}\n';
const GO_MAIN =
  'package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc main() {\n\ttoken, ok := os.LookupEnv("API_TOKEN")\n\tfmt.Println(len(dsn()) > 0, len(token), ok, os.Getenv("PORT"))\n}\n';

function goBuild(root: string): { status: number | null; stderr: string } {
  return spawnIn(root, 'go', ['vet', './...'], root, offlineGoEnv(path.join(root, '.home')));
}

describe('secret-hints scan on Go, Java and Spring projects', () => {
  it("reports Go, Java and Spring config findings in JSON and skips Go's vendor/ (modules.txt)", () => {
    const root = project({
      'svc/main.go': GO_MAIN,
      'svc/db.go': GO_DB,
      'svc/vendor/modules.txt': '# example.com/lib v1.0.0\nexample.com/lib\n',
      'svc/vendor/example.com/lib/lib.go': 'package lib\n\nimport "os"\n\nvar Key = os.Getenv("LIB_SECRET_KEY")\n',
      'app/src/main/java/com/example/App.java': 'package com.example;\n\nclass App {\n    String k = System.getenv("API_KEY");\n}\n',
      'app/src/main/resources/application.yml': 'spring:\n  datasource:\n    password: ${DB_PASSWORD}\n',
    });
    try {
      const r = runCli(['scan', '--format', 'json', root]);
      assert.equal(r.code, 1, r.stderr);
      const report = JSON.parse(r.stdout) as { file: string; rule: string; range: { start: { line: number } } }[];
      const found = report.map((x) => `${path.relative(root, x.file).split(path.sep).join('/')}:${x.range.start.line + 1}:${x.rule}`).sort();
      assert.deepEqual(found, [
        'app/src/main/java/com/example/App.java:4:secret-env-read',
        'app/src/main/resources/application.yml:3:secret-env-read',
        'svc/db.go:6:secret-env-read',
        'svc/main.go:9:secret-env-read',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('--fix: one secret_loader.go for the package, os imports tidied, the package builds and vets', () => {
    const root = project({ 'go.mod': 'module example.com/svc\n\ngo 1.19\n', 'main.go': GO_MAIN, 'db.go': GO_DB });
    try {
      const before = goBuild(root);
      assert.equal(before.status, 0, `the original builds: ${before.stderr}`);
      const r = runCli(['scan', '--fix', root]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(read(root, 'db.go'), /getSecret\("DB_PASSWORD"\)/);
      assert.doesNotMatch(read(root, 'db.go'), /"os"/, 'db.go used os only for the read');
      assert.match(read(root, 'main.go'), /token, ok := lookupSecret\("API_TOKEN"\)/);
      assert.match(read(root, 'main.go'), /"os"/, 'main.go still reads PORT');
      assert.match(read(root, 'secret_loader.go'), /^package main\n/);
      const after = goBuild(root);
      assert.equal(after.status, 0, `the fixed package vets and builds: ${after.stderr}`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('--fix never writes over a loader file the package has', () => {
    const own = 'package main\n\n// our own loader\nfunc getSecret(name string) string { return name }\n';
    const root = project({ 'db.go': GO_DB, 'secret_loader.go': own });
    try {
      const r = runCli(['scan', '--fix', root]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(read(root, 'secret_loader.go'), own);
      assert.match(read(root, 'db.go'), /getSecret\("DB_PASSWORD"\)/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('--fix on Java and Spring: SecretLoader.java in the package, the configtree import in the config', () => {
    const root = project({
      'src/main/java/com/example/App.java': 'package com.example;\n\nclass App {\n    String k = System.getenv("API_KEY");\n}\n',
      'src/main/resources/application.properties': 'spring.datasource.password=${DB_PASSWORD}\n',
    });
    try {
      const r = runCli(['scan', '--fix', root]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(read(root, 'src/main/java/com/example/App.java'), /SecretLoader\.get\("API_KEY"\)/);
      assert.ok(existsSync(path.join(root, 'src/main/java/com/example/SecretLoader.java')));
      assert.equal(
        read(root, 'src/main/resources/application.properties'),
        'spring.datasource.password=${DB_PASSWORD}\nspring.config.import=optional:configtree:/etc/secrets/\n',
      );
      const javac = spawnSync(
        'javac',
        ['-d', path.join(root, 'out'), ...['App.java', 'SecretLoader.java'].map((f) => path.join(root, 'src/main/java/com/example', f))],
        {
          encoding: 'utf8',
        },
      );
      assert.equal(javac.status, 0, javac.stderr);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
