// Fixture access for tests: files under test/fixtures, read as text exactly as stored.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '..', 'fixtures');

export function fixturePath(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

export function readFixture(...parts: string[]): string {
  return readFileSync(fixturePath(...parts), 'utf8');
}

/** The text at an offset range, for assertions that name what a finding points at. */
export function slice(text: string, r: { start: number; end: number }): string {
  return text.slice(r.start, r.end);
}
