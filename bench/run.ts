// `npm run bench`: engine vs raw parsers, scaling, the CLI, the bundled server vs yaml-language-server
// over stdio, and what users feel at larger sizes — all measured in this run and printed as ratios
// (machines here are noisy; only ratios count). Flags:
//   --quick        tiny sizes, once each (the smoke test uses it)
//   --markdown     print the table as Markdown
//   --only=user    only the rows of what users feel (bench/user-server.ts, bench/user-cli.ts); the two
//                  10,000-line manifest probes they are measured against still run, unprinted
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { timeCliScan } from './cli-scan';
import { timeInFreshProcesses } from './engine-timing';
import { manifest } from './generate';
import { probe, probeInTurn, type ProbeResult } from './lsp-probe';
import { add, mb, ms, print } from './table';
import { cliUserRows } from './user-cli';
import { serverUserRows } from './user-server';
import { REPO_ROOT } from '../test/support/lsp-client';

const quick = process.argv.includes('--quick');
const markdown = process.argv.includes('--markdown');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
if (only !== undefined && only !== 'user') throw new Error(`--only=${only}: the only group is "user"`);
const sizes = quick ? [100, 1_000] : [1_000, 10_000, 100_000];
const rounds = quick ? 1 : 7;
/** The largest inputs take seconds a run: fewer rounds, but an odd number so the median is a real run. */
const LARGE_ROUNDS = 3;
/** Fresh processes per engine row (engine-timing.ts timeInFreshProcesses): the median of theirs is the row. */
const PROCESSES = quick ? 1 : 3;

async function main(): Promise<void> {
  if (only === undefined) await engineAndCliRows();
  const lspLines = quick ? 500 : 10_000;
  const text = manifest(lspLines);
  const edits = quick ? 1 : 7;
  const ylsBin = path.join(REPO_ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
  // Three fresh servers a side, in turn: the open rows are one cold start per server.
  const { ours, theirs } = await probeInTurn(
    quick ? 1 : 3,
    () => probe({}, text, edits),
    existsSync(ylsBin) ? () => probe({ command: [process.execPath, ylsBin, '--stdio'], otherSettings: yamlLsSettings }, text, edits) : undefined,
  );
  if (!theirs) console.log('yaml-language-server is not installed: server rows show ours only.');
  else if (only === undefined) lspRows(`${lspLines}-line manifest`, ours, theirs);
  await serverUserRows(quick, { lines: lspLines, ours, theirs });
  await cliUserRows(quick);
  print(markdown);
}

async function engineAndCliRows(): Promise<void> {
  for (const lines of sizes) {
    const r = await timeInFreshProcesses('manifest', lines, lines >= 100_000 ? LARGE_ROUNDS : rounds, PROCESSES);
    add(`manifest ${lines} lines: engine vs yaml parse`, r.engineMs, r.parserMs, ms, 1.5, r.ratio);
  }
  for (let i = 1; i < sizes.length; i++) {
    const [a, b] = [sizes[i - 1], sizes[i]];
    const r = await timeInFreshProcesses('manifest', [a, b], b >= 100_000 ? LARGE_ROUNDS : rounds, PROCESSES);
    add(`manifest scaling ${a} → ${b} lines (${b / a}× size)`, r.engineMs, r.parserMs, ms, (b / a) * 1.2, r.ratio);
  }
  const codeSizes = quick ? [100, 500] : [1_000, 10_000, 50_000];
  for (const [label, kind] of [
    ['Python', 'python'],
    ['TypeScript', 'typescript'],
  ] as const) {
    for (const lines of codeSizes) {
      const r = await timeInFreshProcesses(kind, lines, lines >= 50_000 ? LARGE_ROUNDS : rounds, PROCESSES);
      add(`${label} ${lines} lines: engine vs tree-sitter parse`, r.engineMs, r.parserMs, ms, 2, r.ratio);
    }
    const [small, large] = [codeSizes[codeSizes.length - 2], codeSizes[codeSizes.length - 1]];
    const r = await timeInFreshProcesses(kind, [small, large], large >= 50_000 ? LARGE_ROUNDS : rounds, PROCESSES);
    add(`${label} scaling ${small} → ${large} lines (${large / small}× size)`, r.engineMs, r.parserMs, ms, (large / small) * 1.2, r.ratio);
  }
  const cli = await timeCliScan(quick ? 40 : 2_000, 60);
  add(
    `CLI scan of ${cli.files} files (${(cli.files / (cli.cliMs / 1000)).toFixed(0)} files/s, ${cli.findings} findings, peak ${cli.peakRssMb.toFixed(0)} MB) vs parsing them`,
    cli.cliMs,
    cli.parseMs,
    ms,
  );
}

/** yaml-language-server with its defaults, but no schema store download (this machine has no network). */
function yamlLsSettings(section: string | undefined): unknown {
  if (section === 'yaml') return { validate: true, hover: true, completion: true, schemaStore: { enable: false }, schemas: {} };
  return null;
}

function lspRows(what: string, ours: ProbeResult, theirs: ProbeResult): void {
  add(`server start → initialize result`, ours.startMs, theirs.startMs, ms, 1);
  add(`open → first diagnostics, ${what}`, ours.openMs, theirs.openMs, ms, 0.5);
  add(`open → complete diagnostics, ${what}`, ours.openCompleteMs, theirs.openCompleteMs, ms, 0.5);
  add(`edit → diagnostics, ${what} (median)`, ours.editMs, theirs.editMs, ms, 0.5);
  add(`server peak RSS`, ours.peakRssMb, theirs.peakRssMb, mb, 0.5);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
