// Incremental parsing of multi-document streams: after an edit, only the documents the edit touches
// are parsed again; documents before it are reused as they are and documents after it are reused with
// their offsets shifted. Document boundaries always come from `yaml`'s own previous parse (never from
// splitting on `---` by hand), and any doubt — including any syntax error — falls back to a full parse.
import { visit, type Document } from 'yaml';
import type { Budget } from '../budget';
import { commonEnds } from '../text';
import { parseAllDocumentsWithin } from './yaml-stream';

export const PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: false, strict: false } as const;

/** What a parse leaves behind for the next one: the (masked) text and its documents. */
export interface ParsedStream {
  text: string;
  docs: Document.Parsed[];
}

export function parseStream(text: string, previous?: ParsedStream, budget?: Budget): ParsedStream {
  if (previous?.text === text) return previous; // the same text, whatever its number of documents
  const reused = previous && previous.docs.length > 1 ? reparseChanged(previous, text, budget) : undefined;
  return reused ?? { text, docs: parseAll(text, budget) };
}

/** parseAllDocuments, stoppable by the analysis' time budget (yaml-stream.ts). */
function parseAll(text: string, budget: Budget | undefined): Document.Parsed[] {
  return parseAllDocumentsWithin(text, PARSE_OPTIONS, budget);
}

function reparseChanged(previous: ParsedStream, text: string, budget: Budget | undefined): ParsedStream | undefined {
  const old = previous.text;
  if (old === text) return previous;
  // Error recovery is not local (an unclosed `[` or quote can run past a `---`), so a stream with
  // errors, before or after the edit, is always parsed in full.
  if (previous.docs.some((d) => d.errors.length > 0)) return undefined;
  const { prefix, suffix } = commonEnds(old, text);
  const delta = text.length - old.length;
  const changedStart = prefix;
  const changedEnd = old.length - suffix;
  // Region i of the old text runs from the end of document i-1 to the end of document i.
  const ends = previous.docs.map((d, i) => (i === previous.docs.length - 1 ? old.length : d.range[2]));
  const starts = ends.map((_, i) => (i === 0 ? 0 : ends[i - 1]));
  if (ends.some((e, i) => e < starts[i])) return undefined;
  // Widen by one character on each side so an edit at a boundary re-parses both neighbours, and start
  // one document earlier: an edit can destroy the `---` that opens the first touched region, and then
  // that region's text belongs to the document before it.
  let first = 0;
  while (first < ends.length && ends[first] < changedStart - 1) first++;
  first = Math.max(0, first - 1);
  let last = ends.length - 1;
  while (last > first && starts[last] > changedEnd + 1) last--;
  const regionStart = starts[first];
  const regionEnd = ends[last] + delta;
  if (first >= ends.length || regionEnd < regionStart) return undefined;
  // The region must begin a line, as it did in the full text, or the slice would parse differently.
  if (regionStart > 0 && !isLineBreak(text.charCodeAt(regionStart - 1))) return undefined;
  // Parse one document further than needed and drop it: the lexer then sees the same lookahead (the
  // next `---`) as in the full text, so an unterminated scalar ends exactly where it would there.
  const next = previous.docs[last + 1];
  const sliceEnd = next ? ends[last + 1] + delta : regionEnd;
  const parsed = parseAll(padding(regionStart) + text.slice(regionStart, sliceEnd), budget);
  if (next) {
    const lookahead = parsed.pop();
    if (!lookahead || lookahead.range[0] !== next.range[0] + delta) return undefined;
  }
  if (parsed.some((d) => d.errors.length > 0)) return undefined;
  const after = previous.docs.slice(last + 1);
  if (delta !== 0) for (const doc of after) shiftDocument(doc, delta);
  return { text, docs: [...previous.docs.slice(0, first), ...parsed, ...after] };
}

/** A comment line exactly `length` characters long, so the slice's offsets equal the full text's. */
function padding(length: number): string {
  if (length === 0) return '';
  if (length === 1) return '\n';
  return `#${' '.repeat(length - 2)}\n`;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

type Ranged = { range?: [number, number, number] | null };

/** Moves every offset of a parsed document by `delta` (node ranges, the document's range, errors). */
function shiftDocument(doc: Document.Parsed, delta: number): void {
  const shift = (r: [number, number, number]): [number, number, number] => [r[0] + delta, r[1] + delta, r[2] + delta];
  doc.range = shift(doc.range);
  visit(doc, (_key, node) => {
    const n = node as Ranged | null;
    if (n?.range) n.range = shift(n.range);
  });
  for (const e of [...doc.errors, ...doc.warnings]) e.pos = [e.pos[0] + delta, e.pos[1] + delta];
}
