// Stable finding fingerprints (SARIF `partialFingerprints`, baselines): one per finding, the same after
// unrelated edits and line moves, and never made from a secret value. A fingerprint hashes the rule, the
// file's relative path and the finding's identity — the names in its `data` (variable, Secret, service,
// container…: Finding.data holds names, never values, by contract) — with the occurrence of that identity
// among the file's findings in file order, so that two findings alike in every name still differ.
// Offsets, line numbers, document indexes, value-derived facts (a literal's `reason`: its shape) and free
// text (`fixBlocked`) are left out: they change with unrelated edits or with the value.
import { createHash } from 'node:crypto';
import type { Finding } from './findings';

/** The fingerprint scheme's name and version (the SARIF `partialFingerprints` key); a new scheme gets a new version. */
export const FINGERPRINT_VERSION = 'secretHints/v1';

/** The `data` fields that name what a finding is about; only their string values enter the identity. */
export const IDENTITY_FIELDS: readonly string[] = [
  'variable',
  'name',
  'service',
  'sink',
  'framework',
  'envFile',
  'secret',
  'secrets',
  'key',
  'prefix',
  'container',
  'group',
  'volume',
  'subPath',
  'keyword',
  'dump',
];

/** The rule and the names a finding is about, as one string (no offsets, no values). */
export function findingIdentity(finding: Finding): string {
  const names = IDENTITY_FIELDS.map((field) => {
    const value = finding.data[field];
    return typeof value === 'string' ? value : null;
  });
  return JSON.stringify([finding.rule, ...names]);
}

/**
 * One fingerprint per finding, in the order given: the first 32 hex digits of a SHA-256 over the scheme
 * version, the rule, `relativePath` (with forward slashes), the finding's identity and its occurrence
 * among the findings of the same identity, counted in file order (by start, then end, then given order).
 */
export function fingerprintFindings(findings: readonly Finding[], relativePath: string): string[] {
  const file = relativePath.replace(/\\/g, '/');
  const order = findings.map((_, i) => i).sort((a, b) => findings[a].start - findings[b].start || findings[a].end - findings[b].end || a - b);
  const occurrences = new Map<string, number>();
  const out = new Array<string>(findings.length);
  for (const i of order) {
    const finding = findings[i];
    const identity = findingIdentity(finding);
    const occurrence = occurrences.get(identity) ?? 0;
    occurrences.set(identity, occurrence + 1);
    const hashed = JSON.stringify([FINGERPRINT_VERSION, finding.rule, file, identity, occurrence]);
    out[i] = createHash('sha256').update(hashed).digest('hex').slice(0, 32);
  }
  return out;
}
