// Go environment sources: os.Getenv / os.LookupEnv / syscall.Getenv("X") (with the package imported
// under another name), and os.Environ() / syscall.Environ(), the whole environment as "K=V" strings.
import type { NodeIndex } from '../context';
import { envModel, type EnvModel, type EnvRead } from '../env-reads';
import { envWrappers, nameOf, wrapperReads } from '../env-indirect';
import {
  callArguments,
  callee,
  descendants,
  endOf,
  field,
  memberParts,
  namedChildren,
  positionTest,
  stringValue,
  textOf,
  typeOf,
  unwrap,
  wordPositions,
  type SyntaxNode,
} from '../syntax';

/** The packages whose functions read the environment, and the functions. */
const READERS: Record<string, ReadonlySet<string>> = {
  os: new Set(['Getenv', 'LookupEnv']),
  syscall: new Set(['Getenv']),
};
const WHOLE: Record<string, string> = { os: 'Environ', syscall: 'Environ' };

/** The local names of the `os` and `syscall` imports (`import o "os"` binds `o`); a blank or dot import binds none. */
export function goPackageNames(root: SyntaxNode): Map<string, string> {
  const names = new Map<string, string>();
  for (const spec of goImportSpecs(root)) {
    const path = stringValue(field(spec, 'path'));
    if (path === undefined) continue;
    const alias = field(spec, 'name');
    const local = alias ? textOf(alias) : defaultPackageName(path);
    if (local !== '_' && local !== '.') names.set(local, path);
  }
  return names;
}

/**
 * The name an import binds without an alias: the path's last element, a major-version suffix left out
 * (`github.com/caarlos0/env/v11` is `env`, `gopkg.in/yaml.v3` is `yaml`) — the package clause's name by
 * convention, which is all a single file can know.
 */
export function defaultPackageName(path: string): string {
  const parts = path.split('/');
  let last = parts[parts.length - 1];
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  return last.replace(/\.v\d+$/, '').replace(/^go-/, '');
}

/** Every import spec of the file: a single one, or each line of a parenthesised list. */
export function goImportSpecs(root: SyntaxNode): SyntaxNode[] {
  const specs: SyntaxNode[] = [];
  for (let i = 0; i < root.namedChildCount; i++) {
    const d = root.namedChild(i);
    if (!d || d.type !== 'import_declaration') continue;
    for (const c of d.namedChildren) {
      if (c?.type === 'import_spec') specs.push(c);
      else if (c?.type === 'import_spec_list') for (const s of c.namedChildren) if (s?.type === 'import_spec') specs.push(s);
    }
  }
  return specs;
}

/** The file's string constants (`const envPassword = "DB_PASSWORD"`, in a const block too). */
function goStringConstants(root: SyntaxNode, text: string): Map<string, string> {
  const constants = new Map<string, string>();
  if (!text.includes('const')) return constants;
  for (const spec of descendants(root, ['const_spec'])) {
    const names = spec.childrenForFieldName('name');
    const values = namedChildren(field(spec, 'value'));
    if (names.length !== 1 || values.length !== 1) continue;
    const value = stringValue(values[0]);
    if (value !== undefined && names[0]) constants.set(textOf(names[0]), value);
  }
  return constants;
}

export function goEnvModel(nodes: NodeIndex, root: SyntaxNode, text: string): EnvModel {
  const packages = goPackageNames(root);
  /** The package (`os`, `syscall`) a selector's operand names, if it is one of those imported. */
  const packageOf = (n: SyntaxNode | undefined): string | undefined => {
    const path = typeOf(n) === 'identifier' ? packages.get(textOf(n!)) : undefined;
    return path !== undefined && Object.hasOwn(READERS, path) ? path : undefined;
  };
  const words = ['Getenv', 'LookupEnv', 'Environ'];
  const positions = wordPositions(text, words);
  const mentions = positionTest(positions);
  const constants = goStringConstants(root, text);
  const reads: EnvRead[] = [];
  /** `os.Getenv(x)` / `os.LookupEnv(x)` / `syscall.Getenv(x)`: its name argument, if the call is one. */
  const readerArgument = (call: SyntaxNode): SyntaxNode | null | undefined => {
    const m = memberParts(field(call, 'function'));
    const pkg = m && packageOf(m.object);
    return pkg && READERS[pkg].has(m.property) ? (callArguments(call)[0] ?? null) : undefined;
  };
  const readerCalls: SyntaxNode[] = [];
  for (const call of nodes('call_expression')) {
    if (!mentions(call)) continue;
    const arg = readerArgument(call);
    if (arg === undefined) continue;
    readerCalls.push(call);
    const named = nameOf(arg ?? undefined, constants);
    if (named) reads.push({ node: call, name: named.name, form: 'get', nameExpression: named.expression });
  }
  // func getEnv(key, fallback string) string { if v := os.Getenv(key); v != "" { … } }: its calls read.
  const wrappers = envWrappers(
    readerCalls.length === 0 ? [] : nodes('function_declaration'),
    (fn) => textOf(field(fn, 'name')),
    (fn) => namedChildren(field(fn, 'parameters')).flatMap((p) => p.childrenForFieldName('name').map((n) => textOf(n) ?? '')),
    (fn, parameter) =>
      readerCalls.some((c) => fn.startIndex <= c.startIndex && c.startIndex < endOf(fn) && textOf(readerArgument(c) ?? undefined) === parameter),
  );
  reads.push(
    ...wrapperReads(
      nodes('call_expression'),
      wrappers,
      (call) => (typeOf(field(call, 'function')) === 'identifier' ? textOf(field(call, 'function')) : undefined),
      constants,
    ),
  );
  reads.sort((a, b) => a.node.startIndex - b.node.startIndex);
  const isEnvObject = (node: SyntaxNode): boolean => {
    const n = unwrap(node);
    if (typeOf(n) !== 'call_expression') return false;
    const m = memberParts(callee(n!));
    const pkg = m && packageOf(m.object);
    return pkg !== undefined && WHOLE[pkg] === m!.property && callArguments(n!).length === 0;
  };
  return envModel(reads, isEnvObject, words, positions);
}
