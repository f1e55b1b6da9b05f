// Detects how a document lays out block collections (indent width, indentless or indented sequences,
// the gap after `-`), so inserted blocks look like the text around them; and whether it is written as
// JSON (its root a flow map, every key double-quoted), then how (pretty-printed with which indent, or
// on one line; `"key": value` or minified `"key":value`), so what a fix inserts is JSON laid out alike.
import { isMap, isPair, isScalar, isSeq, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { walkNodes } from '../nodes';
import type { LineIndex } from '../../text';
import type { BlockStyle, JsonStyle } from './emit';
import { columnOf, contentEnd, dashBefore, indentBefore, leadingBlanks, startOf } from './geometry';

const DEFAULT_STYLE: BlockStyle = { indent: 2, seqOffset: 2, dashGap: 2 };

/** Per parsed document: fix-all asks for every finding of every pass, and the walk costs about a parse. */
const CACHE = new WeakMap<Document.Parsed, BlockStyle>();

/** The most common block layout in the document; Kubernetes' own 2-space indented style when unknown. */
export function documentStyle(doc: Document.Parsed, lines: LineIndex): BlockStyle {
  const cached = CACHE.get(doc);
  if (cached) return cached;
  const style = measureStyle(doc, lines);
  CACHE.set(doc, style);
  return style;
}

function measureStyle(doc: Document.Parsed, lines: LineIndex): BlockStyle {
  const indents = new Tally<number>();
  const offsets = new Tally<number>();
  const gaps = new Tally<number>();
  const json = isMap(doc.contents) && doc.contents.flow ? new JsonTally(lines) : undefined;
  walkNodes(doc.contents, {
    map(map) {
      json?.collection(map);
    },
    seq(seq) {
      json?.collection(seq);
    },
    pair(pair) {
      json?.pair(pair.key, pair.value);
      const keyStart = startOf(pair.key);
      if (keyStart === undefined) return;
      const keyColumn = columnOf(lines, keyStart);
      if (isMap(pair.value) && !pair.value.flow) {
        const first = pair.value.items[0];
        const childStart = isPair(first) ? startOf(first.key) : undefined;
        if (childStart !== undefined && lines.lineAt(childStart) > lines.lineAt(keyStart)) indents.add(columnOf(lines, childStart) - keyColumn);
      } else if (isSeq(pair.value) && !pair.value.flow) {
        const itemStart = startOf(pair.value.items[0]);
        const dash = itemStart === undefined ? undefined : dashBefore(lines, itemStart);
        if (itemStart === undefined || dash === undefined) return;
        offsets.add(columnOf(lines, dash) - keyColumn);
        gaps.add(itemStart - dash);
      }
    },
  });
  const style: BlockStyle = {
    indent: indents.mostCommon(DEFAULT_STYLE.indent, (n) => n > 0),
    seqOffset: offsets.mostCommon(DEFAULT_STYLE.seqOffset, (n) => n >= 0),
    dashGap: gaps.mostCommon(DEFAULT_STYLE.dashGap, (n) => n >= 2),
  };
  const jsonStyle = json?.style();
  return jsonStyle ? { ...style, json: jsonStyle } : style;
}

/** What makes a document JSON and how it is laid out, measured pair by pair and collection by collection. */
class JsonTally {
  private quotedKeys = true;
  /** The indentation one nesting level adds, per multi-line collection. */
  private readonly units = new Tally<string>();
  /** What separates a key from its value: `:` alone (minified) or with a space. */
  private readonly colons = new Tally<boolean>();

  constructor(private readonly lines: LineIndex) {}

  pair(key: unknown, value: unknown): void {
    if (!isScalar(key) || key.type !== 'QUOTE_DOUBLE') this.quotedKeys = false;
    const keyEnd = contentEnd(key);
    const valueStart = startOf(value);
    if (keyEnd !== undefined && valueStart !== undefined) this.colons.add(this.lines.text.slice(keyEnd, valueStart) === ':');
  }

  /** A collection whose first entry starts a line below its bracket shows one level of indentation. */
  collection(node: YAMLMap | YAMLSeq): void {
    const open = startOf(node);
    const first: unknown = node.items[0];
    const firstStart = isPair(first) ? startOf(first.key) : startOf(first);
    if (open === undefined || firstStart === undefined || this.lines.lineAt(firstStart) === this.lines.lineAt(open)) return;
    const outer = leadingBlanks(this.lines, open);
    const inner = indentBefore(this.lines, firstStart);
    if (inner !== undefined && inner.length > outer.length && inner.startsWith(outer)) this.units.add(inner.slice(outer.length));
  }

  style(): JsonStyle | undefined {
    if (!this.quotedKeys) return undefined;
    return { indent: this.units.mostCommon(undefined, () => true), compact: this.colons.mostCommon(false, () => true) };
  }
}

/** Counts observations; ties go to the first value seen. */
class Tally<T> {
  private readonly counts = new Map<T, number>();

  add(value: T): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
  }

  mostCommon<F extends T | undefined>(fallback: F, valid: (n: T) => boolean): T | F {
    let best: T | F = fallback;
    let bestCount = 0;
    for (const [value, count] of this.counts) {
      if (valid(value) && count > bestCount) {
        best = value;
        bestCount = count;
      }
    }
    return best;
  }
}
