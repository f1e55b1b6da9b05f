// `yaml`'s parseAllDocuments, driven step by step so a preview can stop it between documents and the
// editor's time guard can look at the clock between lexemes (the work itself is paid for up front,
// from the text: budget.ts). Same options and the same Document objects as parseAllDocuments.
//
// Each document between two `---` lines is first offered to the fast path for plain block YAML
// (plain-yaml.ts); what it declines `yaml` composes, from that document's text with the next `---`
// line as its lookahead, and when that does not come out as exactly the expected documents without
// errors, `yaml` composes the whole rest of the stream.
import { Composer, Lexer, Parser, type CST, type Document } from 'yaml';
import type { Budget } from '../budget';
import { walkNodes } from './nodes';
import { PlainComposer, type ComposeOptions } from './plain-yaml';

type Options = ComposeOptions;

export function parseAllDocumentsWithin(text: string, options: Options, budget: Budget | undefined): Document.Parsed[] {
  const stream = new DocumentStream(text, options);
  stream.parse(budget);
  return stream.documents;
}

/**
 * A parse that can stop between documents and go on later: a preview parses the leading documents,
 * the full analysis then continues from there instead of starting over. The composer hands over a
 * document only once the next one has begun, so every document is exactly what a full parse makes of it.
 */
export class DocumentStream {
  readonly documents: Document.Parsed[] = [];
  private budget: Budget | undefined;
  private readonly source: Iterator<Document.Parsed>;
  private state: 'open' | 'complete' | 'failed' = 'open';

  constructor(
    readonly text: string,
    options: Options,
  ) {
    this.source = documents(text, options, () => this.budget);
  }

  get complete(): boolean {
    return this.state === 'complete';
  }

  /** The budget stopped it: it cannot go on (a caller parses from scratch instead). */
  get failed(): boolean {
    return this.state === 'failed';
  }

  /**
   * Parses on within `budget` until `enough()` (asked after each document) or the end of the text;
   * true when the end is reached. Once the budget has thrown, the stream cannot go on.
   */
  parse(budget: Budget | undefined, enough: (documents: readonly Document.Parsed[]) => boolean = () => false): boolean {
    if (this.state === 'failed') throw new Error('this parse was stopped by its budget and cannot go on');
    this.budget = budget;
    try {
      while (this.state === 'open') {
        const next = this.source.next();
        if (next.done) this.state = 'complete';
        else {
          this.documents.push(next.value);
          budget?.tick();
          if (enough(this.documents)) break;
        }
      }
    } catch (err) {
      this.state = 'failed';
      throw err;
    }
    return this.complete;
  }
}

/** A line that starts a document: `---`, then a space or the end of the line. */
const MARKER_LINE = /^---(?:[ \t\r\n]|$)/gm;

function* documents(text: string, options: Options, budget: () => Budget | undefined): Generator<Document.Parsed> {
  // Directives (`%YAML`, `%TAG`) carry from one document to the next: such a stream is `yaml`'s alone.
  if (/^%/m.test(text)) {
    yield* composed(text, 0, options, budget);
    return;
  }
  const plain = new PlainComposer(text, options, () => budget()?.tick());
  const marker = new RegExp(MARKER_LINE);
  // The documents of the last region are held back until the next region is known to compose alone:
  // `yaml` gives an error at the start of a document (a stray `}` after `---`) to the one before it,
  // so when `yaml` takes over the rest of the stream, it starts at that earlier region.
  let held: { start: number; docs: Document.Parsed[] } | undefined;
  let start = 0;
  let opened = isMarkerAt(text, 0);
  while (start < text.length || start === 0) {
    marker.lastIndex = opened ? start + 3 : start;
    const found = marker.exec(text);
    const end = found ? found.index : text.length;
    const doc = plain.compose(start, end, opened);
    const docs = doc === undefined ? composedRegion(text, start, end, options, budget) : doc ? [doc] : [];
    if (!docs) {
      yield* composed(text, held?.start ?? start, options, budget);
      return;
    }
    if (held) yield* held.docs;
    held = { start, docs };
    if (!found) break;
    start = end;
    opened = true;
  }
  if (held) yield* held.docs;
}

function isMarkerAt(text: string, at: number): boolean {
  const m = new RegExp(MARKER_LINE);
  m.lastIndex = at;
  return m.exec(text)?.index === at;
}

/**
 * `yaml`'s documents of `text[start, end)`, composed with the next document's `---` line as lookahead
 * (so a scalar at the end stops where it would in the whole stream), offsets as in the whole text.
 * Undefined when there is an error or the lookahead is not a document starting at `end`: then only
 * the whole rest of the stream can be trusted.
 */
function composedRegion(text: string, start: number, end: number, options: Options, budget: () => Budget | undefined): Document.Parsed[] | undefined {
  const lookahead = end < text.length ? markerLineEnd(text, end) : end;
  if (lookahead < 0) return undefined;
  const docs = [...composed(text, start, options, budget, lookahead)];
  if (end < text.length && docs.pop()?.range[0] !== end) return undefined;
  if (docs.some((d) => d.errors.length > 0)) return undefined;
  return docs;
}

/** `yaml`'s documents of `text[start, end)`, offsets as in the whole text. */
function* composed(text: string, start: number, options: Options, budget: () => Budget | undefined, end = text.length): Generator<Document.Parsed> {
  const rest = start === 0 && end === text.length ? text : text.slice(start, end);
  for (const doc of new Composer(options).compose(tokens(rest, budget))) {
    if (start !== 0) shiftDocument(doc, start);
    yield doc;
  }
}

/**
 * Where the line of the `---` marker at `at` ends (after its line break), or -1 when no marker line
 * starts there: `---` at the start of a line, then nothing but a comment or spaces.
 */
export function markerLineEnd(text: string, at: number): number {
  if (!text.startsWith('---', at) || (at > 0 && !isLineBreak(text.charCodeAt(at - 1)))) return -1;
  const lineEnd = text.indexOf('\n', at);
  if (lineEnd < 0) return -1;
  const rest = text.slice(at + 3, lineEnd).replace(/\r$/, '');
  return /^(?:[ \t]+(?:#.*)?)?$/.test(rest) ? lineEnd + 1 : -1;
}

export function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

type Ranged = { range?: [number, number, number] | null };

/** Moves every offset of a parsed document by `delta` (node ranges, the document's range, errors). */
export function shiftDocument(doc: Document.Parsed, delta: number): void {
  const shift = (r: [number, number, number]): [number, number, number] => [r[0] + delta, r[1] + delta, r[2] + delta];
  doc.range = shift(doc.range);
  const move = (node: Ranged) => {
    if (node.range) node.range = shift(node.range);
  };
  walkNodes(doc.contents, { map: move, seq: move, scalar: move, alias: move });
  for (const e of [...doc.errors, ...doc.warnings]) e.pos = [e.pos[0] + delta, e.pos[1] + delta];
}

function* tokens(text: string, budget: () => Budget | undefined): Generator<CST.Token> {
  const parser = new Parser();
  for (const lexeme of new Lexer().lex(text)) {
    budget()?.tick(); // the budget decides how rarely it reads the clock
    yield* parser.next(lexeme);
  }
  yield* parser.end();
}
