// The secret-env-read fixes: replace the env access with a loader call and make the loader available —
// inserted once per file after its preamble (preferred), reused when the file already has one, or
// imported from a loader module created next to the file.
import type { Fix, FileCreation, TextEdit } from '../findings';
import type { RuleEnv } from '../rule';
import { detectEol } from '../text';
import type { CodeContext } from './context';
import type { EnvRead } from './env-reads';
import { bindsAtTopLevel, insertionAfterPreamble } from './loader/placement';
import { field, namedChildren, type SyntaxNode } from './syntax';

/** The conflict key of every fix that brings the loader (inserted or imported): fix-all brings it once. */
export const LOADER_CONFLICT_KEY = 'secret-loader';

export function loaderFixes(ctx: CodeContext, read: EnvRead, env: RuleEnv): Fix[] {
  // import.meta.env is a bundler's build-time substitution (browser code): there is no file to read.
  if (read.form === 'member' && read.node.text.startsWith('import.meta.')) return [];
  // A function of the file reads it (`getEnv("X", "dev")`): what it falls back to is its own business.
  if (read.through !== undefined) return [];
  const replaced = replaceRead(ctx, read, ctx.dialect.loaderName);
  if (!replaced) return [];
  // Go: the read may have been the file's last use of `os`.
  const replacement = [...replaced, ...(ctx.dialect.leftUnused?.(ctx, [{ start: read.node.startIndex, end: read.node.endIndex }]) ?? [])];
  return fixesWithLoader(ctx, env, `Read ${read.name} from the mounted secret file`, replacement);
}

/**
 * Fixes whose `replacement` edits call the loader: alone when the file binds it already, else with the
 * loader inserted into the file (preferred) or imported from a loader module created beside it.
 */
export function fixesWithLoader(ctx: CodeContext, env: RuleEnv, title: string, replacement: TextEdit[]): Fix[] {
  const loaderName = ctx.dialect.loaderName;
  if (bindsAtTopLevel(ctx, loaderName)) return [{ title, kind: 'quickfix', preferred: true, edits: replacement }];
  if (ctx.dialect.loaderBeside) return besideFixes(ctx, env, title, replacement);
  const insertions = loaderInsertions(ctx, env);
  if (!insertions) return [];
  const { inline, shared } = insertions;
  const fixes: Fix[] = [
    {
      title: `${title} (add ${loaderName} to this file)`,
      kind: 'quickfix',
      preferred: true,
      edits: [...replacement, inline],
      // Every inserting fix adds the same loader: fix-all inserts it once, and the other reads' fixes
      // of the pass only replace their read.
      conflictKey: LOADER_CONFLICT_KEY,
      ownEdits: replacement,
    },
  ];
  if (shared && env.path !== undefined) {
    fixes.push({
      title: `${title} (import ${loaderName} from ${shared.file.relativePath})`,
      kind: 'quickfix',
      preferred: false,
      edits: [...replacement, shared.edit],
      createFiles: [shared.file],
      conflictKey: LOADER_CONFLICT_KEY,
      ownEdits: replacement,
    });
  }
  return fixes;
}

/**
 * Go and Java: the loader is a file of its own in the package, created beside the file (a package may
 * have it already: then the creation is skipped, by the CLI and the editor alike).
 */
function besideFixes(ctx: CodeContext, env: RuleEnv, title: string, replacement: TextEdit[]): Fix[] {
  const mountPath = env.settings.mountPath;
  const file = ctx.memo(`loader-beside:${mountPath}`, () => ctx.dialect.loaderBeside?.(ctx, mountPath));
  if (!file) return [];
  return [
    {
      title: `${title} (with ${file.relativePath} beside this file)`,
      kind: 'quickfix',
      preferred: true,
      edits: replacement,
      createFiles: [file],
      conflictKey: LOADER_CONFLICT_KEY,
      ownEdits: replacement,
    },
  ];
}

/**
 * The loader inserted after the preamble, and the import of a shared loader module with that module:
 * the same for every read of the file, so built once per file (a file with thousands of reads would
 * otherwise hold a copy of the loader's text per fix).
 */
function loaderInsertions(ctx: CodeContext, env: RuleEnv): { inline: TextEdit; shared: { edit: TextEdit; file: FileCreation } | undefined } | undefined {
  const mountPath = env.settings.mountPath;
  return ctx.memo(`loader-insertions:${mountPath}`, () => {
    const dialect = ctx.dialect;
    if (!dialect.inlineLoader) return undefined;
    const eol = detectEol(ctx.text);
    const shared = dialect.sharedLoader?.(ctx, mountPath);
    return {
      inline: insertionAfterPreamble(ctx, dialect.inlineLoader(ctx, mountPath), eol, dialect.loaderBlankLines ?? 0),
      shared: shared && { edit: insertionAfterPreamble(ctx, shared.importLine, eol, 0), file: shared.file },
    };
  });
}

/** The edits that turn the env access into a loader call (destructuring: move the property out). */
function replaceRead(ctx: CodeContext, read: EnvRead, loaderName: string): TextEdit[] | undefined {
  const quoted = read.nameExpression ? read.nameExpression.text : quoteFor(read.node, read.name);
  const call = ctx.dialect.loaderCall?.(read, quoted) ?? `${loaderName}(${quoted}${read.fallback ? `, ${read.fallback.text}` : ''})`;
  if (read.form !== 'destructure') return [{ start: read.node.startIndex, end: read.node.endIndex, newText: call }];
  return replaceDestructured(ctx, read, call);
}

/**
 * `const { A, B: b = "d" } = process.env;` → the property leaves the pattern and becomes its own
 * declaration after the statement (`const b = loadSecret("B", "d");`); a lone property replaces the
 * whole statement.
 */
function replaceDestructured(ctx: CodeContext, read: EnvRead, call: string): TextEdit[] | undefined {
  const declaration = read.declaration;
  const pattern = read.node.parent;
  if (!declaration || !pattern || !read.binding) return undefined;
  const declarators = namedChildren(declaration).filter((d) => d.type === 'variable_declarator');
  if (declarators.length !== 1 || field(declarators[0], 'type')) return undefined;
  const keyword = declaration.child(0)?.text ?? 'const';
  const semi = declaration.text.trimEnd().endsWith(';') ? ';' : '';
  const statement = `${keyword} ${read.binding} = ${call}${semi}`;
  const properties = namedChildren(pattern).filter((p) => p.type !== 'comment');
  if (properties.length === 1) return [{ start: declaration.startIndex, end: declaration.endIndex, newText: statement }];
  const index = properties.findIndex((p) => p.id === read.node.id);
  const removal = removalRange(properties, index);
  const line = ctx.lines.lineAt(declaration.startIndex);
  const indent = /^[ \t]*/.exec(ctx.lines.lineText(line))?.[0] ?? '';
  const eol = detectEol(ctx.text);
  return [
    { ...removal, newText: '' },
    { start: declaration.endIndex, end: declaration.endIndex, newText: `${eol}${indent}${statement}` },
  ];
}

/**
 * The variable name as a string literal. Inside a Python f-string (before 3.12) the literal must not
 * reuse the f-string's own quote character.
 */
function quoteFor(node: SyntaxNode, name: string): string {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type !== 'interpolation') continue;
    const start = p.parent?.namedChild(0);
    if (start?.type === 'string_start' && start.text.includes('"')) return `'${name}'`;
    break;
  }
  return JSON.stringify(name);
}

/** The property plus the comma that separates it from its neighbour. */
function removalRange(properties: SyntaxNode[], index: number): { start: number; end: number } {
  const p = properties[index];
  const next = properties[index + 1];
  if (next) return { start: p.startIndex, end: next.startIndex };
  return { start: properties[index - 1].endIndex, end: p.endIndex };
}
