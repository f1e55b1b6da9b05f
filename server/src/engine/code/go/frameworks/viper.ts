// spf13/viper: `viper.GetString("db.password")` (any getter, on the global viper or an instance made by
// `viper.New()` in the file) reads the environment only when the file tells viper to:
// - `AutomaticEnv()`: every key is looked up as the variable `PREFIX_KEY` — the `SetEnvPrefix` prefix
//   and the key, upper-cased, passed through the `SetEnvKeyReplacer(strings.NewReplacer(…))` replacer
//   (`db.password` is DB_PASSWORD with `NewReplacer(".", "_")`);
// - `BindEnv("db.password", "DB_PASSWORD")`: the key reads the variables named (the same replacer
//   applies); `BindEnv("db.password")` alone binds the prefixed, upper-cased key.
// The read is the getter's call; a binding whose key no getter of the file asks for (read through
// `Unmarshal`, or in another file) is reported at the BindEnv call. What the file does not pin down —
// a prefix or a replacer that is not a literal, several prefixes, an alias that is not, an instance the
// file did not make — is not guessed: those reads are not reported.
//
// No fix: a viper key may as well come from a config file, a flag or a default, and viper has no
// secret-file support of its own; rewriting the getter into the loader would drop those sources.
import type { CodeContext } from '../../context';
import type { Framework, FrameworkRead } from '../../frameworks';
import { callArguments, callee, descendants, field, memberParts, namedChildren, stringValue, textOf, typeOf, unwrap, type SyntaxNode } from '../../syntax';
import { atTopLevel, ENV_NAME, importedAs, outermostFunction } from './structs';

const FRAMEWORK = 'viper';
const PATH = 'github.com/spf13/viper';

/** The value getters (`GetViper`, `GetEnvPrefix` are not among them). */
const GETTER =
  /^Get(?:String|Bool|Int(?:8|16|32|64)?|Uint(?:8|16|32|64)?|Float(?:32|64)|Time|Duration|IntSlice|StringSlice|StringMap(?:String(?:Slice)?)?|SizeInBytes)?$/;
const SETUP = new Set(['AutomaticEnv', 'SetEnvPrefix', 'SetEnvKeyReplacer', 'BindEnv', 'MustBindEnv', 'RegisterAlias']);

/** `undefined` where the file does not say what the value is. */
type Replacer = readonly (readonly [string, string])[] | null | undefined;

interface Instance {
  automatic: boolean;
  /** The SetEnvPrefix calls: their literal argument (undefined for another expression), and where they are. */
  prefixes: { value: string | undefined; at: number }[];
  replacers: Replacer[];
  /** alias → key; undefined once an alias is not a literal. */
  aliases: Map<string, string> | undefined;
  binds: { call: SyntaxNode; key: string; names: string[] | undefined }[];
  gets: { call: SyntaxNode; key: string }[];
  /** Made by NewWithOptions with a key replacer the file does not spell out. */
  unknownReplacer: boolean;
}

export const viper: Framework = {
  marker: /spf13\/viper/,
  reads(ctx) {
    const { locals, paths } = importedAs(ctx.root, (p) => p === PATH, 'viper');
    if (paths.length === 0 || locals.size === 0) return [];
    const instances = new Map<string, Instance>();
    const resolved = new Map<string, Receiver | undefined>();
    for (const call of ctx.nodes('call_expression')) {
      const m = memberParts(callee(call));
      const r = m && unwrap(m.object);
      if (!m || typeOf(r) !== 'identifier' || !(GETTER.test(m.property) || SETUP.has(m.property))) continue;
      const fn = outermostFunction(call);
      const cacheKey = `${fn?.id ?? ''}:${textOf(r!)}`;
      if (!resolved.has(cacheKey)) resolved.set(cacheKey, instanceOf(ctx, textOf(r!), fn, locals));
      const key = resolved.get(cacheKey);
      if (key === undefined) continue;
      const inst = instances.get(key.id) ?? newInstance(key.unknownReplacer);
      instances.set(key.id, inst);
      record(inst, m.property, call);
    }
    const out: FrameworkRead[] = [];
    for (const inst of instances.values()) out.push(...readsOf(inst));
    return out;
  },
};

function newInstance(unknownReplacer: boolean): Instance {
  return { automatic: false, prefixes: [], replacers: [], aliases: new Map(), binds: [], gets: [], unknownReplacer };
}

function record(inst: Instance, method: string, call: SyntaxNode): void {
  const args = callArguments(call);
  const literals = args.map((a) => stringValue(a));
  if (GETTER.test(method)) {
    if (args.length === 1 && literals[0] !== undefined) inst.gets.push({ call, key: literals[0].toLowerCase() });
    return;
  }
  switch (method) {
    case 'AutomaticEnv':
      inst.automatic = true;
      break;
    case 'SetEnvPrefix':
      // SetEnvPrefix("") changes nothing.
      if (literals[0] !== '') inst.prefixes.push({ value: literals[0], at: call.startIndex });
      break;
    case 'SetEnvKeyReplacer':
      inst.replacers.push(replacerOf(args[0]));
      break;
    case 'RegisterAlias':
      if (literals[0] !== undefined && literals[1] !== undefined) inst.aliases?.set(literals[0].toLowerCase(), literals[1].toLowerCase());
      else inst.aliases = undefined;
      break;
    default:
      // BindEnv / MustBindEnv: a key, and the variables it reads (its own, prefixed, when none is named).
      if (args.length >= 1 && literals[0] !== undefined && literals.every((l) => l !== undefined)) {
        inst.binds.push({ call, key: literals[0].toLowerCase(), names: args.length > 1 ? literals.slice(1) : undefined });
      }
  }
}

/** `strings.NewReplacer("." , "_", …)` with literal pairs; null for `nil`; undefined for anything else. */
function replacerOf(arg: SyntaxNode | undefined): Replacer {
  const a = unwrap(arg);
  if (typeOf(a) === 'nil') return null;
  if (typeOf(a) !== 'call_expression' || !/(^|\.)NewReplacer$/.test(textOf(callee(a!)) ?? '')) return undefined;
  const parts = callArguments(a!).map((p) => stringValue(p));
  if (parts.length % 2 !== 0 || parts.some((p) => p === undefined || p === '')) return undefined;
  const pairs: [string, string][] = [];
  for (let i = 0; i < parts.length; i += 2) pairs.push([parts[i]!, parts[i + 1]!]);
  return pairs;
}

/** strings.Replacer.Replace: at each position the first pair (in argument order) whose old text is there. */
function replace(text: string, pairs: readonly (readonly [string, string])[] | null): string {
  if (!pairs) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const pair = pairs.find(([old]) => text.startsWith(old, i));
    if (pair) {
      out += pair[1];
      i += pair[0].length;
    } else out += text[i++];
  }
  return out;
}

function readsOf(inst: Instance): FrameworkRead[] {
  const distinct = new Set(inst.replacers.map((r) => (r === undefined ? undefined : JSON.stringify(r))));
  if (inst.unknownReplacer || distinct.has(undefined) || distinct.size > 1) return [];
  const pairs = inst.replacers[0] ?? null;
  const prefixValues = new Set(inst.prefixes.map((p) => p.value));
  const prefix = prefixValues.has(undefined) || prefixValues.size > 1 ? undefined : ([...prefixValues][0] ?? '');
  const merged = (key: string, p: string) => replace((p !== '' ? `${p}_${key}` : key).toUpperCase(), pairs);
  const out: FrameworkRead[] = [];
  const add = (node: SyntaxNode, names: Iterable<string>) => {
    for (const name of new Set(names)) if (ENV_NAME.test(name)) out.push({ node, name, framework: FRAMEWORK, fixes: () => [] });
  };
  /** The variables a binding reads: the ones named, or the key with the prefix set before it. */
  const bound = (b: Instance['binds'][number]): string[] => {
    if (b.names) return b.names.map((n) => replace(n, pairs));
    if (prefix === undefined || inst.prefixes.some((p) => p.at > b.call.startIndex)) return [];
    return [merged(b.key, prefix)];
  };
  const asked = new Set<string>();
  if (inst.aliases) {
    for (const g of inst.gets) {
      const key = inst.aliases.get(g.key) ?? g.key;
      asked.add(key);
      const names: string[] = [];
      if (inst.automatic && prefix !== undefined) names.push(merged(key, prefix));
      for (const b of inst.binds) if (b.key === key) names.push(...bound(b));
      add(g.call, names);
    }
  }
  for (const b of inst.binds) if (!asked.has(b.key) && inst.aliases !== undefined) add(b.call, bound(b));
  return out;
}

type Receiver = { id: string; unknownReplacer: boolean };

/**
 * Which viper a receiver named `name` in the function `fn` is: the global one (the package, or
 * `viper.GetViper()`), or an instance the file makes (`v := viper.New()`, a package-level
 * `var v = viper.New()`, a `*viper.Viper` parameter), named by where it is declared; undefined for
 * anything else.
 */
function instanceOf(ctx: CodeContext, name: string, fn: SyntaxNode | undefined, locals: ReadonlySet<string>): Receiver | undefined {
  const inFunction = fn ? declarations(fn, name, locals) : [];
  const found = inFunction.length > 0 ? inFunction : declarations(ctx.root, name, locals, true);
  if (found.length === 0) return locals.has(name) ? { id: 'global', unknownReplacer: false } : undefined;
  const kinds = new Set(found.map((f) => f?.kind));
  if (kinds.has(undefined) || kinds.size > 1) return undefined;
  if (found[0]!.kind === 'global') return { id: 'global', unknownReplacer: false };
  const scope = inFunction.length > 0 ? `${fn!.id}` : 'package';
  return { id: `${scope}:${name}`, unknownReplacer: found.some((f) => f!.unknownReplacer) };
}

type Made = { kind: 'global' | 'instance'; unknownReplacer: boolean } | undefined;

/** What each declaration of `name` under `scope` makes it (undefined for one that is not a viper the file makes). */
function declarations(scope: SyntaxNode, name: string, locals: ReadonlySet<string>, topLevelOnly = false): Made[] {
  const out: Made[] = [];
  const types = topLevelOnly ? ['var_spec'] : ['var_spec', 'short_var_declaration', 'assignment_statement', 'parameter_declaration'];
  for (const d of descendants(scope, types)) {
    if (topLevelOnly && !atTopLevel(d)) continue;
    if (d.type === 'var_spec' || d.type === 'parameter_declaration') {
      const names = namedChildren(d).filter((c) => c.type === 'identifier');
      const i = names.findIndex((n) => textOf(n) === name);
      if (i < 0) continue;
      const type = field(d, 'type');
      const value = namedChildren(field(d, 'value'))[i];
      out.push(value ? made(value, locals) : isViperPointer(type, locals) ? { kind: 'instance', unknownReplacer: false } : undefined);
    } else {
      const left = namedChildren(field(d, 'left'));
      const i = left.findIndex((n) => typeOf(n) === 'identifier' && textOf(n) === name);
      if (i < 0) continue;
      const right = namedChildren(field(d, 'right'));
      out.push(right.length === left.length ? made(right[i], locals) : undefined);
    }
  }
  return out;
}

function made(value: SyntaxNode, locals: ReadonlySet<string>): Made {
  const v = unwrap(value);
  if (typeOf(v) !== 'call_expression') return undefined;
  const m = memberParts(callee(v!));
  if (!m || typeOf(m.object) !== 'identifier' || !locals.has(textOf(m.object))) return undefined;
  if (m.property === 'GetViper') return { kind: 'global', unknownReplacer: false };
  if (m.property === 'New') return { kind: 'instance', unknownReplacer: false };
  if (m.property === 'NewWithOptions') return { kind: 'instance', unknownReplacer: /\bEnvKeyReplacer\b/.test(textOf(field(v, 'arguments')) ?? '') };
  return undefined;
}

/** `*viper.Viper`. */
function isViperPointer(type: SyntaxNode | undefined, locals: ReadonlySet<string>): boolean {
  if (typeOf(type) !== 'pointer_type') return false;
  const inner = namedChildren(type)[0];
  return typeOf(inner) === 'qualified_type' && textOf(field(inner, 'name')) === 'Viper' && locals.has(textOf(field(inner, 'package')) ?? '');
}
