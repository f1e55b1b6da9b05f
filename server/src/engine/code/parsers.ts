// Tree-sitter through @vscode/tree-sitter-wasm (the grammars VS Code itself ships). The runtime and
// each grammar are loaded once, lazily, on first need (async: wasm instantiation); after that parsing
// is synchronous and reuses one parser per grammar. The package is CommonJS: default import only.
import TreeSitter from '@vscode/tree-sitter-wasm';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Parser as ParserType, Language as LanguageType, Tree } from '@vscode/tree-sitter-wasm';
import { commonEnds, type LineIndex } from '../text';

export type Grammar = 'python' | 'typescript' | 'tsx' | 'javascript';
export type SyntaxTree = Tree;
export type { Node as SyntaxNode } from '@vscode/tree-sitter-wasm';

const { Parser, Language } = TreeSitter as unknown as { Parser: typeof ParserType; Language: typeof LanguageType };

let runtime: Promise<void> | undefined;
const loading = new Map<Grammar, Promise<void>>();
const parsers = new Map<Grammar, ParserType>();

/**
 * Where the .wasm files are: beside the bundle (dist/, as shipped in the VSIX) or, when running from
 * source (tests via tsx), in the package's own folder.
 */
function wasmPath(file: string): string {
  const beside = path.join(__dirname, file);
  if (existsSync(beside)) return beside;
  // createRequire keeps the bundler from trying to inline this source-tree fallback.
  return path.join(path.dirname(createRequire(__filename).resolve('@vscode/tree-sitter-wasm')), file);
}

function initRuntime(): Promise<void> {
  runtime ??= Parser.init({ locateFile: (file: string) => wasmPath(file) });
  return runtime;
}

/** Loads the runtime and one grammar; concurrent and repeated calls share the same work. */
export function prepareGrammar(grammar: Grammar): Promise<void> {
  let pending = loading.get(grammar);
  if (!pending) {
    pending = (async () => {
      await initRuntime();
      const language = await Language.load(wasmPath(`tree-sitter-${grammar}.wasm`));
      const parser = new Parser();
      parser.setLanguage(language);
      parsers.set(grammar, parser);
    })();
    // A failed load (missing file) may be retried later rather than cached forever.
    pending.catch(() => loading.delete(grammar));
    loading.set(grammar, pending);
  }
  return pending;
}

export function isGrammarReady(grammar: Grammar): boolean {
  return parsers.has(grammar);
}

/** A parse to start the next one from: its grammar, text, line index and tree (still owned by whoever made it). */
export interface EarlierParse {
  grammar: Grammar;
  text: string;
  lines: LineIndex;
  tree: Tree;
}

/**
 * Parses synchronously; the grammar must have been prepared (prepareGrammar) first. With an earlier
 * parse of the same file, tree-sitter re-parses incrementally: an edit to one function of a 10,000-line
 * file costs a few milliseconds instead of a full parse, and the tree is the same as a fresh parse's.
 * The earlier tree is left as it was (a copy of it is edited and freed here).
 */
export function parseWith(grammar: Grammar, text: string, earlier?: EarlierParse, lines?: LineIndex): Tree {
  const parser = parsers.get(grammar);
  if (!parser) throw new Error(`tree-sitter grammar "${grammar}" is not loaded; await prepareGrammar() before analysing`);
  const old = earlier && lines && earlier.grammar === grammar ? editedCopy(earlier, text, lines) : undefined;
  try {
    const tree = parser.parse(text, old);
    if (!tree) throw new Error(`tree-sitter returned no tree for ${grammar}`);
    return tree;
  } finally {
    old?.delete();
  }
}

/** A copy of the earlier tree, told about the one edit (common prefix and suffix kept) that makes `text` of its text. */
function editedCopy(earlier: EarlierParse, text: string, lines: LineIndex): Tree {
  const { prefix, suffix } = commonEnds(earlier.text, text);
  const point = (index: LineIndex, offset: number) => {
    const p = index.position(offset);
    return { row: p.line, column: p.character };
  };
  const copy = earlier.tree.copy();
  copy.edit({
    startIndex: prefix,
    oldEndIndex: earlier.text.length - suffix,
    newEndIndex: text.length - suffix,
    startPosition: point(lines, prefix),
    oldEndPosition: point(earlier.lines, earlier.text.length - suffix),
    newEndPosition: point(lines, text.length - suffix),
  });
  return copy;
}
