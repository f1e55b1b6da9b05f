// Building and running code with the language toolchains from Debian (Go, the JDK) in tests: a minimal
// environment (nothing of the developer's leaks in), Go kept offline and inside the test's own folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command with PATH, HOME (inside `work`) and `env` only. */
export function spawnIn(work: string, command: string, args: string[], cwd: string, env: Record<string, string>): Run {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '', HOME: path.join(work, 'home'), ...env } });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.error ? String(r.error) : (r.stderr ?? '') };
}

/** Runs a build step or program that must succeed; stderr's tail says what failed (the programs print only planted values). */
export function mustRunIn(work: string, command: string, args: string[], cwd: string, env: Record<string, string>): Run {
  const r = spawnIn(work, command, args, cwd, env);
  assert.equal(r.status, 0, `${command} ${args.join(' ')} failed: ${(r.stderr + r.stdout).trim().split('\n').slice(-8).join('\n')}`);
  return r;
}

/** The last line of a program's output, as JSON. */
export function lastJson(stdout: string): unknown {
  return JSON.parse(stdout.trim().split('\n').pop() ?? 'null');
}

/** Go offline, its caches inside `work`: no module download, no toolchain switch, no cgo. */
export function offlineGoEnv(work: string): Record<string, string> {
  return {
    GOCACHE: path.join(work, 'go-cache'),
    GOPATH: path.join(work, 'go-path'),
    GOFLAGS: '-mod=mod',
    GOTOOLCHAIN: 'local',
    GOPROXY: 'off',
    GOENV: 'off',
    CGO_ENABLED: '0',
  };
}
