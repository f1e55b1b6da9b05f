// Minimal text edits on YAML collections, in block or flow style as found: remove or replace a
// sequence item, append an item, add or remove a map pair. Each returns undefined rather than guess
// when the layout is one it cannot edit exactly (the fix is then not offered). In a document written
// as JSON (style.json) what they insert is JSON, on its own lines where the document is pretty-printed.
import { isPair, isScalar, isSeq, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from '../../findings';
import type { LineIndex } from '../../text';
import { emitBlockMap, emitBlockSeqItems, emitFlow, emitJson, emitJsonPair, type BlockStyle, type JsonStyle, type YamlValue } from './emit';
import {
  afterLine,
  beforeLineBreaks,
  columnOf,
  contentEnd,
  dashBefore,
  indentBefore,
  lastLine,
  leadingBlanks,
  pairEnd,
  startOf,
  startsLine,
  wholeLines,
} from './geometry';

export interface EditSite {
  lines: LineIndex;
  eol: string;
  style: BlockStyle;
  /**
   * The last line that belongs to a node of `collection` starting at `start` and ending on `line` whose
   * key or dash is at `column`: in a Helm template, the lines after it that render deeper (`resources:`
   * then `{{ toYaml .Values.resources | indent 10 }}`). Insertions go after it.
   */
  lineAfter?: (start: number, line: number, column: number, collection: YAMLSeq | YAMLMap) => number;
}

/** A map pair holding a sequence (a container's `env:`), so emptying the sequence can remove the key. */
export interface SeqOwner {
  map: YAMLMap;
  pair: Pair;
  /** Keep the key even when the sequence empties (`key: []`): e.g. template lines inside it stay. */
  keepKey?: boolean;
}

/**
 * Deletes `item` from `seq`. Deleting the last item removes the owner's whole `key: …` pair (comments
 * inside it and on its line go with it; an empty list only says what the absent key says). Where that
 * cannot be done exactly (the key is its map's only one) the emptied sequence becomes `[]` instead.
 */
export function removeSeqItem(site: EditSite, seq: YAMLSeq, item: unknown, owner?: SeqOwner): TextEdit[] | undefined {
  const index = seq.items.indexOf(item);
  const start = startOf(item);
  const end = contentEnd(item);
  if (index < 0 || start === undefined || end === undefined) return undefined;
  const emptied = seq.items.length === 1;
  const ownerPair = owner?.pair.value === seq ? owner : undefined;
  if (emptied && ownerPair && !ownerPair.keepKey) {
    const removal = removeMapPair(site, ownerPair.map, ownerPair.pair);
    if (removal) return removal;
  }
  if (seq.flow) return emptied && site.style.json ? emptyJson(site, seq) : removeFlowEntry(seq.items, index, start, end);
  const dash = dashBefore(site.lines, start);
  if (dash === undefined) return undefined;
  const edits: TextEdit[] = [{ ...wholeLines(site.lines, site.lines.lineAt(dash), lastLine(site.lines, start, end)), newText: '' }];
  if (emptied) {
    const colon = ownerPair ? colonAfter(site.lines.text, ownerPair.pair) : undefined;
    if (colon === undefined) return undefined;
    edits.unshift({ start: colon + 1, end: colon + 1, newText: ' []' });
  }
  return edits;
}

/** Replaces a map item of a sequence by `value`, keeping its position and style. */
export function replaceSeqItem(site: EditSite, seq: YAMLSeq, item: YAMLMap, value: YamlValue): TextEdit[] | undefined {
  const start = startOf(item);
  const ends = contentEnd(item);
  if (start === undefined || ends === undefined) return undefined;
  const end = beforeLineBreaks(site.lines, ends);
  const json = site.style.json;
  if (json) {
    // Pretty-printed like the document when the item starts its line (JSON.stringify's layout); else on one line.
    const indent = json.indent === undefined ? undefined : indentBefore(site.lines, start);
    return [{ start, end, newText: emitJson(value, indent === undefined ? oneLine(json) : json, indent ?? '', site.eol) }];
  }
  if (seq.flow || item.flow) return [{ start, end, newText: emitFlow(value) }];
  const column = columnOf(site.lines, start);
  const text = emitBlockMap(value, column, site.style).join(site.eol).slice(column);
  return [{ start, end, newText: text }];
}

/** Where block items go instead of after an item: the start of a line before the list's first item. */
export interface LineStart {
  lineStart: number;
}

function isLineStart(x: unknown): x is LineStart {
  return typeof x === 'object' && x !== null && typeof (x as Partial<LineStart>).lineStart === 'number' && Object.keys(x).length === 1;
}

/**
 * Appends `values` as the last items of an existing sequence — or, in block style, right after the
 * item `after` (a Helm template's list whose last items a `{{ range }}` writes), or at the start of the
 * line `after` names (before the first item, when every item sits in a template block).
 */
export function appendSeqItems(site: EditSite, seq: YAMLSeq, values: YamlValue[], after?: unknown): TextEdit[] | undefined {
  if (isLineStart(after) && !seq.flow) {
    const first = startOf(seq.items[0]);
    const dash = first === undefined ? undefined : dashBefore(site.lines, first);
    if (first === undefined || dash === undefined || after.lineStart > dash) return undefined;
    const style = { ...site.style, dashGap: first - dash };
    const lines = emitBlockSeqItems(values, columnOf(site.lines, dash), style);
    return [{ start: after.lineStart, end: after.lineStart, newText: lines.join(site.eol) + site.eol }];
  }
  const last = after !== undefined && !seq.flow && seq.items.includes(after) ? after : seq.items[seq.items.length - 1];
  const json = seq.flow ? site.style.json : undefined;
  if (json) return insertJsonEntries(site, json, seq, (indent, style) => values.map((v) => emitJson(v, style, indent, site.eol)));
  const flow = values.map(emitFlow).join(', ');
  if (seq.flow) {
    if (last === undefined) {
      const open = startOf(seq);
      return open === undefined ? undefined : [{ start: open + 1, end: open + 1, newText: flow }];
    }
    const end = contentEnd(last);
    return end === undefined ? undefined : [{ start: end, end, newText: `, ${flow}` }];
  }
  const firstStart = startOf(seq.items[0]);
  const lastEnd = contentEnd(last);
  const dash = firstStart === undefined ? undefined : dashBefore(site.lines, firstStart);
  if (firstStart === undefined || lastEnd === undefined || dash === undefined) return undefined;
  const dashColumn = columnOf(site.lines, dash);
  const style = { ...site.style, dashGap: firstStart - dash };
  const lastLineOf = site.lines.lineAt(beforeLineBreaks(site.lines, lastEnd));
  const { at, lead } = afterLine(site.lines, site.lineAfter?.(startOf(last) ?? lastEnd, lastLineOf, dashColumn, seq) ?? lastLineOf, site.eol);
  return [{ start: at, end: at, newText: lead + joinLines(emitBlockSeqItems(values, dashColumn, style), site.eol, lead === '') }];
}

/** Adds `key: value` as the last pair of `map` (a block value is laid out in the site's style). */
export function addMapPair(site: EditSite, map: YAMLMap, key: string, value: YamlValue): TextEdit[] | undefined {
  const last = map.items[map.items.length - 1];
  const single: YamlValue = { map: [[key, value]] };
  const json = map.flow ? site.style.json : undefined;
  if (json) return insertJsonEntries(site, json, map, (indent, style) => [emitJsonPair(key, value, style, indent, site.eol)]);
  if (map.flow) {
    if (last === undefined) {
      const open = startOf(map);
      return open === undefined ? undefined : [{ start: open + 1, end: open + 1, newText: emitFlow(single).slice(1, -1) }];
    }
    const end = isPair(last) ? pairEnd(last) : undefined;
    return end === undefined ? undefined : [{ start: end, end, newText: `, ${emitFlow(single).slice(1, -1)}` }];
  }
  const firstKey = isPair(map.items[0]) ? startOf(map.items[0].key) : undefined;
  const end = isPair(last) ? pairEnd(last) : undefined;
  if (firstKey === undefined || end === undefined) return undefined;
  const endLine = site.lines.lineAt(beforeLineBreaks(site.lines, end));
  const { at, lead } = afterLine(
    site.lines,
    site.lineAfter?.((isPair(last) ? startOf(last.key) : undefined) ?? end, endLine, columnOf(site.lines, firstKey), map) ?? endLine,
    site.eol,
  );
  return [{ start: at, end: at, newText: lead + joinLines(emitBlockMap(single, columnOf(site.lines, firstKey), site.style), site.eol, lead === '') }];
}

/**
 * Removes one pair from a map: its whole lines in block style, the pair and a comma in flow style.
 * Declines to empty a block map (what is left would read as null, not as `{}`).
 */
export function removeMapPair(site: EditSite, map: YAMLMap, pair: Pair): TextEdit[] | undefined {
  const index = map.items.indexOf(pair);
  const start = startOf(pair.key);
  const end = pairEnd(pair);
  if (index < 0 || start === undefined || end === undefined) return undefined;
  if (map.flow && map.items.length === 1 && site.style.json) return emptyJson(site, map);
  if (map.flow)
    return removeFlowEntry(
      map.items.map((p) => (isPair(p) ? p.key : p)),
      index,
      start,
      end,
      map.items,
    );
  if (map.items.length === 1) return undefined;
  if (startsLine(site.lines, start)) return [{ ...wholeLines(site.lines, site.lines.lineAt(start), lastLine(site.lines, start, end)), newText: '' }];
  return index === 0 ? removeFirstPairOfItem(site, map, start, end) : undefined;
}

/**
 * Removes the first pair of a sequence item, which shares its line with the `- `. The next key moves
 * up onto the dash line when it is on the very next line; when comments or blank lines come between,
 * they stay where they are and the `-` is left alone on its line (the item's map then starts below it).
 */
function removeFirstPairOfItem(site: EditSite, map: YAMLMap, start: number, end: number): TextEdit[] | undefined {
  const next = map.items[1];
  const nextStart = isPair(next) ? startOf(next.key) : undefined;
  const dash = dashBefore(site.lines, start);
  if (nextStart === undefined || dash === undefined) return undefined;
  const last = lastLine(site.lines, start, end);
  if (site.lines.lineAt(nextStart) === last + 1) return [{ start, end: nextStart, newText: '' }];
  return [{ start: dash + 1, end: site.lines.lineEnd(last), newText: '' }];
}

/** Replaces a scalar's source text. */
export function replaceScalar(node: unknown, newText: string): TextEdit[] | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  return [{ start: node.range[0], end: node.range[1], newText }];
}

/** Removes entry `index` of a flow collection with its separating comma. */
function removeFlowEntry(starts: unknown[], index: number, start: number, end: number, entries: unknown[] = starts): TextEdit[] | undefined {
  if (index + 1 < starts.length) {
    const next = startOf(starts[index + 1]);
    return next === undefined ? undefined : [{ start, end: next, newText: '' }];
  }
  if (index === 0) return [{ start, end, newText: '' }];
  const previous = entries[index - 1];
  const previousEnd = isPair(previous) ? pairEnd(previous) : contentEnd(previous);
  return previousEnd === undefined ? undefined : [{ start: previousEnd, end, newText: '' }];
}

/**
 * Inserts entries after the last one of a JSON collection. In a pretty-printed document each goes on its
 * own line, indented like the last entry when that starts its line, and an empty collection opens onto
 * lines, as JSON.stringify lays them out; otherwise they follow on the same line. `entries` writes them
 * for an indentation and a style (one-line or pretty).
 */
function insertJsonEntries(
  site: EditSite,
  json: JsonStyle,
  node: YAMLMap | YAMLSeq,
  entries: (indent: string, style: JsonStyle) => string[],
): TextEdit[] | undefined {
  const { eol, lines } = site;
  const separator = json.compact ? ',' : ', ';
  const last: unknown = node.items[node.items.length - 1];
  if (last === undefined) {
    const inside = insideBrackets(site, node);
    if (!inside) return undefined;
    if (json.indent === undefined) return [{ start: inside.start, end: inside.start, newText: entries('', json).join(separator) }];
    const outer = leadingBlanks(lines, inside.start);
    const inner = outer + json.indent;
    return [{ ...inside, newText: `${eol}${inner}${entries(inner, json).join(`,${eol}${inner}`)}${eol}${outer}` }];
  }
  const lastStart = isPair(last) ? startOf(last.key) : startOf(last);
  const lastEnd = isPair(last) ? pairEnd(last) : contentEnd(last);
  if (lastStart === undefined || lastEnd === undefined) return undefined;
  const indent = json.indent === undefined ? undefined : indentBefore(lines, lastStart);
  if (indent === undefined) return [{ start: lastEnd, end: lastEnd, newText: separator + entries('', oneLine(json)).join(separator) }];
  return [{ start: lastEnd, end: lastEnd, newText: `,${eol}${indent}${entries(indent, json).join(`,${eol}${indent}`)}` }];
}

/** Empties a JSON collection whose entries all go: `[]` / `{}`, with nothing left between the brackets. */
function emptyJson(site: EditSite, node: YAMLMap | YAMLSeq): TextEdit[] | undefined {
  const inside = insideBrackets(site, node);
  return inside && [{ ...inside, newText: '' }];
}

/** [after the opening bracket, the closing bracket) of a flow collection, or undefined when the text is not that. */
function insideBrackets(site: EditSite, node: YAMLMap | YAMLSeq): { start: number; end: number } | undefined {
  const [open, close] = isSeq(node) ? ['[', ']'] : ['{', '}'];
  const start = startOf(node);
  const end = node.range ? node.range[1] - 1 : undefined;
  const text = site.lines.text;
  if (start === undefined || end === undefined || text[start] !== open || text[end] !== close) return undefined;
  return { start: start + 1, end };
}

function oneLine(json: JsonStyle): JsonStyle {
  return { ...json, indent: undefined };
}

function colonAfter(text: string, key: Pair): number | undefined {
  const keyEnd = contentEnd(key.key);
  if (keyEnd === undefined) return undefined;
  const colon = text.indexOf(':', keyEnd);
  return colon >= 0 && /^[ \t]*$/.test(text.slice(keyEnd, colon)) ? colon : undefined;
}

function joinLines(lines: string[], eol: string, trailing: boolean): string {
  return lines.join(eol) + (trailing ? eol : '');
}
