// Helm control flow: which `{{ if }}` / `{{ with }}` / `{{ range }}` blocks (and which branch of
// them) enclose an offset. A fix edits a template only where what it inserts is rendered whenever what
// it removes was: at the same or an outer level, with any extra `if` around the removed entry copied
// around the insertion (fix/template-edits.ts).
import { cachedIn } from '../memo';
import type { ManifestContext } from './documents';
import type { TemplateAction } from './helm';

export type BlockKind = 'if' | 'with' | 'range' | 'define' | 'block';

export interface Block {
  kind: BlockKind;
  /** The action that opened it (its text is copied when an insertion must be wrapped the same way). */
  open: TemplateAction;
  /** 0 for the first branch; `else` / `else if` move on to the next. */
  branch: number;
}

export type ActionKind = BlockKind | 'else' | 'end' | 'value';

interface Timeline {
  /** Actions in text order, each with the blocks open after it. */
  after: { action: TemplateAction; kind: ActionKind; open: readonly Block[] }[];
  /** Set when the blocks do not balance (an `end` too many, or blocks left open): no edits then. */
  unbalanced: boolean;
}

const TIMELINES = new WeakMap<ManifestContext, Timeline>();

/** What an action is: a block opener, `else`, `end`, or anything else (a value, an include, a comment). */
export function actionKind(text: string, action: TemplateAction): ActionKind {
  const inner = text
    .slice(action.start + 2, action.end - 2)
    .replace(/^-\s*/, '')
    .replace(/\s*-$/, '')
    .trim();
  if (inner.startsWith('/*')) return 'value';
  // `{{ if … }}`, `{{- with $x := … }}`, `{{ else if … }}`.
  const word = /^([a-z]+)\b/.exec(inner)?.[1];
  if (word === 'if' || word === 'with' || word === 'range' || word === 'define' || word === 'block') return word;
  if (word === 'else' || word === 'end') return word;
  return 'value';
}

function timeline(ctx: ManifestContext): Timeline {
  return cachedIn(TIMELINES, ctx, () => {
    const after: Timeline['after'] = [];
    let stack: Block[] = [];
    let unbalanced = false;
    for (const action of ctx.template?.actions ?? []) {
      const kind = actionKind(ctx.text, action);
      if (kind === 'end') {
        if (stack.length === 0) unbalanced = true;
        stack = stack.slice(0, -1);
      } else if (kind === 'else') {
        const top = stack[stack.length - 1];
        if (!top) unbalanced = true;
        else stack = [...stack.slice(0, -1), { ...top, branch: top.branch + 1 }];
      } else if (kind !== 'value') {
        stack = [...stack, { kind, open: action, branch: 0 }];
      }
      after.push({ action, kind, open: stack });
    }
    return { after, unbalanced: unbalanced || stack.length > 0 };
  });
}

/** The blocks enclosing `offset`, outermost first; undefined when the template's blocks do not balance. */
export function blocksAt(ctx: ManifestContext, offset: number): readonly Block[] | undefined {
  const t = timeline(ctx);
  if (t.unbalanced) return undefined;
  // The last action that ends at or before the offset decides (binary search: actions are sorted).
  let lo = 0;
  let hi = t.after.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t.after[mid].action.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? [] : t.after[lo - 1].open;
}

/**
 * True when the template never renders both offsets: they sit in different branches of one `if` (or
 * `with … else`), as Bitnami charts write `{{- if .Values.diagnosticMode.enabled }} command: …
 * {{- else }} command: … {{- end }}` — one key in YAML terms, written twice.
 */
export function exclusiveBranches(ctx: ManifestContext, a: number, b: number): boolean {
  const atA = blocksAt(ctx, a);
  const atB = blocksAt(ctx, b);
  if (!atA || !atB) return false;
  for (let i = 0; i < Math.min(atA.length, atB.length); i++) {
    if (atA[i].open !== atB[i].open) return complementary(ctx, atA[i], atB[i]);
    if (atA[i].branch !== atB[i].branch) return atA[i].kind === 'if' || atA[i].kind === 'with';
  }
  return false;
}

/** `{{- if A }}` and `{{- if not (A) }}` (a fix's copy for an `else`), both in their first branch. */
function complementary(ctx: ManifestContext, a: Block, b: Block): boolean {
  if (a.kind !== 'if' || b.kind !== 'if' || a.branch !== 0 || b.branch !== 0) return false;
  const [x, y] = [a, b].map((block) => actionBody(ctx.text.slice(block.open.start, block.open.end)).replace(/^if\s+/, ''));
  return !/\$[A-Za-z_]/.test(x + y) && (x === `not (${y})` || y === `not (${x})`);
}

/** The actions that lie inside `[start, end)`, with their kinds. */
export function actionsWithin(ctx: ManifestContext, start: number, end: number): { action: TemplateAction; kind: ActionKind }[] {
  return timeline(ctx).after.filter((a) => a.action.start < end && start < a.action.end);
}

/**
 * True when `inner` is `outer` followed by more blocks (or the same): same openers, same branches — or,
 * for an `if`, a copy of it (a fix wraps what it inserts in copies of the entry's `{{- if COND }}`, and
 * a later fix for an entry under that `if` may add to it; a copy `{{- if not (A) }}` stands for the
 * `else` of `{{ if A }}`). A copy counts in its first branch, inside the same outer blocks (so `.` is
 * the same) and without template variables in its condition.
 */
export function extendsBlocks(ctx: ManifestContext, inner: readonly Block[], outer: readonly Block[]): boolean {
  if (outer.length > inner.length) return false;
  return outer.every((b, i) => (b.open === inner[i].open && b.branch === inner[i].branch) || sameIf(ctx, b, inner[i]));
}

function sameIf(ctx: ManifestContext, a: Block, b: Block): boolean {
  if (a.kind !== 'if' || b.kind !== 'if' || (a.branch !== 0 && b.branch !== 0)) return false;
  const condition = conditionOf(ctx, a);
  return condition !== undefined && !/\$[A-Za-z_]/.test(condition) && condition === conditionOf(ctx, b);
}

/** The `else` (or `else if`) action that ends the first branch of `block`, or undefined. */
export function firstElseOf(ctx: ManifestContext, block: Block): TemplateAction | undefined {
  return branchesOf(ctx, block)?.elses[0];
}

/**
 * True when the actions' control flow is whole blocks: every `{{ if/with/range/define/block }}` has its
 * `{{ end }}`, and no `{{ else }}` stands outside one.
 */
export function balancedKinds(kinds: readonly ActionKind[]): boolean {
  let depth = 0;
  for (const kind of kinds) {
    if (kind === 'end') depth--;
    else if (kind === 'else') {
      if (depth === 0) return false;
    } else if (kind !== 'value') depth++;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** The `else` / `else if` actions of `block` in order, and the `end` that closes it (undefined when unbalanced). */
export function branchesOf(ctx: ManifestContext, block: Block): { elses: TemplateAction[]; end: TemplateAction } | undefined {
  const actions = ctx.template?.actions ?? [];
  const elses: TemplateAction[] = [];
  let depth = 0;
  for (let i = actions.indexOf(block.open) + 1; i < actions.length; i++) {
    const kind = actionKind(ctx.text, actions[i]);
    if (kind === 'if' || kind === 'with' || kind === 'range' || kind === 'define' || kind === 'block') depth++;
    else if (kind === 'end') {
      if (depth === 0) return { elses, end: actions[i] };
      depth--;
    } else if (kind === 'else' && depth === 0) elses.push(actions[i]);
  }
  return undefined;
}

/** An action's text without its delimiters and trim markers: `{{- if .Values.x -}}` → `if .Values.x`. */
export function actionBody(action: string): string {
  return action.slice(2, -2).replace(/^-\s/, '').replace(/\s-$/, '').trim();
}

/**
 * A chart that already reads `variable` from a file behind a values switch: the entry sits in the
 * `else` of `{{- if .Values.auth.usePasswordFiles }}` whose first branch sets `VARIABLE_FILE` (Bitnami's
 * charts; the condition names files). The answer is that switch, not an edit: returns what to tell the
 * user, or undefined.
 */
export function chartFileSwitch(ctx: ManifestContext, offset: number, variable: string): string | undefined {
  const blocks = blocksAt(ctx, offset);
  const top = blocks?.[blocks.length - 1];
  if (!top || top.kind !== 'if' || top.branch !== 1) return undefined;
  const otherwise = firstElseOf(ctx, top);
  if (!otherwise || actionBody(ctx.text.slice(otherwise.start, otherwise.end)) !== 'else') return undefined;
  const first = ctx.text.slice(top.open.end, otherwise.start);
  if (!new RegExp(`name:\\s*["']?${variable}_FILE\\b`).test(first)) return undefined;
  const condition = actionBody(ctx.text.slice(top.open.start, top.open.end)).replace(/^if\s+/, '');
  // A switch about files (`usePasswordFiles`); any other `if` choosing the pointer (one a fix wrote for
  // `.Values.mariadb.enabled`) picks something else too, and flipping it is no answer.
  if (!/file/i.test(condition)) return undefined;
  return `no template edit needed: the chart already reads ${variable} from a file (${variable}_FILE) when \`${condition}\` is true — set that in your values`;
}

/**
 * The condition under which a block's current branch renders, as template text: `COND` for the first
 * branch of `{{ if COND }}`; for a later one, each earlier condition negated and its own, if any
 * (`not (A)` for the `else` of `{{ if A }}`, `and (not (A)) (B)` for `{{ else if B }}`); undefined for
 * `with` and `range` (they rebind `.`).
 */
export function conditionOf(ctx: ManifestContext, block: Block): string | undefined {
  if (block.kind !== 'if') return undefined;
  const condition = actionBody(ctx.text.slice(block.open.start, block.open.end)).replace(/^if\s+/, '');
  if (block.branch === 0) return condition;
  const elses = branchesOf(ctx, block)?.elses.slice(0, block.branch);
  if (elses?.length !== block.branch) return undefined;
  const bodies = elses.map((a) => actionBody(ctx.text.slice(a.start, a.end)));
  const earlier = [condition, ...bodies.slice(0, -1).map((b) => b.replace(/^else\s+if\s+/, ''))];
  const own = bodies[bodies.length - 1];
  if (bodies.slice(0, -1).some((b) => !/^else\s+if\s/.test(b)) || (own !== 'else' && !/^else\s+if\s/.test(own))) return undefined;
  const parts = [...earlier.map((c) => `(not (${c}))`), ...(own === 'else' ? [] : [`(${own.replace(/^else\s+if\s+/, '')})`])];
  return parts.length === 1 ? parts[0].slice(1, -1) : `and ${parts.join(' ')}`;
}
