// A cheap, text-only screen in front of the taint evaluator. Evaluating an expression reads many nodes
// (each read crosses into wasm); most right-hand sides (`total = total + item.price`, the iterable of
// a `for`) cannot carry taint at all, and their text says so: taint only ever starts at an env read,
// an environment expression, a loader call, `get_secret_value`, a secret-named identifier or key, or a
// variable already tainted. The screen answers "might this carry taint?" — a yes is always safe.
import type { CodeContext } from '../context';
import { JS_LOADER_NAME, PYTHON_LOADER_NAME } from '../loader/templates';
import { endOf, hasPositionWithin, textOf, type SyntaxNode } from '../syntax';
import { isTainted, type Taint, type TaintOracle } from './taint';

export type TaintScreen = (node: SyntaxNode, vars: ReadonlyMap<string, Taint>) => boolean;

/**
 * Characters after which the token test below is not exact, so the answer is yes: quotes (a string
 * key such as `env["API KEY"]` is a secret name only as a whole), backslashes (escapes in identifiers
 * and strings), and non-ASCII text (identifiers the ASCII token pattern would cut short).
 */
const NOT_SCREENED = /["'`\\\u0080-\uffff]/;
const SCREENED_LENGTH = 400;

export function taintScreen(ctx: CodeContext, o: TaintOracle): TaintScreen {
  // Identifier characters of the language: a token is then exactly an identifier's text.
  const token = o.python ? /[A-Za-z0-9_]+/g : /[A-Za-z0-9_$]+/g;
  const sourceWords = new Set([...ctx.env.words, o.python ? PYTHON_LOADER_NAME : JS_LOADER_NAME, 'get_secret_value']);
  const readStarts = ctx.env.reads.map((r) => r.node.startIndex).sort((a, b) => a - b);
  return (node, vars) => {
    // Long right-hand sides (a function assigned to a variable, with its own assignments inside) are
    // evaluated as before: scanning them at every nesting level could cost more than it saves.
    if (endOf(node) - node.startIndex > SCREENED_LENGTH) return true;
    const text = textOf(node);
    if (NOT_SCREENED.test(text) || hasPositionWithin(readStarts, node)) return true;
    // Tainted variables, and tainted attributes (`self.token`) by their last name.
    let tainted: Set<string> | undefined;
    for (const [name, taint] of vars) if (isTainted(taint)) (tainted ??= new Set()).add(name.slice(name.lastIndexOf('.') + 1));
    for (const t of text.match(token) ?? []) if (sourceWords.has(t) || tainted?.has(t) || o.isSecretName(t)) return true;
    return false;
  };
}
