// The parsed code file handed to code rules, with the facts several rules share (env reads, data
// flow) computed once, on first use, and kept for fixes.
import type { LineIndex } from '../text';
import type { EnvModel } from './env-reads';
import { jsEnvModel } from './js/env-reads';
import type { CodeLanguage } from './languages';
import { parseWith, type SyntaxTree } from './parsers';
import { pythonEnvModel } from './python/env-reads';
import { descendants, rememberSource, endOf, typeOf, type SyntaxNode } from './syntax';

/** Every node of the given types, in document order, from one search of the tree shared by all passes. */
export type NodeIndex = (...types: string[]) => SyntaxNode[];

/**
 * The node types any pass looks up. One wasm-side search for all of them costs about a third of a parse;
 * a search per pass, or walking the tree from JS, costs several parses.
 */
const INDEXED_TYPES = [
  // Python
  'import_statement', 'import_from_statement', 'assignment', 'augmented_assignment', 'subscript', 'call', 'typed_parameter',
  'typed_default_parameter', 'for_statement', 'raise_statement', 'try_statement', 'function_definition', 'lambda',
  // JS / TS
  'variable_declarator', 'member_expression', 'subscript_expression', 'call_expression', 'assignment_expression',
  'augmented_assignment_expression', 'for_in_statement', 'throw_statement', 'function_declaration', 'function_expression',
  'function', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function',
];

export interface CodeContext {
  text: string;
  lines: LineIndex;
  language: CodeLanguage;
  tree: SyntaxTree;
  root: SyntaxNode;
  /** Nodes by type (lazy, one search). */
  readonly nodes: NodeIndex;
  /** Env reads and whole-environment expressions (lazy, cached). */
  readonly env: EnvModel;
  /** Per-context memo for other derived facts (data flow), keyed by a name. */
  memo<T>(key: string, compute: () => T): T;
}

// Trees live in wasm memory, which JS garbage collection does not see: free each one when the context
// that owns it (held by a cached analysis until the next version) is collected.
const treeReaper = new FinalizationRegistry<SyntaxTree>((tree) => tree.delete());

export function createCodeContext(text: string, lines: LineIndex, language: CodeLanguage): CodeContext {
  const tree = parseWith(language.grammar, text);
  rememberSource(tree, text);
  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, compute: () => T): T => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  };
  const root = tree.rootNode;
  const nodes: NodeIndex = (...types) => {
    const buckets = memo('nodes', () => {
      const byType = new Map<string, SyntaxNode[]>();
      for (const n of descendants(root, INDEXED_TYPES)) {
        const list = byType.get(typeOf(n));
        if (list) list.push(n);
        else byType.set(typeOf(n), [n]);
      }
      return byType;
    });
    const found = types.flatMap((t) => buckets.get(t) ?? []);
    return types.length > 1 ? found.sort((a, b) => a.startIndex - b.startIndex || endOf(b) - endOf(a)) : found;
  };
  const ctx: CodeContext = {
    text,
    lines,
    language,
    tree,
    root,
    nodes,
    get env() {
      return memo('env', () => (language.kind === 'python' ? pythonEnvModel(nodes, text) : jsEnvModel(nodes, text)));
    },
    memo,
  };
  treeReaper.register(ctx, tree);
  return ctx;
}
