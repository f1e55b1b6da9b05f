// Fixes inside Helm templates. The fixers compute their edits on the masked parse as for plain YAML
// (offsets are the template's own; a literal line of a template renders at the indentation it is
// written at), and this module decides whether those edits are safe in the template:
// - nothing an edit removes or replaces holds control flow or generated structure (a value action such
//   as `name: {{ include "x.fullname" . }}` may go: the fixers copy it, as written, where it is needed);
// - every insertion or replacement lands where it is rendered whenever the env entry it retires was: at the entry's
//   level or an outer one. An insertion at an outer level is wrapped in copies of the `{{ if }}`
//   actions between that level and the entry (never `with`/`range`, which rebind `.`, nor `else`
//   branches), byte for byte, so the mount exists exactly when the env var did.
// It also places a new list entry where a `{{- with .Values.extraVolumes }}` block produces the list.
import { isScalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Finding, Fix, TextEdit } from '../../findings';
import type { ManifestContext } from '../documents';
import { findPair } from '../nodes';
import { firstEndingAfter, touchesTemplate, type TemplateAction } from '../helm';
import { actionBody, actionKind, actionsWithin, blocksAt, extendsBlocks, firstElseOf, type Block } from '../template-blocks';
import { emitBlockSeqItems, type YamlValue } from './emit';
import { contentEnd, startOf } from './geometry';
import type { ContainerSite } from './site';

/** `fix` made safe for the template, or why it cannot be. */
export function templatedFix(ctx: ManifestContext, finding: Finding, fix: Fix): Fix | string {
  const entry = blocksAt(ctx, finding.start);
  if (!entry) return "the template's blocks do not balance (an {{ end }} too many or too few)";
  const edits: TextEdit[] = [];
  for (const edit of fix.edits) {
    const safe = safeEdit(ctx, entry, edit);
    if (typeof safe === 'string') return safe;
    edits.push(safe);
  }
  return { ...fix, edits, ownEdits: undefined };
}

function safeEdit(ctx: ManifestContext, entry: readonly Block[], edit: TextEdit): TextEdit | string {
  const removed = actionsWithin(ctx, edit.start, edit.end);
  if (removed.some((a) => a.kind !== 'value' || a.action.wholeLine || a.action.blockValue)) return 'an edit would remove template control flow';
  if (removed.some((a) => a.action.start < edit.start || a.action.end > edit.end)) return 'an edit would cut into a template action';
  // A deletion of plain text (a retired entry, a key moved out of a block) is safe at any level, and so
  // is `key: []` for a list emptied of its written entries (it renders as the absent list did).
  if (edit.newText === '' && removed.length === 0) return edit;
  if (edit.start === edit.end && edit.newText.trim() === '[]') return edit;
  const at = blocksAt(ctx, edit.start);
  if (!at || !extendsBlocks(entry, at)) return 'the volume or mount would land inside a template block the env entry is not in';
  if (UNCONDITIONAL.has(edit)) return edit;
  const extra = entry.slice(at.length);
  if (extra.length === 0) return edit;
  if (extra.some((b) => conditionOf(ctx, b) === undefined)) {
    return 'the env entry is inside a {{ with }} or {{ range }} block or an {{ else if }} branch, which the volume and mount cannot be given';
  }
  return (edit.start === edit.end && wrapInsertion(ctx, edit, extra)) || 'an insertion could not be wrapped in the template conditions of the env entry';
}

/** An insertion of whole lines, wrapped in copies of the `if` actions (outermost first) and their `end`s. */
function wrapInsertion(ctx: ManifestContext, edit: TextEdit, ifs: readonly Block[]): TextEdit | undefined {
  const eol = ctx.text.includes('\r\n') ? '\r\n' : '\n';
  const atLineStart = edit.start === 0 || ctx.text[edit.start - 1] === '\n';
  if (!atLineStart || !edit.newText.endsWith(eol)) return undefined;
  const indent = /^ */.exec(edit.newText)?.[0] ?? '';
  // A copy of each `if`, trimming the line break before it (`{{-`) but never the one after (`-}}`
  // would glue the first inserted line to the line before).
  const opens = ifs.map((b) => `${indent}{{- if ${conditionOf(ctx, b) ?? ''} }}${eol}`).join('');
  const ends = ifs.map(() => `${indent}{{- end }}${eol}`).join('');
  return { ...edit, newText: `${opens}${edit.newText}${ends}` };
}

/**
 * Adds `values` to the list `key` of `map` where a template block produces that list:
 *
 *     {{- with .Values.volumes }}          volumes:
 *     volumes:                      →        - <ours>
 *       {{- toYaml . | nindent 8 }}        {{- with .Values.volumes }}
 *     {{- end }}                             {{- toYaml . | nindent 8 }}
 *                                          {{- end }}
 *
 * The key moves before the block (rendered always), our entries follow it at the column the `nindent`
 * gives the generated items, and the block adds its items after ours when it renders. Undefined for
 * any other shape (an unconditional `toYaml` may render `[]`, which nothing can follow).
 */
export function listBesideTemplate(site: ContainerSite, map: YAMLMap, key: string, values: YamlValue[]): TextEdit[] | undefined {
  const { ctx, lines } = site;
  const pair = findPair(map, key);
  const keyStart = startOf(pair?.key);
  const empty = pair && (pair.value === null || (isScalar(pair.value) && pair.value.value === null));
  if (!ctx.template || !empty || keyStart === undefined) return undefined;
  const keyLine = lines.lineAt(keyStart);
  if (keyLine === 0 || keyLine + 2 >= lines.lineCount) return undefined;
  const opener = wholeLineAction(ctx, keyLine - 1);
  const body = wholeLineAction(ctx, keyLine + 1);
  const end = wholeLineAction(ctx, keyLine + 2);
  if (!opener || !body || !end) return undefined;
  const kinds = [opener, end].map((a) => actionKind(ctx.text, a));
  if ((kinds[0] !== 'with' && kinds[0] !== 'if') || kinds[1] !== 'end') return undefined;
  const column = /\|\s*nindent\s+(\d+)\s*-?\}\}$/.exec(ctx.text.slice(body.start, body.end))?.[1];
  if (column === undefined || !/^\{\{-?\s*toYaml\b/.test(ctx.text.slice(body.start, body.end))) return undefined;
  const keyLineText = lines.lineText(keyLine);
  if (keyLineText.trim() !== `${key}:`) return undefined;
  const items = emitBlockSeqItems(values, Number(column), site.style);
  const openerLineStart = lines.lineStart(keyLine - 1);
  // The key now renders always (an absent list and an empty one mean the same); only our items follow
  // the entry's conditions (templatedFix may wrap them), so they are a separate insertion after it.
  const keyEdit: TextEdit = { start: openerLineStart, end: openerLineStart, newText: keyLineText + site.eol };
  UNCONDITIONAL.add(keyEdit);
  return [
    keyEdit,
    { start: openerLineStart, end: openerLineStart, newText: items.join(site.eol) + site.eol },
    { start: lines.lineStart(keyLine), end: lines.lineStart(keyLine + 1), newText: '' },
  ];
}

/** Insertions that must render whatever the entry's conditions (a list key moved out of its block). */
const UNCONDITIONAL = new WeakSet<TextEdit>();

/** The template action that is the whole of line `line`, or undefined. */
function wholeLineAction(ctx: ManifestContext, line: number): TemplateAction | undefined {
  const start = ctx.lines.lineStart(line);
  const end = ctx.lines.lineEnd(line);
  const actions = ctx.template?.actions ?? [];
  const action = actions[firstEndingAfter(actions, start)];
  if (!action || !action.wholeLine || action.start < start || action.end > end) return undefined;
  return ctx.text.slice(start, end).trim() === ctx.text.slice(action.start, action.end) ? action : undefined;
}

/**
 * A scalar of `map` as the fix must write it elsewhere: its value, or in a template, when the value
 * holds an action, its source text (`{{ include "x.fullname" . }}`), copied byte for byte.
 */
export function writtenScalar(ctx: ManifestContext, map: YAMLMap | undefined, key: string): { text: string; templated: boolean } | undefined {
  const node = findPair(map, key)?.value;
  if (!isScalar(node) || !node.range) return undefined;
  const range = { start: node.range[0], end: node.range[1] };
  if (touchesTemplate(ctx.template, range)) return { text: ctx.text.slice(range.start, range.end), templated: true };
  return typeof node.value === 'string' || typeof node.value === 'number' ? { text: String(node.value), templated: false } : undefined;
}

/**
 * True when template lines that may add to the list of the key at `keyColumn` (`{{- toYaml . | nindent 8 }}`
 * in a `{{- with .Values.extraEnv }}` block, `{{- include "x.extraEnv" . | nindent 12 }}`) follow the node
 * ending at `end`: the list's key must stay even when its last written item goes. A line renders into
 * the list when its output starts at or deeper than the key (indentless lists sit at the key's column).
 */
export function templateLinesFollow(site: ContainerSite, end: number, keyColumn: number): boolean {
  const { lines } = site;
  for (let line = lines.lineAt(end) + 1; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    if (text.trim() === '') continue;
    const action = wholeLineAction(site.ctx, line);
    if (!action) return false;
    const kind = actionKind(site.ctx.text, action);
    if (kind !== 'value') continue; // `end`, `else`, block openers add nothing themselves
    if (renderedColumn(text) >= keyColumn) return true;
  }
  return false;
}

/** True when text inserted at `offset` renders whenever the finding's entry does (always, in plain YAML). */
export function rendersWithEntry(site: ContainerSite, offset: number): boolean {
  if (!site.ctx.template) return true;
  const entry = blocksAt(site.ctx, site.at);
  const here = blocksAt(site.ctx, offset);
  return entry !== undefined && here !== undefined && extendsBlocks(entry, here);
}

/**
 * The item of a block list to insert after: the last one, or in a template the last one after which an
 * insertion renders with the entry (a `{{ range }}` may write the list's last items).
 */
export function insertionItem(site: ContainerSite, seq: YAMLSeq): unknown {
  if (!site.ctx.template || seq.flow) return seq.items[seq.items.length - 1];
  for (let i = seq.items.length - 1; i >= 0; i--) {
    const end = contentEnd(seq.items[i]);
    if (end !== undefined && rendersWithEntry(site, site.lines.lineEnd(site.lines.lineAt(end)))) return seq.items[i];
  }
  return seq.items[seq.items.length - 1];
}

/** True when control flow or generated structure (a whole-line action, `key: {{- … | nindent }}`) lies in the range. */
export function hasTemplateLines(ctx: ManifestContext, start: number, end: number): boolean {
  return actionsWithin(ctx, start, end).some((a) => a.action.wholeLine || a.action.blockValue);
}

/**
 * True when template text uses a variable (`{{ $secretName }}`): a variable lives only in the block that
 * defines it, so a copy of the text elsewhere would not parse. `$` (the root) and `$.Values…` are fine.
 */
export function usesTemplateVariable(text: string): boolean {
  return /\$[A-Za-z_]/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
}

/**
 * The last of the lines after `line` that still belong to what ends there (a key or a list item at
 * `column`): template lines that render deeper (`{{ toYaml .Values.resources | indent 10 }}` under
 * `resources:`; the column is what `indent`/`nindent` says, else the line's own) or close a block
 * (`{{- end }}`), and blank lines between them. Never past a new block, an `else`, or YAML text.
 */
export function valueLinesEnd(ctx: ManifestContext, line: number, column: number): number {
  const lines = ctx.lines;
  let last = line;
  for (let l = line + 1; l < lines.lineCount; l++) {
    const start = lines.lineStart(l);
    const end = lines.lineEnd(l);
    if (ctx.text.slice(start, end).trim() === '') continue;
    const action = wholeLineAction(ctx, l);
    const kind = action && actionKind(ctx.text, action);
    if (!action || (kind !== 'value' && kind !== 'end')) break;
    if (kind === 'value' && renderedColumn(ctx.text.slice(start, end)) <= column) break;
    last = l;
  }
  return last;
}

/** The column a template line's output starts at: `indent N` / `nindent N`, else where the line starts. */
function renderedColumn(line: string): number {
  const n = /\|\s*n?indent\s+(\d+)/.exec(line)?.[1];
  return n === undefined ? /^ */.exec(line)![0].length : Number(n);
}

/** Written text for messages: without the quotes around it (`"{{ include "x" . }}"` → `{{ include "x" . }}`). */
export function shownText(text: string): string {
  return /^(["']).*\1$/s.test(text) ? text.slice(1, -1) : text;
}

/**
 * The condition under which a block's current branch renders, as template text: `COND` for the first
 * branch of `{{ if COND }}`, `not (COND)` for its plain `{{ else }}`; undefined for anything else
 * (`with` and `range` rebind `.`, `else if` chains are not copied).
 */
function conditionOf(ctx: ManifestContext, block: Block): string | undefined {
  if (block.kind !== 'if') return undefined;
  const condition = actionBody(ctx.text.slice(block.open.start, block.open.end)).replace(/^if\s+/, '');
  if (block.branch === 0) return condition;
  const otherwise = block.branch === 1 ? firstElseOf(ctx, block) : undefined;
  return otherwise && actionBody(ctx.text.slice(otherwise.start, otherwise.end)) === 'else' ? `not (${condition})` : undefined;
}
