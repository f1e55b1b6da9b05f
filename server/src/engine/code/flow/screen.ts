// A cheap, text-only screen in front of the taint evaluator. Evaluating an expression reads many nodes
// (each read crosses into wasm); most right-hand sides (`total = total + item.price`, the iterable of
// a `for`) cannot carry taint at all, and their text says so: taint only ever starts at a read of a
// secret env var, an environment expression, a loader call, `get_secret_value`, a secret-named
// identifier or key, or a variable already tainted. The screen answers "might this carry taint?" — a
// yes is always safe.
import type { CodeContext } from '../context';
import type { EnvRead } from '../env-reads';
import { JS_LOADER_NAME, PYTHON_LOADER_NAME } from '../loader/templates';
import { callee, endOf, field, firstAtOrAfter, type SyntaxNode } from '../syntax';
import { isTainted, type Taint, type TaintOracle } from './taint';

export interface TaintScreen {
  /** Might this expression carry taint? */
  (node: SyntaxNode, vars: ReadonlyMap<string, Taint>): boolean;
  /** The same question for an expression known only by where its text lies (no node read at all). */
  range(start: number, end: number, vars: ReadonlyMap<string, Taint>): boolean;
}

/**
 * Characters after which the token test below is not exact, so the answer is yes: backslashes (escapes
 * in identifiers and strings) and non-ASCII text (identifiers the ASCII token pattern would cut short).
 */
const NOT_SCREENED = /[\\\u0080-\uffff]/;
const SCREENED_LENGTH = 400;
const QUOTES = ['"', "'", '`'];
/** Python's implicit concatenation (`"api" "_key"`) makes one key of two literals: not screened. */
const ADJACENT_LITERALS = /["']\s*["']/;
const EMPTY_LITERAL = /""(?!")|''(?!')/g;

export function taintScreen(ctx: CodeContext, o: TaintOracle): TaintScreen {
  // Identifier characters of the language: a token is then exactly an identifier's text.
  const dollarIsLetter = !o.python;
  const envWords = new Set(ctx.env.words);
  const sourceWords = new Set([...envWords, o.python ? PYTHON_LOADER_NAME : JS_LOADER_NAME, 'get_secret_value']);
  const secret = (r: EnvRead) => o.directSecret(r.node) !== undefined;
  const readStarts = ctx.env.reads.filter(secret).map((r) => r.node.startIndex).sort((a, b) => a - b);
  const harmless = harmlessEnvWords(ctx, ctx.env.reads.filter((r) => !secret(r)), o.python);
  const range = (start: number, end: number, vars: ReadonlyMap<string, Taint>): boolean => {
    // Long right-hand sides (a function assigned to a variable, with its own assignments inside) are
    // evaluated as before: scanning them at every nesting level could cost more than it saves.
    if (end - start > SCREENED_LENGTH) return true;
    const text = ctx.text.slice(start, end);
    const read = firstAtOrAfter(readStarts, start);
    if (NOT_SCREENED.test(text) || (read < readStarts.length && readStarts[read] < end)) return true;
    let tainted: Set<string> | undefined;
    // Tokens are cut by hand: a regex match per token allocated more than the rest of the screen.
    for (let i = 0; i < text.length; ) {
      if (!isTokenChar(text.charCodeAt(i), dollarIsLetter)) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < text.length && isTokenChar(text.charCodeAt(j), dollarIsLetter)) j++;
      const t = text.slice(i, j);
      if (o.isSecretName(t)) return true;
      if (sourceWords.has(t) && !(envWords.has(t) && harmless.has(start + i))) return true;
      if (vars.size > 0 && (tainted ??= taintedNames(vars)).has(t)) return true;
      i = j;
    }
    return quotedKeyMayBeSecret(text, o);
  };
  return Object.assign((node: SyntaxNode, vars: ReadonlyMap<string, Taint>) => range(node.startIndex, endOf(node), vars), { range });
}

/** [A-Za-z0-9_], and `$` in JS/TS. */
function isTokenChar(c: number, dollarIsLetter: boolean): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || (dollarIsLetter && c === 36);
}

/** Tainted variables, and tainted attributes (`self.token`) by their last name. */
function taintedNames(vars: ReadonlyMap<string, Taint>): Set<string> {
  const names = new Set<string>();
  for (const [name, taint] of vars) if (isTainted(taint)) names.add(name.slice(name.lastIndexOf('.') + 1));
  return names;
}

/**
 * A string used as a key (`headers["API KEY"]`, `{"db-password": x}`) is a secret name as a whole, which
 * the token test misses when it holds other characters than an identifier's. Every stretch between two
 * quotes of a kind is tried as a whole (stretches of code between strings too: an extra yes is safe).
 */
function quotedKeyMayBeSecret(text: string, o: TaintOracle): boolean {
  // A key is indexed (`[`) or paired (`:`): text with neither holds none.
  if (!text.includes('[') && !text.includes(':')) return false;
  if (o.python && ADJACENT_LITERALS.test(text.replace(EMPTY_LITERAL, ''))) return true;
  for (const quote of QUOTES) {
    if (!text.includes(quote)) continue;
    for (const stretch of text.split(quote)) if (!/^[\w$]*$/.test(stretch) && o.isSecretName(stretch)) return true;
  }
  return false;
}

/**
 * Where the names of the environment (`env` in `process.env.PORT`, `environ` in `os.environ["PORT"]`)
 * occur inside reads of variables that are not secret. Such a read yields no taint (only a secret
 * variable, or a secret-sounding key, which the token test still sees, makes it carry one), so those
 * occurrences alone do not make an expression worth evaluating.
 */
function harmlessEnvWords(ctx: CodeContext, reads: readonly EnvRead[], python: boolean): Set<number> {
  const harmless = new Set<number>();
  if (reads.length === 0) return harmless;
  const positions = ctx.env.wordPositions;
  for (const read of reads) {
    // The part of the read that names the mapping or the function: `process.env`, `os.environ.get`.
    const head = read.form === 'get' ? callee(read.node) : read.form === 'destructure' ? undefined : field(read.node, python ? 'value' : 'object');
    if (!head) continue;
    const to = endOf(head);
    for (let i = firstAtOrAfter(positions, read.node.startIndex); i < positions.length && positions[i] < to; i++) harmless.add(positions[i]);
  }
  return harmless;
}
