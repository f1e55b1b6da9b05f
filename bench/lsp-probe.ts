// Drives a language server over stdio and measures what a user feels: start to `initialize` result,
// open to first diagnostics, edit to diagnostics, and the server's peak RSS (VmHWM).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileUri, startServer, waitFor, type StartOptions } from '../test/support/lsp-client';

export interface ProbeResult {
  startMs: number;
  /** Open to the first diagnostics published for the document (ours: a preview for large manifests). */
  openMs: number;
  /** Open to the last diagnostics published before the server fell quiet (the complete set). */
  openCompleteMs: number;
  editMs: number;
  peakRssMb: number;
}

/** No diagnostics for this long after the last ones (longer than any analysis here): the open is fully published. */
const QUIET_MS = 2_000;

export async function probe(options: StartOptions, text: string, edits: number): Promise<ProbeResult> {
  // Both servers get the same empty workspace folder: this measures the cost of one open manifest,
  // not of indexing whatever folder the benchmark happens to run in.
  const root = mkdtempSync(path.join(tmpdir(), 'secret-hints-bench-'));
  const t0 = performance.now();
  const session = await startServer({ rootPath: root, ...options });
  const startMs = performance.now() - t0;
  try {
    const uri = fileUri(`/tmp/secret-hints-bench/manifest-${Date.now()}.yaml`);
    let published = 0;
    let lastPublished = 0;
    session.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
      if (p.uri !== uri) return;
      published++;
      lastPublished = performance.now();
    });
    const t1 = performance.now();
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await waitFor(() => (published > 0 ? true : undefined), 'first diagnostics', 120_000);
    const openMs = performance.now() - t1;
    await waitFor(() => (performance.now() - lastPublished > QUIET_MS ? true : undefined), 'quiet after open', 120_000);
    const openCompleteMs = lastPublished - t1;
    const times: number[] = [];
    // Type at the end of an image reference in the middle of the file: the text stays valid YAML, as
    // it does for most keystrokes (a syntax error would make both servers take their slow paths).
    const lines = text.split('\n');
    let line = Math.floor(lines.length / 2);
    while (line < lines.length - 1 && !lines[line].includes('image: ')) line++;
    let column = lines[line].length;
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
    return { startMs, openMs, openCompleteMs, editMs: median(times), peakRssMb: peakRss(session.child.pid) };
  } finally {
    await session.close();
    rmSync(root, { recursive: true, force: true });
  }
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
