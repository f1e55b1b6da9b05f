// The parsed code file handed to code rules, with the facts several rules share (env reads, data
// flow) computed once, on first use, and kept for fixes.
import type { LineIndex } from '../text';
import type { EnvModel } from './env-reads';
import { jsEnvModel } from './js/env-reads';
import type { CodeLanguage } from './languages';
import { parseWith, type SyntaxTree } from './parsers';
import { pythonEnvModel } from './python/env-reads';
import type { SyntaxNode } from './syntax';

export interface CodeContext {
  text: string;
  lines: LineIndex;
  language: CodeLanguage;
  tree: SyntaxTree;
  root: SyntaxNode;
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
  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, compute: () => T): T => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  };
  const root = tree.rootNode;
  const ctx: CodeContext = {
    text,
    lines,
    language,
    tree,
    root,
    get env() {
      return memo('env', () => (language.kind === 'python' ? pythonEnvModel(root) : jsEnvModel(root)));
    },
    memo,
  };
  treeReaper.register(ctx, tree);
  return ctx;
}
