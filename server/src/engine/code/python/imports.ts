// What a Python file's imports bind: `import m` / `import m as a` (module aliases) and
// `from m import x as y` (local name → imported name). The config frameworks find their entry points
// with these.
import type { TextEdit } from '../../findings';
import type { CodeContext } from '../context';
import { bindsAtTopLevel, insertionAfterPreamble } from '../loader/placement';
import { field, namedChildren, textOf, typeOf, type SyntaxNode } from '../syntax';

/** Local names bound to module `module` by `import module [as alias]`. */
export function moduleAliases(ctx: CodeContext, module: string): Set<string> {
  const out = new Set<string>();
  for (const n of ctx.nodes('import_statement')) {
    for (const c of n.childrenForFieldName('name')) {
      if (!c) continue;
      if (typeOf(c) === 'aliased_import') {
        if (textOf(field(c, 'name')) === module) out.add(textOf(field(c, 'alias')) ?? module);
      } else if (textOf(c) === module) out.add(module);
    }
  }
  return out;
}

export interface FromImport {
  /** The `from … import …` statement, and the module it names (`.base` for a relative import). */
  statement: SyntaxNode;
  module: string;
  /** Local name → the name imported from the module. */
  names: Map<string, string>;
}

/** The `from <one of modules> import …` statements (all of them without `modules`), with what each binds. */
export function fromImports(ctx: CodeContext, modules?: readonly string[]): FromImport[] {
  const out: FromImport[] = [];
  for (const n of ctx.nodes('import_from_statement')) {
    const module = textOf(field(n, 'module_name')) ?? '';
    if (modules && !modules.includes(module)) continue;
    const names = new Map<string, string>();
    for (const c of n.childrenForFieldName('name')) {
      if (!c) continue;
      if (typeOf(c) === 'aliased_import') names.set(textOf(field(c, 'alias')) ?? '', textOf(field(c, 'name')) ?? '');
      else names.set(textOf(c), textOf(c));
    }
    out.push({ statement: n, module, names });
  }
  return out;
}

/** Local names that `from <module> import <imported>` binds. */
export function importedAs(imports: readonly FromImport[], imported: string): string[] {
  return imports.flatMap((i) => [...i.names].filter(([, name]) => name === imported).map(([local]) => local));
}

/** The edit that adds `name` to a `from m import a, b` statement (parenthesised or not). */
export function addToFromImport(statement: SyntaxNode, name: string): { start: number; end: number; newText: string } {
  const names = statement.childrenForFieldName('name').filter((c): c is SyntaxNode => c !== null);
  const last = names[names.length - 1];
  return { start: last.endIndex, end: last.endIndex, newText: `, ${name}` };
}

/**
 * The edit that imports os for code a fix adds, unless the module binds it already: on the line of the
 * file's first import statement (the standard library's group comes first), else after the preamble.
 */
export function osImportEdit(ctx: CodeContext, eol: string): TextEdit | undefined {
  if (bindsAtTopLevel(ctx, 'os')) return undefined;
  const first = namedChildren(ctx.root).find((s) => s.type === 'import_statement' || s.type === 'import_from_statement');
  if (!first) return insertionAfterPreamble(ctx, 'import os', eol, 0);
  const at = ctx.lines.lineStart(ctx.lines.lineAt(first.startIndex));
  return { start: at, end: at, newText: `import os${eol}` };
}
