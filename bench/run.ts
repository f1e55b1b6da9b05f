// `npm run bench`: engine vs raw parsers, scaling, and the bundled server vs yaml-language-server over
// stdio — all measured in this run and printed as ratios (machines here are noisy; only ratios count).
// `--quick` runs tiny sizes once (the smoke test uses it); `--markdown` prints the table as Markdown.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { timeCliScan } from './cli-scan';
import { timeInFreshProcesses } from './engine-timing';
import { manifest } from './generate';
import { probe, type ProbeResult } from './lsp-probe';
import { REPO_ROOT } from '../test/support/lsp-client';

const quick = process.argv.includes('--quick');
const markdown = process.argv.includes('--markdown');
const sizes = quick ? [100, 1_000] : [1_000, 10_000, 100_000];
const rounds = quick ? 1 : 7;
/** The largest inputs take seconds a run: fewer rounds, but an odd number so the median is a real run. */
const LARGE_ROUNDS = 3;
/** Fresh processes per engine row (engine-timing.ts timeInFreshProcesses): the median of theirs is the row. */
const PROCESSES = quick ? 1 : 3;

interface Row {
  measure: string;
  ours: string;
  baseline: string;
  ratio: number;
  target: number | undefined;
}
const rows: Row[] = [];
const ms = (x: number) => `${x.toFixed(1)} ms`;
/** `ratio` defaults to ours ÷ baseline; engine rows pass the median of paired rounds instead. */
function add(measure: string, ours: number, baseline: number, unit: (x: number) => string, target?: number, ratio = ours / baseline): void {
  rows.push({ measure, ours: unit(ours), baseline: unit(baseline), ratio, target });
}

async function main(): Promise<void> {
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
  add(`CLI scan of ${cli.files} files (${(cli.files / (cli.cliMs / 1000)).toFixed(0)} files/s, ${cli.findings} findings, peak ${cli.peakRssMb.toFixed(0)} MB) vs parsing them`, cli.cliMs, cli.parseMs, ms);
  const lspLines = quick ? 500 : 10_000;
  const text = manifest(lspLines);
  const edits = quick ? 1 : 7;
  const ours = await probe({}, text, edits);
  const ylsBin = path.join(REPO_ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
  if (existsSync(ylsBin)) {
    const theirs = await probe({ command: [process.execPath, ylsBin, '--stdio'], otherSettings: yamlLsSettings }, text, edits);
    lspRows(`${lspLines}-line manifest`, ours, theirs);
  } else {
    console.log('yaml-language-server is not installed: server rows show ours only.');
  }
  print();
}

/** yaml-language-server with its defaults, but no schema store download (this machine has no network). */
function yamlLsSettings(section: string | undefined): unknown {
  if (section === 'yaml') return { validate: true, hover: true, completion: true, schemaStore: { enable: false }, schemas: {} };
  return null;
}

function lspRows(what: string, ours: ProbeResult, theirs: ProbeResult): void {
  add(`server start → initialize result`, ours.startMs, theirs.startMs, ms, 1);
  add(`open → first diagnostics, ${what}`, ours.openMs, theirs.openMs, ms, 0.5);
  add(`open → complete diagnostics, ${what}`, ours.openCompleteMs, theirs.openCompleteMs, ms);
  add(`edit → diagnostics, ${what} (median)`, ours.editMs, theirs.editMs, ms, 0.5);
  add(`server peak RSS`, ours.peakRssMb, theirs.peakRssMb, (x) => `${x.toFixed(0)} MB`, 0.5);
}

function print(): void {
  const header = ['measure', 'ours', 'baseline', 'ratio', 'target', 'ok'];
  const body = rows.map((r) => [r.measure, r.ours, r.baseline, `${r.ratio.toFixed(2)}×`, r.target === undefined ? '' : `≤ ${r.target.toFixed(2)}×`, r.target === undefined ? '' : r.ratio <= r.target ? 'yes' : 'NO']);
  if (markdown) {
    console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
    for (const b of body) console.log(`| ${b.join(' | ')} |`);
    return;
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(header));
  for (const b of body) console.log(line(b));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
