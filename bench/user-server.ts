// The server as the client starts it, on inputs larger or denser than the 10,000-line manifest of the
// main server rows: a manifest ten times that size (and whether its findings all arrive), and
// finding-dense Python and TypeScript services, measured against the main rows' probes of this run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { countFindings, runCli } from './cli-scan';
import { densePython, denseTypescript, manifest } from './generate';
import { probe, probeInTurn, type ProbeResult } from './lsp-probe';
import { add, addExact, mb, ms } from './table';

/** The main server rows' probes on one manifest: ours, and yaml-language-server's when it is installed. */
export interface ManifestProbes {
  lines: number;
  ours: ProbeResult;
  theirs: ProbeResult | undefined;
}

/** Scaling rows allow 1.2× the size ratio, as the engine's scaling rows do. */
const SCALING_SLACK = 1.2;

export async function serverUserRows(quick: boolean, base: ManifestProbes): Promise<void> {
  const edits = quick ? 1 : 7;
  await largeManifestRows(quick ? 2_000 : 100_000, edits, base);
  for (const [label, languageId, generate] of [
    ['Python', 'python', densePython],
    ['TypeScript', 'typescript', denseTypescript],
  ] as const) {
    const [small, large] = quick ? [100, 500] : [10_000, 50_000];
    // Three servers a size, small and large in turn, each row their median (as the main rows): one
    // server's edits of the 50,000-line file read 1.0 s in one run and 1.7 s in the next.
    const { ours: s, theirs: l } = await probeInTurn(
      quick ? 1 : 3,
      () => probe({}, generate(small), edits, languageId),
      () => probe({}, generate(large), edits, languageId),
    );
    if (!l) throw new Error('no probe of the larger file');
    if (base.theirs) {
      const vsYls = `yaml-language-server on the ${base.lines}-line manifest`;
      add(`open → complete diagnostics (${s.findings} findings), dense ${small}-line ${label} vs ${vsYls}`, s.openCompleteMs, base.theirs.openCompleteMs, ms);
      add(`edit → diagnostics, dense ${small}-line ${label} vs ${vsYls}`, s.editMs, base.theirs.editMs, ms, 1);
      add(`server peak RSS, dense ${small}-line ${label} vs ${vsYls}`, s.peakRssMb, base.theirs.peakRssMb, mb);
    }
    const scaling = `dense ${label} scaling ${small} → ${large} lines (${large / small}× size)`;
    add(`open → complete diagnostics (${l.findings} findings), ${scaling}`, l.openCompleteMs, s.openCompleteMs, ms);
    add(`edit → diagnostics, ${scaling}`, l.editMs, s.editMs, ms, (large / small) * SCALING_SLACK);
    add(`server peak RSS, ${scaling}`, l.peakRssMb, s.peakRssMb, mb);
  }
}

/**
 * A manifest `lines` long against the main rows' one, with no special settings: the default size limit
 * must admit it, and the editor's time guard must not cut its analysis short — the server has to publish
 * every finding the CLI (which has no time guard) reports for the same text.
 */
async function largeManifestRows(lines: number, edits: number, base: ManifestProbes): Promise<void> {
  const text = manifest(lines);
  const r = await probe({}, text, edits);
  const what = `${lines}-line manifest vs ${base.lines}-line`;
  add(`open → complete diagnostics, ${what}`, r.openCompleteMs, base.ours.openCompleteMs, ms);
  add(`edit → diagnostics, ${what}`, r.editMs, base.ours.editMs, ms, (lines / base.lines) * SCALING_SLACK);
  add(`server peak RSS, ${what}`, r.peakRssMb, base.ours.peakRssMb, mb);
  const dir = mkdtempSync(path.join(tmpdir(), 'secret-hints-bench-'));
  try {
    const file = path.join(dir, 'manifest.yaml');
    writeFileSync(file, text);
    const cli = countFindings((await runCli(['scan', file, '--format', 'json'])).stdout);
    addExact(`${lines}-line manifest: findings published (server) vs CLI`, r.findings, cli, String);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
