// Go structs whose values print their fields (`%v` / `%+v`, zap.Any, slog.Any, json.Marshal): a struct
// type with a secret field (by its name, or bound to a secret env var by its tag) shows the secret when
// a value of it is printed whole — a variable, parameter or field declared with that type, or a
// composite literal of it.
import type { CodeContext } from '../context';
import { escapeRegExp } from '../syntax';
import { namesDeclaredWithType } from '../typed-names';

const TYPE_SPEC = /^type\s+([A-Za-z_]\w*)\s+struct\s*\{([^]*?)^\}/gm;
/** `Name Type`, `A, B Type`, with a tag or a comment after it. */
const FIELD_LINE = /^[ \t]+([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)[ \t]+\S/gm;

/** The file's struct types holding a secret field, with that field. */
export function goSecretFields(ctx: CodeContext, isSecretName: (name: string) => boolean): Map<string, string> {
  const found = new Map<string, string>();
  if (!ctx.text.includes('struct')) return found;
  TYPE_SPEC.lastIndex = 0;
  for (let m = TYPE_SPEC.exec(ctx.text); m; m = TYPE_SPEC.exec(ctx.text)) {
    FIELD_LINE.lastIndex = 0;
    for (let f = FIELD_LINE.exec(m[2]); f && !found.has(m[1]); f = FIELD_LINE.exec(m[2])) {
      const secret = f[1].split(/\s*,\s*/).find(isSecretName);
      if (secret) found.set(m[1], secret);
    }
  }
  return found;
}

/** The names declared with one of those types (`cfg Config`, `c *Config`, a struct field `cfg Config`). */
export function goSecretInstances(ctx: CodeContext, types: readonly string[]): string[] {
  if (types.length === 0) return [];
  const type = new RegExp(`^\\*?(?:${types.map(escapeRegExp).join('|')})$`);
  return namesDeclaredWithType(ctx, type, new RegExp(`\\b(?:${types.map(escapeRegExp).join('|')})\\b`));
}
