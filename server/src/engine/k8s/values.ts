// Secret-looking literal values, shared by manifests and code: well-known credential formats
// (PEM private keys, AWS access key ids, GitHub/GitLab/Slack/Stripe/Google tokens, JWTs, URLs with
// a password) and long high-entropy strings. Values that are clearly not secrets — references like
// `$(VAR)`/`${VAR}`, paths, booleans, numbers, empty strings — are recognised first. Callers get a
// kind, never the value back, so nothing here can leak what it inspected.

export type SecretValueKind =
  | 'private-key'
  | 'aws-access-key'
  | 'github-token'
  | 'gitlab-token'
  | 'slack-token'
  | 'stripe-key'
  | 'google-api-key'
  | 'jwt'
  | 'url-credentials'
  | 'slack-webhook'
  | 'inline-password'
  | 'auth-header'
  | 'high-entropy';

/** Human wording for a kind, for messages ("looks like a JWT"). */
export const SECRET_VALUE_LABELS: Record<SecretValueKind, string> = {
  'private-key': 'a PEM private key',
  'aws-access-key': 'an AWS access key id',
  'github-token': 'a GitHub token',
  'gitlab-token': 'a GitLab token',
  'slack-token': 'a Slack token',
  'stripe-key': 'a Stripe secret key',
  'google-api-key': 'a Google API key',
  jwt: 'a JSON Web Token',
  'url-credentials': 'a URL with an embedded password',
  'slack-webhook': 'a Slack webhook URL',
  'inline-password': 'a password written inline (a connection string or an option)',
  'auth-header': 'an HTTP Authorization header with its credential',
  'high-entropy': 'a random-looking credential',
};

const KNOWN_FORMATS: readonly [SecretValueKind, RegExp][] = [
  ['private-key', /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/],
  ['aws-access-key', /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\b/],
  ['github-token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/],
  ['gitlab-token', /\bglpat-[A-Za-z0-9_-]{20,}/],
  ['slack-token', /\bxox[abposre]-[A-Za-z0-9-]{10,}/],
  ['stripe-key', /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}/],
  ['google-api-key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['jwt', /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/],
  ['slack-webhook', /\bhttps:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,}/],
  // `Server=db;User Id=app;Password=…` (ADO.NET, ODBC), `-Dspring.datasource.password=…` in JAVA_OPTS.
  [
    'inline-password',
    /(?:^|[;\s?&])(?:password|pwd)\s*=\s*(?:"[^"$\s][^"]*"|'[^'$\s][^']*'|(?![\s;'"$]|$)[^;\s]{2,})|(?:^|\s)-D[\w.-]*(?:password|secret|token)[\w.-]*=(?![\s$'"]|$)\S{2,}/i,
  ],
  // An HTTP Authorization header written into a value (`OTEL_EXPORTER_OTLP_HEADERS=Authorization=Basic …`).
  ['auth-header', /\bAuthorization\s*[=:]\s*(?:Basic|Bearer|Token)\s+(?!\$)[A-Za-z0-9+/=._~-]{8,}/i],
];

/** Keys published to browsers by design (Stripe publishable keys, Mapbox public tokens): never secrets. */
const PUBLIC_KEYS = /^(?:pk_(?:live|test)_[A-Za-z0-9]+|pk\.eyJ[A-Za-z0-9_.-]+)$/;

/** `scheme://user:password@host`, where the password is not itself a reference. */
const URL_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s/@]+)@/i;

/** True for values that are never secrets whatever the name says. */
export function isNonSecretLiteral(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/^(?:\$\([A-Za-z_][A-Za-z0-9_]*\)|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*)$/.test(v)) return true; // $(VAR), ${VAR}, $VAR
  if (/^(?:true|false|yes|no|on|off|null|none|~)$/i.test(v)) return true;
  if (PUBLIC_KEYS.test(v)) return true;
  if (/^[-+]?(?:\d[\d_]*)(?:\.\d+)?(?:e[-+]?\d+)?$/i.test(v)) return true;
  if (/^(?:\/|~\/|\.\.?\/)[^\s]*$/.test(v) && !/[A-Za-z0-9+/]{40,}/.test(v)) return true; // a path
  return false;
}

/** The kind of secret a literal value looks like, or undefined. */
export function secretValueKind(value: string): SecretValueKind | undefined {
  if (isNonSecretLiteral(value)) return undefined;
  for (const [kind, pattern] of KNOWN_FORMATS) if (pattern.test(value)) return kind;
  const url = URL_CREDENTIALS.exec(value.trim());
  if (url && !isNonSecretLiteral(decodeSafe(url[1]))) return 'url-credentials';
  return isHighEntropy(value.trim()) ? 'high-entropy' : undefined;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * A long token-like string with mixed letter cases and digits and high Shannon entropy. Pure hex
 * (digests, commit ids), UUIDs, DNS names and words joined by dashes stay below this on purpose.
 */
export function isHighEntropy(v: string): boolean {
  if (v.length < 20 || v.length > 4096 || !/^[A-Za-z0-9+/=_\-.~]+$/.test(v)) return false;
  if (/^[0-9a-f-]+$/i.test(v)) return false; // hex digests and UUIDs: ids far more often than secrets
  if (!/[a-z]/.test(v) || !/[A-Z]/.test(v) || !/[0-9]/.test(v)) return false;
  if (v.split(/[-_.~]/).every(isWordLike)) return false; // names such as `MyService-Production2`, `com.example.App`
  return shannonEntropy(v) >= Math.min(4.2, Math.log2(v.length) - 0.7);
}

/** Letters then at most a version number, with few capitals (CamelCase words, not random case). */
function isWordLike(part: string): boolean {
  if (/^[0-9]{1,4}$/.test(part)) return true;
  if (!/^[A-Za-z]+[0-9]{0,4}$/.test(part)) return false;
  const capitals = part.replace(/[^A-Z]/g, '').length;
  return capitals * 4 <= part.length;
}

/** Bits per character. */
export function shannonEntropy(v: string): number {
  const counts = new Map<string, number>();
  for (const c of v) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / v.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
