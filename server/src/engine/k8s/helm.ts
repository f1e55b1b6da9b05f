// Helm templates: `{{ … }}` actions are masked before the YAML parse so a chart's templates parse
// like plain manifests and every offset still points into the original text. An action inside a
// line becomes same-length placeholder text; a line made only of actions (`{{- if … }}`,
// `{{ end }}`, `{{- toYaml .Values.env | nindent 12 }}`) becomes a comment, because what it
// produces cannot be known without the values. Line breaks are kept, so line numbers stay true.
import type { TextRange } from '../findings';
import { partitionPoint } from '../text';

export interface TemplateAction extends TextRange {
  /** The action fills a whole line: control flow or generated structure, never a value we can read. */
  wholeLine: boolean;
  /**
   * The action ends a line after a key and starts its output with a line break (`labels: {{- include
   * "x.labels" . | nindent 4 }}`): it produces the key's block value, so it is masked as a comment.
   */
  blockValue: boolean;
}

export interface TemplateMask {
  /** The text the YAML parser sees: same length and same line breaks as the original. */
  masked: string;
  actions: TemplateAction[];
}

/** Filler for an action inside a line: a plain-scalar character that is valid in keys, values and quotes. */
const PLACEHOLDER = '_';

/** Masks template actions, or returns undefined when the text has none. */
export function maskTemplates(text: string): TemplateMask | undefined {
  if (!text.includes('{{')) return undefined;
  const spans = findActions(text);
  if (spans.length === 0) return undefined;
  const chars = text.split('');
  const inAction = new Uint8Array(text.length);
  for (const s of spans) inAction.fill(1, s.start, s.end);
  const actions: TemplateAction[] = spans.map((s) => ({ ...s, wholeLine: false, blockValue: false }));
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    maskLine(text, chars, inAction, lineStart, lineEnd);
    lineStart = lineEnd + 1;
  }
  for (const action of actions) {
    action.wholeLine = isWholeLine(text, inAction, action);
    if (!action.wholeLine && isBlockValue(text, action)) {
      action.blockValue = true;
      // `key: #…` (a `#` starts a comment only after a blank, so the action's first character is one).
      for (let i = action.start; i < action.end; i++) chars[i] = i === action.start ? ' ' : i === action.start + 1 ? '#' : ' ';
    }
  }
  return { masked: chars.join(''), actions };
}

/**
 * `key: {{- … | nindent N }}` or `- {{ toYaml $item | nindent 8 | trim }}` as the last thing on its line,
 * within one line: the action writes structure (toYaml, or an indented block), not a scalar.
 */
function isBlockValue(text: string, action: TextRange): boolean {
  const lineStart = text.lastIndexOf('\n', action.start - 1) + 1;
  const lineEnd = text.indexOf('\n', action.start);
  const end = lineEnd < 0 ? text.length : lineEnd;
  if (action.end > end || text.slice(action.end, end).trim() !== '') return false;
  const before = text.slice(lineStart, action.start).trim();
  if (!/:$/.test(before) && before !== '-') return false;
  if (/\btoYaml\b|\|\s*n?indent\s+\d+/.test(text.slice(action.start, action.end))) return true;
  // `env: {{ ternary nil "[]" … }}` followed by the list's items (n8n): what the action writes is
  // replaced by the block under the key, so it is masked like a block value.
  // The key's column: after the `- ` of a list item's first key.
  const keyColumn = /^\s*(?:-\s+)*/.exec(text.slice(lineStart, action.start))?.[0].length ?? 0;
  return /:$/.test(before) && blockFollows(text, end, keyColumn);
}

/** True when the next line with YAML content (not an action line) is deeper than `column`, or an item at it. */
function blockFollows(text: string, from: number, column: number): boolean {
  let at = from;
  while (at < text.length) {
    const start = at + 1;
    const eol = text.indexOf('\n', start);
    const line = text.slice(start, eol < 0 ? text.length : eol).replace(/\r$/, '');
    at = eol < 0 ? text.length : eol;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || /^\{\{.*\}\}$/.test(trimmed)) continue;
    const indent = line.search(/\S/);
    return indent > column || (indent === column && trimmed.startsWith('- '));
  }
  return false;
}

function maskLine(text: string, chars: string[], inAction: Uint8Array, start: number, end: number): void {
  let hasAction = false;
  let hasContent = false;
  for (let i = start; i < end; i++) {
    if (inAction[i]) hasAction = true;
    else if (!isBlank(text.charCodeAt(i))) hasContent = true;
  }
  if (!hasAction) return;
  let commented = false;
  // The indentation of a line an action continues on (`{{ include "x" (list\n    (…)) }}`) stays: inside
  // a quoted or block scalar the masked line must still be indented as the original is.
  let indented = true;
  for (let i = start; i < end; i++) {
    if (indented && isBlank(text.charCodeAt(i))) continue;
    indented = false;
    if (!inAction[i] || text[i] === '\r') continue;
    if (hasContent) {
      chars[i] = PLACEHOLDER;
    } else {
      // A line of actions only: a comment at the action's column keeps the block structure around it.
      chars[i] = commented ? ' ' : '#';
      commented = true;
    }
  }
}

function isWholeLine(text: string, inAction: Uint8Array, action: TextRange): boolean {
  const lineStart = text.lastIndexOf('\n', action.start - 1) + 1;
  let lineEnd = text.indexOf('\n', action.end);
  if (lineEnd < 0) lineEnd = text.length;
  for (let i = lineStart; i < lineEnd; i++) {
    if (!inAction[i] && !isBlank(text.charCodeAt(i))) return false;
  }
  return true;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 0xfeff; // a byte-order mark is not content
}

/**
 * `{{ … }}` spans. Quoted strings, raw strings and comments inside an action may contain `}}`; an
 * unterminated action runs to the end of its line, so one typo cannot swallow the rest of the file.
 */
function findActions(text: string): TextRange[] {
  const out: TextRange[] = [];
  let i = text.indexOf('{{');
  while (i >= 0) {
    const end = actionEnd(text, i + 2);
    out.push({ start: i, end });
    i = text.indexOf('{{', end);
  }
  return out;
}

function actionEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '}' && text[i + 1] === '}') return i + 2;
    if (c === '{' && text[i + 1] === '{') break; // a new action before this one closed: unterminated
    if (c === '"' || c === '`' || c === "'") {
      i = closeQuote(text, i, c);
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else {
      i++;
    }
  }
  // Unterminated: end at the line break (an action may span lines only when it is closed).
  const eol = text.indexOf('\n', from);
  return eol < 0 ? text.length : eol;
}

/** Index after the closing quote (Go: `"` and `'` honour backslash escapes and end at a line break). */
function closeQuote(text: string, open: number, quote: string): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === quote) return i + 1;
    if (quote !== '`' && c === '\\') i++;
    else if (quote !== '`' && c === '\n') return i;
  }
  return text.length;
}

/** True when a template action overlaps `range`, or a whole-line action lies inside `scope`. */
export function touchesTemplate(mask: TemplateMask | undefined, range: TextRange, scope?: TextRange): boolean {
  if (!mask) return false;
  // Actions are sorted and disjoint, so a binary search finds the first one that could overlap.
  const overlapping = mask.actions[firstEndingAfter(mask.actions, range.start)];
  if (overlapping && overlapping.start < range.end) return true;
  if (!scope) return false;
  for (let i = firstEndingAfter(mask.actions, scope.start); i < mask.actions.length && mask.actions[i].end <= scope.end; i++) {
    if ((mask.actions[i].wholeLine || mask.actions[i].blockValue) && scope.start <= mask.actions[i].start) return true;
  }
  return false;
}

/** Index of the first action whose end is after `offset` (actions.length when none). */
export function firstEndingAfter(actions: readonly TemplateAction[], offset: number): number {
  return partitionPoint(actions, (a) => a.end <= offset);
}
