// Helpers for manifest-fix tests: findings built the way the detectors build them, fixes applied to
// text, and object-level comparison that names the differing path (never the values, which may be
// secret-like).
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import type { Finding, Fix } from '../../server/src/engine/findings';
import { compileNameLists } from '../../server/src/engine/names';
import type { RuleEnv } from '../../server/src/engine/rule';
import { defaultSettings, type EngineSettings } from '../../server/src/engine/settings';
import { applyEdits } from '../../server/src/engine/text';

export const FIX_STYLES = ['block', 'four-space', 'indentless', 'flow'] as const;

/**
 * The environment of the fix-mechanics tests: the workspace's code reads every variable (so the plain
 * mount is the preferred fix, as for a service whose code uses the loader); k8s-fix-readers.test.ts
 * covers how the reader decides the preferred variant.
 */
export function ruleEnv(settings: EngineSettings = defaultSettings()): RuleEnv {
  return { settings, names: compileNameLists([], []), path: 'fixture.yaml', codeReads: CODE_READS_EVERYTHING };
}

/** `codeReads` for tests whose subject is the edits, not which variant is preferred. */
export const CODE_READS_EVERYTHING = (): boolean => true;

/** Offset of the last needle, each searched after the previous one (e.g. a variable, then its secretKeyRef). */
export function offsetOf(text: string, ...needles: string[]): number {
  let at = 0;
  for (const needle of needles) {
    at = text.indexOf(needle, at);
    if (at < 0) throw new Error(`fixture lacks an expected anchor (${needles.length} needles)`);
  }
  return at;
}

/** A finding as a detector reports it: start at the node the rule points at, data per the contract. */
export function findingAt(rule: string, start: number, data: Finding['data'] = {}): Finding {
  return {
    rule,
    severity: 'warning',
    message: 'test finding',
    start,
    end: start + 1,
    data: { documentIndex: 0, container: 'api', group: 'containers', ...data },
  };
}

export function applyFix(text: string, fix: Fix | undefined): string {
  assert.ok(fix, 'a fix was expected');
  return applyEdits(text, fix.edits);
}

export type Json = Record<string, unknown>;

/** Every document's plain objects; fails (by count, not content) when any document has errors. */
export function objects(text: string): Json[] {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [];
  const errors = list.reduce((n, d) => n + d.errors.length, 0);
  assert.equal(errors, 0, 'the text must re-parse without YAML errors');
  return list.map((d) => d.toJS({ maxAliasCount: 100 }) as Json);
}

export interface PodJson {
  containers: ContainerJson[];
  initContainers?: ContainerJson[];
  volumes?: Json[];
  [key: string]: unknown;
}

export interface ContainerJson {
  name: string;
  env?: Json[];
  envFrom?: Json[];
  volumeMounts?: Json[];
  [key: string]: unknown;
}

export function deploymentPod(doc: Json): PodJson {
  return (doc as { spec: { template: { spec: PodJson } } }).spec.template.spec;
}

/**
 * Asserts that `after` parses to exactly `before`'s objects changed by `change` — same values and same
 * key order (compared as JSON). On failure it names the first differing path, never a value.
 */
export function assertOnlyChange(before: string, after: string, change: (docs: Json[]) => void, what: string): void {
  const expected = objects(before);
  change(expected);
  const actual = objects(after);
  const same = JSON.stringify(actual) === JSON.stringify(expected);
  assert.ok(same, `${what}: objects differ at ${firstDifference(actual, expected, 'docs')}`);
}

function firstDifference(a: unknown, b: unknown, path: string): string {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b ? '' : path;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join('\u0000') !== kb.join('\u0000')) return `${path} (keys ${ka.join(',')} vs expected ${kb.join(',')})`;
  for (const k of ka) {
    const d = firstDifference((a as Json)[k], (b as Json)[k], `${path}.${k}`);
    if (d) return d;
  }
  return '';
}

export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** True when every line break is CRLF. */
export function onlyCrlf(text: string): boolean {
  return !/(^|[^\r])\n/.test(text);
}
