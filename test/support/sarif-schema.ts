// The official SARIF 2.1.0 JSON Schema (OASIS, as @microsoft/jest-sarif ships it), a draft-04 schema
// compiled once with ajv-draft-04: one validator for every test that checks the CLI's SARIF.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';

const SCHEMA = path.join(__dirname, '..', '..', 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

let compiled: ValidateFunction | undefined;

/** Validates a parsed SARIF log; returns the first errors as text, or undefined when it is valid. */
export function sarifSchemaErrors(log: unknown): string | undefined {
  compiled ??= new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false }).compile(
    JSON.parse(readFileSync(SCHEMA, 'utf8')) as object,
  );
  return compiled(log) ? undefined : JSON.stringify(compiled.errors?.slice(0, 5));
}

/** Fails the test unless `log` is valid SARIF 2.1.0. */
export function assertValidSarif(log: unknown): void {
  const errors = sarifSchemaErrors(log);
  assert.equal(errors, undefined, errors);
}
