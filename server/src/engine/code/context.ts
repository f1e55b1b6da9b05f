// The parsed code file handed to code rules, with the facts several rules share (env reads, data
// flow) computed once, on first use, and kept for fixes.
import { WORK_COST, type Budget } from '../budget';
import type { TextEdit } from '../findings';
import type { LineIndex } from '../text';
import type { Dialect } from './dialect';
import { dialectOf } from './dialects';
import type { EnvModel } from './env-reads';
import type { CodeLanguage } from './languages';
import { parseWith, type EarlierParse, type SyntaxTree } from './parsers';
import { descendants, rememberSource, endOf, typeOf, type SyntaxNode } from './syntax';

/** Every node of the given types, in document order, from one search of the tree shared by all passes. */
export type NodeIndex = (...types: string[]) => SyntaxNode[];

/**
 * Every kind of function in the grammars (`function` is only a keyword in JS/TS: function expressions are
 * function_expression). Go's and Java's methods share `method_declaration`.
 */
export const FUNCTION_TYPES = [
  'function_definition',
  'lambda',
  'function_declaration',
  'function_expression',
  'arrow_function',
  'method_definition',
  'generator_function_declaration',
  'generator_function',
  'method_declaration',
  'func_literal',
  'constructor_declaration',
  'lambda_expression',
];

/**
 * The node types any pass looks up. One wasm-side search for all of them costs about a third of a parse;
 * a search per pass, or walking the tree from JS, costs several parses. Member accesses and subscripts
 * are not among them (most statements have several): the env reads among them are found from where the
 * environment's names occur in the text (syntax.ts wordUses).
 */
const INDEXED_TYPES = [
  // Python
  'import_statement',
  'import_from_statement',
  'assignment',
  'augmented_assignment',
  'call',
  'typed_parameter',
  'typed_default_parameter',
  'for_statement',
  'raise_statement',
  'try_statement',
  // JS / TS
  'variable_declarator',
  'call_expression',
  'assignment_expression',
  'augmented_assignment_expression',
  'for_in_statement',
  'throw_statement',
  // Go
  'short_var_declaration',
  'assignment_statement',
  'var_spec',
  'range_clause',
  // Java (with JS's variable_declarator, assignment_expression, throw_statement, try_statement)
  'method_invocation',
  'object_creation_expression',
  'enhanced_for_statement',
  // All
  'return_statement',
  ...FUNCTION_TYPES,
];

export interface CodeContext {
  text: string;
  lines: LineIndex;
  language: CodeLanguage;
  /** What differs between the languages (dialect.ts): shared code asks it, never the language's name. */
  dialect: Dialect;
  tree: SyntaxTree;
  root: SyntaxNode;
  /** Nodes by type (lazy, one search). */
  readonly nodes: NodeIndex;
  /** Env reads and whole-environment expressions (lazy, cached). */
  readonly env: EnvModel;
  /** Per-context memo for other derived facts (data flow), keyed by a name. */
  memo<T>(key: string, compute: () => T): T;
  /** The analysis' work budget while its rules run (budget.ts); unset afterwards, when fixes are asked for. */
  budget?: Budget;
}

function earlierParse(ctx: CodeContext): EarlierParse {
  return { grammar: ctx.language.grammar, text: ctx.text, lines: ctx.lines, tree: ctx.tree };
}

// Trees live in wasm memory, which JS garbage collection does not see: free each one when the context
// that owns it (held by a cached analysis until the next version) is collected.
const treeReaper = new FinalizationRegistry<SyntaxTree>((tree) => tree.delete());

/** Start, then outer before inner: the order every pass expects. */
function byPosition(a: SyntaxNode, b: SyntaxNode): number {
  return a.startIndex - b.startIndex || endOf(b) - endOf(a);
}

/**
 * True when a filtered search result is already in the order sorting the concatenated buckets gives
 * (equal ranges keep the order of the requested types); always so unless nodes share a range.
 */
function inIndexOrder(found: readonly SyntaxNode[], types: readonly string[]): boolean {
  for (let i = 1; i < found.length; i++) {
    const order = byPosition(found[i - 1], found[i]);
    if (order > 0 || (order === 0 && types.indexOf(typeOf(found[i - 1])) > types.indexOf(typeOf(found[i])))) return false;
  }
  return true;
}

/**
 * `earlier`: the context of the previous version of the same file, whose tree seeds an incremental
 * re-parse (left untouched: it may still answer for its own version); `edits`, when known, the edits
 * (sorted, on the earlier text) that made `text` of it.
 */
export function createCodeContext(
  text: string,
  lines: LineIndex,
  language: CodeLanguage,
  budget?: Budget,
  earlier?: CodeContext,
  edits?: readonly TextEdit[],
): CodeContext {
  const tree = parseWith(language.grammar, text, earlier && { ...earlierParse(earlier), edits }, lines);
  const dialect = dialectOf(language.kind);
  rememberSource(tree, text);
  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, compute: () => T): T => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  };
  const root = tree.rootNode;
  const index = () =>
    memo('nodes', () => {
      const all = descendants(root, INDEXED_TYPES);
      ctx.budget?.spend(all.length * WORK_COST.codeNode);
      const types = all.map((n) => typeOf(n));
      const byType = new Map<string, SyntaxNode[]>();
      for (let i = 0; i < all.length; i++) {
        const list = byType.get(types[i]);
        if (list) list.push(all[i]);
        else byType.set(types[i], [all[i]]);
      }
      return { all, types, byType };
    });
  const nodes: NodeIndex = (...asked) => {
    const { all, types: typeAt, byType } = index();
    // Callers ask for both grammars' types at once: those this file has none of drop out first.
    const types = asked.filter((t) => byType.has(t));
    if (types.length <= 1) return types.length === 1 ? byType.get(types[0])! : [];
    // The search returns document order already: filter it rather than merge and sort the buckets.
    const wanted = new Set(types);
    const found = wanted.size === types.length ? all.filter((_n, i) => wanted.has(typeAt[i])) : undefined;
    return found && inIndexOrder(found, types) ? found : types.flatMap((t) => byType.get(t) ?? []).sort(byPosition);
  };
  const ctx: CodeContext = {
    text,
    lines,
    language,
    dialect,
    tree,
    root,
    nodes,
    get env() {
      return memo('env', () => dialect.envModel(nodes, root, text));
    },
    memo,
    budget,
  };
  treeReaper.register(ctx, tree);
  return ctx;
}
