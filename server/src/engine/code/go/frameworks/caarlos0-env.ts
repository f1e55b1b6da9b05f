// caarlos0/env: `env.Parse(&cfg)` fills the fields tagged `env:"DB_PASSWORD"` (options after commas:
// `required`, `notEmpty`, `file`…) from the environment; a struct field tagged `envPrefix:"APP_"`
// prefixes the names of its struct's fields. A field whose tag has the `file` option reads the file its
// variable names: not a read. Files that pass parser Options renaming the variables (`Prefix`,
// `TagName`) or feeding them from a map (`Environment`) are skipped: which struct they apply to is not
// known here. So is a struct nested under several different prefixes.
//
// The fix is the library's own `file` option (caarlos0/env v6 and later): `env:"DB_PASSWORD_FILE,file"`
// (the other options kept) makes it read the file DB_PASSWORD_FILE names, so the paired manifest fix
// sets DB_PASSWORD_FILE to the mounted file (whose content the field gets as it is, a trailing newline
// included). With `file`, an `envDefault` is a file name too: a field whose default is not a path gets
// no fix (the app would fail to start without the pointer variable).
import type { Fix, TextEdit } from '../../../findings';
import type { CodeContext } from '../../context';
import type { Framework, FrameworkRead } from '../../frameworks';
import { callArguments, callee, descendants, escapeRegExp, field, memberParts, namedChildren, textOf, typeOf, unwrap, type SyntaxNode } from '../../syntax';
import {
  ENV_NAME,
  declaredTypes,
  enclosingStruct,
  importedAs,
  isExported,
  kindOf,
  parseTag,
  pointedStruct,
  structFields,
  structTypes,
  tagEntry,
  type StructField,
  type TagEntry,
} from './structs';

const FRAMEWORK = 'caarlos0/env';
const PATH = /^github\.com\/caarlos0\/env(?:\/v(\d+))?$/;

/** Options fields that change the variables' names or where their values come from. */
const RENAMING_OPTIONS = /^(Prefix|TagName|Environment|DefaultTagName)$/;

export const caarlos0Env: Framework = {
  marker: /caarlos0\/env/,
  reads(ctx) {
    const { locals, paths } = importedAs(ctx.root, (p) => PATH.test(p), 'env');
    if (paths.length === 0 || renamesVariables(ctx, locals)) return [];
    // The `file` option is there from v6 on (the first major version with a module path).
    const fileOption = paths.every((p) => Number(PATH.exec(p)?.[1] ?? 0) >= 6);
    const prefixes = new Map<number, string | undefined>();
    const parsed = parsedStructs(ctx, locals);
    const out: FrameworkRead[] = [];
    for (const struct of structTypes(ctx)) {
      for (const f of structFields(struct)) {
        const read = tagRead(ctx, f);
        if (!read) continue;
        const prefix = prefixOf(ctx, struct, parsed, prefixes, new Set());
        const name = prefix === undefined ? undefined : prefix + read.own;
        if (name === undefined || !ENV_NAME.test(name)) continue;
        const edit = fileOption ? fileEdit(f.tag!, read) : undefined;
        const pointer = `${name}_FILE`;
        out.push({
          node: f.tag!,
          name,
          framework: FRAMEWORK,
          // The field holds the secret, whatever its name: its uses carry it in the file's data flow.
          binds: textOf(f.names[0]),
          fixedRead: edit && { kind: 'pointer', variable: pointer, reader: FRAMEWORK },
          fixes: (): Fix[] =>
            edit
              ? [{ title: `Read ${name} from the file named by ${pointer} (caarlos0/env "file" option)`, kind: 'quickfix', preferred: true, edits: [edit] }]
              : [],
        });
      }
    }
    return out;
  },
};

interface TagRead {
  /** The tag's text, unquoted. */
  text: string;
  /** The variable the tag names, before any prefix. */
  own: string;
  /** The tag's pairs, and its `env` pair. */
  entries: TagEntry[];
  env: TagEntry;
  options: string[];
}

/** The `env` tag of a field the library sets from one variable (not a nested struct, not a file read). */
function tagRead(ctx: CodeContext, f: StructField): TagRead | undefined {
  if (!f.tag || f.tagText === undefined || f.names.length === 0 || !isExported(textOf(f.names[0]))) return undefined;
  const entries = parseTag(f.tagText);
  const env = tagEntry(entries, 'env');
  if (env?.value === undefined) return undefined;
  const [own, ...options] = env.value.split(',');
  if (!ENV_NAME.test(own) || options.includes('file')) return undefined;
  // A struct declared here is parsed field by field; a type declared elsewhere is read through a parser.
  if (kindOf(ctx, f.type).kind === 'struct') return undefined;
  return { text: f.tagText, own, entries, env, options };
}

/**
 * The prefix the library gives the names of a struct's fields: its `envPrefix` chain when it is nested
 * in another struct of the file (inline, or by its name), '' when it is not; undefined when the file
 * nests it under different prefixes, or nests it and parses it on its own too.
 */
function prefixOf(
  ctx: CodeContext,
  struct: SyntaxNode,
  parsed: ReadonlySet<number>,
  memo: Map<number, string | undefined>,
  seen: Set<number>,
): string | undefined {
  if (memo.has(struct.id)) return memo.get(struct.id);
  if (seen.has(struct.id)) return undefined;
  seen.add(struct.id);
  let holder = struct.parent;
  while (holder && (holder.type === 'pointer_type' || holder.type === 'parenthesized_type')) holder = holder.parent;
  const uses: { field: StructField; outer: SyntaxNode }[] = [];
  const found = new Set<string | undefined>();
  // Parsed by a call of the file: its own names, unprefixed.
  if (parsed.has(struct.id)) found.add('');
  if (holder?.type === 'field_declaration') {
    const outer = enclosingStruct(holder);
    const f = outer && structFields(outer).find((x) => x.declaration.id === holder.id);
    if (f) uses.push({ field: f, outer: outer });
    else found.add(undefined);
  } else if (holder?.type === 'type_spec' || holder?.type === 'type_alias') {
    for (const outer of structTypes(ctx)) {
      for (const f of structFields(outer)) {
        if (typeOf(f.type) === 'struct_type') continue;
        const k = kindOf(ctx, f.type);
        if (k.kind === 'struct' && k.struct.id === struct.id) uses.push({ field: f, outer });
        // A slice of structs reads `PREFIX_0_…`, `PREFIX_1_…`: names the file cannot list.
        else if (elementStruct(ctx, f.type) === struct.id) found.add(undefined);
      }
    }
  }
  for (const u of uses) {
    const outer = prefixOf(ctx, u.outer, parsed, memo, seen);
    const own = u.field.tagText === undefined ? undefined : (tagEntry(parseTag(u.field.tagText), 'envPrefix')?.value ?? '');
    found.add(outer === undefined || own === undefined ? undefined : outer + own);
  }
  seen.delete(struct.id);
  const prefix = found.size === 0 ? '' : found.size === 1 ? [...found][0] : undefined;
  memo.set(struct.id, prefix);
  return prefix;
}

/** The structs of the file that a Parse call of the file fills itself: `env.Parse(&cfg)`, `env.ParseAs[Config]()`. */
function parsedStructs(ctx: CodeContext, locals: ReadonlySet<string>): Set<number> {
  const out = new Set<number>();
  const add = (struct: SyntaxNode | undefined) => struct && out.add(struct.id);
  for (const call of ctx.nodes('call_expression')) {
    const m = memberParts(callee(call));
    if (!m || !/^Parse(WithOptions|WithFuncs)?$/.test(m.property) || !locals.has(textOf(unwrap(m.object)) ?? '')) continue;
    const target = callArguments(call)[0];
    if (target) add(pointedStruct(ctx, target, call));
  }
  for (const local of locals) {
    const generic = new RegExp(`\\b${escapeRegExp(local)}\\s*\\.\\s*ParseAs(?:WithOptions)?\\s*\\[\\s*([A-Za-z_]\\w*)\\s*\\]`, 'g');
    for (const m of ctx.text.matchAll(generic)) {
      const k = kindOf(ctx, declaredTypes(ctx).get(m[1]));
      if (k.kind === 'struct') add(k.struct);
    }
  }
  return out;
}

/** The struct a slice or array field holds (through pointers), by id. */
function elementStruct(ctx: CodeContext, type: SyntaxNode): number | undefined {
  let t: SyntaxNode | undefined = type;
  while (typeOf(t) === 'pointer_type') t = namedChildren(t)[0];
  if (typeOf(t) !== 'slice_type' && typeOf(t) !== 'array_type') return undefined;
  const k = kindOf(ctx, field(t, 'element'));
  return k.kind === 'struct' ? k.struct.id : undefined;
}

/** `env.Options{Prefix: …}`, `opts.Prefix = …`: the names or the values are not the tags' alone. */
function renamesVariables(ctx: CodeContext, locals: ReadonlySet<string>): boolean {
  for (const lit of descendants(ctx.root, ['composite_literal'])) {
    const type = field(lit, 'type');
    if (typeOf(type) !== 'qualified_type' || textOf(field(type, 'name')) !== 'Options' || !locals.has(textOf(field(type, 'package')) ?? '')) continue;
    for (const e of namedChildren(field(lit, 'body'))) {
      if (e.type === 'keyed_element' && RENAMING_OPTIONS.test(textOf(field(e, 'key')) ?? '')) return true;
    }
  }
  return /\.(Prefix|TagName|Environment|DefaultTagName)\s*=[^=]/.test(ctx.text);
}

/**
 * `env:"DB_PASSWORD,required"` → `env:"DB_PASSWORD_FILE,required,file"`. Undefined when the tag cannot
 * be rewritten in place, or when an `envDefault` that is not a path would become a file to read.
 */
function fileEdit(tag: SyntaxNode, read: TagRead): TextEdit | undefined {
  const fallback = tagEntry(read.entries, 'envDefault');
  if (fallback && (fallback.value === undefined || (fallback.value !== '' && !fallback.value.startsWith('/')))) return undefined;
  const value = [`${read.own}_FILE`, ...read.options.filter((o) => o !== ''), 'file'].join(',');
  if (typeOf(tag) === 'raw_string_literal') {
    // A raw literal is its text: the value's place in the tag is its place in the source, past the backquote.
    if (textOf(tag).includes('\r')) return undefined;
    return { start: tag.startIndex + 1 + read.env.valueStart, end: tag.startIndex + 1 + read.env.valueEnd, newText: value };
  }
  // An interpreted literal ("env:\"X\"") is rewritten whole, as the raw literal gofmt users write.
  const text = read.text.slice(0, read.env.valueStart) + value + read.text.slice(read.env.valueEnd);
  return /[`\r\n]/.test(text) ? undefined : { start: tag.startIndex, end: tag.endIndex, newText: `\`${text}\`` };
}
