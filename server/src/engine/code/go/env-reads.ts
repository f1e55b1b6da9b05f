// Go environment sources: os.Getenv / os.LookupEnv / syscall.Getenv("X") (with the package imported
// under another name), and os.Environ() / syscall.Environ(), the whole environment as "K=V" strings.
import type { NodeIndex } from '../context';
import { envModel, type EnvModel, type EnvRead } from '../env-reads';
import { callArguments, callee, field, memberParts, positionTest, stringValue, textOf, typeOf, unwrap, wordPositions, type SyntaxNode } from '../syntax';

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

export function goEnvModel(nodes: NodeIndex, root: SyntaxNode, text: string): EnvModel {
  const packages = goPackageNames(root);
  /** The package (`os`, `syscall`) a selector's operand names, if it is one of those imported. */
  const packageOf = (n: SyntaxNode | undefined): string | undefined => {
    const path = typeOf(n) === 'identifier' ? packages.get(textOf(n!)) : undefined;
    return path !== undefined && path in READERS ? path : undefined;
  };
  const words = ['Getenv', 'LookupEnv', 'Environ'];
  const positions = wordPositions(text, words);
  const mentions = positionTest(positions);
  const reads: EnvRead[] = [];
  for (const call of nodes('call_expression')) {
    if (!mentions(call)) continue;
    const m = memberParts(field(call, 'function'));
    const pkg = m && packageOf(m.object);
    if (!pkg || !READERS[pkg].has(m.property)) continue;
    const name = stringValue(callArguments(call)[0]);
    if (name !== undefined) reads.push({ node: call, name, form: 'get' });
  }
  const isEnvObject = (node: SyntaxNode): boolean => {
    const n = unwrap(node);
    if (typeOf(n) !== 'call_expression') return false;
    const m = memberParts(callee(n!));
    const pkg = m && packageOf(m.object);
    return pkg !== undefined && WHOLE[pkg] === m!.property && callArguments(n!).length === 0;
  };
  return envModel(reads, isEnvObject, words, positions);
}
