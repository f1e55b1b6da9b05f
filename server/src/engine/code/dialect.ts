// What differs between the code languages, in one object per language (python/dialect.ts,
// js/dialect.ts), registered in dialects.ts. Shared code (the env model's users, the data flow, the
// sinks, the fixes) asks the file's dialect, never the language's name: a new language is a new
// folder with a dialect and a line in the registry.
import type { FileCreation, TextEdit } from '../findings';
import type { CodeContext, NodeIndex } from './context';
import type { EnvModel, EnvRead } from './env-reads';
import type { Framework } from './frameworks';
import type { CodeKind } from './languages';
import type { LoggerNames } from './sinks';
import type { SyntaxNode } from './syntax';

export interface Dialect {
  kind: CodeKind;
  /** The file's env reads and whole-environment expressions (`os.environ[…]`, `process.env.X`…). */
  envModel(nodes: NodeIndex, root: SyntaxNode, text: string): EnvModel;
  /** The field of a subscript or member env read that names the mapping (`os.environ` in `os.environ["X"]`). */
  envObjectField: string;
  /** The config frameworks whose reads the language's files are searched for (frameworks.ts). */
  frameworks: readonly Framework[];
  /**
   * Variable prefixes a build tool inlines into the code it ships to browsers (`NEXT_PUBLIC_`, `VITE_`):
   * a secret under one is public (secret-public-env).
   */
  publicEnvPrefixes: readonly string[];
  /** The whole environment is a list of "K=V" entries (Go's `os.Environ()`), not a mapping: a loop over it yields values. */
  envIsList: boolean;
  /** Code that evaluates to the names of an environment expression (env-dumped's fix); undefined when no expression says it. */
  envNames(envText: string): string | undefined;

  // Tokens, as the taint screen cuts text (flow/sources.ts).
  /** Does this character continue an identifier? */
  isTokenChar(code: number): boolean;
  /** Characters after which tokens cannot be cut exactly (escapes, non-ASCII, `$` in Python). */
  notExact: RegExp;
  /** Adjacent string literals are one string (`"API" "_KEY"` in Python). */
  adjacentLiteralsConcatenate: boolean;
  /** A plain `name = ` / `name += ` at the start of an assignment, and a loop binding one plain name (flow/plain-steps.ts). */
  plainAssignment: RegExp;
  plainLoop: RegExp;
  /** The interpolations of a plain string node when the language's strings can interpolate (f-strings), else undefined. */
  stringInterpolations(string: SyntaxNode): SyntaxNode[] | undefined;
  /**
   * The file's own classes whose instances print their fields and hold a secret among them, with that
   * field (`@dataclass class Settings: client_secret: str`; a JS class assigning `this.apiKey`).
   */
  secretFields(ctx: CodeContext, isSecretName: (name: string) => boolean): Map<string, string>;
  /**
   * Names declared with one of `types` (the file's classes or structs holding a secret field), whose
   * values print that field: typed languages (Go's `cfg Config`).
   */
  instancesOf?(ctx: CodeContext, types: readonly string[]): string[];
  /** Names whose values print masked (pydantic `SecretStr` fields): logging them is no leak. */
  maskedNames(ctx: CodeContext): Set<string>;

  // Sinks (sinks.ts).
  /** Every sink's callee ends in one of these words; text without them holds no sink. */
  sinkWords(names: LoggerNames): string[];
  /** The label of the sink a callee's dotted name is, if it is one. */
  sinkLabel(dotted: string | undefined, names: LoggerNames): string | undefined;
  /** The arguments whose values a sink writes out (not its control keywords). */
  sinkPayload(args: readonly SyntaxNode[], call: SyntaxNode): readonly SyntaxNode[];
  /**
   * Does this sink also write out the exception being handled (`log.exception(…)`, `exc_info=True`,
   * `traceback.print_exc()`)? Inside an `except` block that is the exception the `try` raised.
   */
  logsHandledException(call: SyntaxNode, label: string): boolean;
  /** ES `import` statements can bind loggers (`import pino from "pino"`). */
  importsBindLoggers: boolean;
  /** Names that are loggers without being bound in the file (`logging`, `console`, Go's `log` and `slog` packages). */
  knownLoggers: readonly string[];
  /** The names the file declares with a logger type (fields, parameters, variables), for typed languages. */
  typedLoggers?(ctx: CodeContext): Iterable<string>;
  /** Loggers are built by call chains (`log.WithField(…).Info(…)`, `log.atInfo().log(…)`): a chain's dotted name counts. */
  chainedLoggerCalls: boolean;

  // The secret loader the fixes insert (loader-fix.ts, loader/placement.ts).
  loaderName: string;
  /** The dotted names a call of the loader is written with (its value is the secret named by the first argument). */
  loaderCalls: readonly string[];
  /**
   * The call that replaces an env read (`getSecret("X")` for Go's `os.Getenv("X")`, `lookupSecret("X")`
   * for `os.LookupEnv`), when the language has more than `loaderName(name, fallback)`.
   */
  loaderCall?(read: EnvRead, quotedName: string): string | undefined;
  /**
   * What a fix leaves unused when the `replaced` stretches are gone — imports, local variables — and the
   * edits that keep the file compiling (Go refuses either). Fix-all asks again (nothing replaced) once
   * all its fixes are in.
   */
  leftUnused?(ctx: CodeContext, replaced: readonly { start: number; end: number }[]): TextEdit[];
  /**
   * Languages whose loader is a file of its own in the code's package (Go: a package is its folder's
   * files; Java: a class per file): that file, created beside the code by the fix. Then neither
   * inlineLoader nor sharedLoader is used.
   */
  loaderBeside?(ctx: CodeContext, mountPath: string): FileCreation | undefined;
  /** The loader's source, inserted once into the file (languages without loaderBeside). */
  inlineLoader?(ctx: CodeContext, mountPath: string): string;
  /** A loader module to create beside the file and the line that imports it; undefined when there is none. */
  sharedLoader?(ctx: CodeContext, mountPath: string): { file: FileCreation; importLine: string } | undefined;
  /** Blank lines around the inserted loader (PEP 8 wants two around a top-level def). */
  loaderBlankLines?: number;
  /** Is this top-level statement part of the preamble the loader goes after (imports, docstring, 'use strict')? */
  isPreambleStatement(statement: SyntaxNode, first: boolean): boolean;

  /** The line comment that starts a suppression directive. */
  lineComment: '#' | '//';
}
