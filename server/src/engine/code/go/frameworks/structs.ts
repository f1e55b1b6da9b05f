// What the Go config frameworks share: the packages a file imports (by path, under their local name),
// struct tags read the way reflect.StructTag reads them, the struct types the file declares and the
// kind of a field's type — a value the library sets from one variable, a struct whose fields it
// reads in turn, or a type declared elsewhere that the file cannot tell.
import type { CodeContext } from '../../context';
import { callArguments, callee, descendants, field, namedChildren, stringValue, textOf, typeOf, unwrap, type SyntaxNode } from '../../syntax';
import { goImportSpecs } from '../env-reads';

/** A valid environment variable name for the reads reported (`DB.PASSWORD` is one nobody sets). */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The local names of the imports whose path passes `test`: the alias, else `defaultName` (the package
 * clause of the library, which a `/vN` suffix does not change). Blank and dot imports bind none.
 */
export function importedAs(root: SyntaxNode, test: (path: string) => boolean, defaultName: string): { locals: Set<string>; paths: string[] } {
  const locals = new Set<string>();
  const paths: string[] = [];
  for (const spec of goImportSpecs(root)) {
    const path = stringValue(field(spec, 'path'));
    if (path === undefined || !test(path)) continue;
    paths.push(path);
    const alias = field(spec, 'name');
    const local = alias ? textOf(alias) : defaultName;
    if (local !== '_' && local !== '.') locals.add(local);
  }
  return { locals, paths };
}

export interface TagEntry {
  key: string;
  /** The value unquoted; undefined when it holds an escape (not read here). */
  value: string | undefined;
  /** Where the value (between its quotes) lies in the tag's text. */
  valueStart: number;
  valueEnd: number;
}

/**
 * The `key:"value"` pairs of a struct tag, as reflect.StructTag.Lookup reads them: separated by spaces,
 * and nothing after the first malformed pair.
 */
export function parseTag(tag: string): TagEntry[] {
  const entries: TagEntry[] = [];
  let i = 0;
  while (i < tag.length) {
    while (i < tag.length && tag[i] === ' ') i++;
    if (i >= tag.length) break;
    const keyStart = i;
    while (i < tag.length && tag.charCodeAt(i) > 32 && tag[i] !== ':' && tag[i] !== '"' && tag.charCodeAt(i) !== 0x7f) i++;
    if (i === keyStart || i + 1 >= tag.length || tag[i] !== ':' || tag[i + 1] !== '"') break;
    const key = tag.slice(keyStart, i);
    const open = i + 1;
    i = open + 1;
    let escaped = false;
    while (i < tag.length && tag[i] !== '"') {
      if (tag[i] === '\\') {
        escaped = true;
        i++;
      }
      i++;
    }
    if (i >= tag.length) break;
    entries.push({ key, value: escaped ? undefined : tag.slice(open + 1, i), valueStart: open + 1, valueEnd: i });
    i++;
  }
  return entries;
}

/** The first entry of `key` (the one Lookup answers with). */
export function tagEntry(entries: readonly TagEntry[], key: string): TagEntry | undefined {
  return entries.find((e) => e.key === key);
}

/** strconv.ParseBool's true. */
export function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^(1|t|T|TRUE|true|True)$/.test(value);
}

export interface StructField {
  declaration: SyntaxNode;
  /** The field names (`A, B string` declares two); none for an embedded field. */
  names: SyntaxNode[];
  type: SyntaxNode;
  tag: SyntaxNode | undefined;
  /** The tag's text, unquoted; '' without a tag, undefined when it cannot be read. */
  tagText: string | undefined;
}

/** The fields of a struct type, in order. */
export function structFields(struct: SyntaxNode): StructField[] {
  const list = namedChildren(struct).find((c) => c.type === 'field_declaration_list');
  const out: StructField[] = [];
  for (const d of namedChildren(list)) {
    if (d.type !== 'field_declaration') continue;
    const type = field(d, 'type');
    if (!type) continue;
    const tag = field(d, 'tag');
    out.push({
      declaration: d,
      names: namedChildren(d).filter((c) => c.type === 'field_identifier'),
      type,
      tag,
      tagText: tag ? stringValue(tag) : '',
    });
  }
  return out;
}

/** The name of an embedded field (`*pkg.Base` → `Base`), or the first declared name. */
export function fieldName(f: StructField): string | undefined {
  if (f.names.length > 0) return textOf(f.names[0]);
  let t: SyntaxNode | undefined = f.type;
  if (typeOf(t) === 'pointer_type') t = namedChildren(t)[0];
  if (typeOf(t) === 'qualified_type') t = field(t, 'name');
  return typeOf(t) === 'type_identifier' ? textOf(t!) : undefined;
}

/** reflect's CanSet: exported fields only (an upper-case first letter). */
export function isExported(name: string): boolean {
  return /^[A-Z]/.test(name);
}

/** The struct types the file declares, by name (`type Config struct {…}`); a name declared twice is left out. */
export function declaredTypes(ctx: CodeContext): Map<string, SyntaxNode> {
  return ctx.memo('go-declared-types', () => {
    const out = new Map<string, SyntaxNode>();
    const twice = new Set<string>();
    for (const spec of descendants(ctx.root, ['type_spec', 'type_alias'])) {
      const name = textOf(field(spec, 'name'));
      const type = field(spec, 'type');
      if (name === undefined || !type || field(spec, 'type_parameters')) continue;
      if (out.has(name)) twice.add(name);
      out.set(name, type);
    }
    for (const name of twice) out.delete(name);
    return out;
  });
}

/** Every struct type literal of the file (declared types, inline fields, anonymous variables). */
export function structTypes(ctx: CodeContext): SyntaxNode[] {
  return ctx.memo('go-struct-types', () => descendants(ctx.root, ['struct_type']));
}

const BUILTIN_VALUES = new Set([
  'string',
  'bool',
  'byte',
  'rune',
  'int',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'uintptr',
  'float32',
  'float64',
]);

/**
 * Types of other packages the libraries set from one variable (time.Time is a text unmarshaler; not
 * url.URL, a group of fields to envconfig before 1.4).
 */
const KNOWN_VALUES = new Set(['time.Duration', 'time.Time']);

/**
 * `value`: set from one variable; `struct`: a struct declared in this file (or inline), whose fields
 * are read instead; `unknown`: a type declared elsewhere, a slice of structs, an interface…
 */
export type FieldKind = { kind: 'value' } | { kind: 'struct'; struct: SyntaxNode } | { kind: 'unknown' };

export function kindOf(ctx: CodeContext, type: SyntaxNode | undefined, depth = 0): FieldKind {
  if (!type || depth > 8) return { kind: 'unknown' };
  switch (type.type) {
    case 'struct_type':
      return { kind: 'struct', struct: type };
    case 'pointer_type':
    case 'parenthesized_type':
      return kindOf(ctx, namedChildren(type)[0], depth + 1);
    case 'type_identifier': {
      const name = textOf(type);
      if (BUILTIN_VALUES.has(name)) return { kind: 'value' };
      const declared = declaredTypes(ctx).get(name);
      // A type that decodes itself is read from one variable, or not at all: the file cannot tell which.
      return declared && !decodesItself(ctx).has(name) ? kindOf(ctx, declared, depth + 1) : { kind: 'unknown' };
    }
    case 'qualified_type':
      return KNOWN_VALUES.has(textOf(type).replace(/\s+/g, '')) ? { kind: 'value' } : { kind: 'unknown' };
    case 'slice_type':
    case 'array_type':
      return kindOf(ctx, field(type, 'element'), depth + 1).kind === 'value' ? { kind: 'value' } : { kind: 'unknown' };
    case 'map_type':
      return kindOf(ctx, field(type, 'key'), depth + 1).kind === 'value' && kindOf(ctx, field(type, 'value'), depth + 1).kind === 'value'
        ? { kind: 'value' }
        : { kind: 'unknown' };
    default:
      return { kind: 'unknown' };
  }
}

/** Methods through which the libraries let a type parse its own value (envconfig's Decoder and Setter, encoding's unmarshalers). */
const DECODERS = new Set(['Decode', 'Set', 'UnmarshalText', 'UnmarshalBinary']);

/** The types of the file with one of those methods. */
function decodesItself(ctx: CodeContext): Set<string> {
  return ctx.memo('go-decoding-types', () => {
    const out = new Set<string>();
    for (const m of descendants(ctx.root, ['method_declaration'])) {
      if (!DECODERS.has(textOf(field(m, 'name')) ?? '')) continue;
      let t = field(namedChildren(field(m, 'receiver'))[0], 'type');
      if (typeOf(t) === 'pointer_type') t = namedChildren(t)[0];
      if (typeOf(t) === 'type_identifier') out.add(textOf(t!));
    }
    return out;
  });
}

/** The struct a field declaration's type is (inline, or a name declared in the file), through pointers. */
export function structOfField(ctx: CodeContext, f: StructField): SyntaxNode | undefined {
  const k = kindOf(ctx, f.type);
  return k.kind === 'struct' ? k.struct : undefined;
}

/** The struct type a node (an inline struct type, a field) is written in, if any. */
export function enclosingStruct(node: SyntaxNode): SyntaxNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'struct_type') return p;
  return undefined;
}

/** A `var` spec of the package's own (not inside a function). */
export function atTopLevel(spec: SyntaxNode): boolean {
  let p = spec.parent;
  while (p && (p.type === 'var_spec_list' || p.type === 'var_declaration')) p = p.parent;
  return p?.type === 'source_file';
}

/** The top-level function or method around a node (closures included in it), if any. */
export function outermostFunction(node: SyntaxNode): SyntaxNode | undefined {
  let found: SyntaxNode | undefined;
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_declaration' || p.type === 'method_declaration') found = p;
  return found;
}

interface ResolvedType {
  pointer: boolean;
  name: string;
}

/**
 * The struct declared in this file that a pointer argument (envconfig's spec, caarlos0/env's target) points to: `&cfg` with `var cfg Config` /
 * `cfg := Config{}`, `cfg` with `cfg := &Config{}` / `new(Config)` / a `*Config` parameter,
 * `&Config{}` itself. Undefined when any declaration of the name says otherwise.
 */
export function pointedStruct(ctx: CodeContext, arg: SyntaxNode, call: SyntaxNode): SyntaxNode | undefined {
  const spec = unwrap(arg);
  const operand = typeOf(spec) === 'unary_expression' && textOf(spec!).startsWith('&') ? unwrap(field(spec, 'operand')) : undefined;
  let t: ResolvedType | undefined;
  if (typeOf(spec) === 'identifier') t = declaredType(ctx, textOf(spec!), call);
  else if (typeOf(operand) === 'identifier') {
    const declared = declaredType(ctx, textOf(operand!), call);
    t = declared && !declared.pointer ? { pointer: true, name: declared.name } : undefined;
  } else t = valueType(spec);
  // The libraries take a pointer to a struct: anything else is an error at run time, not a read.
  const type = t?.pointer ? declaredTypes(ctx).get(t.name) : undefined;
  const kind = type && kindOf(ctx, type);
  return kind?.kind === 'struct' ? kind.struct : undefined;
}

/** The type a value has when it is a literal of a named type: `Config{}`, `&Config{}`, `new(Config)`. */
function valueType(value: SyntaxNode | undefined): ResolvedType | undefined {
  const v = unwrap(value);
  if (typeOf(v) === 'composite_literal') {
    const t = field(v, 'type');
    return typeOf(t) === 'type_identifier' ? { pointer: false, name: textOf(t!) } : undefined;
  }
  if (typeOf(v) === 'unary_expression' && textOf(v!).startsWith('&')) {
    const inner = valueType(field(v, 'operand'));
    return inner && !inner.pointer ? { pointer: true, name: inner.name } : undefined;
  }
  if (typeOf(v) === 'call_expression' && textOf(callee(v!)) === 'new') {
    const t = callArguments(v!)[0];
    return typeOf(t) === 'type_identifier' ? { pointer: true, name: textOf(t) } : undefined;
  }
  return undefined;
}

/** A written type: `Config` or `*Config`. */
function writtenType(type: SyntaxNode | undefined): ResolvedType | undefined {
  if (typeOf(type) === 'type_identifier') return { pointer: false, name: textOf(type!) };
  if (typeOf(type) === 'pointer_type') {
    const inner = namedChildren(type)[0];
    return typeOf(inner) === 'type_identifier' ? { pointer: true, name: textOf(inner) } : undefined;
  }
  return undefined;
}

/**
 * The type every declaration of `name` in the function around `at` gives it (parameters, `var`, `:=`,
 * `=`), else the package-level `var`s'; undefined when they disagree or one is not a plain literal.
 */
function declaredType(ctx: CodeContext, name: string, at: SyntaxNode): ResolvedType | undefined {
  const fn = outermostFunction(at);
  const found = fn ? declarationsIn(fn, name) : [];
  const types = found.length > 0 ? found : declarationsIn(ctx.root, name, true);
  if (types.length === 0 || types.some((t) => !t || t.pointer !== types[0]!.pointer || t.name !== types[0]!.name)) return undefined;
  return types[0];
}

/** What each declaration of `name` under `scope` says its type is (undefined for one that says nothing plain). */
function declarationsIn(scope: SyntaxNode, name: string, topLevelOnly = false): (ResolvedType | undefined)[] {
  const out: (ResolvedType | undefined)[] = [];
  const types = topLevelOnly ? ['var_spec'] : ['var_spec', 'short_var_declaration', 'assignment_statement', 'parameter_declaration'];
  for (const d of descendants(scope, types)) {
    if (topLevelOnly && !atTopLevel(d)) continue;
    if (d.type === 'var_spec' || d.type === 'parameter_declaration') {
      const names = namedChildren(d).filter((c) => c.type === 'identifier' && c !== field(d, 'type'));
      const i = names.findIndex((n) => textOf(n) === name);
      if (i < 0) continue;
      const type = field(d, 'type');
      const values = namedChildren(field(d, 'value'));
      out.push(type ? writtenType(type) : valueType(values[i]));
    } else {
      const left = namedChildren(field(d, 'left'));
      const i = left.findIndex((n) => typeOf(n) === 'identifier' && textOf(n) === name);
      if (i < 0) continue;
      const right = namedChildren(field(d, 'right'));
      out.push(right.length === left.length ? valueType(right[i]) : undefined);
    }
  }
  return out;
}
