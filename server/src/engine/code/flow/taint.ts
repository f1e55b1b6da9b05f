// What a value carries, expression by expression: a secret (named after where it came from) and/or
// the whole environment. One evaluator serves both grammars (their node types hardly overlap); the
// differences that matter (f-strings print dicts, template literals print [object Object]) are explicit.
// What takes a secret out of a value (sanitizers, masks, harmless values) is clean-values.ts.
import { classifyName, splitWords, withoutNumbering } from '../../names';
import {
  AUTH_OWNER_WORDS,
  ENV_VALUE_METHODS,
  GETTER_VERBS,
  NOT_A_VALUE,
  REVEALS_NOTHING,
  SHOWS_ALL,
  SHOWS_ALL_METHODS,
  SHOWS_SECRET_ONLY,
  SPLICES_ARGUMENTS,
  TEXT_METHODS,
  VALUE_FIELDS,
} from './vocabulary';

import type { Dialect } from '../dialect';
import { isKnownClean, isSanitizerName, masksEverything, replacesWithMask } from './clean-values';
import { callArguments, callee, dottedName, field, memberParts, namedChildren, stringValue, textOf, typeOf, unwrap, type SyntaxNode } from '../syntax';

export interface Taint {
  /** Name of the secret the value derives from (env var, variable or field name). */
  secret?: string;
  /** Text of the whole-environment expression the value derives from. */
  env?: string;
  /** The value is one entry of the environment (a loop over its items), not the mapping itself. */
  envItem?: boolean;
  /**
   * The value is one of the environment's names (a loop over `os.environ`, `env.keySet()`): harmless
   * itself, but the environment read by it (`os.environ[name]`, `env.get(name)`) is an entry of it.
   */
  envNameOf?: string;
}

/** The environment a name of which this key is (the loop variable of a loop over its names). */
function envNamed(key: SyntaxNode | undefined, vars: Vars): string | undefined {
  const k = unwrap(key);
  return k && typeOf(k) === 'identifier' && vars.has(textOf(k)) ? vars.get(textOf(k))?.envNameOf : undefined;
}

/** Marks a variable known to hold a harmless value (a literal, a length, a hash) whatever its name. */
export const CLEAN: Taint = Object.freeze({});

export function isTainted(t: Taint | undefined): t is Taint {
  return t !== undefined && (t.secret !== undefined || t.env !== undefined);
}

/** Variables known to carry taint at a program point (flow-sensitive, per scope). */
export interface Vars {
  has(name: string): boolean;
  get(name: string): Taint | undefined;
}

/** What the evaluator needs to know about the file (env model, names, loaders, SecretStr fields). */
export interface TaintOracle {
  dialect: Dialect;
  isEnvObject(node: SyntaxNode): boolean;
  /** The secret a node reads directly (an env read of a secret var, or a loader call), if any. */
  directSecret(node: SyntaxNode): string | undefined;
  isSecretName(name: string): boolean;
  /** names.ts classifyName with the user's lists: whether a name holds a secret, is about one, or neither. */
  nameKind(name: string): ReturnType<typeof classifyName>;
  /** A pattern every secret name contains (names.ts secretNameParts), or undefined when any name may be one. */
  secretNameParts: RegExp | undefined;
  /**
   * What a call of one of the file's own functions returns (flow/helpers.ts): a secret it returns, or
   * the taint of the arguments it hands back. Undefined for other calls, and before the summaries exist.
   */
  fileCall?(call: SyntaxNode, vars: Vars): Taint | undefined;
  /** The secret field of the file's own class of this name, when printing an instance shows its fields (dialect.ts). */
  secretFieldOf?(className: string): string | undefined;
  /**
   * The names of those classes, of the variables and fields declared with them (typed languages), and
   * of the fields a framework fills from a secret: names that start taint without sounding secret.
   */
  secretClasses?(): string[];
  /** The secret field a variable or field declared with such a type holds (Go's `cfg Config`). */
  instanceField?(name: string): string | undefined;
  /** A read of one environment variable that is not a secret (`process.env.SESSION_COOKIE_NAME`). */
  isPlainEnvRead(node: SyntaxNode): boolean;
  /** Names that hold pydantic SecretStr/SecretBytes (printing them shows `**********`). */
  maskedNames: ReadonlySet<string>;
}

export function union(a: Taint | undefined, b: Taint | undefined): Taint | undefined {
  if (!isTainted(a)) return isTainted(b) ? b : undefined;
  if (!isTainted(b)) return a;
  const envFrom = a.env !== undefined ? a : b;
  return { secret: a.secret ?? b.secret, env: envFrom.env, envItem: envFrom.envItem };
}

const onlySecret = (t: Taint | undefined): Taint | undefined => (t?.secret ? { secret: t.secret } : undefined);

export function taintOf(node: SyntaxNode | undefined, vars: Vars, o: TaintOracle): Taint | undefined {
  if (!node) return undefined;
  const direct = o.directSecret(node);
  if (direct) return { secret: direct };
  if (o.isEnvObject(node)) return { env: textOf(node) };
  if (NOT_A_VALUE.has(typeOf(node))) return undefined;
  switch (typeOf(node)) {
    case 'identifier':
    case 'shorthand_property_identifier':
      return identifierTaint(textOf(node), vars, o);
    case 'attribute':
    case 'member_expression':
    case 'selector_expression':
    case 'field_access':
      return memberTaint(node, vars, o);
    case 'index_expression': {
      // Go's `m["X"]` / `xs[i]`.
      const key = stringValue(field(node, 'index'));
      const object = field(node, 'operand');
      return key === undefined ? onlySecret(taintOf(object, vars, o)) : fieldTaint(object, key, vars, o);
    }
    case 'subscript':
    case 'subscript_expression': {
      const object = field(node, typeOf(node) === 'subscript' ? 'value' : 'object');
      const index = field(node, typeOf(node) === 'subscript' ? 'subscript' : 'index');
      const key = stringValue(index);
      // os.environ[name] / process.env[name] in a loop over the environment's names: one entry of it.
      if (key === undefined && object && o.isEnvObject(object) && envNamed(index, vars) !== undefined) return { env: textOf(object), envItem: true };
      return key === undefined ? onlySecret(taintOf(object, vars, o)) : fieldTaint(object, key, vars, o);
    }
    case 'call':
    case 'call_expression':
    case 'new_expression':
    case 'method_invocation':
    case 'object_creation_expression':
      return callTaint(node, vars, o);
    case 'binary_operator':
    case 'boolean_operator':
      return union(taintOf(field(node, 'left'), vars, o), taintOf(field(node, 'right'), vars, o));
    case 'binary_expression':
      return /^(\+|\|\||\?\?|&&)$/.test(textOf(field(node, 'operator')) ?? '')
        ? union(taintOf(field(node, 'left'), vars, o), taintOf(field(node, 'right'), vars, o))
        : undefined;
    case 'string': {
      // f-string interpolations are braced: a string without `{` has none (no need to read its parts).
      const parts = textOf(node).includes('{') ? o.dialect.stringInterpolations(node) : undefined;
      return (
        parts &&
        unionOf(
          parts.map((c) => field(c, 'expression')),
          vars,
          o,
        )
      );
    }
    case 'concatenated_string':
      return unionOf(namedChildren(node), vars, o);
    case 'template_string':
      if (!textOf(node).includes('${')) return undefined;
      return unionOf(
        namedChildren(node)
          .filter((c) => typeOf(c) === 'template_substitution')
          .map((c) => namedChildren(c)[0]),
        vars,
        o,
        templateShows,
      );
    case 'pair':
    case 'keyed_element':
      return pairTaint(node, vars, o);
    case 'composite_literal': {
      // Go's `Config{Password: pw}`, `log.Fields{"k": v}`, `[]string{pw}`; a value of a struct with a secret field.
      const secretField = o.secretFieldOf?.(textOf(field(node, 'type')) ?? '');
      return union(taintOf(field(node, 'body'), vars, o), secretField === undefined ? undefined : { secret: secretField });
    }
    case 'keyword_argument':
      return taintOf(field(node, 'value'), vars, o);
    case 'assignment':
      // Python's chained `a = b = value`: the inner assignment is the outer one's value.
      return taintOf(field(node, 'right'), vars, o);
    case 'conditional_expression': {
      const parts = namedChildren(node);
      return union(taintOf(parts[0], vars, o), taintOf(parts[2], vars, o));
    }
    case 'ternary_expression':
      return union(taintOf(field(node, 'consequence'), vars, o), taintOf(field(node, 'alternative'), vars, o));
    case 'literal_value':
    case 'literal_element':
    case 'array_initializer':
    case 'dictionary':
    case 'object':
    case 'list':
    case 'tuple':
    case 'set':
    case 'array':
    case 'expression_list':
    case 'parenthesized_expression':
    case 'await':
    case 'await_expression':
    case 'spread_element':
    case 'dictionary_splat':
    case 'list_splat':
    case 'as_expression':
    case 'non_null_expression':
    case 'satisfies_expression':
    case 'assignment_expression':
    case 'named_expression':
    case 'sequence_expression':
      return unionOf(
        namedChildren(node).filter((c) => typeOf(c) !== 'comment' && typeOf(c) !== 'type_identifier'),
        vars,
        o,
      );
    default:
      return undefined;
  }
}

function unionOf(
  nodes: readonly (SyntaxNode | undefined)[],
  vars: Vars,
  o: TaintOracle,
  keep: (n: SyntaxNode, t: Taint) => Taint | undefined = (_n, t) => t,
): Taint | undefined {
  let acc: Taint | undefined;
  for (const n of nodes) {
    const t = n ? taintOf(n, vars, o) : undefined;
    if (n && t) acc = union(acc, keep(n, t));
  }
  return acc;
}

/** `${process.env}` prints "[object Object]": a substitution shows a mapping only through a call (JSON.stringify…). */
function templateShows(n: SyntaxNode, t: Taint): Taint | undefined {
  const inner = unwrap(n);
  return typeOf(inner) === 'call_expression' ? t : onlySecret(t);
}

function identifierTaint(name: string, vars: Vars, o: TaintOracle): Taint | undefined {
  if (vars.has(name)) {
    const t = vars.get(name);
    return isTainted(t) ? t : undefined;
  }
  if (o.maskedNames.has(name)) return undefined;
  if (o.isSecretName(name)) return { secret: name };
  const field = o.instanceField?.(name);
  return field === undefined ? undefined : { secret: field };
}

function memberTaint(node: SyntaxNode, vars: Vars, o: TaintOracle): Taint | undefined {
  const m = memberParts(node);
  if (!m) return undefined;
  if (o.maskedNames.has(m.property)) return undefined;
  if (m.property === 'length' || m.property === 'size') return undefined;
  return fieldTaint(m.object, m.property, vars, o);
}

/**
 * The value of `object.name` / `object["name"]`. The field's own name decides first (a secret's name,
 * or one about a secret: `apiKey.id`, `token_payload["exp"]`); then what the program stored there
 * (`config.hostname` of a literal that also holds a password); then the object: a field of a secret
 * is harmless unless it holds the secret's value, and a field of the environment is one variable,
 * which the env model decides.
 */
function fieldTaint(object: SyntaxNode | undefined, name: string, vars: Vars, o: TaintOracle): Taint | undefined {
  const dotted = object && dottedName(object);
  if (dotted !== undefined && vars.has(`${dotted}.${name}`)) {
    const t = vars.get(`${dotted}.${name}`);
    return isTainted(t) ? t : undefined;
  }
  const kind = o.nameKind(name);
  if (kind === 'secret') return name === 'token' && !authOwner(object) ? undefined : { secret: name };
  if (kind === 'about') return undefined;
  const instance = o.instanceField?.(name);
  if (instance !== undefined) return { secret: instance };
  const owner = onlySecret(taintOf(object, vars, o));
  return owner && VALUE_FIELDS.has(name.toLowerCase()) ? owner : undefined;
}

function authOwner(object: SyntaxNode | undefined): boolean {
  const dotted = object && dottedName(object);
  if (dotted === undefined) return true; // a call's or an index's result: nothing says it is a domain object
  const last = dotted.slice(dotted.lastIndexOf('.') + 1);
  return splitWords(last).some((w) => AUTH_OWNER_WORDS.has(w));
}

function pairTaint(node: SyntaxNode, vars: Vars, o: TaintOracle): Taint | undefined {
  const value = field(node, 'value');
  const t = taintOf(value, vars, o);
  if (t) return t;
  // { "password": get_password() }: a secret-named key with a computed value.
  const keyField = field(node, 'key');
  // Go's keyed elements wrap the key: `"k": v`, `Password: pw`.
  const keyNode = typeOf(keyField) === 'literal_element' ? namedChildren(keyField)[0] : keyField;
  const keyType = typeOf(keyNode);
  const key = keyNode && (keyType === 'property_identifier' || keyType === 'identifier') ? textOf(keyNode) : stringValue(keyNode);
  // A literal, a function, or a value harmless whatever it holds (`{ password: crypt(pw) }`).
  const literal = value && (stringValue(value) !== undefined || NOT_A_VALUE.has(typeOf(value)) || isKnownClean(value) || knownCleanVariable(value, vars));
  return key !== undefined && o.isSecretName(key) && value && !literal ? { secret: key } : undefined;
}

/** A variable the flow knows holds something harmless (`shown = pw ? null : "(hidden)"`). */
function knownCleanVariable(node: SyntaxNode, vars: Vars): boolean {
  const n = unwrap(node);
  const name = n && (typeOf(n) === 'identifier' ? textOf(n) : undefined);
  return name !== undefined && vars.has(name) && !isTainted(vars.get(name));
}

/** A JavaBeans getter: `getUsername` → `Username`, `isEnabled` → `Enabled`. */
const GETTER = /^(?:get|is)([A-Z]\w*)$/;

function callTaint(node: SyntaxNode, vars: Vars, o: TaintOracle): Taint | undefined {
  const fn = unwrap(callee(node));
  const args = callArguments(node).filter((a) => !(typeOf(a) === 'keyword_argument' && /^(key|default|reverse)$/.test(textOf(field(a, 'name')) ?? '')));
  const name = dottedName(fn) ?? '';
  const member = memberParts(fn);
  // A plain name, or the class a Java `new` creates (`new IllegalStateException(…)`).
  const last = member?.property ?? (fn && (typeOf(fn) === 'identifier' || typeOf(fn) === 'type_identifier') ? textOf(fn) : '');
  if (member && member.property === 'get_secret_value') return { secret: lastSegment(member.object) ?? 'SecretStr' };
  if (last && isSanitizerName(last)) return undefined;
  if (member && (member.property === 'replace' || member.property === 'replaceAll') && masksEverything(args)) return undefined;
  if (replacesWithMask(name, member?.property, args)) return undefined;
  if (last && returnsSecret(name, last, o)) return { secret: last };
  const returned = o.fileCall?.(node, vars);
  if (returned) return returned;
  if (SHOWS_ALL.has(name) || (member !== undefined && SHOWS_ALL_METHODS.has(member.property))) return unionOf(args, vars, o);
  if (SHOWS_SECRET_ONLY.has(name)) return onlySecret(unionOf(args, vars, o));
  if (/(Error|Exception)$/.test(last)) return onlySecret(unionOf(args, vars, o));
  if (!member) return wrapsEnvironment(args, o) ?? instanceTaint(fn, o);
  if (o.isEnvObject(member.object)) {
    // env.get(name) / os.environ.get(name) in a loop over the environment's names: one entry of it.
    if ((member.property === 'get' || member.property === 'getOrDefault') && envNamed(args[0], vars) !== undefined)
      return { env: textOf(member.object), envItem: true };
    return ENV_VALUE_METHODS.has(member.property) ? { env: textOf(member.object) } : undefined;
  }
  // token.get("token_type"), payload.get("exp"): a mapping's field, read like `token["token_type"]`.
  const key = member.property === 'get' ? stringValue(args[0]) : undefined;
  if (key !== undefined) return fieldTaint(member.object, key, vars, o);
  // creds.getUsername(), token.isExpired(): a bean getter reads its property, like `creds.username`.
  // (An entry's getValue() of the environment is the environment's: below.)
  const property = args.length === 0 && !ENV_VALUE_METHODS.has(member.property) ? GETTER.exec(member.property) : null;
  if (property) return fieldTaint(member.object, property[1].charAt(0).toLowerCase() + property[1].slice(1), vars, o);
  const receiver = taintOf(member.object, vars, o);
  if (receiver?.secret && !REVEALS_NOTHING.has(member.property)) return { secret: receiver.secret };
  if (receiver?.env && (ENV_VALUE_METHODS.has(member.property) || TEXT_METHODS.has(member.property))) return { env: receiver.env, envItem: receiver.envItem };
  if (SPLICES_ARGUMENTS.has(member.property)) return unionOf(args, vars, o);
  return undefined;
}

/**
 * A call that returns a secret by what it is called: `getpass.getpass()`, a getter of a secret
 * (`get_password()`, `keyring.get_password(…)`, `client.fetchApiToken()`), or a function named just
 * after one (`password()`, `api_key()`). Any other verb (`set_password`, `reset_token`, `send_api_key`)
 * says the call does something with the secret, not that it hands it back.
 */
function returnsSecret(dotted: string, last: string, o: TaintOracle): boolean {
  if (dotted === 'getpass' || dotted === 'getpass.getpass') return true;
  if (o.nameKind(last) !== 'secret') return false;
  const first = withoutNumbering(splitWords(last)[0] ?? '');
  return (
    GETTER_VERBS.has(first) ||
    o.nameKind(first) === 'secret' ||
    /^(api|access|auth|refresh|client|private|secret|session|signing|master|bearer|db|database)$/.test(first)
  );
}

/** `Settings(...)`, `new ApiKey(...)`: an instance of the file's own class whose fields include a secret shows it when printed whole. */
function instanceTaint(fn: SyntaxNode | undefined, o: TaintOracle): Taint | undefined {
  // A plain name, or the class a Java `new` creates.
  const field = fn && (typeOf(fn) === 'identifier' || typeOf(fn) === 'type_identifier') ? o.secretFieldOf?.(textOf(fn) ?? '') : undefined;
  return field === undefined ? undefined : { secret: field };
}

/** `wrapEnv(process.env)`, `new Config(os.environ)`: an object built from the environment holds its values. */
function wrapsEnvironment(args: readonly SyntaxNode[], o: TaintOracle): Taint | undefined {
  for (const a of args) {
    const inner = unwrap(typeOf(a) === 'keyword_argument' ? field(a, 'value') : a);
    if (inner && o.isEnvObject(inner)) return { env: textOf(inner) };
  }
  return undefined;
}

function lastSegment(node: SyntaxNode): string | undefined {
  return dottedName(node)?.split('.').pop();
}
