// Drives a language server over stdio and measures what a user feels: start to `initialize` result,
// open to first diagnostics, edit to diagnostics, and the server's peak RSS (VmHWM). The document is a
// manifest, a Python module or a TypeScript module.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { RULES } from '../server/src/engine/analyze';
import { SOURCE } from '../server/src/lsp/convert';
import { fileUri, startServer, waitFor, type StartOptions } from '../test/support/lsp-client';

export interface ProbeResult {
  startMs: number;
  /** Open to the first diagnostics published for the document (ours: a preview for large manifests). */
  openMs: number;
  /** Open to the last diagnostics published before the server fell quiet (the complete set). */
  openCompleteMs: number;
  editMs: number;
  peakRssMb: number;
  /** Our findings in the complete diagnostics after the open (0 for another server). */
  findings: number;
}

export type ProbeLanguage = 'yaml' | 'python' | 'typescript';

const EXTENSION: Record<ProbeLanguage, string> = { yaml: 'yaml', python: 'py', typescript: 'ts' };

/**
 * Where the probe types, from the middle of the file on: a spot where a character keeps the text valid,
 * as it stays for most keystrokes (a syntax error would send a server down its slow paths).
 */
const TYPING_SPOT: Record<ProbeLanguage, { line: RegExp; column: (line: string) => number }> = {
  // The end of an image reference.
  yaml: { line: /image: /, column: (l) => l.length },
  // Inside a one-line docstring, before its closing quotes (generate.ts writes one per function).
  python: { line: /"""$/, column: (l) => l.length - 3 },
  // Inside a non-empty `?? '…';` default (generate.ts's env reads), not a secret's empty default, so the
  // edit leaves the findings as they were.
  typescript: { line: /\?\? '[^']+';$/, column: (l) => l.length - 2 },
};

/**
 * No diagnostics for this long after the last ones: the open is fully published. Not enough alone for
 * ours on a large manifest, whose full analysis can run longer than this after its preview; see below.
 */
const QUIET_MS = 2_000;

export async function probe(options: StartOptions, text: string, edits: number, languageId: ProbeLanguage = 'yaml'): Promise<ProbeResult> {
  // Both servers get the same empty workspace folder: this measures the cost of one open document,
  // not of indexing whatever folder the benchmark happens to run in.
  const root = mkdtempSync(path.join(tmpdir(), 'secret-hints-bench-'));
  const t0 = performance.now();
  const session = await startServer({ rootPath: root, ...options });
  const startMs = performance.now() - t0;
  try {
    const uri = fileUri(`/tmp/secret-hints-bench/${languageId === 'yaml' ? 'manifest' : 'module'}-${Date.now()}.${EXTENSION[languageId]}`);
    let published = 0;
    let lastPublished = 0;
    let diagnostics: Diagnostic[] = [];
    let versioned = false;
    // Replaces the session's own handler (one per method), so the latest diagnostics are kept here.
    session.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      if (p.uri !== uri) return;
      published++;
      lastPublished = performance.now();
      diagnostics = p.diagnostics;
      versioned ||= p.version !== undefined;
    });
    // Our server (startServer's default command) publishes a large manifest's preview without a version
    // and the complete set with it (lsp/validator.ts): only quiet after a versioned set means complete.
    const ours = options.command === undefined;
    const t1 = performance.now();
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    await waitFor(() => (published > 0 ? true : undefined), 'first diagnostics', 120_000);
    const openMs = performance.now() - t1;
    await waitFor(() => ((versioned || !ours) && performance.now() - lastPublished > QUIET_MS ? true : undefined), 'quiet after open', 120_000);
    const openCompleteMs = lastPublished - t1;
    const findings = countFindings(diagnostics);
    const times: number[] = [];
    const spot = TYPING_SPOT[languageId];
    const lines = text.split('\n');
    let line = Math.floor(lines.length / 2);
    while (line < lines.length - 1 && !spot.line.test(lines[line])) line++;
    let column = spot.column(lines[line]);
    for (let v = 2; v < 2 + edits; v++) {
      const before = published;
      const t = performance.now();
      const at = { line, character: column++ };
      await session.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: at, end: at }, text: 'x' }],
      });
      await waitFor(() => (published > before ? true : undefined), 'diagnostics after edit', 120_000);
      times.push(performance.now() - t);
    }
    return { startMs, openMs, openCompleteMs, editMs: median(times), peakRssMb: peakRss(session.child.pid), findings };
  } finally {
    await session.close();
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Our diagnostics that are findings. The server's notes ("file too large", "analysis stopped") have our
 * source too but a code that is no rule's id; counting one would hide the findings it stands in for.
 */
function countFindings(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.filter((d) => d.source === SOURCE && RULES.some((r) => r.id === d.code)).length;
}

/**
 * `runs` probes of each server taken in turn (ours, theirs, ours, …), each row the median of its runs:
 * the open of a fresh server is one sample per run, and one sample of a cold start swings by a third.
 */
export async function probeInTurn(
  runs: number,
  ours: () => Promise<ProbeResult>,
  theirs: (() => Promise<ProbeResult>) | undefined,
): Promise<{ ours: ProbeResult; theirs: ProbeResult | undefined }> {
  const a: ProbeResult[] = [];
  const b: ProbeResult[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(await ours());
    if (theirs) b.push(await theirs());
  }
  return { ours: medianResult(a), theirs: theirs ? medianResult(b) : undefined };
}

function medianResult(results: ProbeResult[]): ProbeResult {
  const of = (k: keyof ProbeResult) => median(results.map((r) => r[k]));
  return {
    startMs: of('startMs'),
    openMs: of('openMs'),
    openCompleteMs: of('openCompleteMs'),
    editMs: of('editMs'),
    peakRssMb: of('peakRssMb'),
    findings: results[results.length - 1].findings,
  };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor(s.length / 2)];
}

/** A live process' peak resident memory (VmHWM) in MB; throws once the process is gone. */
export function peakRss(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}
