// Runs the bundled CLI as a child process and captures everything it prints.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from './lsp-client';

export const CLI_JS = path.join(REPO_ROOT, 'dist', 'cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Large outputs (tens of thousands of findings) must not hit spawnSync's 1 MiB default buffer, which kills the child. */
export function runCli(args: string[], cwd = REPO_ROOT, env?: Record<string, string>): CliResult {
  const r = spawnSync(process.execPath, [CLI_JS, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 512 * 1024 * 1024,
    env: env && { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
