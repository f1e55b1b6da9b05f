// Python classes whose instances print their fields: dataclasses, attrs classes, pydantic models,
// NamedTuples (a plain class prints `<Settings object at 0x…>`, which shows nothing). One holding a
// secret-named field (not SecretStr / SecretBytes, which print masked) shows the secret when printed.
import { classBodies, decoratorsBefore } from '../classes';
import type { CodeContext } from '../context';

const CLASS_LINE = /^class\s+([A-Za-z_]\w*)[^\n]*/gm;
const DATA_DECORATOR = /@(?:dataclasses\.)?dataclass\b|@(?:attr\.s|attrs\.define|attr\.define|define|frozen)\b/;
const PRINTING_BASES = /\b(BaseModel|BaseSettings|NamedTuple)\b/;
/** `    name: type` at the class body's own indentation. */
const FIELD = /^[ \t]{1,8}([A-Za-z_]\w*)[ \t]*:[ \t]*([^=\n#]+)/gm;

export function pythonSecretFields(ctx: CodeContext, isSecretName: (name: string) => boolean): Map<string, string> {
  const found = new Map<string, string>();
  if (!ctx.text.includes('class ')) return found;
  for (const c of classBodies(ctx.text, CLASS_LINE)) {
    const header = c.body.slice(0, c.body.indexOf('\n') + 1 || c.body.length);
    if (!DATA_DECORATOR.test(decoratorsBefore(ctx.text, c.start)) && !PRINTING_BASES.test(header)) continue;
    FIELD.lastIndex = 0;
    for (let m = FIELD.exec(c.body); m; m = FIELD.exec(c.body)) {
      if (isSecretName(m[1]) && !/\bSecret(Str|Bytes)\b/.test(m[2])) {
        found.set(c.name, m[1]);
        break;
      }
    }
  }
  return found;
}
