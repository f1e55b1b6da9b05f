// kelseyhightower/envconfig: `envconfig.Process("myapp", &cfg)` fills a struct from the environment.
// A field tagged `envconfig:"DB_PASSWORD"` reads DB_PASSWORD (after MYAPP_DB_PASSWORD: the tag is the
// fallback every deployment can set); an untagged field reads the prefix and its name, upper-cased
// (`DbPassword`: `MYAPP_DBPASSWORD`, `MYAPP_DB_PASSWORD` with `split_words:"true"`), which is reported
// only when a Process / MustProcess call of the file passes a string prefix and a variable of a struct
// the file declares. A struct field is a group, not a read (its fields are, under its name);
// `ignored:"true"` fields and unexported ones are skipped, and so is a field whose type the file cannot
// tell apart from a struct (declared in another file or package) or whose split name depends on the
// envconfig version (an acronym: `DBPassword`).
//
// No fix: envconfig has no secret-file support, and assigning the field from the loader after Process
// would leave `required:"true"` failing once the manifest fix drops the variable.
import type { CodeContext } from '../../context';
import type { Framework, FrameworkRead } from '../../frameworks';
import { callArguments, callee, memberParts, stringValue, textOf, unwrap, type SyntaxNode } from '../../syntax';
import {
  ENV_NAME,
  fieldName,
  importedAs,
  isExported,
  isTrue,
  kindOf,
  parseTag,
  pointedStruct,
  structFields,
  structTypes,
  tagEntry,
  type StructField,
} from './structs';

const FRAMEWORK = 'envconfig';
const PATH = 'github.com/kelseyhightower/envconfig';

export const envconfig: Framework = {
  marker: /kelseyhightower\/envconfig/,
  reads(ctx) {
    const { locals, paths } = importedAs(ctx.root, (p) => p === PATH, 'envconfig');
    if (paths.length === 0) return [];
    const out = new Map<string, FrameworkRead>();
    /** A read at `node` of `name` into the field `binds` (which then holds a secret whatever its own name). */
    const add = (node: SyntaxNode, name: string, binds: string) => {
      // A struct used twice (`Primary DB; Replica DB`) reads one variable per use from the same field.
      const key = `${node.id}:${name}`;
      if (ENV_NAME.test(name) && !out.has(key)) out.set(key, { node, name, framework: FRAMEWORK, binds, fixes: () => [] });
    };
    // Tagged fields, wherever their struct is processed: the tag's variable is always looked up.
    for (const struct of structTypes(ctx)) {
      for (const f of structFields(struct)) {
        const tag = readable(f);
        const alt = tag && tagEntry(tag, 'envconfig')?.value;
        if (!alt || !f.tag || kindOf(ctx, f.type).kind !== 'value') continue;
        add(f.tag, alt.toUpperCase(), fieldName(f)!);
      }
    }
    // Untagged fields of the structs a Process call of the file fills, under its prefix.
    for (const call of ctx.nodes('call_expression')) {
      const m = memberParts(callee(call));
      if (!m || (m.property !== 'Process' && m.property !== 'MustProcess') || !locals.has(textOf(unwrap(m.object)) ?? '')) continue;
      const args = callArguments(call);
      const prefix = stringValue(args[0]);
      const struct = args.length === 2 && prefix !== undefined ? pointedStruct(ctx, args[1], call) : undefined;
      if (struct) untagged(ctx, struct, prefix!, add, new Set());
    }
    return [...out.values()];
  },
};

/** The tag's pairs; undefined when the field is ignored, unexported or its tag cannot be read. */
function readable(f: StructField): ReturnType<typeof parseTag> | undefined {
  const name = fieldName(f);
  if (f.tagText === undefined || name === undefined || !isExported(name)) return undefined;
  const tag = parseTag(f.tagText);
  return isTrue(tagEntry(tag, 'ignored')?.value) ? undefined : tag;
}

/** envconfig's gatherInfo: each field's key, recursing into the struct fields. */
function untagged(ctx: CodeContext, struct: SyntaxNode, prefix: string, add: (node: SyntaxNode, name: string, binds: string) => void, seen: Set<number>): void {
  if (seen.has(struct.id)) return;
  seen.add(struct.id);
  for (const f of structFields(struct)) {
    const tag = readable(f);
    if (!tag) continue;
    const altEntry = tagEntry(tag, 'envconfig');
    if (altEntry && altEntry.value === undefined) continue;
    const alt = altEntry?.value?.toUpperCase() ?? '';
    const splitTag = tagEntry(tag, 'split_words')?.value;
    // envconfig 1.3 splits on "true" only, 1.4 on any strconv.ParseBool true ("1", "T"…).
    const split = isTrue(splitTag) ? (splitTag === 'true' ? true : undefined) : false;
    const kind = kindOf(ctx, f.type);
    const names = f.names.length > 0 ? f.names.map((n) => ({ node: n, name: textOf(n) })) : [{ node: undefined, name: fieldName(f)! }];
    for (const { node, name } of names) {
      const own = alt !== '' ? alt : split === undefined ? (splitWords(name) === name ? name : undefined) : split ? splitWords(name) : name;
      if (own === undefined) continue;
      const key = (prefix !== '' ? `${prefix}_${own}` : own).toUpperCase();
      if (kind.kind === 'struct') untagged(ctx, kind.struct, node ? key : prefix, add, seen);
      else if (kind.kind === 'value' && node && alt === '') add(node, key, name);
    }
  }
  seen.delete(struct.id);
}

/**
 * envconfig's split_words: `DbPassword` → `Db_Password`. A name with an acronym (`DBPassword`) is split
 * differently by envconfig 1.4 (`DB_Password`) and the 1.3 still packaged by distributions
 * (`D_B_Password`): undefined, not reported.
 */
export function splitWords(name: string): string | undefined {
  if (/[A-Z]{2}/.test(name)) return undefined;
  const words = [...name.matchAll(/[^A-Z]+|[A-Z][^A-Z]+|[A-Z]+/g)].map((m) => m[0]);
  return words.length > 0 ? words.join('_') : name;
}
