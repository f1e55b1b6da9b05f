// Go refuses to compile a file that imports a package it does not use. Replacing the env reads can
// leave `os` (or `syscall`) unused: the fixes then remove its import — a single fix when its read was
// the last use, fix-all once every fix is in (fix-all.ts asks after its last pass).
import type { TextEdit } from '../../findings';
import type { CodeContext } from '../context';
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

/** Edits removing the imports of `os` / `syscall` that nothing outside `replaced` uses. */
export function goImportsLeftUnused(ctx: CodeContext, replaced: readonly SyntaxNode[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const spec of goImportSpecs(ctx.root)) {
    const path = stringValue(field(spec, 'path'));
    if (path === undefined || !REPLACED_PACKAGES.has(path)) continue;
    const alias = field(spec, 'name');
    if (alias && (textOf(alias) === '_' || textOf(alias) === '.')) continue;
    const local = alias ? textOf(alias) : path;
    const inReplaced = ([start, end]: number[]) => replaced.some((r) => r.startIndex <= start && end <= endOf(r));
    if ((packageUses(ctx).get(local) ?? []).some((use) => !inReplaced(use))) continue;
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
