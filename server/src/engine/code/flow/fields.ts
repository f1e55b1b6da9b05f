// Field-sensitive literals (replay.ts bindFields): `config = {"password": pw, "host": h}` records
// `config.password` and `config.host` beside `config`, plus a mark saying it did, so that a later
// binding of `config` forgets them with a search only when there is something to forget.
import type { Taint } from './taint';

/** The key that marks a name whose literal's fields are recorded. */
export function fieldsMark(name: string): string {
  return `${name}.{}`;
}

/** Forgets what the fields of a literal once bound to `name` held. */
export function forgetFields(name: string, vars: Map<string, Taint>): void {
  if (!vars.has(fieldsMark(name))) return;
  const prefix = `${name}.`;
  for (const key of vars.keys()) if (key.startsWith(prefix)) vars.delete(key);
}
