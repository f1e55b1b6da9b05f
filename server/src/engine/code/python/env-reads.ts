// Python environment sources: os.environ[...], os.environ.get, os.getenv, `from os import environ,
// getenv` (with aliases), `import os as o`, and os.environ / os.getenv assigned to another name.
import type { NodeIndex } from '../context';
import { envModel, envWrapperClasses, type EnvModel, type EnvRead } from '../env-reads';
import {
  callArguments,
  callee,
  endOf,
  field,
  memberParts,
  mentionTest,
  namedChildren,
  plainName,
  positionTest,
  stringValue,
  textOf,
  typeOf,
  unwrap,
  wordPositions,
  wordUses,
  type SyntaxNode,
} from '../syntax';

/** What may follow the mapping before its index: `[`, a closing parenthesis, a comment, a line continuation. */
const INDEX_MAY_FOLLOW = /\s*[[)#\\]/y;

/** How an assignment that aliases the environment or getenv ends: `= os.environ`, `= (getenv)`. */
const ALIAS_END = /\b(?:environ|getenv)[\s)}]*$/;

/** How an assignment that copies or wraps the environment reads: `{**os.environ, …}`, `f(os.environ, …)`, `os.environ.copy()`. */
const MAY_WRAP = /\*\*\s*[\w.]*environ\b|[(,]\s*[\w.]*environ\s*[,)]|\benviron\.copy\(\s*\)/;

/** Calls that make the environment's names, not a mapping of its values. */
const NAMES_ONLY = new Set(['sorted', 'list', 'tuple', 'set', 'frozenset', 'len', 'iter', 'reversed', 'enumerate', 'any', 'all']);

interface Aliases {
  os: Set<string>;
  environ: Set<string>;
  getenv: Set<string>;
}

function collectAliases(nodes: NodeIndex, text: string): Aliases {
  const aliases: Aliases = { os: new Set(['os']), environ: new Set(), getenv: new Set() };
  for (const n of nodes('import_statement', 'import_from_statement')) {
    if (typeOf(n) === 'import_statement') {
      for (const c of namedChildren(n)) {
        if (typeOf(c) === 'aliased_import' && textOf(field(c, 'name')) === 'os') aliases.os.add(textOf(field(c, 'alias')) ?? 'os');
      }
    } else if (typeOf(n) === 'import_from_statement' && textOf(field(n, 'module_name')) === 'os') {
      for (const c of n.childrenForFieldName('name')) {
        if (!c) continue;
        const imported = typeOf(c) === 'aliased_import' ? textOf(field(c, 'name')) : textOf(c);
        const local = typeOf(c) === 'aliased_import' ? (textOf(field(c, 'alias')) ?? '') : textOf(c);
        if (imported === 'environ') aliases.environ.add(local);
        if (imported === 'getenv') aliases.getenv.add(local);
      }
    }
  }
  // `env = os.environ` / `get = os.getenv` anywhere in the file: later reads through the alias count.
  // Such an assignment ends with the word (or a parenthesis after it); a comment makes it read in full.
  const wrappers = envWrapperClasses(text, PYTHON_CLASS, /\benviron\b/, /\bdef\s+(__getitem__|get)\s*\(/);
  const mentionsEnv = mentionTest(text, ['environ', 'getenv', ...wrappers]);
  for (const n of nodes('assignment')) {
    if (!mentionsEnv(n)) continue;
    const assigned = textOf(n);
    const right = field(n, 'right');
    // env = EnvReader(): an instance of the file's own class that reads the environment.
    const wrapper = wrappers.size > 0 && typeOf(right) === 'call' && wrappers.has(textOf(callee(right!)) ?? '');
    if (!wrapper && !ALIAS_END.test(assigned) && !assigned.includes('#') && !MAY_WRAP.test(assigned)) continue;
    const left = field(n, 'left');
    if (!left || typeOf(left) !== 'identifier' || !right) continue;
    if (wrapper || isEnviron(right, aliases) || wrapsEnviron(right, aliases)) aliases.environ.add(textOf(left));
    else if (isGetenv(right, aliases)) aliases.getenv.add(textOf(left));
  }
  return aliases;
}

/** A class statement at the start of a line, and its name. */
const PYTHON_CLASS = /^class\s+([A-Za-z_]\w*)/gm;

function isEnviron(node: SyntaxNode | undefined, a: Aliases): boolean {
  const n = unwrap(node);
  if (!n) return false;
  if (typeOf(n) === 'identifier') return a.environ.has(textOf(n));
  const m = memberParts(n);
  return m !== undefined && m.property === 'environ' && typeOf(m.object) === 'identifier' && a.os.has(textOf(m.object));
}

/**
 * `env = dict(os.environ)`, `env = EnvWrapper(os.environ)`, `env = {**os.environ}`: a mapping built from
 * the environment, whose items are the environment's variables.
 */
function wrapsEnviron(node: SyntaxNode | undefined, a: Aliases): boolean {
  const n = unwrap(node);
  if (!n) return false;
  if (typeOf(n) === 'call') {
    const fn = unwrap(callee(n));
    // os.environ.copy()
    const m = fn && memberParts(fn);
    if (m && m.property === 'copy' && isEnviron(m.object, a)) return true;
    if (fn && typeOf(fn) === 'identifier' && NAMES_ONLY.has(textOf(fn))) return false;
    return callArguments(n).some((arg) => isEnviron(typeOf(arg) === 'dictionary_splat' ? namedChildren(arg)[0] : arg, a));
  }
  if (typeOf(n) === 'dictionary') return namedChildren(n).some((c) => typeOf(c) === 'dictionary_splat' && isEnviron(namedChildren(c)[0], a));
  return false;
}

function isGetenv(node: SyntaxNode | undefined, a: Aliases): boolean {
  const n = unwrap(node);
  if (!n) return false;
  if (typeOf(n) === 'identifier') return a.getenv.has(textOf(n));
  const m = memberParts(n);
  return m !== undefined && m.property === 'getenv' && typeOf(m.object) === 'identifier' && a.os.has(textOf(m.object));
}

/** isEnviron(…).get / isGetenv(…) for a callee written as a plain name chain, judged by its text. */
function isGetByName(dotted: string, a: Aliases): boolean {
  const parts = dotted.split('.');
  if (parts.length === 1) return a.getenv.has(dotted);
  if (parts.length === 2) return (parts[1] === 'get' && a.environ.has(parts[0])) || (parts[1] === 'getenv' && a.os.has(parts[0]));
  return parts.length === 3 && parts[2] === 'get' && parts[1] === 'environ' && a.os.has(parts[0]);
}

/** The default of `get("X", d)` / `get("X", default=d)`. */
function fallbackOf(args: readonly SyntaxNode[]): SyntaxNode | undefined {
  const keyword = args.find((a) => typeOf(a) === 'keyword_argument' && textOf(field(a, 'name')) === 'default');
  if (keyword) return field(keyword, 'value');
  const positional = args.filter((a) => typeOf(a) !== 'keyword_argument');
  return positional[1];
}

export function pythonEnvModel(nodes: NodeIndex, root: SyntaxNode, text: string): EnvModel {
  const aliases = collectAliases(nodes, text);
  const words = ['environ', 'getenv', ...aliases.environ, ...aliases.getenv];
  const reads: EnvRead[] = [];
  // `os.environ["X"]`: the mapping expression ends with one of the words; only their places are examined.
  const examined = new Set<number>();
  const positions = wordPositions(text, words);
  for (const { parent: n } of wordUses(root, text, positions, INDEX_MAY_FOLLOW)) {
    if (!n || examined.has(n.id) || typeOf(n) !== 'subscript') continue;
    examined.add(n.id);
    if (isEnviron(field(n, 'value'), aliases)) {
      const name = stringValue(field(n, 'subscript'));
      if (name !== undefined && !isAssignmentTarget(n)) reads.push({ node: n, name, form: 'subscript' });
    }
  }
  const mentionsEnv = positionTest(positions);
  for (const n of nodes('call')) {
    if (!mentionsEnv(n)) continue;
    const fn = field(n, 'function');
    const plain = plainName(fn);
    const member = plain === undefined ? memberParts(fn) : undefined;
    const isGet =
      plain !== undefined ? isGetByName(plain, aliases) : (member?.property === 'get' && isEnviron(member.object, aliases)) || isGetenv(fn, aliases);
    if (!isGet) continue;
    const args = callArguments(n);
    const name = stringValue(args[0]);
    if (name !== undefined) reads.push({ node: n, name, form: 'get', fallback: fallbackOf(args) });
  }
  reads.sort((a, b) => a.node.startIndex - b.node.startIndex || endOf(b.node) - endOf(a.node));
  return envModel(reads, (node) => isEnviron(node, aliases), words, positions);
}

function isAssignmentTarget(n: SyntaxNode): boolean {
  const parent = n.parent;
  return (typeOf(parent) === 'assignment' || typeOf(parent) === 'augmented_assignment') && field(parent, 'left')?.id === n.id;
}
