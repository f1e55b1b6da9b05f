// Where in a file's text taint may start, found once per file so that the taint screen (screen.ts) answers
// "might this stretch of text carry taint?" with a few binary searches instead of reading the stretch:
// a secret-named token, a name of the environment outside a harmless read, a loader call, a read of a
// secret env var, a quoted secret key, Python literals glued into one key, or a character after which
// tokens cannot be cut exactly (escapes, non-ASCII identifiers).
import type { Dialect } from '../dialect';
import { anyPositionIn, firstAtOrAfter, wordPositions } from '../syntax';

/** What the index needs to know about the file and its names. */
export interface SourceFacts {
  text: string;
  /** How the file's language cuts tokens (dialect.ts). */
  dialect: Pick<Dialect, 'isTokenChar' | 'notExact' | 'adjacentLiteralsConcatenate'>;
  isSecretName(name: string): boolean;
  /** A pattern every name isSecretName accepts contains (global), or undefined when any name may be one. */
  secretNameParts: RegExp | undefined;
  /** Where the environment's names occur (identifier boundaries, `$` included: env-reads.ts). */
  envWordPositions: readonly number[];
  /** Those of them that are harmless (inside reads of variables that are not secret). */
  harmless: ReadonlySet<number>;
  /** Other words that start taint as tokens of their own (the loader's name, `get_secret_value`). */
  sourceWords: readonly string[];
  /** Where the reads of secret env vars start. */
  secretReadStarts: readonly number[];
}

export interface SourceIndex {
  /** Might the text in [start, end) start taint by itself (variables aside)? */
  within(start: number, end: number): boolean;
  /** Does this identifier occur as a token in [start, end)? */
  nameWithin(name: string, start: number, end: number): boolean;
}

const ADJACENT_LITERALS = /["']\s*["']/;
const EMPTY_LITERAL = /""(?!")|''(?!')/g;
/** Above this many distinct names asked for, one pass cuts every token instead of a search per name. */
const NAME_SEARCHES = 32;

export function sourceIndex(facts: SourceFacts): SourceIndex {
  const { text, dialect } = facts;
  const tokenChar = dialect.isTokenChar;
  const marks = markCharacters(text, dialect.notExact);
  const secretTokenStarts: number[] = [];
  const partAt = secretTokens(facts, tokenChar, secretTokenStarts);
  // Each list is in text order already: they are searched one by one rather than merged and sorted.
  const starts: (readonly number[])[] = [
    [...facts.secretReadStarts].sort((a, b) => a - b),
    marks.notExact,
    secretTokenStarts,
    facts.envWordPositions.filter((at) => !facts.harmless.has(at)),
    wordPositions(text, facts.sourceWords),
  ].filter((list) => list.length > 0);
  const keys = secretStretches(facts, marks.quotes, partAt);
  const adjacent = dialect.adjacentLiteralsConcatenate ? maybeAdjacentLiterals(text, marks.quotes) : [];
  const names = nameSearch(text, tokenChar);
  return {
    within(start, end) {
      if (starts.some((list) => anyPositionIn(list, start, end))) return true;
      const hasKey = anyKeyIn(keys, start, end);
      if (!hasKey && !anyPositionIn(adjacent, start, end)) return false;
      // A key is indexed (`[`) or paired (`:`): text with neither holds none.
      if (!hasKeyPunctuation(text, start, end)) return false;
      // Glued literals: the exact test, which drops empty literals (`""`) first.
      return hasKey || ADJACENT_LITERALS.test(text.slice(start, end).replace(EMPTY_LITERAL, ''));
    },
    nameWithin: (name, start, end) => anyPositionIn(names(name), start, end),
  };
}

interface Marks {
  /** Where each kind of quote occurs: `"`, `'`, and the backtick. */
  quotes: [number[], number[], number[]];
  /**
   * Characters after which tokens are not cut exactly: backslashes (escapes), non-ASCII text
   * (identifiers the ASCII test would cut short) and, in Python, `$` (names are searched for with `$`
   * as a letter, as in JS: syntax.ts wordPositions).
   */
  notExact: number[];
}

/** Where the index's characters are (the built-in searches beat a loop over every character). */
function markCharacters(text: string, notExact: RegExp): Marks {
  return {
    quotes: [positionsOf(text, '"'), positionsOf(text, "'"), positionsOf(text, '`')],
    notExact: [...text.matchAll(notExact)].map((m) => m.index),
  };
}

function positionsOf(text: string, char: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) out.push(i);
  return out;
}

/**
 * Adds where the secret-named tokens start; returns where the secret names' parts were found (the only
 * places a quoted secret key can be). Without a part pattern every token is tried.
 */
function secretTokens(facts: SourceFacts, tokenChar: (c: number) => boolean, starts: number[]): number[] | undefined {
  const { text } = facts;
  const pattern = facts.secretNameParts;
  if (!pattern) {
    forEachToken(text, tokenChar, (token, at) => {
      if (facts.isSecretName(token)) starts.push(at);
    });
    return undefined;
  }
  const parts: number[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    parts.push(m.index);
    let from = m.index;
    while (from > 0 && tokenChar(text.charCodeAt(from - 1))) from--;
    let to = m.index + m[0].length;
    while (to < text.length && tokenChar(text.charCodeAt(to))) to++;
    // The rest of the token is judged with it: the next search starts after it.
    pattern.lastIndex = to;
    if (facts.isSecretName(text.slice(from, to))) starts.push(from);
  }
  return parts;
}

function forEachToken(text: string, tokenChar: (c: number) => boolean, visit: (token: string, at: number) => void): void {
  for (let i = 0; i < text.length;) {
    if (!tokenChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && tokenChar(text.charCodeAt(j))) j++;
    visit(text.slice(i, j), i);
    i = j;
  }
}

/** Quoted stretches that are secret names as a whole (`"api-key"`), as [opening quote, closing quote]. */
interface Stretches {
  opens: number[];
  closes: number[];
}

/**
 * Every text on one line between two consecutive quotes of a kind that holds more than an identifier
 * (the token test covers those) and is a secret name as a whole. A one-line string literal's content is
 * always such a stretch (a key spread over lines is no name anyone writes); stretches of code between
 * strings are tried too (a yes too many is safe).
 */
function secretStretches(facts: SourceFacts, byKind: readonly (readonly number[])[], partAt: readonly number[] | undefined): Stretches {
  const { text } = facts;
  const found = new Map<number, number>();
  if (partAt !== undefined && partAt.length === 0) return { opens: [], closes: [] };
  for (const quotes of byKind) {
    const tryStretch = (k: number) => {
      const open = quotes[k];
      const close = quotes[k + 1];
      if (found.has(open)) return;
      const stretch = text.slice(open + 1, close);
      if (!/^[\w$]*$/.test(stretch) && !/[\r\n]/.test(stretch) && facts.isSecretName(stretch)) found.set(open, close);
    };
    if (partAt === undefined) {
      for (let k = 0; k + 1 < quotes.length; k++) tryStretch(k);
      continue;
    }
    for (const at of partAt) {
      const k = firstAtOrAfter(quotes, at) - 1;
      if (k >= 0 && k + 1 < quotes.length) tryStretch(k);
    }
  }
  const opens = [...found.keys()].sort((a, b) => a - b);
  return { opens, closes: opens.map((o) => found.get(o)!) };
}

/**
 * Quotes that may start Python literals glued into one (`"api" "_key"`, `'a''b'` is one literal only
 * when it reads `'a' 'b'`): a quote followed, past spaces, by another, or by the other kind at once, or
 * starting four or more of a kind. Pairs (`""`) and triple quotes alone cannot: the exact test, which
 * first drops empty literals, never fires on them. Non-ASCII spaces are marks of their own.
 */
function maybeAdjacentLiterals(text: string, [double, single]: readonly (readonly number[])[]): number[] {
  const found: number[] = [];
  for (const at of double.length === 0 ? single : single.length === 0 ? double : [...double, ...single]) {
    const quote = text.charCodeAt(at);
    let next = at + 1;
    while (next < text.length && isAsciiSpace(text.charCodeAt(next))) next++;
    const after = text.charCodeAt(next);
    if (after !== 34 && after !== 39) continue;
    const glued = next > at + 1 || after !== quote;
    const run = !glued && text.charCodeAt(at - 1) !== quote && text.charCodeAt(at + 2) === quote && text.charCodeAt(at + 3) === quote;
    if (glued || run) found.push(at);
  }
  return found.sort((a, b) => a - b);
}

function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** A secret stretch whose both quotes lie in [start, end). */
function anyKeyIn({ opens, closes }: Stretches, start: number, end: number): boolean {
  for (let i = firstAtOrAfter(opens, start); i < opens.length && opens[i] < end; i++) if (closes[i] < end) return true;
  return false;
}

function hasKeyPunctuation(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 58) return true; // [ :
  }
  return false;
}

/** Where a name occurs as a token: one search per name, or one cut of every token once many are asked. */
function nameSearch(text: string, tokenChar: (c: number) => boolean): (name: string) => readonly number[] {
  const searched = new Map<string, number[]>();
  let all: Map<string, number[]> | undefined;
  return (name) => {
    let positions = all ? all.get(name) : searched.get(name);
    if (positions) return positions;
    if (searched.size < NAME_SEARCHES) {
      positions = wordPositions(text, [name]);
      searched.set(name, positions);
      return positions;
    }
    if (!all) {
      const tokens = new Map<string, number[]>();
      forEachToken(text, tokenChar, (token, at) => {
        const list = tokens.get(token);
        if (list) list.push(at);
        else tokens.set(token, [at]);
      });
      all = tokens;
    }
    return all.get(name) ?? [];
  };
}
