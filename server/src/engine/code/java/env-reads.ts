// Java environment sources: System.getenv("X"), System.getenv().get("X") / .getOrDefault("X", d), a
// `static import` of getenv, and System.getenv() — the whole environment — kept in a variable
// (`Map<String, String> env = System.getenv(); env.get("X")`).
import type { NodeIndex } from '../context';
import { envModel, type EnvModel, type EnvRead } from '../env-reads';
import { envWrappers, nameOf, wrapperReads } from '../env-indirect';
import {
  callArguments,
  endOf,
  field,
  mentionTest,
  namedChildren,
  positionTest,
  stringValue,
  textOf,
  typeOf,
  unwrap,
  wordPositions,
  type SyntaxNode,
} from '../syntax';

const SYSTEM = new Set(['System', 'java.lang.System']);
/** Map methods that read one variable, and whether their second argument is a default. */
const MAP_READS = new Map([
  ['get', false],
  ['getOrDefault', true],
]);

/** The file's `static final String X = "…"` constants. */
function javaStringConstants(nodes: NodeIndex, text: string): Map<string, string> {
  const constants = new Map<string, string>();
  if (!/\bstatic\b[^;=]*\bfinal\b|\bfinal\b[^;=]*\bstatic\b/.test(text)) return constants;
  for (const d of nodes('variable_declarator')) {
    const declaration = d.parent;
    if (typeOf(declaration) !== 'field_declaration') continue;
    const modifiers = textOf(namedChildren(declaration).find((c) => typeOf(c) === 'modifiers')) ?? '';
    if (!/\bstatic\b/.test(modifiers) || !/\bfinal\b/.test(modifiers)) continue;
    const value = stringValue(field(d, 'value'));
    const name = textOf(field(d, 'name'));
    if (value !== undefined && name) constants.set(name, value);
  }
  return constants;
}

export function javaEnvModel(nodes: NodeIndex, _root: SyntaxNode, text: string): EnvModel {
  // `import static java.lang.System.getenv;` makes a bare `getenv(…)` the same call.
  const bareGetenv = /^\s*import\s+static\s+java\.lang\.System\.(?:getenv|\*)\s*;/m.test(text);
  /** `System.getenv` called (with no object only after the static import). */
  const isGetenv = (call: SyntaxNode): boolean => {
    if (typeOf(call) !== 'method_invocation' || textOf(field(call, 'name')) !== 'getenv') return false;
    const object = field(call, 'object');
    return object ? SYSTEM.has(textOf(object)) : bareGetenv;
  };
  const aliases = new Set<string>();
  const isEnvObject = (node: SyntaxNode): boolean => {
    const n = unwrap(node);
    if (!n) return false;
    if (typeOf(n) === 'identifier') return aliases.has(textOf(n));
    return isGetenv(n) && callArguments(n).length === 0;
  };
  const words = ['getenv'];
  const mentionsGetenv = mentionTest(text, words);
  for (const d of nodes('variable_declarator')) {
    if (!mentionsGetenv(d)) continue;
    const name = field(d, 'name');
    const value = field(d, 'value');
    if (typeOf(name) === 'identifier' && value && isEnvObject(value)) aliases.add(textOf(name!));
  }
  words.push(...aliases);
  const positions = wordPositions(text, words);
  const mentions = positionTest(positions);
  const constants = javaStringConstants(nodes, text);
  const reads: EnvRead[] = [];
  /** The name argument of `System.getenv(x)`, `env.get(x)`, `env.getOrDefault(x, d)`, if the call is one. */
  const readArguments = (call: SyntaxNode): { name: SyntaxNode | undefined; fallback?: SyntaxNode } | undefined => {
    const args = callArguments(call);
    if (isGetenv(call) && args.length === 1) return { name: args[0] };
    const object = field(call, 'object');
    const hasDefault = MAP_READS.get(textOf(field(call, 'name')) ?? '');
    if (hasDefault === undefined || !object || !isEnvObject(object)) return undefined;
    return { name: args[0], fallback: hasDefault ? args[1] : undefined };
  };
  const readCalls: SyntaxNode[] = [];
  for (const call of nodes('method_invocation')) {
    if (!mentions(call)) continue;
    const read = readArguments(call);
    if (!read) continue;
    readCalls.push(call);
    const named = nameOf(read.name, constants);
    if (named) reads.push({ node: call, name: named.name, form: 'get', fallback: read.fallback, nameExpression: named.expression });
  }
  // String getValue(String key) { … System.getenv(key) … }: the calls of such a method read.
  const wrappers = envWrappers(
    readCalls.length === 0 ? [] : nodes('method_declaration'),
    (fn) => textOf(field(fn, 'name')),
    (fn) => namedChildren(field(fn, 'parameters')).map((p) => textOf(field(p, 'name')) ?? ''),
    (fn, parameter) => readCalls.some((c) => fn.startIndex <= c.startIndex && c.startIndex < endOf(fn) && textOf(readArguments(c)?.name) === parameter),
  );
  const calledName = (call: SyntaxNode) => {
    const object = field(call, 'object');
    return !object || typeOf(object) === 'this' ? textOf(field(call, 'name')) : undefined;
  };
  reads.push(...wrapperReads(nodes('method_invocation'), wrappers, calledName, constants));
  reads.sort((a, b) => a.node.startIndex - b.node.startIndex);
  return envModel(reads, isEnvObject, words, positions);
}
