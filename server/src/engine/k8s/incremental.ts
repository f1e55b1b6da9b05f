// Incremental parsing of multi-document streams: after an edit, only the documents the edit touches
// are parsed again; documents before it are reused as they are and documents after it are reused with
// their offsets shifted. Document boundaries always come from `yaml`'s own previous parse (never from
// splitting on `---` by hand), and any doubt — including any syntax error — falls back to a full parse.
import type { Document } from 'yaml';
import type { Budget } from '../budget';
import { commonEnds } from '../text';
import { isLineBreak, markerLineEnd, parseAllDocumentsWithin, shiftDocument } from './yaml-stream';

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
  // one document earlier when the edit may have reached the `---` line that opens the first touched
  // region (then that region's text belongs to the document before it). An edit after that line leaves
  // the document before it as it was: the lexer ends it at the same marker.
  let first = 0;
  while (first < ends.length && ends[first] < changedStart - 1) first++;
  const marker = first < ends.length ? markerLineEnd(old, starts[first]) : -1;
  if (first > 0 && !(marker >= 0 && marker < changedStart - 1)) first--;
  let last = ends.length - 1;
  while (last > first && starts[last] > changedEnd + 1) last--;
  const regionStart = starts[first];
  const regionEnd = ends[last] + delta;
  if (first >= ends.length || regionEnd < regionStart) return undefined;
  // The region must begin a line, as it did in the full text, or the slice would parse differently.
  if (regionStart > 0 && !isLineBreak(text.charCodeAt(regionStart - 1))) return undefined;
  // Parse on into the next document and drop it: the lexer then sees the same lookahead (the next
  // `---`) as in the full text, so an unterminated scalar ends exactly where it would there. The
  // marker's line is all it needs to see; a next document opened otherwise is parsed whole.
  const next = previous.docs[last + 1];
  const nextStart = next ? next.range[0] + delta : 0;
  const nextMarkerEnd = next ? markerLineEnd(text, nextStart) : -1;
  const sliceEnd = !next ? regionEnd : nextMarkerEnd >= 0 ? nextMarkerEnd : ends[last + 1] + delta;
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
