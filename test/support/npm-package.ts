// The npm package as users get it, for tests: `npm pack` of this repository (what `npm publish` uploads) and
// an install of the tarball into a clean folder — offline, with the registry pointed at a closed port and a
// cache of its own, so a test passes only if nothing is fetched.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './lsp-client';

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** PATH and npm settings only: no user .npmrc (HOME is inside `work`), no registry, no network. */
export function offlineNpmEnv(work: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: path.join(work, 'home'),
    npm_config_cache: path.join(work, 'npm-cache'),
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_loglevel: 'error',
    NO_COLOR: '1',
  };
}

export function run(command: string, args: string[], cwd: string, env: Record<string, string>): Run {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.error ? String(r.error) : (r.stderr ?? '') };
}

export function mustRun(command: string, args: string[], cwd: string, env: Record<string, string>): Run {
  const r = run(command, args, cwd, env);
  assert.equal(r.status, 0, `${command} ${args.join(' ')} failed (${r.status}): ${(r.stderr + r.stdout).trim().split('\n').slice(-12).join('\n')}`);
  return r;
}

export interface Packed {
  tarball: string;
  /** Paths inside the package, e.g. `dist/cli.js`. */
  files: string[];
}

/**
 * Packs the repository into `dest`. The bundles must be built already (`npm run build`): scripts are not
 * run, so `prepack` does not rebuild dist/ under the other tests that run it at the same time.
 */
export function packRepository(dest: string, work: string): Packed {
  mkdirSync(dest, { recursive: true });
  const r = mustRun('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], REPO_ROOT, offlineNpmEnv(work));
  const [info] = JSON.parse(r.stdout) as { filename: string; files: { path: string }[] }[];
  return { tarball: path.join(dest, info.filename), files: info.files.map((f) => f.path).sort() };
}

/** `npm init -y` in `dir`, then installs the tarball there offline. */
export function installTarball(tarball: string, dir: string, work: string): void {
  mkdirSync(dir, { recursive: true });
  const env = offlineNpmEnv(work);
  mustRun('npm', ['init', '-y'], dir, env);
  mustRun('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], dir, env);
}
