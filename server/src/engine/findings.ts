// The engine's output vocabulary. Offsets are UTF-16 code-unit offsets into the analysed text
// (the same unit JavaScript strings and LSP positions use), so translation to positions is exact.

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface TextRange {
  start: number;
  end: number;
}

/** Replace `[start, end)` of the original text with `newText`. Edits of one fix never overlap. */
export interface TextEdit extends TextRange {
  newText: string;
}

/** A file the fix creates (e.g. a loader module); `path` is relative to the analysed file's folder. */
export interface FileCreation {
  relativePath: string;
  text: string;
  /**
   * `text` is one line to add to the file (created if missing) unless it has that line already — a
   * `.gitignore` entry. Only fixes that are never preferred carry these (an explicit action only).
   */
  appendLine?: boolean;
}

export interface Fix {
  title: string;
  /** `quickfix` for a single finding; fix-all edits are assembled from the preferred fixes. */
  kind: 'quickfix';
  preferred: boolean;
  edits: TextEdit[];
  createFiles?: FileCreation[];
  /**
   * Fixes sharing a key touch the same structure (e.g. one pod spec's volumes): fix-all applies at most
   * one of them per pass and re-analyses before the next, so their inserts never duplicate.
   */
  conflictKey?: string;
  /**
   * With `conflictKey`: this fix's edits without the part that every fix of that key adds alike (the
   * code loader). Fix-all applies these once another fix of the key brought that part in the same pass,
   * instead of waiting for a pass (and a re-analysis) per fix.
   */
  ownEdits?: TextEdit[];
  /** Why an offered fix is not preferred: `--fix` leaves the finding and says this. */
  caveat?: string;
}

/** A location in another file (e.g. the manifest line that feeds an env var from a Secret). */
export interface RelatedLocation {
  path: string;
  start: { line: number; character: number };
  end: { line: number; character: number };
  message: string;
}

export interface Finding extends TextRange {
  rule: string;
  severity: Severity;
  /** Never contains a secret value. */
  message: string;
  /** Rule-specific facts the fixer and the hover need (names, never values). */
  data: Record<string, string | number | boolean | undefined>;
  related?: RelatedLocation[];
}

/** Something that stopped part of the file from being analysed (syntax error, size limit). */
export interface Problem extends TextRange {
  code: 'parse-error' | 'file-too-large' | 'not-text' | 'analysis-budget' | 'analysis-timeout';
  message: string;
}
