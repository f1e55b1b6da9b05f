// JS/TS environment sources: process.env.X, process.env["X"], destructuring from process.env (with
// rename and defaults), `const env = process.env; env.X`, `const { env } = process`, import.meta.env.X.
import type { NodeIndex } from '../context';
import { envModel, envWrapperClasses, type EnvModel, type EnvRead } from '../env-reads';
import {
  dottedName,
  endOf,
  field,
  mentionTest,
  namedChildren,
  positionTest,
  stringValue,
  textOf,
  typeOf,
  unwrap,
  walk,
  wordPositions,
  wordUses,
  type SyntaxNode,
} from '../syntax';

const ENV_OBJECTS = new Set(['process.env', 'import.meta.env', 'globalThis.process.env', 'Deno.env']);

/**
 * What may follow the environment before a property or index of it: `.X`, `?.X`, `[`, a closing
 * parenthesis, `!`, `as`/`satisfies`, a comment. (`= process.env;`, `f(env)`: nothing is read there.)
 */
const ACCESS_MAY_FOLLOW = /\s*[.?[)!/A-Za-z]/y;

/**
 * How a declaration that aliases the environment can end: with the environment (`= process.env`), with
 * `process` (`{ env } = process`), or with wrapping syntax (`)`, `!`, a type after `as`/`satisfies`).
 * Others (`x = process.env.PORT ?? "80"`) are skipped by their text.
 */
const MAY_ALIAS = /(?:\b(?:env|process)|[)!}])\s*$|\b(?:as|satisfies)\b/;

/** A class declaration at the start of a line (exported or not), and its name. */
const JS_CLASS = /^(?:export\s+(?:default\s+)?)?class\s+([A-Za-z_$][\w$]*)/gm;

function collectAliases(nodes: NodeIndex, text: string): Set<string> {
  const aliases = new Set<string>();
  const wrappers = envWrapperClasses(text, JS_CLASS, /\bprocess\.env\b/, /^\s*(?:async\s+)?get\s*\(/m);
  const mentionsEnv = mentionTest(text, ['env', ...wrappers]);
  for (const n of nodes('variable_declarator', 'import_statement')) {
    if (!mentionsEnv(n)) continue;
    if (typeOf(n) === 'variable_declarator') {
      if (!MAY_ALIAS.test(textOf(n))) continue;
      const name = field(n, 'name');
      const value = unwrap(field(n, 'value'));
      // const environment = new EnvReader(): an instance of the file's own class that reads the environment.
      const wrapper = typeOf(value) === 'new_expression' && wrappers.has(textOf(field(value, 'constructor')) ?? '');
      if (name && typeOf(name) === 'identifier' && value && (wrapper || ENV_OBJECTS.has(dottedName(value) ?? '') || wrapsEnv(value, aliases)))
        aliases.add(textOf(name));
      // const { env } = process  /  const { env: e } = process
      if (typeOf(name) === 'object_pattern' && dottedName(value) === 'process') {
        for (const p of namedChildren(name)) {
          if (typeOf(p) === 'shorthand_property_identifier_pattern' && textOf(p) === 'env') aliases.add('env');
          if (typeOf(p) === 'pair_pattern' && textOf(field(p, 'key')) === 'env' && typeOf(field(p, 'value')) === 'identifier')
            aliases.add(textOf(field(p, 'value')!));
        }
      }
    } else if (typeOf(n) === 'import_statement' && /^['"](node:)?process['"]$/.test(textOf(field(n, 'source')) ?? '')) {
      walk(n, (s) => {
        if (typeOf(s) === 'import_specifier' && textOf(field(s, 'name')) === 'env') aliases.add(textOf(field(s, 'alias')) ?? 'env');
      });
    }
  }
  return aliases;
}

/**
 * `wrapEnv(process.env)`, `new Config(process.env)`, `{ ...process.env }`: an object built from the
 * environment, through which an app reads its variables (`environment.DB_PASSWORD`).
 */
function wrapsEnv(value: SyntaxNode, aliases: ReadonlySet<string>): boolean {
  const isEnv = (n: SyntaxNode | undefined) => {
    const inner = unwrap(n);
    return inner !== undefined && (ENV_OBJECTS.has(dottedName(inner) ?? '') || (typeOf(inner) === 'identifier' && aliases.has(textOf(inner))));
  };
  const type = typeOf(value);
  if (type === 'call_expression' || type === 'new_expression') {
    // Object.keys / Object.entries hand out names or pairs, never a mapping to read a variable from.
    if (/^Object\.(keys|entries|values|getOwnPropertyNames)$/.test(dottedName(field(value, type === 'new_expression' ? 'constructor' : 'function')) ?? ''))
      return false;
    return namedChildren(field(value, 'arguments') ?? value).some((a) => isEnv(a));
  }
  if (type === 'object') return namedChildren(value).some((c) => typeOf(c) === 'spread_element' && isEnv(namedChildren(c)[0]));
  return false;
}

export function jsEnvModel(nodes: NodeIndex, root: SyntaxNode, text: string): EnvModel {
  const aliases = collectAliases(nodes, text);
  const words = ['env', ...aliases];
  const isEnvObject = (node: SyntaxNode | undefined): boolean => {
    const n = unwrap(node);
    if (!n) return false;
    if (typeOf(n) === 'identifier') return aliases.has(textOf(n));
    return ENV_OBJECTS.has(dottedName(n) ?? '');
  };
  // Each read with the node that places it in document order (destructured names: their declaration).
  const found: { at: SyntaxNode; read: EnvRead }[] = [];
  // Every environment expression ends with one of the words: `process.env.X` is `process.env` (ending
  // in `env`) plus a property, `env.X` an alias plus one. Only the words' places are examined.
  const examined = new Set<number>();
  const positions = wordPositions(text, words);
  for (const { parent: n } of wordUses(root, text, positions, ACCESS_MAY_FOLLOW)) {
    if (!n || examined.has(n.id)) continue;
    examined.add(n.id);
    if (typeOf(n) === 'member_expression' && isEnvObject(field(n, 'object'))) {
      const prop = field(n, 'property');
      // environment.get("DB_PASSWORD", fallback) on an object that wraps the environment.
      const call = textOf(prop) === 'get' ? n.parent : undefined;
      if (call && typeOf(call) === 'call_expression' && field(call, 'function')?.id === n.id) {
        const [first, fallback] = namedChildren(field(call, 'arguments') ?? call);
        const name = stringValue(first);
        if (name !== undefined) found.push({ at: call, read: { node: call, name, form: 'get', fallback } });
        continue;
      }
      if (prop && typeOf(prop) === 'property_identifier' && !isWrite(n, text)) found.push({ at: n, read: { node: n, name: textOf(prop), form: 'member' } });
    } else if (typeOf(n) === 'subscript_expression' && isEnvObject(field(n, 'object'))) {
      const name = stringValue(field(n, 'index'));
      if (name !== undefined && !isWrite(n, text)) found.push({ at: n, read: { node: n, name, form: 'subscript' } });
    }
  }
  const mentionsEnv = positionTest(positions);
  for (const n of nodes('variable_declarator')) {
    if (mentionsEnv(n) && typeOf(field(n, 'name')) === 'object_pattern' && isEnvObject(field(n, 'value'))) {
      for (const read of destructured(field(n, 'name')!, n.parent ?? n)) found.push({ at: n, read });
    }
  }
  found.sort((a, b) => a.at.startIndex - b.at.startIndex || endOf(b.at) - endOf(a.at));
  return envModel(
    found.map((f) => f.read),
    (node) => isEnvObject(node),
    words,
    positions,
  );
}

/** Each property of `{ X, Y: y, Z = "d", "W-V": w }` bound from the environment. */
function destructured(pattern: SyntaxNode, declaration: SyntaxNode): EnvRead[] {
  const out: EnvRead[] = [];
  for (const p of namedChildren(pattern)) {
    if (typeOf(p) === 'shorthand_property_identifier_pattern') {
      out.push({ node: p, name: textOf(p), form: 'destructure', binding: textOf(p), declaration, patternId: pattern.id });
    } else if (typeOf(p) === 'object_assignment_pattern') {
      const left = field(p, 'left');
      if (left)
        out.push({ node: p, name: textOf(left), form: 'destructure', binding: textOf(left), fallback: field(p, 'right'), declaration, patternId: pattern.id });
    } else if (typeOf(p) === 'pair_pattern') {
      const key = field(p, 'key');
      const name = key && typeOf(key) === 'property_identifier' ? textOf(key) : stringValue(key);
      let value = field(p, 'value');
      let fallback: SyntaxNode | undefined;
      if (typeOf(value) === 'assignment_pattern') {
        fallback = field(value, 'right');
        value = field(value, 'left');
      }
      if (name !== undefined && typeOf(value) === 'identifier')
        out.push({ node: p, name, form: 'destructure', binding: textOf(value), fallback, declaration, patternId: pattern.id });
    }
  }
  return out;
}

/** What follows an assignment target: an assignment operator, or a line break or comment before one. */
const ASSIGNED_AFTER = /[ \t]*(?:$|[\r\n]|\/[/*]|=(?![=>])|[-+*/%&|^]=|\*\*=|<<=|>>>?=|&&=|\|\|=|\?\?=)/y;

function isWrite(n: SyntaxNode, text: string): boolean {
  // Almost every read is neither followed by an assignment operator nor preceded by `delete` (or a
  // comment or line break that could hide one): then the text settles it without asking for the parent.
  ASSIGNED_AFTER.lastIndex = endOf(n);
  if (!ASSIGNED_AFTER.test(text) && !mayFollowDelete(text, n.startIndex)) return false;
  const parent = n.parent;
  if (!parent) return false;
  if ((typeOf(parent) === 'assignment_expression' || typeOf(parent) === 'augmented_assignment_expression') && field(parent, 'left')?.id === n.id) return true;
  return typeOf(parent) === 'unary_expression' && parent.child(0)?.text === 'delete';
}

function mayFollowDelete(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i < 0 || text[i] === '\n' || text[i] === '\r' || text[i] === '/' || /[\w$]/.test(text[i]);
}
