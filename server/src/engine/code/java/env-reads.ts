// Java environment sources: System.getenv("X"), System.getenv().get("X") / .getOrDefault("X", d), a
// `static import` of getenv, and System.getenv() — the whole environment — kept in a variable
// (`Map<String, String> env = System.getenv(); env.get("X")`).
import type { NodeIndex } from '../context';
import { envModel, type EnvModel, type EnvRead } from '../env-reads';
import { callArguments, field, mentionTest, positionTest, stringValue, textOf, typeOf, unwrap, wordPositions, type SyntaxNode } from '../syntax';

const SYSTEM = new Set(['System', 'java.lang.System']);
/** Map methods that read one variable, and whether their second argument is a default. */
const MAP_READS = new Map([
  ['get', false],
  ['getOrDefault', true],
]);

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
  const reads: EnvRead[] = [];
  for (const call of nodes('method_invocation')) {
    if (!mentions(call)) continue;
    const args = callArguments(call);
    if (isGetenv(call) && args.length === 1) {
      const name = stringValue(args[0]);
      if (name !== undefined) reads.push({ node: call, name, form: 'get' });
      continue;
    }
    const method = textOf(field(call, 'name'));
    const object = field(call, 'object');
    const hasDefault = MAP_READS.get(method ?? '');
    if (hasDefault === undefined || !object || !isEnvObject(object)) continue;
    const name = stringValue(args[0]);
    if (name !== undefined) reads.push({ node: call, name, form: 'get', fallback: hasDefault ? args[1] : undefined });
  }
  return envModel(reads, isEnvObject, words, positions);
}
