// Summaries of the file's own functions that log a parameter: `def audit(msg): log.info(msg)` makes
// `audit(password)` a leak at that log call. A function is summarised only when the file calls it by
// name (`audit(…)`, `self.audit(…)`, `this.audit(…)`) and its text may hold a sink; its body is replayed
// once with each parameter standing for a value of its own, and the log calls those values reach are
// remembered per parameter. No whole-program analysis: one file, one level of calls.
import { classBodies } from '../classes';
import type { CodeContext } from '../context';
import type { Sink, SinkFinder } from '../sinks';
import { callee, field, memberParts, namedChildren, textOf, typeOf, unwrap, wordPositions, anyPositionIn, type SyntaxNode } from '../syntax';
import type { Scope } from './scopes';
import type { Taint } from './taint';

/** A parameter of a summarised function: its name, and whether it gathers the remaining arguments. */
export interface Parameter {
  name: string;
  rest: boolean;
}

export interface HelperSummary {
  name: string;
  params: Parameter[];
  /** Per parameter index, the log calls in the function its value reaches. */
  reaches: Map<number, Sink[]>;
  /** A secret the function returns of its own (`def build_headers(): return {"Authorization": token}`). */
  returns?: Taint;
  /** The parameters whose values it returns (`def wrap(x): return f"[{x}]"`). */
  passes: Set<number>;
}

/** What replaying a function once tells: the log calls each parameter reaches, and what it returns. */
export type Summary = Pick<HelperSummary, 'reaches' | 'returns' | 'passes'>;

export interface Helpers {
  /** The summary of the function a call calls, and how its arguments line up with the parameters. */
  of(call: SyntaxNode): { summary: HelperSummary; offset: number } | undefined;
  /** Might the text in [start, end) call a summarised function? */
  calledWithin(start: number, end: number): boolean;
  /** The names of the summarised functions that return a secret of their own. */
  returningSecrets: string[];
  /** Whether some summarised function returns one of its arguments. */
  passingThrough: boolean;
}

/** The taint a parameter stands for while its function is summarised (never reported: the name is not text). */
export function parameterTaint(index: number): Taint {
  return { secret: `${PARAMETER_MARK}${index}` };
}

/** Starts the name of a parameter's stand-in value; no identifier or env var name can contain it. */
const PARAMETER_MARK = '\u0000param:';

/** The parameter a summary taint stands for, if it is one. */
export function parameterIndex(t: Taint | undefined): number | undefined {
  const name = t?.secret;
  return name?.startsWith(PARAMETER_MARK) ? Number(name.slice(PARAMETER_MARK.length)) : undefined;
}

const RECEIVERS = new Set(['self', 'this', 'cls']);
const RETURNS = /\breturn\b/;

/** The name a call calls a file function by, and whether a receiver (`self.`) fills the first parameter. */
function calledName(call: SyntaxNode): { name: string; method: boolean } | undefined {
  const fn = unwrap(callee(call));
  if (!fn) return undefined;
  if (typeOf(fn) === 'identifier') return { name: textOf(fn), method: false };
  const m = memberParts(fn);
  return m && typeOf(m.object) !== 'call' && RECEIVERS.has(textOf(m.object)) ? { name: m.property, method: true } : undefined;
}

/**
 * The summaries of the functions this file calls by name. `summarize` replays one function with its
 * parameters standing for values of their own and returns the sinks each parameter reached.
 */
export function helperSummaries(
  ctx: CodeContext,
  scopes: readonly Scope[],
  sinks: SinkFinder,
  summarize: (scope: Scope, params: Parameter[]) => Summary,
): Helpers {
  const called = calledByText(ctx.text);
  const byName = new Map<string, HelperSummary>();
  const ambiguous = new Set<string>();
  // Most files call none of their own functions by name: then no function's name is read off the tree.
  for (const scope of called.size === 0 ? [] : scopes) {
    const name = scope.fn && functionName(scope.fn);
    if (!scope.fn || !name || !called.has(name)) continue;
    // Two functions of one name (methods of two classes): which one a call calls is not known.
    if (byName.has(name) || ambiguous.has(name)) {
      byName.delete(name);
      ambiguous.add(name);
      continue;
    }
    // A function that neither logs nor returns anything tells nothing.
    if (!sinks.mayHoldSink(scope.start, scope.end) && !RETURNS.test(ctx.text.slice(scope.start, scope.end))) continue;
    const params = parametersOf(scope.fn);
    const summary = summarize(scope, params);
    if (summary.reaches.size > 0 || summary.returns || summary.passes.size > 0) byName.set(name, { name, params, ...summary });
  }
  const positions = byName.size === 0 ? [] : wordPositions(ctx.text, [...byName.keys()]);
  return {
    of(call) {
      if (byName.size === 0) return undefined;
      const name = calledName(call);
      const summary = name && byName.get(name.name);
      if (!name || !summary) return undefined;
      // A method called through its receiver: Python's first parameter is the receiver itself.
      const offset = name.method && ['self', 'cls'].includes(summary.params[0]?.name) ? 1 : 0;
      return { summary, offset };
    },
    calledWithin: (start, end) => positions.length > 0 && anyPositionIn(positions, start, end),
    returningSecrets: [...byName.values()].filter((h) => h.returns).map((h) => h.name),
    passingThrough: [...byName.values()].some((h) => h.passes.size > 0),
  };
}

/**
 * The names of the file's functions that its text calls: a name followed by `(` somewhere other than
 * its own definition. Read off the text (one search for all the names), not off every call node.
 */
/** Letters, digits, `_` and `$`: what a function's name is made of here (non-ASCII names are not summarised). */
function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

/**
 * Definitions, read off the text: `def f(` / `function f(` and methods `f(…) {` (their name is followed
 * by `(` as a call's is), and functions assigned to a name (`const f = (x) =>`, `f = function (`), whose
 * name is not.
 */
const DEFINITION = /\b(?:def|function\*?)[ \t]+([A-Za-z_$][\w$]*)/g;
/** `name = (…) =>`, `name = x =>`, `name = async (…) =>`, `name = function`: what is left of an arrow or `function`. */
const ASSIGNED_BEFORE = /([A-Za-z_$][\w$]*)[ \t]*=[ \t]*(?:async[ \t]*)?(?:\([^()\n]*\)|[A-Za-z_$][\w$]*)?[ \t]*$/;

/** A JS method's first line inside a class: `name(…) {` (a call statement ends otherwise), after modifiers. */
const METHOD = /^[ \t]+(?:(?:async|static|public|private|protected|get|set)[ \t]+)*([A-Za-z_$][\w$]*)[ \t]*\([^)\n]*\)[^;\n]*\{[ \t]*$/gm;
const CLASS_LINE = /^[ \t]*(?:export[ \t]+(?:default[ \t]+)?)?(?:abstract[ \t]+)?class[ \t]+([A-Za-z_$][\w$]*)/gm;

function calledByText(text: string): Set<string> {
  // Per name, how many of its definitions are followed by `(` (so that they are not counted as calls).
  const defined = new Map<string, number>();
  DEFINITION.lastIndex = 0;
  for (let m = DEFINITION.exec(text); m; m = DEFINITION.exec(text)) defined.set(m[1], (defined.get(m[1]) ?? 0) + 1);
  // Functions assigned to a name: found from each `=>` (and `= function`), looking back along its line.
  for (let at = text.indexOf('=>'); at >= 0; at = text.indexOf('=>', at + 2)) {
    const name = ASSIGNED_BEFORE.exec(text.slice(Math.max(0, text.lastIndexOf('\n', at) + 1), at))?.[1];
    if (name && !defined.has(name)) defined.set(name, 0);
  }
  // Methods of JS classes (Python's are `def`s): looked for only inside classes.
  if (text.includes('class')) {
    for (const c of classBodies(text, CLASS_LINE)) {
      METHOD.lastIndex = 0;
      for (let m = METHOD.exec(c.body); m; m = METHOD.exec(c.body)) {
        if (/^(if|for|while|switch|catch|with|return|function|super|constructor)$/.test(m[1])) continue;
        defined.set(m[1], (defined.get(m[1]) ?? 0) + 1);
      }
    }
  }
  const called = new Set<string>();
  if (defined.size === 0) return called;
  const uses = new Map<string, number>();
  // Each `(` and the name just before it (spaces allowed): the built-in search finds the parentheses.
  for (let open = text.indexOf('('); open >= 0; open = text.indexOf('(', open + 1)) {
    let end = open;
    while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
    let start = end;
    while (start > 0 && isNameChar(text.charCodeAt(start - 1))) start--;
    if (start === end) continue;
    const name = text.slice(start, end);
    if (defined.has(name)) uses.set(name, (uses.get(name) ?? 0) + 1);
  }
  // Python and JS definitions are followed by `(` too: a name is called when it has more such uses.
  for (const [name, count] of uses) if (count > (defined.get(name) ?? 0)) called.add(name);
  return called;
}

/** A function's name: its own, or the variable it is assigned to (`const debug = (...args) => …`). */
function functionName(fn: SyntaxNode): string | undefined {
  const own = textOf(field(fn, 'name'));
  if (own) return own;
  const parent = fn.parent;
  return parent && typeOf(parent) === 'variable_declarator' && typeOf(field(parent, 'name')) === 'identifier' ? textOf(field(parent, 'name')) : undefined;
}

/** The plain parameters of a function, in order (`*values` / `...args` gather the rest). */
function parametersOf(fn: SyntaxNode): Parameter[] {
  const params = declaredParameters(fn);
  // A JavaScript function (not an arrow) also receives every argument as `arguments`.
  const type = typeOf(fn);
  const usesArguments =
    (type === 'function_declaration' || type === 'function_expression' || type === 'function') && /\barguments\b/.test(textOf(field(fn, 'body')) ?? '');
  if (usesArguments && !params.some((p) => p.rest)) params.push({ name: 'arguments', rest: true });
  return params;
}

function declaredParameters(fn: SyntaxNode): Parameter[] {
  const list = field(fn, 'parameters') ?? field(fn, 'parameter');
  if (!list) return [];
  if (typeOf(list) === 'identifier') return [{ name: textOf(list), rest: false }];
  const out: Parameter[] = [];
  for (const p of namedChildren(list)) {
    const type = typeOf(p);
    if (type === 'identifier') out.push({ name: textOf(p), rest: false });
    else if (type === 'default_parameter' || type === 'typed_default_parameter') out.push({ name: textOf(field(p, 'name')) ?? '', rest: false });
    else if (type === 'typed_parameter') {
      const inner = namedChildren(p)[0];
      if (typeOf(inner) === 'identifier') out.push({ name: textOf(inner), rest: false });
      else if (typeOf(inner) === 'list_splat_pattern') out.push({ name: textOf(namedChildren(inner)[0]), rest: true });
      else return out;
    } else if (type === 'list_splat_pattern' || type === 'rest_pattern') out.push({ name: textOf(namedChildren(p)[0]), rest: true });
    else if (type === 'required_parameter' || type === 'optional_parameter') {
      const pattern = field(p, 'pattern');
      if (typeOf(pattern) === 'identifier') out.push({ name: textOf(pattern) ?? '', rest: false });
      else if (typeOf(pattern) === 'rest_pattern') out.push({ name: textOf(namedChildren(pattern)[0]), rest: true });
      else return out;
    } else if (type === 'assignment_pattern' && typeOf(field(p, 'left')) === 'identifier') out.push({ name: textOf(field(p, 'left')) ?? '', rest: false });
    else if (type === 'comment' || type === 'keyword_separator' || type === 'positional_separator') continue;
    else return out; // a pattern or `**kwargs`: the parameters after it are not lined up by position
    if (out[out.length - 1].rest) return out;
  }
  return out;
}

/** The parameter an argument fills: by position (a gathering parameter takes the rest), or by keyword. */
export function parameterFor(summary: HelperSummary, offset: number, args: readonly SyntaxNode[], i: number): number | undefined {
  const arg = args[i];
  if (typeOf(arg) === 'keyword_argument') {
    const name = textOf(field(arg, 'name'));
    const k = summary.params.findIndex((p) => !p.rest && p.name === name);
    return k >= 0 ? k : undefined;
  }
  if (typeOf(arg) === 'list_splat' || typeOf(arg) === 'spread_element' || typeOf(arg) === 'dictionary_splat') return undefined;
  const k = i + offset;
  const restAt = summary.params.findIndex((p) => p.rest);
  // `arguments` holds every argument, the declared parameters' too.
  if (restAt >= 0 && summary.params[restAt].name === 'arguments' && summary.reaches.has(restAt)) return restAt;
  if (restAt >= 0 && k >= restAt) return restAt;
  return k < summary.params.length ? k : undefined;
}
