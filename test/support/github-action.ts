// Runs the steps of a composite GitHub Action (action.yml) the way the runner does, for tests: each `run`
// step's script in a file under `bash --noprofile --norc -eo pipefail`, its `env` with the `${{ inputs.* }}`
// and `${{ github.action_path }}` expressions substituted (inputs: the given `with`, else the defaults), and
// GITHUB_ACTION_PATH, GITHUB_WORKSPACE, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY set. Any other expression
// fails the test: the emulation stays honest about what it covers.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

interface ActionInput {
  description?: string;
  required?: boolean;
  default?: string;
}

interface ActionStep {
  id?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
}

export interface ActionDefinition {
  name: string;
  description: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description?: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** name=value pairs the steps wrote to GITHUB_OUTPUT, per step id. */
  stepOutputs: Record<string, Record<string, string>>;
  /** The action's own outputs (`value: ${{ steps.ID.outputs.NAME }}`), as a workflow sees them. */
  outputs: Record<string, string>;
  summary: string;
}

export function readAction(file: string): ActionDefinition {
  return parse(readFileSync(file, 'utf8')) as ActionDefinition;
}

/** Substitutes the expressions this emulation supports; any other `${{ … }}` throws. */
export function expand(text: string, inputs: Record<string, string>, actionPath: string): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expr);
    if (input) {
      assert.ok(input[1] in inputs, `the action reads an undeclared input ${input[1]}`);
      return inputs[input[1]];
    }
    if (expr === 'github.action_path') return actionPath;
    throw new Error(`expression not emulated: ${expr}`);
  });
}

/** Runs the action at `actionPath` in `cwd` with these `with` inputs; `env` is the runner's environment (PATH…). */
export function runAction(actionPath: string, cwd: string, withInputs: Record<string, string>, env: Record<string, string> = {}): ActionRun {
  const action = readAction(path.join(actionPath, 'action.yml'));
  assert.equal(action.runs.using, 'composite');
  for (const name of Object.keys(withInputs)) assert.ok(name in action.inputs, `unknown input ${name}`);
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) inputs[name] = withInputs[name] ?? input.default ?? '';
  const work = mkdtempSync(path.join(tmpdir(), 'secret-hints-action-'));
  try {
    const summaryFile = path.join(work, 'summary.md');
    writeFileSync(summaryFile, '');
    const result: ActionRun = { code: 0, stdout: '', stderr: '', stepOutputs: {}, outputs: {}, summary: '' };
    for (const [i, step] of action.runs.steps.entries()) {
      assert.equal(step.shell, 'bash', 'every step runs in bash');
      assert.ok(step.run !== undefined, 'only run steps are emulated');
      const outputFile = path.join(work, `output-${i}`);
      writeFileSync(outputFile, '');
      const script = path.join(work, `step-${i}.sh`);
      writeFileSync(script, expand(step.run, inputs, actionPath));
      const stepEnv: Record<string, string> = {};
      for (const [k, v] of Object.entries(step.env ?? {})) stepEnv[k] = expand(String(v), inputs, actionPath);
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
        cwd,
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...env,
          ...stepEnv,
          GITHUB_ACTIONS: 'true',
          GITHUB_ACTION_PATH: actionPath,
          GITHUB_WORKSPACE: cwd,
          GITHUB_OUTPUT: outputFile,
          GITHUB_STEP_SUMMARY: summaryFile,
        },
      });
      result.stdout += r.stdout;
      result.stderr += r.error ? String(r.error) : r.stderr;
      result.code = r.status;
      result.stepOutputs[step.id ?? String(i)] = Object.fromEntries(
        readFileSync(outputFile, 'utf8')
          .split('\n')
          .filter((line) => line.includes('='))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
      if (r.status !== 0) break;
    }
    result.summary = readFileSync(summaryFile, 'utf8');
    for (const [name, output] of Object.entries(action.outputs ?? {})) {
      result.outputs[name] = output.value.replace(
        /\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}/g,
        (_, id: string, key: string) => result.stepOutputs[id]?.[key] ?? '',
      );
      assert.ok(!result.outputs[name].includes('${{'), `output ${name}: expression not emulated`);
    }
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
