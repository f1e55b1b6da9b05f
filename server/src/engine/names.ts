// Secret-name heuristics, shared by manifests and code: identifiers are split into words
// (snake_case, kebab-case, camelCase, SCREAMING_CASE) and matched against secret words and
// exclusions. Users extend both lists with regexes (secretHints.secretNames.extra / .ignore). The
// words themselves are in name-words.ts.
import {
  SECRET_WORDS,
  SECRET_PAIRS,
  METADATA_SUFFIXES,
  QUANTITY_WORDS,
  TRANSFORMED_WORDS,
  DERIVED_END,
  STATE_PREFIXES,
  PREDICATE_PREFIXES,
  BENIGN_PAIRS,
  CREDENTIAL_URL_SERVICES,
  BUNDLER_HOST_CREDENTIALS,
  TOOL_CREDENTIALS,
  PLURALS,
} from './name-words';

export { CREDENTIAL_URL_SERVICES, SECRET_PAIRS, SECRET_WORDS } from './name-words';

/** Splits an identifier into lower-case words: `dbPassword` → [db, password], `API_KEY` → [api, key]. */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/**
 * `DATABASE_URL`, `DB_REPLICA_URL`, `SLACK_WEBHOOK_URL`, `SQLALCHEMY_DATABASE_URI`: a URL name with such a
 * service's word anywhere before its end. Their values embed a password or a token.
 */
/** Whether the name names an identifier (`KAFKA_CLUSTER_ID`, `GITHUB_CLIENT_ID`, `TENANT_UUID`): a random-looking value of it is that id. */
export function namesAnIdentifier(name: string): boolean {
  const words = splitWords(name);
  return ['id', 'ids', 'uuid', 'guid', 'arn', 'sid'].includes(words[words.length - 1] ?? '');
}

/**
 * Whether the name is a secret only as a credential-bearing URL (`DATABASE_URL`, a `…_DSN`): its value is
 * one when it embeds a password (a Sentry DSN holds only a public key).
 */
export function isCredentialUrlName(name: string): boolean {
  const words = splitWords(name).map((w) => singular(withoutNumbering(w)));
  return isCredentialUrl(words) || words[words.length - 1] === 'dsn';
}

function isCredentialUrl(words: readonly string[]): boolean {
  const last = words[words.length - 1];
  return (last === 'url' || last === 'uri') && words.slice(0, -1).some((w) => CREDENTIAL_URL_SERVICES.has(w));
}

export interface NameLists {
  extra: RegExp[];
  ignore: RegExp[];
}

export function compileNameLists(extra: readonly string[], ignore: readonly string[]): NameLists {
  return { extra: compileAll(extra), ignore: compileAll(ignore) };
}

function compileAll(patterns: readonly string[]): RegExp[] {
  const out: RegExp[] = [];
  for (const p of patterns) {
    try {
      out.push(new RegExp(p, 'i'));
    } catch {
      // An invalid user regex is ignored rather than breaking analysis; settings validation reports it.
    }
  }
  return out;
}

const EMPTY_LISTS: NameLists = { extra: [], ignore: [] };

/**
 * A part of every secret word, of the last word of every secret pair and credential URL name, and of
 * every glued form below (`pgpassword` has `pass`, `apikey` has `key`). Keep it in step with the lists.
 */
const MAY_BE_SECRET = /pass|pwd|secret|token|key|cred|dsn|bearer|authoriz|jwt|cookie|salt|pepper|url|uri|string/i;

/**
 * A pattern (global, case-insensitive) found in every name isSecretName accepts with these lists, so
 * text without it holds no secret name; undefined when the user's own patterns may accept any name.
 */
export function secretNameParts(lists: NameLists = EMPTY_LISTS): RegExp | undefined {
  return lists.extra.length === 0 ? new RegExp(MAY_BE_SECRET.source, 'gi') : undefined;
}

/** True when a variable/key name denotes a secret value (not metadata about one). */
export function isSecretName(name: string, lists: NameLists = EMPTY_LISTS): boolean {
  return classifyName(name, lists) === 'secret';
}

/**
 * What a name says about its value: `secret` (it holds one: `db_password`, `apiKey`), `about` (it
 * mentions a secret but holds something else: `password_hash`, `token_expires_at`, `api_key_id`,
 * `JWT_TTL_ACCESS`, `IncorrectPasswordError`), or `other`. A value bound to an `about` name is
 * harmless whatever it was computed from (`hashed = sha256(password)`).
 */
export function classifyName(name: string, lists: NameLists = EMPTY_LISTS): 'secret' | 'about' | 'other' {
  if (lists.ignore.some((r) => r.test(name))) return 'other';
  if (lists.extra.some((r) => r.test(name))) return 'secret';
  // `keyPrefix`, `token_hint`, `card_last4`: a part or a digest of a value, whatever the value was.
  if (DERIVED_END.test(name)) return 'about';
  // Bundler's credentials for a gem server: `BUNDLE_GEMS__CONTRIBSYS__COM=user:password` (not `BUNDLE_BUILD__…` flags);
  // package managers' credential variables whose names carry no secret word (`COMPOSER_AUTH`'s JSON).
  if (BUNDLER_HOST_CREDENTIALS.test(name) || TOOL_CREDENTIALS.test(name)) return 'secret';
  // Every way below to a yes needs one of these inside some word, so most names end here, unsplit.
  if (!MAY_BE_SECRET.test(name)) return 'other';
  // Trailing digits number a variable (`hashed1`, `password2`); they do not change its meaning.
  const words = splitWords(name).map((w) => singular(withoutNumbering(w)));
  if (words.length === 0) return 'other';
  if (!mentionsSecret(words)) return 'other';
  if (isCredentialUrl(words)) return 'secret';
  if (words.length > 1 && (PREDICATE_PREFIXES.has(words[0]) || STATE_PREFIXES.has(words[0]))) return 'about';
  if (words.length > 1 && METADATA_SUFFIXES.has(words[words.length - 1])) return 'about';
  if (words.some((w) => QUANTITY_WORDS.has(w) || TRANSFORMED_WORDS.has(w))) return 'about';
  for (let i = 0; i + 1 < words.length; i++) {
    if (BENIGN_PAIRS.has(`${words[i]} ${words[i + 1]}`) && i + 2 === words.length) return 'about';
  }
  if (BENIGN_PAIRS.has(words.join(' '))) return 'about';
  return 'secret';
}

/** Whether some word or pair of words is a secret's, or a glued form such as `apikey`, `dbpassword`. */
function mentionsSecret(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    if (SECRET_WORDS.has(words[i])) return true;
    if (i + 1 < words.length && SECRET_PAIRS.has(`${words[i]} ${words[i + 1]}`)) return true;
  }
  if (isCredentialUrl(words)) return true;
  return words.some((w) => /(password|passwd|passcode|secret|token|apikey|privatekey|credential)s?$/.test(w) && !/^(secretary|tokenizer)/.test(w));
}

/** `hashed1` → `hashed`, `password2` → `password`; `md5`, `sha256` keep their digits. */
export function withoutNumbering(word: string): string {
  if (!/^[a-z]+\d+$/.test(word) || TRANSFORMED_WORDS.has(word)) return word;
  return word.replace(/\d+$/, '');
}

function singular(word: string): string {
  return PLURALS.get(word) ?? word;
}
