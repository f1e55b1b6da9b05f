// Detects how a document lays out block collections (indent width, indentless or indented sequences,
// the gap after `-`), so inserted blocks look like the text around them.
import { isMap, isPair, isSeq, visit, type Document } from 'yaml';
import type { LineIndex } from '../../text';
import type { BlockStyle } from './emit';
import { columnOf, dashBefore, startOf } from './geometry';

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
  const indents = new Tally();
  const offsets = new Tally();
  const gaps = new Tally();
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair)) return;
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
  return {
    indent: indents.mostCommon(DEFAULT_STYLE.indent, (n) => n > 0),
    seqOffset: offsets.mostCommon(DEFAULT_STYLE.seqOffset, (n) => n >= 0),
    dashGap: gaps.mostCommon(DEFAULT_STYLE.dashGap, (n) => n >= 2),
  };
}

/** Counts observations; ties go to the first value seen. */
class Tally {
  private readonly counts = new Map<number, number>();

  add(value: number): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
  }

  mostCommon(fallback: number, valid: (n: number) => boolean): number {
    let best = fallback;
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
