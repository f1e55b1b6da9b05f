// Whole-file expected outputs ("snapshots", as Ruff keeps for its fixes): a test compares what a fix
// produced with a committed file and, when they differ, prints a line diff of where — with the
// contents of quoted strings masked, so a failure message never shows a value from a fixture.
// `UPDATE_SNAPSHOTS=1` writes the files instead (review the diff before committing them).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const CONTEXT = 3;
const MAX_SHOWN = 40;

export function assertMatchesSnapshot(actual: string, snapshotFile: string): void {
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    mkdirSync(path.dirname(snapshotFile), { recursive: true });
    writeFileSync(snapshotFile, actual);
    return;
  }
  assert.ok(existsSync(snapshotFile), `no snapshot ${snapshotFile}: run with UPDATE_SNAPSHOTS=1 and review it`);
  const expected = readFileSync(snapshotFile, 'utf8');
  if (actual === expected) return;
  assert.fail(`${path.basename(snapshotFile)} differs (- expected, + actual; quoted text masked):\n${lineDiff(expected, actual)}`);
}

/**
 * Whole-text comparison for an expected text written in the test itself: on a difference it fails with
 * the same masked line diff as a snapshot (never the texts, which may hold secret-like values).
 */
export function assertSameText(actual: string, expected: string, what = 'the text'): void {
  if (actual === expected) return;
  assert.fail(`${what} differs (- expected, + actual; quoted text masked):\n${lineDiff(expected, actual)}`);
}

/** The lines between the first and the last difference, with context, marked - / +. */
export function lineDiff(expected: string, actual: string): string {
  const e = expected.split('\n');
  const a = actual.split('\n');
  let first = 0;
  while (first < e.length && first < a.length && e[first] === a[first]) first++;
  let endE = e.length;
  let endA = a.length;
  while (endE > first && endA > first && e[endE - 1] === a[endA - 1]) {
    endE--;
    endA--;
  }
  const from = Math.max(0, first - CONTEXT);
  const out = [
    ...e.slice(from, first).map((l, i) => `  ${from + i + 1}  ${mask(l)}`),
    ...e.slice(first, endE).map((l, i) => `- ${first + i + 1}  ${mask(l)}`),
    ...a.slice(first, endA).map((l, i) => `+ ${first + i + 1}  ${mask(l)}`),
    ...a.slice(endA, endA + CONTEXT).map((l, i) => `  ${endA + i + 1}  ${mask(l)}`),
  ];
  return (out.length > MAX_SHOWN ? [...out.slice(0, MAX_SHOWN), `… ${out.length - MAX_SHOWN} more lines`] : out).join('\n');
}

/**
 * Quoted strings keep their quotes, not their contents: `value: "s3cr3t"` reads `value: "…"`. A CR
 * left at the end of a line shows as ␍, so a CRLF/LF difference does not print two equal-looking lines.
 */
function mask(line: string): string {
  return line.replace(/(["'`])(?:\\.|(?!\1).)+\1/g, '$1…$1').replace(/\r$/, '␍');
}
