// Which code language a file is, from its LSP language id (editor) or its extension (CLI), and the
// facts about its dialect that fixes need: TS types or not, ES modules or CommonJS.
import type { Grammar } from './parsers';

export type CodeKind = 'python' | 'typescript' | 'javascript' | 'go' | 'java';

export interface CodeLanguage {
  kind: CodeKind;
  grammar: Grammar;
  /** Module system by extension: `.mjs`/`.mts` are ESM, `.cjs`/`.cts` CommonJS; otherwise decided from the file's own syntax. */
  moduleHint: 'esm' | 'cjs' | undefined;
}

const BY_LANGUAGE_ID: Record<string, Omit<CodeLanguage, 'moduleHint'>> = {
  python: { kind: 'python', grammar: 'python' },
  typescript: { kind: 'typescript', grammar: 'typescript' },
  typescriptreact: { kind: 'typescript', grammar: 'tsx' },
  javascript: { kind: 'javascript', grammar: 'javascript' },
  javascriptreact: { kind: 'javascript', grammar: 'javascript' },
  go: { kind: 'go', grammar: 'go' },
  java: { kind: 'java', grammar: 'java' },
};

const BY_EXTENSION: Record<string, CodeLanguage> = {
  py: { kind: 'python', grammar: 'python', moduleHint: undefined },
  ts: { kind: 'typescript', grammar: 'typescript', moduleHint: undefined },
  mts: { kind: 'typescript', grammar: 'typescript', moduleHint: 'esm' },
  cts: { kind: 'typescript', grammar: 'typescript', moduleHint: 'cjs' },
  tsx: { kind: 'typescript', grammar: 'tsx', moduleHint: undefined },
  js: { kind: 'javascript', grammar: 'javascript', moduleHint: undefined },
  jsx: { kind: 'javascript', grammar: 'javascript', moduleHint: undefined },
  mjs: { kind: 'javascript', grammar: 'javascript', moduleHint: 'esm' },
  cjs: { kind: 'javascript', grammar: 'javascript', moduleHint: 'cjs' },
  go: { kind: 'go', grammar: 'go', moduleHint: undefined },
  java: { kind: 'java', grammar: 'java', moduleHint: undefined },
};

/** The code language of a file, or undefined when it is not Python/TypeScript/JavaScript/Go/Java. */
export function codeLanguageOf(path: string | undefined, languageId: string | undefined): CodeLanguage | undefined {
  const ext = path?.match(/\.([A-Za-z]+)$/)?.[1]?.toLowerCase();
  const byExt = ext !== undefined ? BY_EXTENSION[ext] : undefined;
  const byId = languageId !== undefined ? BY_LANGUAGE_ID[languageId] : undefined;
  if (byId) {
    // The editor's language id wins; the extension still says ESM vs CommonJS (and .tsx vs .ts).
    const grammar = byId.kind === 'typescript' && byExt?.grammar === 'tsx' ? 'tsx' : byId.grammar;
    return { ...byId, grammar, moduleHint: byExt?.kind === byId.kind ? byExt.moduleHint : undefined };
  }
  return byExt;
}
