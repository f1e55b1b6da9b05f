// Times the engine against the raw parser on the same text, interleaved so machine noise hits both.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { analyze, prepareAnalysis } from '../server/src/engine/analyze';
import { parseWith, type Grammar } from '../server/src/engine/code/parsers';
import { defaultSettings } from '../server/src/engine/settings';
import { median } from './lsp-probe';

export interface Ratio {
  engineMs: number;
  parserMs: number;
  /** Median of each round's engine ÷ parser: each pair runs back to back, so slow drifts cancel. */
  ratio: number;
}

/**
 * The engine with no size limit and no time budget: the benchmark measures cost, not the editor's safety
 * valves (with the default 2 s budget a slow run of a 50k-line file stopped before its last rule).
 */
const UNLIMITED = { ...defaultSettings(), maxFileSizeKb: Number.MAX_SAFE_INTEGER, workLimit: Number.MAX_SAFE_INTEGER };

/** Median of `rounds` interleaved runs of (parser, engine) after one warm-up each. */
export function timeManifest(text: string, rounds: number): Ratio {
  return interleave(() => parseAllDocuments(text), manifestEngine(text), rounds);
}

function manifestEngine(text: string): () => unknown {
  return () => analyze({ text, path: 'bench.yaml', settings: UNLIMITED });
}

function codeEngine(text: string, path: string): () => unknown {
  return () => analyze({ text, path, settings: UNLIMITED });
}

/**
 * The engine on a small and a large input, interleaved in one process: the median of each round's
 * large ÷ small is the cost of the larger size, free of the speed differences between processes.
 */
export async function timeScaling(small: string, large: string, path: string, rounds: number): Promise<Ratio> {
  await prepareAnalysis({ path });
  const engine = path.endsWith('.yaml') ? manifestEngine : (text: string) => codeEngine(text, path);
  return interleave(engine(small), engine(large), rounds);
}

/**
 * The code engine against a bare tree-sitter parse of the same file. Freeing a tree is left out of both
 * timings: the engine's tree is freed after its analysis is dropped (a finalizer), so timing the bare
 * parse's `delete()` would charge the baseline for work the engine's timing never sees.
 */
export async function timeCode(text: string, path: string, grammar: Grammar, rounds: number): Promise<Ratio> {
  await prepareAnalysis({ path });
  return interleave(
    () => parseWith(grammar, text),
    codeEngine(text, path),
    rounds,
    (tree) => tree.delete(),
  );
}

const WARM_UP_MS = 500;

/** Interleaved runs so machine noise hits both; `release` frees what the parser returned, untimed. */
export function interleave<P>(parser: () => P, engine: () => unknown, rounds: number, release: (parsed: P) => void = () => {}): Ratio {
  // Warm-up: both sides run until each has had a few hundred milliseconds (the JIT optimises the
  // engine's JavaScript over several runs; an editor re-analyses the same code all the time).
  for (const started = performance.now(); performance.now() - started < WARM_UP_MS;) {
    release(parser());
    engine();
  }
  const p: number[] = [];
  const e: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    const parsed = parser();
    p.push(performance.now() - t);
    release(parsed);
    t = performance.now();
    engine();
    e.push(performance.now() - t);
  }
  return { engineMs: median(e), parserMs: median(p), ratio: median(e.map((x, i) => x / p[i])) };
}

/**
 * One row measured in a fresh process (bench/engine-row.ts): no earlier row's heap weighs on it.
 * `lines` is one size (engine vs parser) or two (`[small, large]`: the engine's scaling).
 */
export async function timeInFreshProcess(kind: 'manifest' | 'python' | 'typescript', lines: number | [number, number], rounds: number): Promise<Ratio> {
  const script = path.join(__dirname, 'engine-row.ts');
  const sizes = typeof lines === 'number' ? [String(lines)] : lines.map(String);
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, kind, String(rounds), ...sizes], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as Ratio;
}

/**
 * One row measured in several fresh processes, one after another: the ratio is the median of the
 * processes' ratios (the ms columns the medians of theirs). Processes differ by more than rounds do:
 * single rows of the same measurement moved by ±10 % from one process to the next on this machine.
 */
export async function timeInFreshProcesses(
  kind: 'manifest' | 'python' | 'typescript',
  lines: number | [number, number],
  rounds: number,
  processes: number,
): Promise<Ratio> {
  const runs: Ratio[] = [];
  for (let i = 0; i < processes; i++) runs.push(await timeInFreshProcess(kind, lines, rounds));
  return { engineMs: median(runs.map((r) => r.engineMs)), parserMs: median(runs.map((r) => r.parserMs)), ratio: median(runs.map((r) => r.ratio)) };
}
