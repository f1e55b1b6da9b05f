// A fast path for the plain block YAML most manifests are written in: block maps and sequences, one-line
// plain and quoted scalars, one-line flow collections of scalars, blank lines and comments. It reads the text once, line by line, and builds the very objects
// `yaml` would (Scalar, Pair, YAMLMap, YAMLSeq in a Document, the same values, types and ranges, the
// scalars resolved by the same schema tags) without `yaml`'s token and syntax-tree objects, which made most
// of the cost of opening a large manifest (lexer, parser and the garbage they leave).
//
// Anything else — block scalars, anchors, tags, escapes, multi-line scalars, tabs, CR line ends, unusual
// indentation, a comment line after an empty value — declines, and `yaml` composes that document
// (yaml-stream.ts). Node comments are not kept (the engine never reads them), but where `yaml`'s parser
// puts a comment line moves ranges, and that is copied (settleComments, closeRange). A property test
// (test/unit/plain-yaml.test.ts) compares every document this composes with `yaml`'s own.
import { blockScalarEnd, blockScalarValue } from './block-scalar';
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, isScalar, type DocumentOptions, type ParseOptions, type Schema, type SchemaOptions } from 'yaml';

type Range = [number, number, number];
export type ComposeOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** A scalar tag as `yaml`'s schema holds it (only what composition uses). */
interface ScalarTag {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  resolve(value: string, onError: (message: string) => void, options: unknown): unknown;
}

/** `yaml`'s key for a schema's string tag (`Symbol.for`, so the same symbol as the library's). */
const STRING_TAG = Symbol.for('yaml.scalar');

/** Thrown from anywhere in a document the fast path does not take; caught once per document. */
class Declined extends Error {}
/** One instance, made once: throwing it costs no stack trace. */
const DECLINE = new Declined('the fast path does not take this document');

const SPACE = 32;
const NEWLINE = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;

/**
 * Composes the documents of one stream. `compose(start, end, marker)` takes one region of the text: from
 * a `---` line (or the start of the text) to the next `---` line (or the end).
 */
export class PlainComposer {
  private readonly tagOf = new Map<string, ScalarTag>();
  private readonly keyTagOf = new Map<string, ScalarTag>();
  private schema!: Schema;
  /** The tags `tagOf` was filled from: each Document has a Schema of its own, made of the same tags. */
  private tags: readonly ScalarTag[] = [];
  /** What `yaml` hands to a tag's resolve: the document's options. */
  private resolveOptions: unknown;
  /** The region being composed, and the line the composer stands on. */
  private end = 0;
  private line = 0;
  private lineEnd = 0;
  private indent = 0;
  /** The comment lines the last seek passed over: their columns, and where each ends (after its line break). */
  private readonly commentColumns: number[] = [];
  private readonly commentEnds: number[] = [];
  /**
   * Comment lines waiting for the next item (`yaml` puts them in its start): the largest column among
   * them (-1: none), and where the next content starts. A collection that ends keeps them when one is at
   * or right of its column, which then ends its range (closeRange).
   */
  private pendingColumn = -1;
  private pendingEnd = 0;

  constructor(
    private readonly text: string,
    private readonly options: ComposeOptions,
    /** Called once per line read (the editor's time guard). */
    private readonly onLine: () => void = () => undefined,
  ) {}

  /**
   * The region's document; null when it holds none (comments or nothing before the first `---`);
   * undefined when the fast path declines it.
   */
  compose(start: number, end: number, marker: boolean): Document.Parsed | null | undefined {
    const text = this.text;
    this.end = end;
    let at = start;
    if (marker) {
      // `---` and nothing but spaces on its line.
      let i = start + 3;
      while (i < end && text.charCodeAt(i) === SPACE) i++;
      if (i < end && text.charCodeAt(i) !== NEWLINE) return undefined;
      at = i < end ? i + 1 : end;
    }
    this.pendingColumn = -1;
    try {
      this.seek(at, true);
      if (this.line >= end) return marker ? undefined : null; // an empty document: `yaml` decides
      if (this.indent !== 0) return undefined;
      const doc = new Document(undefined, this.options) as unknown as Document.Parsed;
      this.useSchema(doc.schema);
      this.resolveOptions = doc.options;
      const contentStart = this.line;
      const root = this.isKeyLine(this.line) ? this.blockMap(0, this.line) : this.dashAt(this.line) ? this.blockSeq(0) : undefined;
      if (!root) return undefined;
      // Only blank and comment lines may follow the content; they belong to the document when its last
      // value ended its line (an empty value keeps them in its pair, as `yaml`'s parser does).
      const contentEnd = root.range![2];
      if (this.line < end) return undefined;
      const lastEndsLine = contentEnd > 0 && text.charCodeAt(contentEnd - 1) === NEWLINE;
      const docEnd = this.pendingColumn >= 0 ? end : lastEndsLine ? this.blankEnd(contentEnd) : contentEnd;
      if (marker) doc.directives.docStart = true;
      doc.contents = root as never;
      doc.range = [marker ? start : contentStart, contentEnd, docEnd];
      return doc;
    } catch (err) {
      if (err === DECLINE) return undefined;
      throw err;
    }
  }

  private useSchema(schema: Schema): void {
    // A compat schema (warnings about YAML 1.1 readings) is not handled.
    if ((schema as unknown as { compat?: unknown }).compat) throw DECLINE;
    this.schema = schema;
    const tags = (schema as unknown as { tags: ScalarTag[] }).tags;
    if (tags.length !== this.tags.length || tags.some((t, i) => t !== this.tags[i])) {
      this.tags = [...tags];
      this.tagOf.clear();
      this.keyTagOf.clear();
    }
  }

  /** Where the blank lines from `at` end (the region's end when only blank lines are left). */
  private blankEnd(at: number): number {
    const text = this.text;
    let i = at;
    while (i < this.end) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === NEWLINE) i++;
      else break;
    }
    return i;
  }

  /**
   * Moves to the first content line at or after `at`, skipping blank and comment lines (noting the
   * comment lines unless they come before the content: `leading`). Leaves `line` at the region's end
   * when none is left.
   */
  private seek(at: number, leading = false): void {
    const text = this.text;
    const end = this.end;
    if (this.commentColumns.length > 0) {
      this.commentColumns.length = 0;
      this.commentEnds.length = 0;
    }
    let line = at;
    while (line < end) {
      this.onLine();
      let i = line;
      while (i < end && text.charCodeAt(i) === SPACE) i++;
      let lineEnd = text.indexOf('\n', i);
      if (lineEnd < 0 || lineEnd > end) lineEnd = end;
      const c = i < lineEnd ? text.charCodeAt(i) : NEWLINE;
      if (c === NEWLINE) {
        line = lineEnd + 1;
        continue;
      }
      if (c === HASH) {
        if (text.charCodeAt(lineEnd - 1) === 13) throw DECLINE;
        if (!leading) {
          this.commentColumns.push(i - line);
          this.commentEnds.push(lineEnd < end ? lineEnd + 1 : end);
        }
        line = lineEnd + 1;
        continue;
      }
      // Tabs and carriage returns make `yaml` apply rules this composer does not.
      for (let j = i; j < lineEnd; j++) {
        const k = text.charCodeAt(j);
        if (k === 9 || k === 13) throw DECLINE;
      }
      this.line = line;
      this.indent = i - line;
      this.lineEnd = lineEnd;
      return;
    }
    this.line = end;
    this.indent = -1;
    this.lineEnd = end;
  }

  /** After the line the composer stands on. */
  private nextLineStart(): number {
    return this.lineEnd < this.end ? this.lineEnd + 1 : this.end;
  }

  private dashAt(at: number): boolean {
    return this.text.charCodeAt(at) === DASH && this.text.charCodeAt(at + 1) === SPACE && at + 1 < this.lineEnd;
  }

  /** A plain key (`name:` then a space or the line's end) starting at `at`. */
  private isKeyLine(at: number): boolean {
    return this.keyEnd(at) >= 0;
  }

  /** Where the plain key at `at` ends (its `:`), or -1. */
  private keyEnd(at: number): number {
    const text = this.text;
    if (!plainStart(text.charCodeAt(at), text.charCodeAt(at + 1))) return -1;
    for (let i = at + 1; i < this.lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (c === COLON) {
        const next = i + 1 < this.lineEnd ? text.charCodeAt(i + 1) : NEWLINE;
        if (next === SPACE || next === NEWLINE) return text.charCodeAt(i - 1) === SPACE ? -1 : i;
      } else if (c === HASH || FLOW_OR_QUOTE[c] === 1) return -1;
    }
    return -1;
  }

  /** A block map whose items stand at column `col`; its first key starts at `first` (maybe after `- `). */
  private blockMap(col: number, first: number): YAMLMap {
    const map = new YAMLMap(this.schema);
    let keyAt = first;
    let rangeEnd = first;
    for (;;) {
      const colon = this.keyEnd(keyAt);
      if (colon < 0) throw DECLINE;
      const key = this.plainScalar(keyAt, colon, colon, true);
      const value = this.valueAfter(colon + 1, col, true);
      map.items.push(new Pair(key, value));
      rangeEnd = value.range![2];
      // valueAfter left the composer on the next content line.
      if (this.line >= this.end || this.indent < col) break;
      if (this.indent > col) throw DECLINE;
      this.pendingColumn = -1; // comment lines before the next key are its own
      keyAt = this.line + this.indent;
    }
    map.range = [first, rangeEnd, this.closeRange(col, rangeEnd)];
    return map;
  }

  /** A block sequence whose dashes stand at column `col`, starting on the current line. */
  private blockSeq(col: number): YAMLSeq {
    const seq = new YAMLSeq(this.schema);
    const start = this.line + this.indent;
    let rangeEnd = start;
    for (;;) {
      const dash = this.line + this.indent;
      let at = dash + 1;
      while (at < this.lineEnd && this.text.charCodeAt(at) === SPACE) at++;
      if (at >= this.lineEnd) throw DECLINE; // `-` alone, its item on the lines below
      let item: Scalar | YAMLMap | YAMLSeq;
      if (this.isKeyLine(at)) item = this.blockMap(at - this.line, at);
      else if (this.dashAt(at))
        throw DECLINE; // `- - x`
      else item = this.inlineValue(at, col);
      seq.items.push(item);
      rangeEnd = item.range![2];
      if (this.line >= this.end || this.indent < col) break;
      if (this.indent > col) throw DECLINE;
      if (!this.dashAt(this.line + this.indent)) break; // the map this sequence is a value of goes on
      this.pendingColumn = -1;
    }
    seq.range = [start, rangeEnd, this.closeRange(col, rangeEnd)];
    return seq;
  }

  /**
   * The end of a collection at column `col` that ends here: comment lines pending for a next item stay
   * in it when one is at or right of its column (not at column 0), as `yaml`'s parser leaves them, and
   * its range then runs to the next content; else they go on to the collection around it.
   */
  private closeRange(col: number, valuesEnd: number): number {
    if (this.pendingColumn < col || col === 0) return valuesEnd;
    this.pendingColumn = -1;
    return this.pendingEnd;
  }

  /**
   * After a value at `node`, in a collection at column `col`: the comment lines seek just passed. Those
   * right of the column, before any other, are the value's (its range runs over them); the others wait
   * for the next item.
   */
  private settleComments(node: Scalar | YAMLMap | YAMLSeq, col: number, attachable = true): void {
    const n = this.commentColumns.length;
    if (n === 0) return;
    let own = 0;
    while (attachable && own < n && this.commentColumns[own] > col) own++;
    if (own > 0) {
      if (!isScalar(node)) throw DECLINE; // a flow collection's end tokens: not copied here
      node.range![2] = this.commentEnds[own - 1];
    }
    if (own === n) return;
    this.pendingColumn = Math.max(...this.commentColumns.slice(own));
    this.pendingEnd = this.line < this.end ? this.line + this.indent : this.end;
  }

  /**
   * The value of the key whose `:` ends before `at`, in a map at column `col`: on the same line, or a
   * block on the lines below, or empty. Leaves the composer on the next content line.
   */
  private valueAfter(at: number, col: number, inMap: boolean): Scalar | YAMLMap | YAMLSeq {
    const text = this.text;
    let i = at;
    while (i < this.lineEnd && text.charCodeAt(i) === SPACE) i++;
    // `key: # comment` is a key whose value is below, as after `key:`.
    const commented = i < this.lineEnd && text.charCodeAt(i) === HASH && i > at;
    if (i < this.lineEnd && !commented) return this.inlineValue(i, col);
    if (commented && text.charCodeAt(this.lineEnd - 1) === 13) throw DECLINE;
    // Nothing after the `:`: a block below, or an empty value (a null scalar where the line's spaces end).
    this.seek(this.nextLineStart());
    const below = this.line < this.end ? this.line + this.indent : -1;
    if (below >= 0 && this.indent > col) {
      if (this.dashAt(below)) return this.blockSeq(this.indent);
      if (this.isKeyLine(below)) return this.blockMap(this.indent, below);
      throw DECLINE; // a scalar on the next line
    }
    if (below >= 0 && inMap && this.indent === col && this.dashAt(below)) return this.blockSeq(col);
    // An empty value: `yaml` keeps comments after it in its pair, moving its range; not copied.
    if (commented || this.commentColumns.length > 0) throw DECLINE;
    return this.plainScalar(i, i, i, false);
  }

  /** A scalar or flow collection starting at `at` and ending its line. Leaves the composer on the next content line. */
  private inlineValue(at: number, col: number): Scalar | YAMLMap | YAMLSeq {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === 124 || c === 62) return this.blockScalar(at, col);
    // A plain scalar is made once its line is known to end well; quoted ones and flow collections first.
    let node: Scalar | YAMLMap | YAMLSeq | undefined;
    let valueEnd: number;
    if (c === 34 || c === 39) {
      valueEnd = this.quotedEnd(at);
      node = this.quoted(at, valueEnd);
    } else if (c === 123 || c === 91) {
      const flow = this.flowCollection(at);
      node = flow.node;
      valueEnd = flow.end;
    } else {
      if (!plainStart(c, text.charCodeAt(at + 1))) throw DECLINE;
      valueEnd = this.plainEnd(at);
    }
    // The rest of the line: spaces, then a comment or nothing.
    let i = valueEnd;
    while (i < this.lineEnd && text.charCodeAt(i) === SPACE) i++;
    if (i < this.lineEnd && (text.charCodeAt(i) !== HASH || i === valueEnd)) throw DECLINE;
    const next = this.nextLineStart();
    if (node) node.range![2] = next;
    else node = this.plainScalar(at, valueEnd, next, false);
    this.seek(next);
    // A line below indented past the value's column would continue it (or be an error).
    if (this.line < this.end && this.indent > col) throw DECLINE;
    this.settleComments(node, col);
    return node;
  }

  /**
   * A block scalar (`|`, `>`, with `-` or `+`) whose header is at `at`, the value of a collection at
   * column `col`: where it ends is found as `yaml`'s lexer finds it, its value as `yaml` folds and chomps
   * it (block-scalar.ts). An indentation indicator, an empty scalar, tabs or CRs decline. Leaves the
   * composer on the next content line.
   */
  private blockScalar(at: number, col: number): Scalar {
    const text = this.text;
    let i = at + 1;
    const chompChar = text.charCodeAt(i);
    const chomp = chompChar === DASH ? '-' : chompChar === 43 ? '+' : '';
    if (chomp) i++;
    let j = i;
    while (j < this.lineEnd && text.charCodeAt(j) === SPACE) j++;
    if (j < this.lineEnd && (text.charCodeAt(j) !== HASH || j === i)) throw DECLINE; // an indicator digit, or text
    if (this.lineEnd >= this.end || text.charCodeAt(this.lineEnd - 1) === 13) throw DECLINE;
    const pos = this.lineEnd + 1;
    const end = blockScalarEnd(text, pos, col + 1, chomp === '+', this.end);
    if (end < 0) throw DECLINE;
    for (let k = pos; k < end; k++) {
      const ch = text.charCodeAt(k);
      if (ch === 9 || ch === 13) throw DECLINE;
    }
    // A tab after the end would make `yaml`'s lexer take more lines in (seek declines it below, too).
    const value = blockScalarValue(text.slice(pos, end), text.charCodeAt(at) === 62, chomp, col);
    if (value === undefined) throw DECLINE;
    const scalar = this.stringScalar(value, at, end, text.charCodeAt(at) === 62 ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL);
    this.seek(end);
    if (this.line < this.end && this.indent > col) throw DECLINE;
    // `yaml` gives a block scalar no end tokens: comment lines after it all wait for the next item.
    this.settleComments(scalar, col, false);
    return scalar;
  }

  /** Where a one-line plain scalar from `at` ends: before a ` #` comment and trailing spaces. */
  private plainEnd(at: number): number {
    const text = this.text;
    let end = at;
    for (let i = at; i < this.lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE) {
        if (text.charCodeAt(i + 1) === HASH) break;
        continue;
      }
      // `a: b: c` and `a: b:` are errors in a block value.
      if (c === COLON && (i + 1 >= this.lineEnd || text.charCodeAt(i + 1) === SPACE)) throw DECLINE;
      end = i + 1;
    }
    return end;
  }

  /** After the closing quote of a one-line quoted scalar at `at`; escapes in double quotes decline. */
  private quotedEnd(at: number): number {
    const text = this.text;
    const q = text.charCodeAt(at);
    for (let i = at + 1; i < this.lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (q === 34 && c === 92) throw DECLINE;
      if (c !== q) continue;
      if (q === 39 && text.charCodeAt(i + 1) === 39) {
        i++;
        continue;
      }
      return i + 1;
    }
    throw DECLINE; // runs on to the next line
  }

  private quoted(start: number, end: number): Scalar {
    const text = this.text;
    const double = text.charCodeAt(start) === 34;
    const raw = text.slice(start + 1, end - 1);
    const value = double ? raw : raw.replaceAll("''", "'");
    return this.stringScalar(value, start, end, double ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE);
  }

  /** A quoted or block scalar: `yaml` resolves it by the schema's string tag, whatever its text. */
  private stringScalar(value: string, start: number, end: number, type: Scalar.Type): Scalar {
    const tag = (this.schema as unknown as Record<symbol, ScalarTag>)[STRING_TAG];
    const scalar = this.resolved(tag, value);
    scalar.range = [start, end, end];
    scalar.source = value;
    scalar.type = type;
    return scalar;
  }

  /** A one-line flow collection of scalars (`{a: b, c: d}`, `[a, "b"]`, `[]`); anything nested declines. */
  private flowCollection(at: number, depth = 0): { node: YAMLMap | YAMLSeq; end: number } {
    const text = this.text;
    if (depth > MAX_FLOW_DEPTH) throw DECLINE;
    const isMap = text.charCodeAt(at) === 123;
    const close = isMap ? 125 : 93;
    const node = isMap ? new YAMLMap(this.schema) : new YAMLSeq(this.schema);
    node.flow = true;
    let i = at + 1;
    const skipSpaces = () => {
      while (i < this.lineEnd && text.charCodeAt(i) === SPACE) i++;
    };
    skipSpaces();
    if (text.charCodeAt(i) === close) {
      if (i !== at + 1) throw DECLINE; // `[ ]`: where `yaml` puts the spaces is not worth copying
    } else {
      for (;;) {
        const key = isMap ? this.flowScalar(i, COLON) : this.flowItem(i, depth);
        i = key.range![1];
        if (isMap) {
          if (text.charCodeAt(i) !== COLON || text.charCodeAt(i + 1) !== SPACE) throw DECLINE;
          i += 2;
          skipSpaces();
          const value = this.flowItem(i, depth);
          i = value.range![1];
          (node as YAMLMap).items.push(new Pair(key, value));
        } else (node as YAMLSeq).items.push(key);
        const c = text.charCodeAt(i);
        if (c === close) break;
        if (c !== 44 || text.charCodeAt(i + 1) !== SPACE) throw DECLINE; // `, ` between items only
        i += 2;
        skipSpaces();
        if (text.charCodeAt(i) === close) throw DECLINE; // a trailing comma
      }
    }
    if (i >= this.lineEnd) throw DECLINE;
    node.range = [at, i + 1, i + 1];
    return { node, end: i + 1 };
  }

  /** A value inside a flow collection: a scalar, or a flow collection nested in it on the same line. */
  private flowItem(at: number, depth: number): Scalar | YAMLMap | YAMLSeq {
    const c = this.text.charCodeAt(at);
    return c === 123 || c === 91 ? this.flowCollection(at, depth + 1).node : this.flowScalar(at, -1);
  }

  /** A plain or quoted scalar inside a flow collection at `at`; a plain one ends before `,`, the closer, or `stop`. */
  private flowScalar(at: number, stop: number): Scalar {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === 34 || c === 39) {
      const end = this.quotedEnd(at);
      return this.quoted(at, end);
    }
    if (!plainStart(c, text.charCodeAt(at + 1))) throw DECLINE;
    let end = at;
    for (let i = at; i < this.lineEnd; i++) {
      const k = text.charCodeAt(i);
      if (k === 44 || k === 125 || k === 93 || (k === stop && text.charCodeAt(i + 1) === SPACE)) break;
      if (k === SPACE) continue;
      if (k === HASH || k === COLON || FLOW_OR_QUOTE[k] === 1) throw DECLINE;
      end = i + 1;
    }
    // Spaces before the `,` or closer: `yaml` counts them into the scalar's range.
    if (end < this.lineEnd && text.charCodeAt(end) === SPACE) throw DECLINE;
    return this.plainScalar(at, end, end, stop === COLON);
  }

  /** A plain scalar `text[start, end)`, resolved by the schema's tags as `yaml` resolves it. */
  private plainScalar(start: number, end: number, next: number, atKey: boolean): Scalar {
    const source = this.text.slice(start, end);
    const tag = this.tagFor(source, atKey);
    const scalar = this.resolved(tag, source);
    scalar.range = [start, end, next] as Range;
    scalar.source = source;
    scalar.type = Scalar.PLAIN;
    if (tag.format) scalar.format = tag.format;
    return scalar;
  }

  private resolved(tag: ScalarTag, source: string): Scalar {
    let failed = false;
    const value = tag.resolve(
      source,
      () => {
        failed = true;
      },
      this.resolveOptions,
    );
    if (failed) throw DECLINE;
    return isScalar(value) ? value : new Scalar(value);
  }

  /** The first default tag whose test matches, as `yaml`'s composer picks it (keys may also take key-only tags). */
  private tagFor(source: string, atKey: boolean): ScalarTag {
    const cache = atKey ? this.keyTagOf : this.tagOf;
    let tag = cache.get(source);
    if (tag) return tag;
    const schema = this.schema as unknown as { tags: ScalarTag[] } & Record<symbol, ScalarTag>;
    tag = schema.tags.find((t) => (t.default === true || (atKey && t.default === 'key')) && t.test?.test(source)) ?? schema[STRING_TAG];
    if (cache.size < 4096) cache.set(source, tag);
    return tag;
  }
}

/** Flow collections nested deeper than this on one line decline (the composer recurses). */
const MAX_FLOW_DEPTH = 32;

/** Characters that end or open flow collections and quotes: never inside the plain scalars taken here. */
const FLOW_OR_QUOTE = new Uint8Array(128);
for (const c of '[]{},"\'') FLOW_OR_QUOTE[c.charCodeAt(0)] = 1;

/**
 * Whether a plain scalar may start with `c` (followed by `next`) here: not an indicator, except `-` before
 * a non-space (`-1`, `--flag`).
 */
function plainStart(c: number, next: number): boolean {
  if (c === DASH) return next !== SPACE && next !== NEWLINE && !Number.isNaN(next);
  if (c >= 128) return c !== 0xfeff;
  return PLAIN_FIRST[c] === 1;
}

const PLAIN_FIRST = new Uint8Array(128);
for (let c = 48; c <= 57; c++) PLAIN_FIRST[c] = 1;
for (let c = 65; c <= 90; c++) PLAIN_FIRST[c] = 1;
for (let c = 97; c <= 122; c++) PLAIN_FIRST[c] = 1;
for (const c of '_$/.~(+;=^') PLAIN_FIRST[c.charCodeAt(0)] = 1;
