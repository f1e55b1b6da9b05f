// Where a node's text really starts and ends, in lines and columns. `yaml` gives block collections
// a range that runs past their last line (trailing comments, the line break), so edits use the end of
// the node's own content instead.
import { isMap, isPair, isSeq, visit, type Document, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { LineIndex } from '../../text';

type Ranged = { range?: [number, number, number] | null };

/** End offset of the node's own content (no trailing comment or line break), or undefined. */
export function contentEnd(node: unknown): number | undefined {
  if (isMap(node) && !node.flow) {
    const last = node.items[node.items.length - 1];
    return isPair(last) ? pairEnd(last) : undefined;
  }
  if (isSeq(node) && !node.flow) {
    return contentEnd(node.items[node.items.length - 1]);
  }
  return (node as Ranged | undefined)?.range?.[1];
}

/** Start offset of a node, or undefined for nodes without source. */
export function startOf(node: unknown): number | undefined {
  return (node as Ranged | undefined)?.range?.[0];
}

/** End of a pair's content: its value's end, or its key's for `key:` with no value. */
export function pairEnd(pair: Pair): number | undefined {
  const keyEnd = contentEnd(pair.key);
  const valueEnd = pair.value === null ? undefined : contentEnd(pair.value);
  if (keyEnd === undefined) return valueEnd;
  return valueEnd === undefined ? keyEnd : Math.max(keyEnd, valueEnd);
}

/**
 * `end` moved back over the line breaks a block scalar's range takes in (`value: |-` ends at the start
 * of the next line), so a replacement keeps the break and a line computed from it is the node's own.
 */
export function beforeLineBreaks(lines: LineIndex, end: number): number {
  let at = end;
  while (at > 0 && (lines.text[at - 1] === '\n' || lines.text[at - 1] === '\r')) at--;
  return at;
}

/** The line of the last character in [start, end). */
export function lastLine(lines: LineIndex, start: number, end: number): number {
  return lines.lineAt(Math.max(start, end - 1));
}

export function columnOf(lines: LineIndex, offset: number): number {
  return offset - lines.lineStart(lines.lineAt(offset));
}

/** True when only spaces precede `offset` on its line. */
export function startsLine(lines: LineIndex, offset: number): boolean {
  return /^[ ]*$/.test(lines.text.slice(lines.lineStart(lines.lineAt(offset)), offset));
}

/** The spaces and tabs before `offset` when only they precede it on its line (JSON may indent with tabs); else undefined. */
export function indentBefore(lines: LineIndex, offset: number): string | undefined {
  const before = lines.text.slice(lines.lineStart(lines.lineAt(offset)), offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

/** The spaces and tabs that start the line holding `offset`. */
export function leadingBlanks(lines: LineIndex, offset: number): string {
  const start = lines.lineStart(lines.lineAt(offset));
  return /^[ \t]*/.exec(lines.text.slice(start, offset))?.[0] ?? '';
}

/** Offset of the `-` that introduces a block sequence item starting at `itemStart` on the same line. */
export function dashBefore(lines: LineIndex, itemStart: number): number | undefined {
  let i = itemStart - 1;
  while (i >= 0 && lines.text[i] === ' ') i--;
  return i >= 0 && lines.text[i] === '-' && startsLine(lines, i) ? i : undefined;
}

/**
 * [start of `first` line, start of the line after `last`) — whole lines, line breaks included. When
 * `last` is the file's final line without a line break, the break before `first` goes instead, so the
 * file keeps ending the way it did.
 */
export function wholeLines(lines: LineIndex, first: number, last: number): { start: number; end: number } {
  if (last + 1 < lines.lineCount) return { start: lines.lineStart(first), end: lines.lineStart(last + 1) };
  return { start: first > 0 ? lines.lineEnd(first - 1) : 0, end: lines.text.length };
}

/** Where to insert whole lines after `line`, and the prefix needed when the file lacks a final break. */
export function afterLine(lines: LineIndex, line: number, eol: string): { at: number; lead: string } {
  const at = lines.nextLineStart(line);
  return { at, lead: line + 1 < lines.lineCount ? '' : eol };
}

/**
 * Where a collection begins in the text: the key it is the value of (`volumes:` for its list), else its
 * own first entry. A block around it there is around all of it.
 */
export function collectionStart(doc: Document.Parsed, collection: YAMLSeq | YAMLMap): number | undefined {
  let key: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (pair.value !== collection) return undefined;
      key = startOf(pair.key);
      return visit.BREAK;
    },
  });
  const first = collection.items[0];
  return key ?? (isPair(first) ? startOf(first.key) : startOf(first));
}
