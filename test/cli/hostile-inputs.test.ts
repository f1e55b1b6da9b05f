// The CLI on hostile files: every input of the catalogue is scanned without a crash or hang, skipped
// files get one note, unreadable input (invalid UTF-8, FIFO, dangling symlink, binary) exits 2 with a
// clear message while the rest is still scanned, and hostile names cannot drive the terminal.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { hostileInput, hostileInputs, pseudoRandomBytes, secretPod } from '../support/hostile-inputs';

const RSS_PRELOAD = pathToFileURL(path.join(__dirname, '..', 'support', 'report-peak-rss.mjs')).href;

function scratch(): string {
  return mkdtempSync(path.join(tmpdir(), 'secret-hints-hostile-cli-'));
}

interface JsonFinding {
  file: string;
  skipped?: string;
  range: { start: { line: number } };
}

describe('secret-hints scan on hostile files', () => {
  it('scans every catalogue input in one run: no crash, skips noted, the real finding still reported', (t) => {
    const dir = scratch();
    const inputs = hostileInputs();
    for (const input of inputs) writeFileSync(path.join(dir, path.basename(input.path)), input.text);
    writeFileSync(path.join(dir, 'zz-real.yaml'), secretPod('real'));
    const rssFile = path.join(dir, 'peak-rss.txt');
    const started = Date.now();
    // A 512 MiB heap: the whole catalogue must fit (a leak or a blow-up crashes the run), and the peak
    // stays bounded however busy the machine is — without a limit V8 lets the heap grow further while
    // its collector is starved of CPU (945 MiB quiet, 1157 MiB beside three busy processes, measured).
    const r = runCli(['scan', '.', '--format', 'json'], dir, {
      NODE_OPTIONS: `--import ${RSS_PRELOAD} --max-old-space-size=512`,
      SECRET_HINTS_RSS_FILE: rssFile,
    });
    const elapsed = Date.now() - started;
    const peakMiB = Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024);
    rmSync(dir, { recursive: true, force: true });
    t.diagnostic(`CLI over ${inputs.length + 1} hostile files: ${elapsed} ms, peak RSS ${peakMiB} MiB`);
    assert.ok(r.code === 1, `exit ${r.code}: ${r.stderr.slice(0, 300)}`);
    assert.doesNotMatch(r.stderr, /internal error/);
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    assert.ok(findings.some((f) => f.file === 'zz-real.yaml'));
    for (const skipped of inputs.filter((i) => i.skipped)) {
      const notes = r.stderr.split('\n').filter((l) => l.startsWith(`${path.basename(skipped.path)}:`));
      assert.equal(notes.length, 1, `one note for ${skipped.name}`);
    }
    const skippedFiles = findings.filter((f) => f.skipped).map((f) => f.file);
    assert.deepEqual(
      skippedFiles.sort(),
      inputs
        .filter((i) => i.skipped)
        .map((i) => path.basename(i.path))
        .sort(),
      'exactly the inputs the catalogue skips are listed as not analysed',
    );
    assert.ok(peakMiB < 1024, `peak RSS ${peakMiB} MiB`);
  });

  it('lists invalid UTF-8, lone surrogates on disk and binary files as not analysed, naming each, and scans the rest', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'invalid.yaml'), Buffer.concat([Buffer.from('kind: Pod\nx: '), Buffer.from([0xc3, 0x28, 0xff])]));
    // A lone surrogate has no UTF-8 form; its CESU-8 bytes are invalid UTF-8.
    writeFileSync(path.join(dir, 'surrogate.yaml'), Buffer.concat([Buffer.from('kind: Pod\nx: '), Buffer.from([0xed, 0xa0, 0x80])]));
    writeFileSync(path.join(dir, 'binary.yaml'), pseudoRandomBytes(4096));
    writeFileSync(path.join(dir, 'nul.yaml'), hostileInput('nul-in-manifest').text);
    writeFileSync(path.join(dir, 'pod.yaml'), secretPod());
    const r = runCli(['scan', '.'], dir);
    assert.equal(r.code, 1, 'pod.yaml has a finding');
    assert.match(r.stdout, /^4 files were not analysed: the scan fails/m);
    assert.match(r.stderr, /invalid\.yaml: not valid UTF-8 text; skipped/);
    assert.match(r.stderr, /surrogate\.yaml: not valid UTF-8 text; skipped/);
    assert.match(r.stderr, /binary\.yaml: (not valid UTF-8 text; skipped|.*not analysed)/);
    assert.match(r.stderr, /nul\.yaml:1:1: note: File contains NUL bytes/);
    assert.match(r.stdout, /pod\.yaml:11:13 /);
  });

  it('exits 2 for a FIFO and a dangling symlink given by name, without hanging, and scans the rest; walking skips them and link loops', () => {
    const dir = scratch();
    const fifo = spawnSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    assert.equal(fifo.status, 0, 'mkfifo available');
    symlinkSync('gone.yaml', path.join(dir, 'dangling.yaml'));
    writeFileSync(path.join(dir, 'pod.yaml'), secretPod());
    const r = runCli(['scan', 'pipe.yaml', 'dangling.yaml', 'pod.yaml'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /pipe\.yaml: not a regular file or directory/);
    assert.match(r.stderr, /dangling\.yaml: no such file or directory/);
    assert.match(r.stdout, /pod\.yaml:11:13 /);
    symlinkSync('.', path.join(dir, 'loop'));
    // Walking the folder skips the FIFO, the dangling link and the link loop instead of blocking or recursing.
    const walked = runCli(['scan', '.', '--format', 'json'], dir);
    assert.equal(walked.code, 1, walked.stderr);
    assert.deepEqual(
      (JSON.parse(walked.stdout) as JsonFinding[]).map((f) => f.file),
      ['pod.yaml'],
    );
  });

  it('escapes control characters from scanned names, so a file cannot forge or rewrite terminal output', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'escapes.yaml'), hostileInput('terminal-escapes-in-names').text);
    // --quiet: the finding lines and the summary only (no table of rules, whose names are ours).
    const r = runCli(['scan', '.', '--quiet'], dir);
    assert.equal(r.code, 1);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(r.stdout, /[\u0000-\u0009\u000b-\u001f\u007f]/, 'no raw control characters in text output');
    assert.match(r.stdout, /\\u001b\]0;pwned\\u0007\\u000d\\u000aforged: line/);
    assert.equal(r.stdout.trim().split('\n').length, 2, 'one finding line and the summary');
  });
});
