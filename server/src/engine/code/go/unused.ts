// Go refuses to compile a file that imports a package it does not use, or a function that declares a
// variable it does not use. Replacing the env reads can leave `os` (or `syscall`) unused: the fixes
// then remove its import. Redacting a log call can leave the variable it printed unused: the fixes
// then add `_ = name` after its declaration (the value is still read, no longer logged). A single fix
// does so when its edit removed the last use, fix-all once every fix is in (fix-all.ts asks after its
// last pass, nothing replaced).
import type { TextEdit } from '../../findings';
import { detectEol } from '../../text';
import type { CodeContext } from '../context';
import { FUNCTION_TYPES } from '../context';
import { descendants, endOf, field, namedChildren, stringValue, textOf, typeOf, type SyntaxNode } from '../syntax';
import { goImportSpecs } from './env-reads';

/** The packages whose calls the env-read fixes replace. */
const REPLACED_PACKAGES = new Set(['os', 'syscall']);

/** Where each of those packages is used (`os.X`, a type `os.File`), by its local name. */
function packageUses(ctx: CodeContext): Map<string, number[][]> {
  return ctx.memo('go-package-uses', () => {
    const uses = new Map<string, number[][]>();
    for (const n of descendants(ctx.root, ['selector_expression', 'qualified_type'])) {
      const head = field(n, typeOf(n) === 'qualified_type' ? 'package' : 'operand');
      if (!head || (typeOf(head) !== 'identifier' && typeOf(head) !== 'package_identifier')) continue;
      const list = uses.get(textOf(head)) ?? [];
      list.push([n.startIndex, endOf(n)]);
      uses.set(textOf(head), list);
    }
    return uses;
  });
}

/** A stretch of the text a fix replaces. */
export interface Span {
  start: number;
  end: number;
}

/** What the fix replacing `replaced` leaves unused, and the edits that keep the file compiling. */
export function goLeftUnused(ctx: CodeContext, replaced: readonly Span[]): TextEdit[] {
  return [...importsLeftUnused(ctx, replaced), ...localsLeftUnused(ctx, replaced)];
}

/** Edits removing the imports of `os` / `syscall` that nothing outside `replaced` uses. */
function importsLeftUnused(ctx: CodeContext, replaced: readonly Span[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const spec of goImportSpecs(ctx.root)) {
    const path = stringValue(field(spec, 'path'));
    if (path === undefined || !REPLACED_PACKAGES.has(path)) continue;
    const alias = field(spec, 'name');
    if (alias && (textOf(alias) === '_' || textOf(alias) === '.')) continue;
    const local = alias ? textOf(alias) : path;
    const inReplaced = ([start, end]: number[]) => replaced.some((r) => r.start <= start && end <= r.end);
    const uses = packageUses(ctx).get(local) ?? [];
    // Only an import the fix made unused: one that was unused already is not this fix's to touch.
    if (uses.some((use) => !inReplaced(use)) || (replaced.length > 0 && uses.length === 0)) continue;
    edits.push(removal(ctx, spec));
  }
  return edits;
}

/** The spec's lines; the whole declaration when it is the only spec of it. */
function removal(ctx: CodeContext, spec: SyntaxNode): TextEdit {
  const list = spec.parent?.type === 'import_spec_list' ? spec.parent : undefined;
  const alone = !list || namedChildren(list).filter((c) => typeOf(c) === 'import_spec').length === 1;
  const target = alone ? (list ? list.parent : spec.parent) : spec;
  const node = target ?? spec;
  const first = ctx.lines.lineAt(node.startIndex);
  const last = ctx.lines.lineAt(endOf(node));
  const start = ctx.lines.lineStart(first);
  const end = last + 1 < ctx.lines.lineCount ? ctx.lines.lineStart(last + 1) : ctx.text.length;
  return { start, end, newText: '' };
}

/**
 * Local variables (`x := …`, `var x = …`, a range clause's) that are read only inside `replaced` — or,
 * with nothing replaced, nowhere — and the `_ = x` statements that keep them used. Writes (`x = …`,
 * `x += …`, a redeclaration `x, err := …`) are no use to Go. A name read anywhere else in its function
 * counts as used, whichever variable of that name it is: a guess on that side never breaks a build.
 */
function localsLeftUnused(ctx: CodeContext, replaced: readonly Span[]): TextEdit[] {
  const edits: TextEdit[] = [];
  const done = new Set<number>();
  const inReplaced = (n: SyntaxNode) => replaced.some((r) => r.start <= n.startIndex && endOf(n) <= r.end);
  const candidates =
    replaced.length === 0
      ? declaredLocals(ctx)
      : replaced
          .flatMap((r) => identifiersIn(ctx, r))
          .map((id) => declarationOf(ctx, id))
          .filter((d) => d !== undefined);
  for (const { name, statement, fn } of candidates) {
    if (done.has(statement.id) || name === '_') continue;
    const used = (readsByName(ctx, fn).get(name) ?? []).some((id) => !inReplaced(id));
    if (used) continue;
    done.add(statement.id);
    edits.push(keepUsed(ctx, statement, name));
  }
  return edits;
}

interface Local {
  name: string;
  /** The declaring statement (a short variable declaration, a var declaration, a for statement). */
  statement: SyntaxNode;
  fn: SyntaxNode;
}

function enclosingFunction(n: SyntaxNode): SyntaxNode | undefined {
  for (let p = n.parent; p; p = p.parent) if (FUNCTION_TYPES.includes(typeOf(p))) return p;
  return undefined;
}

/** The identifiers a replaced stretch read. */
function identifiersIn(ctx: CodeContext, span: Span): SyntaxNode[] {
  const node = ctx.root.descendantForIndex(span.start, Math.max(span.start, span.end - 1));
  if (!node) return [];
  const inside = (n: SyntaxNode) => span.start <= n.startIndex && endOf(n) <= span.end;
  return [...(typeOf(node) === 'identifier' ? [node] : []), ...descendants(node, ['identifier'])].filter(inside);
}

/** The local declaration in scope for an identifier: the nearest one of its name before it in its function. */
function declarationOf(ctx: CodeContext, id: SyntaxNode): Local | undefined {
  const fn = enclosingFunction(id);
  if (!fn) return undefined;
  const name = textOf(id);
  let found: Local | undefined;
  for (const local of localsOf(ctx, fn)) if (local.name === name && local.statement.startIndex < id.startIndex) found = local;
  return found;
}

function declaredLocals(ctx: CodeContext): Local[] {
  return descendants(ctx.root, ['function_declaration', 'method_declaration', 'func_literal']).flatMap((fn) => localsOf(ctx, fn));
}

/** The variables a function declares (its own statements, not nested functions'); once per function. */
function localsOf(ctx: CodeContext, fn: SyntaxNode): Local[] {
  return ctx.memo(`go-locals:${fn.id}`, () => findLocals(fn));
}

function findLocals(fn: SyntaxNode): Local[] {
  const out: Local[] = [];
  for (const d of descendants(fn, ['short_var_declaration', 'var_spec', 'range_clause'])) {
    if (enclosingFunction(d)?.id !== fn.id) continue;
    const type = typeOf(d);
    const names = type === 'var_spec' ? d.childrenForFieldName('name') : namedChildren(field(d, 'left'));
    const statement = type === 'var_spec' ? (d.parent?.type === 'var_declaration' ? d.parent : d.parent?.parent) : type === 'range_clause' ? d.parent : d;
    if (!statement) continue;
    for (const n of names) if (n && typeOf(n) === 'identifier') out.push({ name: textOf(n), statement, fn });
  }
  return out;
}

/** The identifiers in a function that read a name (not declarations, not assignment targets), by name; once per function. */
function readsByName(ctx: CodeContext, fn: SyntaxNode): Map<string, SyntaxNode[]> {
  return ctx.memo(`go-reads:${fn.id}`, () => {
    const byName = new Map<string, SyntaxNode[]>();
    for (const id of descendants(fn, ['identifier'])) {
      if (isWritten(id)) continue;
      const list = byName.get(textOf(id));
      if (list) list.push(id);
      else byName.set(textOf(id), [id]);
    }
    return byName;
  });
}

function isWritten(id: SyntaxNode): boolean {
  const list = id.parent;
  if (typeOf(list) === 'var_spec') return list!.childrenForFieldName('name').some((n) => n?.id === id.id);
  if (typeOf(list) !== 'expression_list') return false;
  const owner = list!.parent;
  const type = typeOf(owner);
  return (type === 'short_var_declaration' || type === 'assignment_statement' || type === 'range_clause') && field(owner, 'left')?.id === list!.id;
}

/** `_ = name` on a line of its own after the declaration (at the start of a for statement's body). */
function keepUsed(ctx: CodeContext, statement: SyntaxNode, name: string): TextEdit {
  const eol = detectEol(ctx.text);
  const line = ctx.lines.lineText(ctx.lines.lineAt(statement.startIndex));
  const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
  if (typeOf(statement) === 'for_statement') {
    const body = field(statement, 'body');
    const open = body ? body.startIndex + 1 : endOf(statement);
    return { start: open, end: open, newText: `${eol}${indent}\t_ = ${name}` };
  }
  const at = endOf(statement);
  return { start: at, end: at, newText: `${eol}${indent}_ = ${name}` };
}
