// The canary harness: fixtures under test/fixtures/canary plant secret values carrying a marker;
// tests gather everything an output channel produced and count the marker, which must stay at zero.
// Adding a file to that folder is all it takes to cover a new language or rule.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fixturePath } from './fixtures';

export const CANARY_MARKER = 'QX7CANARY';
export const CANARY_DIR = fixturePath('canary');

export interface CanaryFile {
  name: string;
  path: string;
  languageId: string;
  text: string;
}

const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.py': 'python',
  '.ts': 'typescript',
  '.tsx': 'typescriptreact',
  '.js': 'javascript',
  '.jsx': 'javascriptreact',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.go': 'go',
  '.java': 'java',
  '.properties': 'properties',
};

export function canaryFiles(): CanaryFile[] {
  return readdirSync(CANARY_DIR)
    .filter((name) => path.extname(name) in LANGUAGE_BY_EXTENSION)
    .sort()
    .map((name) => {
      const file = path.join(CANARY_DIR, name);
      return { name, path: file, languageId: LANGUAGE_BY_EXTENSION[path.extname(name)], text: readFileSync(file, 'utf8') };
    });
}

/** Occurrences of the marker, case-insensitively (a leak that changed case is still a leak). */
export function canaryCount(haystack: string): number {
  return haystack.toUpperCase().split(CANARY_MARKER).length - 1;
}

/** Serialises anything a channel produced (objects, strings, arrays) for counting. */
export function channelText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}
