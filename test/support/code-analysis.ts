// Helpers for code-rule tests: analyse a snippet as a given file, apply a fix, and check that the
// result still compiles (python3 -m py_compile; TypeScript's transpiler for TS/JS syntax).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { analyze, prepareAnalysis, type Analysis, type AnalysisInput } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fix-all';
import type { Finding, Fix } from '../../server/src/engine/findings';
import { applyEdits } from '../../server/src/engine/text';
import { assertSameText } from './snapshot';

/** Loads every code grammar once (call from a `before` hook). */
export async function prepareCodeGrammars(): Promise<void> {
  for (const p of ['a.py', 'a.ts', 'a.tsx', 'a.js', 'a.go', 'A.java']) await prepareAnalysis({ path: p });
}

export function analyzeCode(path: string, text: string, extra: Partial<AnalysisInput> = {}): Analysis {
  return analyze({ text, path, ...extra });
}

export function findingsOf(path: string, text: string, rule: string, extra: Partial<AnalysisInput> = {}): Finding[] {
  return analyzeCode(path, text, extra).findings.filter((f) => f.rule === rule);
}

/** The source text each finding of `rule` points at. */
export function flagged(path: string, text: string, rule: string, extra: Partial<AnalysisInput> = {}): string[] {
  return findingsOf(path, text, rule, extra).map((f) => text.slice(f.start, f.end));
}

export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}

/** The preferred fix of the only finding of `rule`, applied. */
export function fixOnly(path: string, text: string, rule: string): string {
  const analysis = analyzeCode(path, text);
  const findings = analysis.findings.filter((f) => f.rule === rule);
  assert.equal(findings.length, 1, `expected one ${rule} finding, got ${findings.length}`);
  const fix = analysis.fixesFor(findings[0]).find((f) => f.preferred);
  assert.ok(fix, 'expected a preferred fix');
  return applyFix(text, fix);
}

export function fixAllText(path: string, text: string): string {
  return fixAll({ text, path }).text;
}

let python: string | undefined;

/** The interpreter itself, not a version-manager shim in front of it (pyenv's costs ~0.2 s a call). */
export function pythonExecutable(): string {
  python ??= spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim() || 'python3';
  return python;
}

/** Fails when the text is not valid Python (py_compile) — the message never includes the text. */
export function assertPythonCompiles(text: string): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'secret-hints-py-'));
  try {
    const file = path.join(dir, 'fixed.py');
    writeFileSync(file, text);
    const r = spawnSync(pythonExecutable(), ['-m', 'py_compile', file], { encoding: 'utf8' });
    assert.equal(
      r.status,
      0,
      `py_compile failed: ${r.stderr
        .split('\n')
        .filter((l) => /Error/.test(l))
        .join(' ')}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Fails on TypeScript/JavaScript syntax errors (the transpiler's diagnostics). */
export function assertTranspiles(fileName: string, text: string): string {
  const out = ts.transpileModule(text, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.React },
  });
  const messages = (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
  assert.deepEqual(messages, [], 'transpile diagnostics');
  return out.outputText;
}

/** Compiles per language: py_compile for Python, the TS transpiler for everything else. */
export function assertCompiles(fileName: string, text: string): void {
  if (fileName.endsWith('.py')) assertPythonCompiles(text);
  else assertTranspiles(fileName, text);
}

/**
 * Fix-all on a file with findings of `rule`: the result is exactly `expected` (the whole fixed file —
 * a difference fails with a line diff), compiles, and has none left. Returns the fixed text.
 */
export function assertFixAllClears(file: string, text: string, rule: string, expected: string): string {
  const fixed = fixAllText(file, text);
  assertSameText(fixed, expected, `${file} after fix-all`);
  assertCompiles(file, fixed);
  assert.deepEqual(flagged(file, fixed, rule), [], `no ${rule} finding left after the fix`);
  return fixed;
}
