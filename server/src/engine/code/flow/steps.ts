// What assignments, declarations and loops bind, as the data flow replays them (replay.ts): each
// target gets its value's taint — Python's and JS's tuples and patterns element by element, Go's
// multiple results (`v, ok := os.LookupEnv(…)`: the value only), a literal's fields one by one — and a
// loop's binding what an item of its iterable carries: an entry of the environment, or one of its names.
import type { CodeContext } from '../context';
import { bind, elementwise } from './bindings';
import { fieldsMark } from './fields';
import type { TaintScreen } from './screen';
import {
  callArguments,
  callee,
  descendants,
  dottedName,
  field,
  isCall,
  memberParts,
  namedChildren,
  stringValue,
  textOf,
  typeOf,
  unwrap,
  type SyntaxNode,
} from '../syntax';
import { CLEAN, isTainted, taintOf, type Taint, type TaintOracle } from './taint';
import { isHarmlessValue } from './clean-values';

/** What binding needs besides the variables: the oracle, the file, the taint screen. */
export interface StepState {
  o: TaintOracle;
  ctx: CodeContext;
  screen: TaintScreen;
}

/** The statements replayAssignment binds. */
export const ASSIGNMENT_TYPES = new Set([
  'assignment',
  'augmented_assignment',
  'assignment_expression',
  'augmented_assignment_expression',
  'variable_declarator',
  // Go: `a, b := …`, `a = …` / `a += …`, `var a = …`
  'short_var_declaration',
  'assignment_statement',
  'var_spec',
]);
/** Each loop's binding and iterable fields: Python/JS `for`, Go's `range` clause, Java's `for (T x : xs)`. */
export const LOOP_FIELDS: Record<string, readonly [string, string]> = {
  for_statement: ['left', 'right'],
  for_in_statement: ['left', 'right'],
  range_clause: ['left', 'right'],
  enhanced_for_statement: ['name', 'value'],
};

/** An assignment or declaration: each target gets its value's taint (a literal's fields field by field). */
export function replayAssignment(n: SyntaxNode, vars: Map<string, Taint>, state: StepState): void {
  if (typeOf(n) === 'variable_declarator') return bindDeclarator(n, vars, state);
  if (typeOf(n) === 'var_spec') return bindVarSpec(n, vars, state);
  const right = field(n, 'right');
  const left = field(n, 'left');
  const augmented = isAugmented(n);
  // Go's `value, ok := os.LookupEnv("X")` / `v, err := f()`: a call's results, the first its value.
  const first = multipleResults(left, right);
  if (first) {
    bind(first[0], valueTaint(first[1], vars, state), vars, false, state.o);
    for (const rest of namedChildren(left).slice(1)) bind(rest, undefined, vars, false, state.o);
    return;
  }
  // `step, token = event["Step"], event.get("RequestToken")`: each name from its own value.
  const pairs = !augmented && left && right ? elementwise(left, right) : undefined;
  if (pairs) {
    for (const [target, value] of pairs) bind(target, valueTaint(value, vars, state), vars, false, state.o);
    return;
  }
  bind(left, valueTaint(right, vars, state), vars, augmented, state.o);
  if (!augmented) bindFields(left, right, vars, state);
}

/** A loop: what its binding gets of each item of what it iterates. */
export function replayLoop(n: SyntaxNode, vars: Map<string, Taint>, state: StepState): void {
  const [left, right] = LOOP_FIELDS[typeOf(n)];
  bindLoop(field(n, left), field(n, right), vars, state);
}

/**
 * `System.getenv().forEach((name, value) -> …)`: a callback the environment's forEach calls with each
 * variable's name and value — the name is harmless, the value one entry of the environment.
 */
export function callbackOverEnvironment(fn: SyntaxNode, o: TaintOracle): Map<string, Taint> | undefined {
  if (typeOf(fn) !== 'lambda_expression' && typeOf(fn) !== 'arrow_function') return undefined;
  const call = fn.parent?.parent;
  if (!call || !isCall(call) || typeOf(fn.parent) !== 'argument_list') return undefined;
  const m = memberParts(callee(call));
  if (!m || m.property !== 'forEach' || !o.isEnvObject(unwrap(m.object) ?? m.object)) return undefined;
  const params = field(fn, 'parameters') ?? field(fn, 'parameter');
  const names = params && (typeOf(params) === 'identifier' ? [params] : descendants(params, ['identifier']));
  if (!names || names.length !== 2) return undefined;
  return new Map<string, Taint>([
    [textOf(names[0]), CLEAN],
    [textOf(names[1]), { env: textOf(m.object), envItem: true }],
  ]);
}

/** `x += …` in every grammar: its own node type (Python, JS), or an operator other than `=` / Go's `:=` (Go, Java). */
function isAugmented(n: SyntaxNode): boolean {
  if (typeOf(n).startsWith('augmented')) return true;
  const operator = textOf(field(n, 'operator'));
  return operator !== undefined && operator !== '=' && operator !== ':=';
}

/** Several targets and one call (`v, ok := os.LookupEnv("X")`): the first target and the call. */
function multipleResults(left: SyntaxNode | undefined, right: SyntaxNode | undefined): [SyntaxNode, SyntaxNode] | undefined {
  if (typeOf(left) !== 'expression_list' || typeOf(right) !== 'expression_list') return undefined;
  const targets = namedChildren(left);
  const values = namedChildren(right);
  return targets.length > 1 && values.length === 1 && isCall(values[0]) ? [targets[0], values[0]] : undefined;
}

/** `var a, b = x, y` / `var v, ok = os.LookupEnv("X")`: Go's declarations bind like assignments. */
function bindVarSpec(n: SyntaxNode, vars: Map<string, Taint>, state: StepState): void {
  const names = n.childrenForFieldName('name').filter((c): c is SyntaxNode => c !== null);
  const values = namedChildren(field(n, 'value')).filter((c) => typeOf(c) !== 'comment');
  names.forEach((name, i) => {
    const value = values.length === names.length ? values[i] : i === 0 && values.length === 1 ? values[0] : undefined;
    bind(name, value ? valueTaint(value, vars, state) : undefined, vars, false, state.o);
  });
}

/** The taint an assignment gives its target: CLEAN for values harmless whatever the target's name. */
function valueTaint(value: SyntaxNode | undefined, vars: Map<string, Taint>, { o, screen }: StepState): Taint | undefined {
  const t = value && screen(value, vars) ? taintOf(value, vars, o) : undefined;
  if (isTainted(t)) return t;
  return isHarmlessValue(value, o) ? CLEAN : undefined;
}

function bindDeclarator(n: SyntaxNode, vars: Map<string, Taint>, state: StepState): void {
  const { o, ctx } = state;
  const name = field(n, 'name');
  const value = field(n, 'value');
  if (name && typeOf(name) === 'object_pattern' && value && o.isEnvObject(unwrap(value) ?? value)) {
    // const { DB_PASSWORD: pw, PORT } = process.env: each binding carries its own variable.
    const pattern = name.id;
    for (const read of ctx.env.reads) {
      if (read.form !== 'destructure' || read.patternId !== pattern || !read.binding) continue;
      const secret = o.directSecret(read.node);
      if (secret) vars.set(read.binding, { secret });
      else vars.delete(read.binding);
    }
    return;
  }
  bind(name, valueTaint(value, vars, state), vars, false, o);
  bindFields(name, value, vars, state);
}

/**
 * `config = {"sleep_timer": 5, "password": pw}`: each written-out key of a literal remembers its own
 * value, so `config["sleep_timer"]` / `config.hostname` read clean while `config` as a whole, and
 * `config.password`, carry the secret. Any binding of the name first forgets the fields it had.
 */
function bindFields(target: SyntaxNode | undefined, value: SyntaxNode | undefined, vars: Map<string, Taint>, { o, screen }: StepState): void {
  // Most values are no literal: their type says so before anything else is read.
  const type = typeOf(value);
  if (type !== 'dictionary' && type !== 'object' && type !== 'parenthesized_expression') return;
  const literal = unwrap(value);
  if (!target || typeOf(target) !== 'identifier' || !literal || (typeOf(literal) !== 'dictionary' && typeOf(literal) !== 'object')) return;
  const name = textOf(target);
  for (const pair of namedChildren(literal)) {
    if (typeOf(pair) !== 'pair') continue;
    const key = field(pair, 'key');
    const keyName = key && (typeOf(key) === 'property_identifier' || typeOf(key) === 'identifier' ? textOf(key) : stringValue(key));
    if (keyName === undefined) continue;
    const t = o.nameKind(keyName) !== 'about' && screen(pair, vars) ? taintOf(pair, vars, o) : undefined;
    vars.set(`${name}.${keyName}`, isTainted(t) ? t : CLEAN);
  }
  vars.set(fieldsMark(name), CLEAN);
}

/**
 * `for k, v in os.environ.items()` / `for (const [k, v] of Object.entries(process.env))`: the key is a
 * name, the value one entry of the environment. Iterating the mapping itself yields names only.
 */

/** A loop over the environment's names binds one plain name to each (harmless, but it reads an entry). */
function bindNames(left: SyntaxNode, names: SyntaxNode[], env: string, vars: Map<string, Taint>, o: TaintOracle): void {
  if (typeOf(left) !== 'identifier' && names.length !== 1) return bind(left, CLEAN, vars, false, o);
  vars.set(textOf(names[0]), { envNameOf: env });
}

/** The environment whose names an expression lists (`env.keySet()`, `os.environ.keys()`, `Object.keys(process.env)`). */
function environmentOfNames(n: SyntaxNode | undefined, o: TaintOracle): string | undefined {
  if (!n || !isCall(n)) return undefined;
  const args = callArguments(n);
  const m = memberParts(callee(n));
  if (m && (m.property === 'keySet' || m.property === 'keys') && args.length === 0 && o.isEnvObject(unwrap(m.object) ?? m.object)) return textOf(m.object);
  if (dottedName(callee(n)) === 'Object.keys' && args.length === 1 && o.isEnvObject(unwrap(args[0]) ?? args[0])) return textOf(args[0]);
  return undefined;
}

/** Calls that only reorder or count the items they are given (`sorted(os.environ.items())`). */
const REORDERS = new Set(['sorted', 'list', 'tuple', 'reversed', 'Array.from']);

function bindLoop(left: SyntaxNode | undefined, iterable: SyntaxNode | undefined, vars: Map<string, Taint>, { o, screen }: StepState): void {
  if (!left || !iterable) return;
  // The items of sorted(x) are the items of x.
  const inner = unwrap(iterable);
  const right =
    inner && isCall(inner) && REORDERS.has(dottedName(callee(inner)) ?? '') && callArguments(inner).length === 1 ? callArguments(inner)[0] : iterable;
  // Neither the environment nor anything tainted: the loop variables hold nothing known.
  if (!screen(right, vars)) return bind(left, undefined, vars, false, o);
  const names = typeOf(left) === 'identifier' ? [left] : descendants(left, ['identifier']);
  if (o.isEnvObject(unwrap(right) ?? right)) {
    // Go's `for i, kv := range os.Environ()`: an index, then one "K=V" entry. Elsewhere the names.
    if (!o.dialect.envIsList) return bindNames(left, names, textOf(right), vars, o);
    names.forEach((name, i) => vars.set(textOf(name), i === 0 ? CLEAN : { env: textOf(right), envItem: true }));
    return;
  }
  // `for (String name : env.keySet())`, `for name in os.environ.keys()`, `for (const k of Object.keys(process.env))`.
  const namesOf = environmentOfNames(unwrap(right), o);
  if (namesOf !== undefined) return bindNames(left, names, namesOf, vars, o);
  const t = taintOf(right, vars, o);
  if (t?.env !== undefined && names.length >= 2) {
    vars.set(textOf(names[0]), CLEAN);
    for (const n of names.slice(1)) vars.set(textOf(n), { env: t.env, envItem: true });
    return;
  }
  bind(left, t, vars, false, o);
}
