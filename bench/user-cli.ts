// The CLI as a process where users notice a slow path: one large finding-dense module against the same
// text in ten files (a cost that grows faster than the file), and `--fix` against a scan of one tree.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { countFindings, generateTree, runCli } from './cli-scan';
import { densePython, denseTypescript, splitModule } from './generate';
import { median } from './lsp-probe';
import { add, ms } from './table';

const PARTS = 10;

interface Scan {
  ms: number;
  findings: number;
}

export async function cliUserRows(quick: boolean): Promise<void> {
  const rounds = quick ? 1 : 3;
  const root = mkdtempSync(path.join(tmpdir(), 'secret-hints-cli-user-'));
  try {
    for (const [label, ext, generate] of [
      ['Python', 'py', densePython],
      ['TypeScript', 'ts', denseTypescript],
    ] as const) {
      const lines = quick ? 500 : 10_000;
      await oneFileVsTen(path.join(root, ext), `dense ${lines}-line ${label}`, ext, generate(lines), rounds);
    }
    await fixVsScan(path.join(root, 'fix'), quick ? 20 : 400, rounds);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function oneFileVsTen(dir: string, what: string, ext: string, text: string, rounds: number): Promise<void> {
  const [single, split] = [path.join(dir, `dense.${ext}`), path.join(dir, 'split')];
  mkdirSync(split, { recursive: true });
  writeFileSync(single, text);
  splitModule(text, PARTS).forEach((part, i) => writeFileSync(path.join(split, `part-${i}.${ext}`), part));
  const [one, ten] = await alternate(
    rounds,
    () => scan(single),
    () => scan(split),
  );
  add(`CLI scan, ${what} file vs the same text in ${PARTS} files (${one.findings} / ${ten.findings} findings)`, one.ms, ten.ms, ms, 1.5);
}

/**
 * `scan --fix` against `scan` on copies of one generated tree (cli-scan.ts generateTree): each round
 * copies the pristine tree twice, one copy per run, so every --fix run starts from an unfixed tree and
 * both runs read freshly written files. Copying is not timed.
 */
async function fixVsScan(dir: string, files: number, rounds: number): Promise<void> {
  const pristine = path.join(dir, 'pristine');
  generateTree(pristine, files, 60);
  const onCopy = async (flags: string[]) => {
    const copy = path.join(dir, 'copy');
    cpSync(pristine, copy, { recursive: true });
    try {
      return await scan(copy, flags);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  };
  // --apps-read-files: every manifest fix applies (the generated images are not in the catalogue and
  // not every variable is read by the generated code), the most --fix can have to do.
  const [fix, plain] = await alternate(
    rounds,
    () => onCopy(['--fix', '--apps-read-files']),
    () => onCopy([]),
  );
  add(`CLI scan --fix of ${files} files vs scan (${plain.findings} findings, ${fix.findings} left after --fix)`, fix.ms, plain.ms, ms, 1.5);
}

async function scan(target: string, flags: string[] = []): Promise<Scan> {
  const r = await runCli(['scan', target, ...flags, '--format', 'json']);
  return { ms: r.ms, findings: countFindings(r.stdout) };
}

/**
 * `rounds` runs of a and b taken in turn (A B A B …), so a slow spell of the machine hits both: the
 * median time of each, and the findings of its last run (every run of one side reports the same).
 */
async function alternate(rounds: number, a: () => Promise<Scan>, b: () => Promise<Scan>): Promise<[Scan, Scan]> {
  const [as, bs]: Scan[][] = [[], []];
  for (let i = 0; i < rounds; i++) {
    as.push(await a());
    bs.push(await b());
  }
  const summary = (runs: Scan[]): Scan => ({ ms: median(runs.map((r) => r.ms)), findings: runs[runs.length - 1].findings });
  return [summary(as), summary(bs)];
}
