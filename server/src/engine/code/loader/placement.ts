// Where a file's module-level preamble ends — shebang, encoding/licence comments directly before it,
// docstring, `from __future__`, imports, 'use strict', CommonJS `require` declarations — so a
// loader or an import goes after it and before the first statement that could call the loader.
import type { TextEdit } from '../../findings';
import type { CodeContext } from '../context';
import { dottedName, field, isCall, namedChildren, type SyntaxNode } from '../syntax';

/** The offset just after the preamble's last statement (0 when there is none); once per file. */
export function preambleEnd(ctx: CodeContext): number {
  return ctx.memo('preamble-end', () => findPreambleEnd(ctx));
}

function findPreambleEnd(ctx: CodeContext): number {
  const statements = namedChildren(ctx.root);
  let end = 0;
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (s.type === 'comment') {
      if (s.text.startsWith('#!') && s.startIndex === 0) end = s.endIndex;
      continue;
    }
    if (s.type === 'hash_bang_line') end = s.endIndex;
    else if (ctx.dialect.isPreambleStatement(s, i === firstStatementIndex(statements))) end = s.endIndex;
    else break;
  }
  return end;
}

function firstStatementIndex(statements: readonly SyntaxNode[]): number {
  return statements.findIndex((s) => s.type !== 'comment' && s.type !== 'hash_bang_line');
}

/**
 * Text to insert `block` (no trailing newline) after the preamble, separated from its neighbours by
 * `blankLines` empty lines, using the file's own line break.
 */
export function insertionAfterPreamble(ctx: CodeContext, block: string, eol: string, blankLines: number): { start: number; end: number; newText: string } {
  const end = preambleEnd(ctx);
  const body = block.replace(/\n/g, eol);
  const gap = eol.repeat(blankLines);
  if (end === 0) return { start: 0, end: 0, newText: body + eol + gap };
  const line = ctx.lines.lineAt(end);
  if (line + 1 >= ctx.lines.lineCount) return { start: ctx.text.length, end: ctx.text.length, newText: eol + gap + body + eol };
  const at = ctx.lines.lineStart(line + 1);
  // The file's own blank lines after the preamble separate the block from the code that follows; as
  // many more are added as the language wants (PEP 8: two after a top-level def).
  let blank = 0;
  while (blank < blankLines && line + 1 + blank < ctx.lines.lineCount && ctx.lines.lineText(line + 1 + blank).trim() === '') blank++;
  return { start: at, end: at, newText: gap + body + eol + eol.repeat(blankLines - blank) };
}

/**
 * True when the module already binds `name` at top level (a def/function, an import, an assignment).
 * Asked by every env-read fix of a file: answered once per name.
 */
export function bindsAtTopLevel(ctx: CodeContext, name: string): boolean {
  return ctx.memo(`binds-at-top-level:${name}`, () => findTopLevelBinding(ctx, name));
}

function findTopLevelBinding(ctx: CodeContext, name: string): boolean {
  for (const s of namedChildren(ctx.root)) {
    if ((s.type === 'function_definition' || s.type === 'function_declaration') && field(s, 'name')?.text === name) return true;
    if (s.type === 'import_from_statement' || s.type === 'import_statement' || s.type === 'lexical_declaration' || s.type === 'variable_declaration') {
      if (declaresName(s, name)) return true;
    }
    if (s.type === 'expression_statement' && s.namedChild(0)?.type === 'assignment' && dottedName(field(s.namedChild(0) ?? undefined, 'left')) === name)
      return true;
    if (s.type === 'export_statement' && bindsIn(s, name)) return true;
  }
  return false;
}

/** What `export <declaration>` binds: a function or class its name (never what its body declares), else its declarators. */
function bindsIn(s: SyntaxNode, name: string): boolean {
  const decl = field(s, 'declaration');
  if (!decl) return false;
  if (NAMED_DECLARATIONS.has(decl.type)) return field(decl, 'name')?.text === name;
  return declaresName(decl, name);
}

const NAMED_DECLARATIONS = new Set(['function_declaration', 'generator_function_declaration', 'class_declaration', 'abstract_class_declaration']);

/** Any identifier-like leaf with this name among the statement's binding positions (imports, declarators). */
function declaresName(s: SyntaxNode, name: string): boolean {
  let found = false;
  const visit = (n: SyntaxNode): void => {
    if (found) return;
    if (n.type === 'variable_declarator') {
      const target = field(n, 'name');
      if (target) visit(target);
      return;
    }
    if ((n.type === 'identifier' || n.type === 'shorthand_property_identifier_pattern') && n.text === name) {
      found = true;
      return;
    }
    if (n.type === 'string' || isCall(n)) return;
    for (const c of namedChildren(n)) {
      // In `import x.y` / `from m import a as b` only the bound name counts, not the module path.
      if (n.type === 'aliased_import' && c.id !== field(n, 'alias')?.id) continue;
      if (n.type === 'import_from_statement' && c.id === field(n, 'module_name')?.id) continue;
      if (n.type === 'import_specifier' && field(n, 'alias') && c.id === field(n, 'name')?.id) continue;
      if (n.type === 'pair_pattern' && c.id === field(n, 'key')?.id) continue;
      visit(c);
    }
  };
  visit(s);
  return found;
}

/** The module-level statement `node` is part of (itself when it is one). */
export function topLevelStatement(ctx: CodeContext, node: SyntaxNode): SyntaxNode | undefined {
  let n: SyntaxNode | null = node;
  while (n && n.parent && n.parent.id !== ctx.root.id) n = n.parent;
  return n && n.parent?.id === ctx.root.id ? n : undefined;
}

/**
 * Text to insert `block` (no trailing newline; lines joined by `\n`) on the lines after `statement`'s last line, with
 * `blankLines` empty lines before it, using the file's own line break.
 */
export function insertionAfterStatement(ctx: CodeContext, statement: SyntaxNode, block: string, eol: string, blankLines: number): TextEdit {
  const body = block.replace(/\n/g, eol);
  const gap = eol.repeat(blankLines);
  const line = ctx.lines.lineAt(statement.endIndex);
  if (line + 1 >= ctx.lines.lineCount) return { start: ctx.text.length, end: ctx.text.length, newText: eol + gap + body + eol };
  const at = ctx.lines.lineStart(line + 1);
  return { start: at, end: at, newText: gap + body + eol };
}
