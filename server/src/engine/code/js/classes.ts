// JavaScript / TypeScript classes: `console.log(instance)` and `util.inspect` print an object's own
// fields, so an instance of a class that keeps a secret-named field (`this.apiKey = …`, a class field
// `private apiKey: string`) shows the secret when printed whole.
import { classBodies } from '../classes';
import type { CodeContext } from '../context';

const CLASS_LINE = /^[ \t]*(?:export\s+(?:default\s+)?)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/gm;
const THIS_FIELD = /\bthis\.#?([A-Za-z_$][\w$]*)[ \t]*=(?!=)/g;
const CLASS_FIELD = /^[ \t]+(?:(?:private|public|protected|readonly|static|declare)[ \t]+)*#?([A-Za-z_$][\w$]*)[ \t]*[?!]?[ \t]*[:=;]/gm;

export function jsSecretFields(ctx: CodeContext, isSecretName: (name: string) => boolean): Map<string, string> {
  const found = new Map<string, string>();
  if (!ctx.text.includes('class ')) return found;
  for (const c of classBodies(ctx.text, CLASS_LINE)) {
    for (const pattern of [THIS_FIELD, CLASS_FIELD]) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(c.body); m && !found.has(c.name); m = pattern.exec(c.body)) if (isSecretName(m[1])) found.set(c.name, m[1]);
    }
  }
  return found;
}
