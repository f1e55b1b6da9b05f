// The CLI as a process on a generated tree (manifests, Python and TypeScript modules): files per second,
// peak memory, and the time against parsing the same files with the raw parsers in this process.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseWith, prepareGrammar, type Grammar } from '../server/src/engine/code/parsers';
import { REPO_ROOT } from '../test/support/lsp-client';
import { manifest, python, typescript } from './generate';
import { peakRss } from './lsp-probe';

export interface CliScanResult {
  files: number;
  cliMs: number;
  parseMs: number;
  peakRssMb: number;
  findings: number;
}

interface GeneratedFile {
  file: string;
  text: string;
  grammar: Grammar | 'yaml';
}

/** Half manifests, a quarter Python, a quarter TypeScript, each about `lines` lines. */
export function generateTree(root: string, files: number, lines: number): GeneratedFile[] {
  const out: GeneratedFile[] = [];
  for (let i = 0; i < files; i++) {
    const [dir, name, text, grammar]: [string, string, string, GeneratedFile['grammar']] =
      i % 4 < 2
        ? ['k8s', `app-${i}.yaml`, manifest(lines, i + 1), 'yaml']
        : i % 4 === 2
          ? ['svc', `mod_${i}.py`, python(lines, i + 1), 'python']
          : ['web', `mod-${i}.ts`, typescript(lines, i + 1), 'typescript'];
    const file = path.join(root, dir, `${Math.floor(i / 100)}`, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    out.push({ file, text, grammar });
  }
  return out;
}

export async function timeCliScan(files: number, lines: number): Promise<CliScanResult> {
  const root = mkdtempSync(path.join(tmpdir(), 'secret-hints-cli-bench-'));
  try {
    const tree = generateTree(root, files, lines);
    const { ms: cliMs, peakRssMb, stdout } = await runCli(['scan', root, '--format', 'json']);
    const findings = countFindings(stdout);
    for (const g of ['python', 'typescript'] as const) await prepareGrammar(g);
    const started = performance.now();
    for (const { text, grammar } of tree) {
      if (grammar === 'yaml') parseAllDocuments(text);
      else parseWith(grammar, text).delete();
    }
    return { files, cliMs, parseMs: performance.now() - started, peakRssMb, findings };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Findings in `scan --format json` output: entries with `skipped` set stand for files not analysed. */
export function countFindings(stdout: string): number {
  return (JSON.parse(stdout) as { skipped?: unknown }[]).filter((e) => e.skipped === undefined).length;
}

/** Runs dist/cli.js, sampling its peak RSS (VmHWM) until it exits. */
export function runCli(args: string[]): Promise<{ ms: number; peakRssMb: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    // Read stderr too: notes of a large run would otherwise fill the pipe and stall the CLI.
    const errChunks: Buffer[] = [];
    let peakMb = 0;
    const sample = () => {
      try {
        const now = peakRss(child.pid);
        if (now > peakMb) peakMb = now;
      } catch {
        // The process is gone: the last sample stands.
      }
    };
    const timer = setInterval(sample, 20);
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => errChunks.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      // Exit 1 means "findings", 3 "some files skipped" (too large); anything else is a failure of the benchmark.
      if (code !== 0 && code !== 1 && code !== 3)
        reject(new Error(`secret-hints scan exited with ${String(code)}: ${Buffer.concat(errChunks).toString('utf8').slice(-2000)}`));
      else resolve({ ms: performance.now() - started, peakRssMb: peakMb, stdout: Buffer.concat(chunks).toString('utf8') });
    });
  });
}
