// The generated Go and Java secret loaders, built and run for real: Go with `go build`, `go vet` and
// `gofmt -l` (Debian's golang-go, Go 1.19), Java with `javac -Xlint:all -Werror --release 8` (JDK 17).
// Each program reads the planted secret files from a temp $SECRETS_DIR: the file's value (one trailing newline
// stripped), the cached value while the mtime is unchanged, the new value after a rotation (in the same
// process: in place, and Kubernetes-style by swapping the ..data symlink), the env var when there is no file.
// Missing toolchains fail the tests (bash scripts/install-test-packages.sh installs them); nothing is downloaded.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GO_LOADER_FILE, GO_LOADER_NAMES, goLoader } from '../../server/src/engine/code/go/loader';
import { JAVA_LOADER_CLASS, javaLoader } from '../../server/src/engine/code/java/loader';
import { lastJson, mustRunIn, offlineGoEnv, spawnIn } from '../support/toolchain';

const work = mkdtempSync(path.join(tmpdir(), 'secret-hints-loader-go-java-'));
const secrets = path.join(work, 'secrets');
/** The default directory baked into the loaders: never used, $SECRETS_DIR always points at `secrets`. */
const MOUNT_PATH = '/etc/secrets';

after(() => rmSync(work, { recursive: true, force: true }));

const spawn = (command: string, args: string[], cwd: string, env: Record<string, string>) => spawnIn(work, command, args, cwd, env);
/** The output of a build step or program that must succeed. */
const mustRun = (command: string, args: string[], cwd: string, env: Record<string, string>) => mustRunIn(work, command, args, cwd, env).stdout;

/** Writes the secret files (and removes every other one); a value of null makes that name a directory. */
function secretFiles(files: Record<string, string | null>): void {
  rmSync(secrets, { recursive: true, force: true });
  mkdirSync(secrets, { recursive: true });
  for (const [name, value] of Object.entries(files)) {
    if (value === null) mkdirSync(path.join(secrets, name));
    else writeFileSync(path.join(secrets, name), value);
  }
}

/** A Kubernetes-style secret volume: NAME -> ..data/NAME, ..data -> ..<timestamp>/ (the programs swap ..data). */
function kubernetesLayout(name: string, value: string): void {
  mkdirSync(path.join(secrets, '..2024_01_01_00_00_00.1'));
  writeFileSync(path.join(secrets, '..2024_01_01_00_00_00.1', name), value);
  symlinkSync('..2024_01_01_00_00_00.1', path.join(secrets, '..data'));
  symlinkSync(path.join('..data', name), path.join(secrets, name));
}

function assertOneTrailingNewline(text: string, what: string): void {
  assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'), `${what} must end with exactly one newline`);
}

// The Go program: `read NAME...` prints what each of the three functions returns; `rotate NAME LINKED`
// rewrites NAME in place (same mtime, then a new one) and swaps LINKED's ..data symlink, reading in between.
const GO_MAIN = `package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"time"
)

type result struct {
	Get     string  \`json:"get"\`
	Lookup  *string \`json:"lookup"\`
	Load    string  \`json:"load"\`
	LoadErr string  \`json:"loadErr"\`
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func write(path, text string, mtime time.Time) {
	must(os.WriteFile(path, []byte(text), 0o600))
	must(os.Chtimes(path, mtime, mtime))
}

func main() {
	out := []interface{}{}
	switch os.Args[1] {
	case "read":
		for _, name := range os.Args[2:] {
			var r result
			r.Get = getSecret(name)
			if v, ok := lookupSecret(name); ok {
				r.Lookup = &v
			}
			v, err := loadSecret(name)
			r.Load = v
			if err != nil {
				r.LoadErr = err.Error()
			}
			out = append(out, r)
		}
	case "rotate":
		dir := os.Getenv("SECRETS_DIR")
		name, linked := os.Args[2], os.Args[3]
		file := filepath.Join(dir, name)
		t := time.Unix(1700000000, 0)
		write(file, "v1\\n", t)
		out = append(out, getSecret(name))
		write(file, "XX\\n", t) // same mtime: the cached value stays
		out = append(out, getSecret(name))
		write(file, "v2\\n", t.Add(time.Hour))
		out = append(out, getSecret(name))
		write(file, "v3\\n\\n", t.Add(2*time.Hour))
		out = append(out, getSecret(name))
		v, ok := lookupSecret(name)
		out = append(out, v, ok)
		out = append(out, getSecret(linked))
		// Kubernetes' atomic writer: a new timestamped directory, then ..data renamed over.
		next := filepath.Join(dir, "..2024_02_01_00_00_00.2")
		must(os.Mkdir(next, 0o700))
		write(filepath.Join(next, linked), "rotated\\n", t.Add(3*time.Hour))
		must(os.Symlink("..2024_02_01_00_00_00.2", filepath.Join(dir, "..data_tmp")))
		must(os.Rename(filepath.Join(dir, "..data_tmp"), filepath.Join(dir, "..data")))
		out = append(out, getSecret(linked))
	}
	must(json.NewEncoder(os.Stdout).Encode(out))
}
`;

describe('Go secret loader at run time', () => {
  const dir = path.join(work, 'go');
  const goEnv = offlineGoEnv(work);
  const binary = path.join(dir, 'loader-test');
  const text = goLoader('main', MOUNT_PATH);

  function runGo(args: string[], env: Record<string, string>): unknown {
    return lastJson(mustRun(binary, args, dir, { SECRETS_DIR: secrets, ...env }));
  }

  before(() => {
    const probe = spawn('go', ['version'], work, goEnv);
    assert.equal(probe.status, 0, `go is needed (bash scripts/install-test-packages.sh installs golang-go): ${probe.stderr.trim()}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'go.mod'), 'module example.com/t\n\ngo 1.19\n');
    writeFileSync(path.join(dir, GO_LOADER_FILE), text);
    writeFileSync(path.join(dir, 'main.go'), GO_MAIN);
    mustRun('go', ['build', '-o', binary, '.'], dir, goEnv);
  });

  it('is a gofmt-formatted Go file of the package that go vet accepts', () => {
    assert.equal(text.split('\n')[0], 'package main');
    assert.equal(goLoader('billing', MOUNT_PATH).split('\n')[0], 'package billing');
    assertOneTrailingNewline(text, GO_LOADER_FILE);
    assert.ok(text.includes('\nconst secretFileDefaultDir = "/etc/secrets"\n'), 'the mount path is the default directory');
    // The three entry points, in order, unexported; every other package-level name is prefixed secretFile.
    const funcs = [...text.matchAll(/^func (\w+)\(/gm)].map((m) => m[1]);
    assert.deepEqual(funcs.slice(0, 3), [...GO_LOADER_NAMES]);
    const varBlock = /^var \(\n([^]*?)^\)$/m.exec(text)?.[1] ?? '';
    const declared = [...text.matchAll(/^(?:func|type|const|var) (\w+)/gm), ...varBlock.matchAll(/^\t(\w+)/gm)].map((m) => m[1]);
    assert.ok(declared.includes('secretFileCache') && declared.includes('secretFileMu'), declared.join(' '));
    assert.deepEqual(
      declared.filter((n) => !(GO_LOADER_NAMES as readonly string[]).includes(n) && !n.startsWith('secretFile')),
      [],
    );
    assert.equal(mustRun('gofmt', ['-l', GO_LOADER_FILE], dir, goEnv), '', 'gofmt -l lists the loader: it is not gofmt-formatted');
    mustRun('go', ['vet', '.'], dir, goEnv);
  });

  it('reads the file, strips one trailing newline (\\n or \\r\\n), else the env var; both absent: "" and not ok', () => {
    secretFiles({ DB_PASSWORD: 'db-from-file\n', CRLF_TOKEN: 'crlf-from-file\r\n', TWO_NEWLINES: 'two\n\n', LONE_CR: 'cr\r', EMPTY: '' });
    const env = { DB_PASSWORD: 'db-from-env', API_TOKEN: 'api-from-env' };
    const names = ['DB_PASSWORD', 'CRLF_TOKEN', 'TWO_NEWLINES', 'LONE_CR', 'EMPTY', 'API_TOKEN', 'MISSING'];
    const value = (v: string) => ({ get: v, lookup: v, load: v, loadErr: '' });
    assert.deepEqual(runGo(['read', ...names], env), [
      value('db-from-file'),
      value('crlf-from-file'),
      value('two\n'),
      value('cr\r'),
      value(''),
      value('api-from-env'),
      { get: '', lookup: null, load: '', loadErr: '' },
    ]);
    // No secrets directory at all (a developer's machine): the env vars.
    rmSync(secrets, { recursive: true, force: true });
    assert.deepEqual(runGo(['read', 'DB_PASSWORD', 'MISSING'], env), [value('db-from-env'), { get: '', lookup: null, load: '', loadErr: '' }]);
  });

  it('re-reads a rotated file in the same process (in place, and by the ..data symlink swap), keeps the cache while the mtime is unchanged', () => {
    secretFiles({});
    kubernetesLayout('LINKED_TOKEN', 'linked-v1\n');
    assert.deepEqual(runGo(['rotate', 'DB_PASSWORD', 'LINKED_TOKEN'], {}), ['v1', 'v1', 'v2', 'v3\n', 'v3\n', true, 'linked-v1', 'rotated']);
  });

  it('an unreadable secret path (a directory): loadSecret errors, getSecret and lookupSecret fall back to the env var', () => {
    secretFiles({ DB_PASSWORD: null });
    const [r] = runGo(['read', 'DB_PASSWORD'], { DB_PASSWORD: 'db-from-env' }) as { get: string; lookup: string | null; load: string; loadErr: string }[];
    assert.equal(r.get, 'db-from-env');
    assert.equal(r.lookup, 'db-from-env');
    assert.equal(r.load, '');
    assert.match(r.loadErr, /DB_PASSWORD.*is a directory/, 'loadSecret must return the read error');
  });
});

// The Java program (package com.example.app): `read NAME...` prints get(name) and get(name, "the-fallback"),
// or the UncheckedIOException's message; `rotate NAME LINKED` as the Go one.
const JAVA_MAIN = `package com.example.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

public final class Main {
    private Main() {}

    public static void main(String[] args) throws IOException {
        List<String> out = new ArrayList<String>();
        if (args[0].equals("read")) {
            for (int i = 1; i < args.length; i++) {
                try {
                    out.add("[" + json(SecretLoader.get(args[i])) + "," + json(SecretLoader.get(args[i], "the-fallback")) + "]");
                } catch (UncheckedIOException e) {
                    out.add("{\\"error\\":" + json(e.getMessage()) + "}");
                }
            }
        } else {
            Path dir = Paths.get(System.getenv("SECRETS_DIR"));
            String name = args[1];
            String linked = args[2];
            Path file = dir.resolve(name);
            long t = 1700000000000L;
            write(file, "v1\\n", t);
            out.add(json(SecretLoader.get(name)));
            write(file, "XX\\n", t); // same mtime: the cached value stays
            out.add(json(SecretLoader.get(name)));
            write(file, "v2\\n", t + 3600000L);
            out.add(json(SecretLoader.get(name)));
            write(file, "v3\\n\\n", t + 7200000L);
            out.add(json(SecretLoader.get(name, "the-fallback")));
            out.add(json(SecretLoader.get(linked)));
            // Kubernetes' atomic writer: a new timestamped directory, then ..data renamed over.
            Path next = Files.createDirectory(dir.resolve("..2024_02_01_00_00_00.2"));
            write(next.resolve(linked), "rotated\\n", t + 10800000L);
            Files.createSymbolicLink(dir.resolve("..data_tmp"), Paths.get("..2024_02_01_00_00_00.2"));
            Files.move(dir.resolve("..data_tmp"), dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
            out.add(json(SecretLoader.get(linked)));
        }
        System.out.println("[" + String.join(",", out) + "]");
    }

    private static void write(Path file, String text, long mtimeMillis) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeMillis));
    }

    private static String json(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\\\') {
                b.append('\\\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
`;

describe('Java secret loader at run time', () => {
  const dir = path.join(work, 'java');
  const classes = path.join(dir, 'classes');
  const text = javaLoader('com.example.app', MOUNT_PATH);
  const defaultPackage = javaLoader(undefined, MOUNT_PATH);

  function runJava(args: string[], env: Record<string, string>): unknown {
    return lastJson(mustRun('java', ['-cp', classes, 'com.example.app.Main', ...args], dir, { SECRETS_DIR: secrets, ...env }));
  }

  before(() => {
    for (const tool of ['javac', 'java']) {
      const probe = spawn(tool, ['-version'], work, {});
      assert.equal(probe.status, 0, `${tool} is needed (bash scripts/install-test-packages.sh installs default-jdk-headless): ${probe.stderr.trim()}`);
    }
    const pkg = path.join(dir, 'src', 'com', 'example', 'app');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(path.join(pkg, `${JAVA_LOADER_CLASS}.java`), text);
    writeFileSync(path.join(pkg, 'Main.java'), JAVA_MAIN);
    // The default-package loader is compiled alongside (not run: it is the same class body).
    writeFileSync(path.join(dir, 'src', `${JAVA_LOADER_CLASS}.java`), defaultPackage);
    const sources = [path.join(pkg, `${JAVA_LOADER_CLASS}.java`), path.join(pkg, 'Main.java'), path.join(dir, 'src', `${JAVA_LOADER_CLASS}.java`)];
    mustRun('javac', ['-Xlint:all', '-Werror', '--release', '8', '-d', classes, ...sources], dir, {});
  });

  it('is SecretLoader.java with the package line only when a package is given', () => {
    assert.equal(text.split('\n')[0], 'package com.example.app;');
    assert.equal(defaultPackage, text.replace('package com.example.app;\n\n', ''));
    assert.doesNotMatch(defaultPackage, /^package /m);
    assertOneTrailingNewline(text, 'SecretLoader.java');
    assertOneTrailingNewline(defaultPackage, 'SecretLoader.java (default package)');
    assert.match(text, /^final class SecretLoader \{$/m);
    assert.match(text, /^ {4}private static final String DEFAULT_DIR = "\/etc\/secrets";$/m);
    // Java 8 source: none of the later APIs or syntax.
    assert.doesNotMatch(text, /\bvar\s+\w+\s*=|\brecord\s+\w+\s*\(|readString|\b(?:List|Map|Set)\.of\b/);
    assert.ok(readFileSync(path.join(classes, 'com', 'example', 'app', `${JAVA_LOADER_CLASS}.class`)).length > 0);
  });

  it('reads the file, strips one trailing newline (\\n or \\r\\n), else the env var, else null or the fallback', () => {
    secretFiles({ DB_PASSWORD: 'db-from-file\n', CRLF_TOKEN: 'crlf-from-file\r\n', TWO_NEWLINES: 'two\n\n', LONE_CR: 'cr\r', EMPTY: '' });
    const env = { DB_PASSWORD: 'db-from-env', API_TOKEN: 'api-from-env' };
    const names = ['DB_PASSWORD', 'CRLF_TOKEN', 'TWO_NEWLINES', 'LONE_CR', 'EMPTY', 'API_TOKEN', 'MISSING'];
    assert.deepEqual(runJava(['read', ...names], env), [
      ['db-from-file', 'db-from-file'],
      ['crlf-from-file', 'crlf-from-file'],
      ['two\n', 'two\n'],
      ['cr\r', 'cr\r'],
      ['', ''],
      ['api-from-env', 'api-from-env'],
      [null, 'the-fallback'],
    ]);
    rmSync(secrets, { recursive: true, force: true });
    assert.deepEqual(runJava(['read', 'DB_PASSWORD', 'MISSING'], env), [
      ['db-from-env', 'db-from-env'],
      [null, 'the-fallback'],
    ]);
  });

  it('re-reads a rotated file in the same process (in place, and by the ..data symlink swap), keeps the cache while the mtime is unchanged', () => {
    secretFiles({});
    kubernetesLayout('LINKED_TOKEN', 'linked-v1\n');
    assert.deepEqual(runJava(['rotate', 'DB_PASSWORD', 'LINKED_TOKEN'], {}), ['v1', 'v1', 'v2', 'v3\n', 'linked-v1', 'rotated']);
  });

  it('an unreadable secret path (a directory): UncheckedIOException naming the path, not the env var', () => {
    secretFiles({ DB_PASSWORD: null });
    assert.deepEqual(runJava(['read', 'DB_PASSWORD'], { DB_PASSWORD: 'db-from-env' }), [
      { error: `cannot read secret file ${path.join(secrets, 'DB_PASSWORD')}` },
    ]);
  });
});
