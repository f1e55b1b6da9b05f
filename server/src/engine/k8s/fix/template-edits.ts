// Fixes inside Helm templates. The fixers compute their edits on the masked parse as for plain YAML
// (offsets are the template's own; a literal line of a template renders at the indentation it is
// written at), and this module decides whether those edits are safe in the template:
// - nothing an edit removes or replaces holds control flow or generated structure (a value action such
//   as `name: {{ include "x.fullname" . }}` may go: the fixers copy it, as written, where it is needed);
// - every insertion or replacement lands where it is rendered whenever the env entry it retires was: at the entry's
//   level or an outer one. An insertion at an outer level is wrapped in copies of the `{{ if }}`
//   actions between that level and the entry (never `with`/`range`, which rebind `.`; a later branch
//   gets the earlier conditions negated), byte for byte, so the mount exists exactly when the env var did.
// Lists a template writes in its own ways are extended by template-lists.ts, which marks its edits here.
import { isPair, isScalar, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Finding, Fix, TextEdit } from '../../findings';
import type { ManifestContext } from '../documents';
import { findPair, keyName } from '../nodes';
import { firstEndingAfter, touchesTemplate, type TemplateAction } from '../helm';
import { actionBody, actionKind, actionsWithin, balancedKinds, blocksAt, branchesOf, conditionOf, extendsBlocks, type Block } from '../template-blocks';
import { type BranchedValue } from './emit';
import { contentEnd, startOf } from './geometry';
import type { LineStart } from './edits';
import type { ContainerSite, PodSite } from './site';

/** `fix` made safe for the template, or why it cannot be. */
export function templatedFix(ctx: ManifestContext, finding: Finding, fix: Fix): Fix | string {
  const found = blocksAt(ctx, finding.start);
  if (!found) return "the template's blocks do not balance (an {{ end }} too many or too few)";
  // A `range` the fix copies around what it inserts (env-from-fix.ts) is not a condition to wrap it in.
  const copied = COPIED_RANGE.get(fix);
  const entry = copied && found[found.length - 1] === copied ? found.slice(0, -1) : found;
  const edits: TextEdit[] = [];
  for (const edit of fix.edits) {
    // What the fix removes is where the entry is, inside the range it copies.
    const safe = safeEdit(ctx, edit.newText === '' ? found : entry, edit);
    if (typeof safe === 'string') return safe;
    edits.push(safe);
  }
  // An entry kept in its other branch still renders there: its list is not emptied, so no `key: []`
  // (in the branch it left, `env:` with no item renders as no list, as an absent one would).
  if (edits.some((e) => KEPT_IN_OTHER_BRANCH.has(e)))
    return { ...fix, edits: edits.filter((e) => !(e.start === e.end && e.newText.trim() === '[]')), ownEdits: undefined };
  return { ...fix, edits, ownEdits: undefined };
}

function safeEdit(ctx: ManifestContext, entry: readonly Block[], original: TextEdit): TextEdit | string {
  const edit = withClosingEnds(ctx, original);
  const removed = actionsWithin(ctx, edit.start, edit.end);
  const otherBranch = keepingOtherBranch(ctx, entry, edit, removed);
  if (otherBranch) return otherBranch;
  if (removed.some((a) => a.kind === 'value' && (a.action.wholeLine || a.action.blockValue)) || !balancedKinds(removed.map((a) => a.kind))) {
    return 'an edit would remove template control flow';
  }
  if (removed.some((a) => a.action.start < edit.start || a.action.end > edit.end)) return 'an edit would cut into a template action';
  // A deletion of plain text (a retired entry, a key moved out of a block) is safe at any level, and so
  // is `key: []` for a list emptied of its written entries (it renders as the absent list did).
  if (edit.newText === '' && removed.length === 0) return edit;
  if (edit.start === edit.end && edit.newText.trim() === '[]') return edit;
  const found = blocksAt(ctx, edit.start);
  // An item added to a list whose key an `if` writes counts from outside that `if` (the key's
  // complement, listBehindCondition, covers the other case).
  const keyBlock = INSIDE_KEY_BLOCK.get(edit);
  const at = found && keyBlock && found[found.length - 1] === keyBlock ? found.slice(0, -1) : found;
  if (!at || !extendsBlocks(ctx, entry, at)) return 'the volume or mount would land inside a template block the env entry is not in';
  if (UNCONDITIONAL.has(edit)) return edit;
  const extra = entry.slice(at.length);
  if (extra.length === 0) return edit;
  if (extra.some((b) => conditionOf(ctx, b) === undefined)) {
    return 'the env entry is inside a {{ with }} or {{ range }} block, which the volume and mount cannot be given';
  }
  if (extra.some((b) => !variablesVisibleAt(ctx, conditionOf(ctx, b) ?? '', edit.start))) {
    return 'the env entry is inside an {{ if }} whose condition uses a template variable the volume and mount would not see';
  }
  return (edit.start === edit.end && wrapInsertion(ctx, edit, extra)) || 'an insertion could not be wrapped in the template conditions of the env entry';
}

/**
 * The removal of an env entry whose value is chosen by an `if`/`else` (`{{- if .Values.existingSecret }}
 * valueFrom: … {{- else }} value: … {{- end }}`), the finding in one branch: the entry goes from that
 * branch only. Its first lines move into the other branch, and every action stays, byte for byte:
 *
 *     - name: TOKEN                     {{- if .Values.existingSecret }}
 *     {{- if .Values.existingSecret }}  {{- else }}
 *       valueFrom: …                →   - name: TOKEN
 *     {{- else }}                         value: {{ .Values.token }}
 *       value: {{ .Values.token }}      {{- end }}
 *     {{- end }}
 *
 * Where the other branch renders, the template renders exactly what it did; where the finding's did, the
 * entry is gone (the fix's insertions are wrapped in its condition). Undefined for any other shape.
 */
function keepingOtherBranch(
  ctx: ManifestContext,
  entry: readonly Block[],
  edit: TextEdit,
  removed: readonly { action: TemplateAction; kind: string }[],
): TextEdit | undefined {
  const block = entry[entry.length - 1];
  // Value actions (`{{ .Values.token }}`) move with the lines they are on; the control flow is the chain.
  const control = removed.filter((r) => r.kind !== 'value');
  if (edit.newText !== '' || !block || block.kind !== 'if' || block.branch > 1 || control.length !== 3) return undefined;
  const chain = branchesOf(ctx, block);
  const [open, otherwise, end] = control.map((r) => r.action);
  if (!chain || chain.elses.length !== 1 || open !== block.open || otherwise !== chain.elses[0] || end !== chain.end) return undefined;
  if (actionBody(ctx.text.slice(otherwise.start, otherwise.end)) !== 'else') return undefined;
  const lines = ctx.lines;
  const lineOf = (a: TemplateAction) => {
    const line = lines.lineAt(a.start);
    return wholeLineAction(ctx, line) === a ? { start: lines.lineStart(line), end: lines.nextLineStart(line) } : undefined;
  };
  const [o, e, n] = [lineOf(open), lineOf(otherwise), lineOf(end)];
  // Whole lines: the entry's first lines, then the three control lines with the branches between them.
  if (!o || !e || !n || edit.start > o.start || n.end !== edit.end || (edit.start > 0 && ctx.text[edit.start - 1] !== '\n')) return undefined;
  const text = (from: number, to: number) => ctx.text.slice(from, to);
  const head = text(edit.start, o.start);
  const first = block.branch === 0 ? '' : head + text(o.end, e.start);
  const second = block.branch === 1 ? '' : head + text(e.end, n.start);
  const kept = { start: edit.start, end: edit.end, newText: text(o.start, o.end) + first + text(e.start, e.end) + second + text(n.start, n.end) };
  KEPT_IN_OTHER_BRANCH.add(kept);
  return kept;
}

/** Removals keepingOtherBranch rewrote: their entry still renders in one branch. */
const KEPT_IN_OTHER_BRANCH = new WeakSet<TextEdit>();

/**
 * A deletion of whole lines that opens blocks without their `end` (an env entry whose last lines are an
 * `{{- else }}` branch choosing its Secret's name) takes the `{{- end }}` lines right after it too.
 */
function withClosingEnds(ctx: ManifestContext, edit: TextEdit): TextEdit {
  if (edit.newText !== '' || edit.end === edit.start || ctx.text[edit.end - 1] !== '\n') return edit;
  let depth = 0;
  for (const { kind } of actionsWithin(ctx, edit.start, edit.end)) {
    if (kind === 'end') depth--;
    else if (kind !== 'else' && kind !== 'value') depth++;
  }
  let end = edit.end;
  const lines = ctx.lines;
  for (let line = lines.lineAt(end); depth > 0 && line < lines.lineCount; line++) {
    const action = wholeLineAction(ctx, line);
    if (!action || actionKind(ctx.text, action) !== 'end') return edit;
    end = lines.nextLineStart(line);
    depth--;
  }
  return depth === 0 ? { ...edit, end } : edit;
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

/** The `range` around an envFrom entry whose fix copies it around the Secret's source (template-lists.ts). */
const COPIED_RANGE = new WeakMap<Fix, Block>();

/** Marks a fix that writes its own copy of the `range` around its entry: no condition to wrap it in. */
export function copiesRange(fix: Fix, range: Block): void {
  COPIED_RANGE.set(fix, range);
}

/** Marks an insertion that must render whatever the entry's conditions (a list key moved out of its block). */
export function rendersAlways(edit: TextEdit): void {
  UNCONDITIONAL.add(edit);
}

/** Marks an insertion into a list whose key `block` writes: it counts from outside that block. */
export function appendsInsideKeyBlock(edit: TextEdit, block: Block): void {
  INSIDE_KEY_BLOCK.set(edit, block);
}

/** Edits appending to a list whose key an `if` writes (listBehindCondition), with that `if`. */
const INSIDE_KEY_BLOCK = new WeakMap<TextEdit, Block>();

/** Insertions that must render whatever the entry's conditions (a list key moved out of its block). */
const UNCONDITIONAL = new WeakSet<TextEdit>();

/** The template action that is the whole of line `line`, or undefined. */
export function wholeLineAction(ctx: ManifestContext, line: number): TemplateAction | undefined {
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
export function writtenScalar(ctx: ManifestContext, map: YAMLMap | undefined, key: string): WrittenScalar | undefined {
  const node = findPair(map, key)?.value;
  if (!isScalar(node) || !node.range) return undefined;
  const range = { start: node.range[0], end: node.range[1] };
  if (touchesTemplate(ctx.template, range)) return { text: ctx.text.slice(range.start, range.end), templated: true };
  return typeof node.value === 'string' || typeof node.value === 'number' ? { text: String(node.value), templated: false } : undefined;
}

/** A scalar as a fix copies it: the text to compare and show, and for a key chosen by branches, the branches. */
export interface WrittenScalar {
  text: string;
  templated: boolean;
  branched?: BranchedValue;
}

/**
 * Like writtenScalar, for a key a template writes once per branch of an `if` chain (redis-ha chooses
 * the Secret's name: `{{- if .Values.existingSecret }} name: {{ .Values.existingSecret }} {{- else }}
 * name: {{ template "redis-ha.fullname" . }} {{- end }}`): `branched` has the chain's actions and
 * values as written, for the fix to write the same chain where it copies the key (emit.ts), and `text`
 * the chain on one line (`{{ if … }}…{{ else }}…{{ end }}`), which identifies it. Undefined unless
 * every branch (a final `else` included) writes the key once, as a one-line scalar, directly inside it.
 */
export function branchedScalar(ctx: ManifestContext, map: YAMLMap | undefined, key: string): WrittenScalar | undefined {
  const pairs = (map?.items ?? []).filter((p): p is Pair => isPair(p) && keyName(p) === key);
  if (pairs.length <= 1 || !ctx.template) return writtenScalar(ctx, map, key);
  const values = pairs.map((p) => (isScalar(p.value) && p.value.range ? ctx.text.slice(p.value.range[0], p.value.range[1]) : ''));
  const stacks = pairs.map((p) => blocksAt(ctx, startOf(p.key) ?? 0));
  const first = stacks[0];
  if (!first || first.length === 0 || values.some((v) => v === '' || v.includes('\n'))) return undefined;
  const depth = first.length - 1;
  const block = first[depth];
  const inChain = stacks.every(
    (s, i) => s?.length === depth + 1 && s[depth].open === block.open && s[depth].branch === i && extendsBlocks(ctx, s, first.slice(0, depth)),
  );
  const chain = branchesOf(ctx, block);
  if (block.kind !== 'if' || !inChain || !chain || chain.elses.length !== pairs.length - 1) return undefined;
  const actions = [block.open, ...chain.elses].map((a) => ctx.text.slice(a.start, a.end));
  if (actionBody(actions[actions.length - 1]) !== 'else') return undefined;
  const text = `${actions.map((a, i) => `{{ ${actionBody(a)} }}${values[i]}`).join('')}{{ end }}`;
  const branched: BranchedValue = { branches: actions.map((action, i) => ({ action, value: values[i] })), end: ctx.text.slice(chain.end.start, chain.end.end) };
  return { text, templated: true, branched };
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
  return entry !== undefined && here !== undefined && extendsBlocks(site.ctx, entry, here);
}

/**
 * The item of a block list to insert after: the last one, or in a template the last one after which an
 * insertion renders with the entry (a `{{ range }}` may write the list's last items). When every item
 * sits in a block the entry is not in (metallb writes `volumes:` and then all its items under
 * `{{- if .Values.speaker.frr.enabled }}`), the start of the line after the key if that renders with it.
 */
export function insertionItem(site: ContainerSite, seq: YAMLSeq): unknown {
  if (!site.ctx.template || seq.flow) return seq.items[seq.items.length - 1];
  for (let i = seq.items.length - 1; i >= 0; i--) {
    const end = contentEnd(seq.items[i]);
    if (end !== undefined && rendersWithEntry(site, site.lines.lineEnd(site.lines.lineAt(end)))) return seq.items[i];
  }
  const first = startOf(seq.items[0]);
  const at = first === undefined ? undefined : lineAfterKey(site.ctx, site.lines.lineAt(first));
  return at !== undefined && rendersWithEntry(site, at) ? ({ lineStart: at } satisfies LineStart) : seq.items[seq.items.length - 1];
}

/**
 * Where the line after a block list's key starts, given the line of its first item: the lines between
 * them hold only template actions, comments or nothing. Undefined when the key shares the item's line.
 */
export function lineAfterKey(ctx: ManifestContext, firstItemLine: number): number | undefined {
  for (let line = firstItemLine - 1; line >= 0; line--) {
    const text = ctx.text.slice(ctx.lines.lineStart(line), ctx.lines.lineEnd(line));
    if (wholeLineAction(ctx, line) || /^\s*(?:#.*)?$/.test(text)) continue;
    return /:\s*(?:#.*)?$/.test(text) ? ctx.lines.lineStart(line + 1) : undefined;
  }
  return undefined;
}

/** True when control flow or generated structure (a whole-line action, `key: {{- … | nindent }}`) lies in the range. */
export function hasTemplateLines(ctx: ManifestContext, start: number, end: number): boolean {
  return actionsWithin(ctx, start, end).some((a) => a.action.wholeLine || a.action.blockValue);
}

/**
 * True when template text uses a variable (`{{ $secretName }}`) that a copy inside the pod spec might not
 * see: a variable lives only in the block that defines it. `$` (the root) and `$.Values…` are fine, and
 * so is a variable defined outside every block before the pod spec (`{{- $fullname := include … }}` at
 * the top of the file, groundhog2k's charts), which the rest of the file sees.
 */
export function usesTemplateVariable(site: PodSite, text: string): boolean {
  return !variablesVisibleAt(site.ctx, text, startOf(site.pod.spec) ?? 0);
}

/** True when every variable in template text is defined outside all blocks before `offset`. */
export function variablesVisibleAt(ctx: ManifestContext, text: string, offset: number): boolean {
  const names = text.replace(/"(?:[^"\\]|\\.)*"/g, '""').match(/\$[A-Za-z_]\w*/g) ?? [];
  return names.every((name) =>
    (ctx.template?.actions ?? []).some((a) => {
      if (a.end > offset) return false;
      const body = actionBody(ctx.text.slice(a.start, a.end));
      return body.startsWith(name) && /^\s*:=/.test(body.slice(name.length)) && blocksAt(ctx, a.start)?.length === 0;
    }),
  );
}

/**
 * The last of the lines after `line` that still belong to what ends there (a key or a list item at
 * `column`): template lines that render deeper (`{{ toYaml .Values.resources | indent 10 }}` under
 * `resources:`; the column is what `indent`/`nindent` says, else the line's own) or close a block
 * (`{{- end }}`), and blank lines between them. Never past a new block, an `else`, YAML text, the `end`
 * of a block around the node's collection (starting at `parentStart`), or the `end` of a block the node
 * (starting at `start`) and the finding's entry (at `entryAt`) are both in.
 */
export function valueLinesEnd(ctx: ManifestContext, start: number, line: number, column: number, entryAt?: number, parentStart?: number): number {
  const lines = ctx.lines;
  const enclosing = blocksAt(ctx, start);
  const entry = entryAt === undefined ? undefined : blocksAt(ctx, entryAt);
  const parent = parentStart === undefined ? undefined : blocksAt(ctx, parentStart);
  let last = line;
  for (let l = line + 1; l < lines.lineCount; l++) {
    const lineStart = lines.lineStart(l);
    const lineEnd = lines.lineEnd(l);
    if (ctx.text.slice(lineStart, lineEnd).trim() === '') continue;
    const action = wholeLineAction(ctx, l);
    const kind = action && actionKind(ctx.text, action);
    if (!action || (kind !== 'value' && kind !== 'end')) break;
    if (kind === 'value' && renderedColumn(ctx.text.slice(lineStart, lineEnd)) <= column) break;
    if (kind === 'end') {
      const open = blocksAt(ctx, action.start);
      const closing = open?.[open.length - 1];
      // The `end` of a block around the whole collection (`{{- if … }} volumes: … {{- end }}`): what
      // follows would render without the collection's key.
      if (!closing || parent?.includes(closing)) break;
      // The `end` of a block around the value that the entry is in too (or a copy of its `if`): what
      // follows the value belongs inside, so the block's content stays together.
      if (enclosing && entry && closesEntryBlock(ctx, closing, enclosing, entry)) break;
    }
    last = l;
  }
  return last;
}

function closesEntryBlock(ctx: ManifestContext, closing: Block, enclosing: readonly Block[], entry: readonly Block[]): boolean {
  const depth = enclosing.indexOf(closing);
  return depth >= 0 && extendsBlocks(ctx, entry, enclosing.slice(0, depth + 1));
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
