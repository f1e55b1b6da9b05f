#!/usr/bin/env node
// The pre-commit hook's entry (.pre-commit-hooks.yaml, `language: script`): runs the secret-hints CLI with
// the arguments pre-commit gives (`scan`, the hook's `args`, then the staged files) and exits with its exit
// code. It installs nothing and needs no network; the CLI is the first of:
//   1. $SECRET_HINTS_CLI (a path to cli.js);
//   2. dist/cli.js of this checkout (a hook repository at a rev that ships dist/, or this repository itself);
//   3. the project's own install: node_modules/secret-exposure-hints, resolved from the working directory
//      (pre-commit runs hooks at the project root) the way Node resolves packages;
//   4. `secret-hints` on PATH (npm install -g secret-exposure-hints).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'secret-exposure-hints';
const args = process.argv.slice(2);

function findCli() {
  const fromEnv = process.env.SECRET_HINTS_CLI;
  if (fromEnv) {
    if (!existsSync(fromEnv)) fail(`SECRET_HINTS_CLI is ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  const beside = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
  if (existsSync(beside)) return beside;
  try {
    return createRequire(path.join(process.cwd(), 'package.json')).resolve(`${PACKAGE}/dist/cli.js`);
  } catch {
    return undefined;
  }
}

function fail(message) {
  process.stderr.write(`secret-hints (pre-commit): ${message}\n`);
  process.exit(2);
}

function exitWith(result, what) {
  if (result.error) fail(`could not run ${what}: ${result.error.message}`);
  if (result.signal) fail(`${what} was killed by ${result.signal}.`);
  process.exit(result.status ?? 2);
}

const cli = findCli();
if (cli !== undefined) exitWith(spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' }), cli);
// No shell (the file names are arguments, never shell text): on Windows, install it in the project instead.
const onPath = spawnSync('secret-hints', args, { stdio: 'inherit' });
if (onPath.error && onPath.error.code === 'ENOENT') {
  fail(`the CLI is not installed. Add it to the project (npm install --save-dev ${PACKAGE}) or install it globally (npm install -g ${PACKAGE}).`);
}
exitWith(onPath, 'secret-hints');
