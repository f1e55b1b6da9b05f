// Tree-sitter through @vscode/tree-sitter-wasm (the grammars VS Code itself ships). The runtime and
// each grammar are loaded once, lazily, on first need (async: wasm instantiation); after that parsing
// is synchronous and reuses one parser per grammar. The package is CommonJS: default import only.
import TreeSitter from '@vscode/tree-sitter-wasm';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Parser as ParserType, Language as LanguageType, Tree } from '@vscode/tree-sitter-wasm';
import type { TextEdit } from '../findings';
import { commonEnds, LineIndex } from '../text';

export type Grammar = 'python' | 'typescript' | 'tsx' | 'javascript' | 'go' | 'java';
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
  /**
   * The edits (sorted by start, on `text`, not overlapping) that make the new text of it, when the
   * caller knows them; else one span from the first change to the last is assumed.
   */
  edits?: readonly TextEdit[];
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

/**
 * A copy of the earlier tree, told about the edits that make `text` of its text: the caller's, when they
 * account for the new text's length, else one edit (common prefix and suffix kept).
 */
function editedCopy(earlier: EarlierParse, text: string, lines: LineIndex): Tree {
  const copy = earlier.tree.copy();
  if (earlier.edits && earlier.edits.length > 0 && lengthAfter(earlier.text, earlier.edits) === text.length) {
    // Last to first: an edit leaves the text before it where it was, so each is told in the earlier
    // text's coordinates.
    for (let i = earlier.edits.length - 1; i >= 0; i--) {
      const e = earlier.edits[i];
      const start = point(earlier.lines, e.start);
      copy.edit({
        startIndex: e.start,
        oldEndIndex: e.end,
        newEndIndex: e.start + e.newText.length,
        startPosition: start,
        oldEndPosition: point(earlier.lines, e.end),
        newEndPosition: pointAfter(start, e.newText),
      });
    }
    return copy;
  }
  const { prefix, suffix } = commonEnds(earlier.text, text);
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

function point(index: LineIndex, offset: number): { row: number; column: number } {
  const p = index.position(offset);
  return { row: p.line, column: p.character };
}

/** Where `inserted`, written at `start`, ends (lines counted as LineIndex counts them). */
function pointAfter(start: { row: number; column: number }, inserted: string): { row: number; column: number } {
  const end = new LineIndex(inserted).position(inserted.length);
  return end.line === 0 ? { row: start.row, column: start.column + end.character } : { row: start.row + end.line, column: end.character };
}

/** The length of `text` after `edits`, which must be sorted and apart (a wrong list is not used). */
function lengthAfter(text: string, edits: readonly TextEdit[]): number {
  let length = text.length;
  let cursor = 0;
  for (const e of edits) {
    if (e.start < cursor || e.end < e.start || e.end > text.length) return -1;
    length += e.newText.length - (e.end - e.start);
    cursor = e.end;
  }
  return length;
}
