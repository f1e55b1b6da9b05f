// The Compose Specification JSON Schema as dclint (a maintained Compose linter) ships it — one that
// knows top-level `name` and `environment:` secret sources — compiled once with ajv. Its `$schema` is
// draft-07 under an https URL ajv does not register, so the meta-schema check is skipped.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';

const SCHEMA = path.join(__dirname, '..', '..', 'node_modules', 'dclint', 'schemas', 'compose.schema.json');

let compiled: ValidateFunction | undefined;

/** Validates parsed Compose data; returns the errors as text, or undefined when it is valid. */
export function composeSchemaErrors(data: unknown): string | undefined {
  compiled ??= new Ajv({ strict: false, allErrors: true, validateSchema: false }).compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
  return compiled(data) ? undefined : JSON.stringify(compiled.errors);
}
