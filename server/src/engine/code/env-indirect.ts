// Env reads whose variable is named indirectly, found in Go and Java files: through a string constant
// of the file (`const envPassword = "DB_PASSWORD"`, `static final String ENV_PASSWORD = "…"`) and
// through a function of the file that reads the variable its parameter names (`func getEnv(key,
// fallback string) string { … os.Getenv(key) … }` called as `getEnv("JWT_SECRET", "dev")`).
import type { EnvRead } from './env-reads';
import { callArguments, stringValue, textOf, typeOf, type SyntaxNode } from './syntax';

/** A literal name, or a constant of the file naming one. */
export function nameOf(arg: SyntaxNode | undefined, constants: ReadonlyMap<string, string>): { name: string; expression?: SyntaxNode } | undefined {
  const literal = stringValue(arg);
  if (literal !== undefined) return { name: literal };
  const constant = arg && typeOf(arg) === 'identifier' ? constants.get(textOf(arg)) : undefined;
  return constant === undefined ? undefined : { name: constant, expression: arg };
}

/** A function of the file and the position of the parameter that names the variable it reads. */
export interface EnvWrapper {
  name: string;
  parameter: number;
}

/**
 * Of the file's functions, those whose body reads the environment variable one of their parameters
 * names: `readsParameter(fn, parameterName)` says whether the body's getenv is given that name.
 */
export function envWrappers(
  functions: readonly SyntaxNode[],
  nameOfFunction: (fn: SyntaxNode) => string | undefined,
  parameters: (fn: SyntaxNode) => string[],
  readsParameter: (fn: SyntaxNode, parameter: string) => boolean,
): Map<string, EnvWrapper> {
  const found = new Map<string, EnvWrapper>();
  const ambiguous = new Set<string>();
  for (const fn of functions) {
    const name = nameOfFunction(fn);
    if (!name) continue;
    const index = parameters(fn).findIndex((p) => readsParameter(fn, p));
    if (index < 0) continue;
    // Two functions of one name (methods of two classes): which one a call calls is not known.
    if (found.has(name) || ambiguous.has(name)) {
      found.delete(name);
      ambiguous.add(name);
      continue;
    }
    found.set(name, { name, parameter: index });
  }
  return found;
}

/** The reads the calls of those functions make, one per call naming its variable plainly. */
export function wrapperReads(
  calls: readonly SyntaxNode[],
  wrappers: ReadonlyMap<string, EnvWrapper>,
  calledName: (call: SyntaxNode) => string | undefined,
  constants: ReadonlyMap<string, string>,
): EnvRead[] {
  if (wrappers.size === 0) return [];
  const reads: EnvRead[] = [];
  for (const call of calls) {
    const wrapper = wrappers.get(calledName(call) ?? '');
    if (!wrapper) continue;
    const named = nameOf(callArguments(call)[wrapper.parameter], constants);
    if (named) reads.push({ node: call, name: named.name, form: 'get', through: wrapper.name, nameExpression: named.expression });
  }
  return reads;
}
