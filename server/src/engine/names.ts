// Secret-name heuristics, shared by manifests and code: identifiers are split into words
// (snake_case, kebab-case, camelCase, SCREAMING_CASE) and matched against secret words and
// exclusions. Users extend both lists with regexes (secretHints.secretNames.extra / .ignore).

/** Splits an identifier into lower-case words: `dbPassword` → [db, password], `API_KEY` → [api, key]. */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/** Words that on their own make a name a secret. */
export const SECRET_WORDS: ReadonlySet<string> = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'passcode',
  'secret',
  'secrets',
  'token',
  'apikey',
  'credential',
  'credentials',
  'creds',
  'privatekey',
  'pgpassword',
  'mysqlpassword',
  'dsn',
  'authkey',
  'sessionkey',
  'accesskey',
  'secretkey',
  'clientsecret',
  'signingkey',
  'encryptionkey',
  'masterkey',
  'webhooksecret',
  'bearer',
  // An Authorization header's value is a credential (`Bearer …`, `Basic …`).
  'authorization',
  'jwt',
  'cookie',
  'salt',
  'pepper',
]);

/** Two-word phrases that make a name a secret (the first word qualifies `key`, `token`…). */
export const SECRET_PAIRS: ReadonlySet<string> = new Set([
  'api key',
  'private key',
  'secret key',
  'access key',
  'auth key',
  'session key',
  'signing key',
  'encryption key',
  'master key',
  'client secret',
  'auth token',
  'access token',
  'refresh token',
  'api token',
  'license key',
  'app key',
  'account key',
  'storage key',
  'shared key',
  'hmac key',
  'fernet key',
  'database url',
  'db url',
  'connection string',
  'conn string',
]);

/** Trailing words that turn a secret-looking name into metadata about the secret. */
const METADATA_SUFFIXES = new Set([
  // OAuth and cookie settings: `…__BEARER__AUTHORITY` (the issuer's URL), `COOKIE_EXPIRE`, `COOKIE_DOMAIN`.
  'authority',
  'expire',
  'domain',
  'domains',
  'samesite',
  // JWT claims and settings: `JWT_AUD`, `GOTRUE_JWT_ADMIN_ROLES`.
  'aud',
  'role',
  'roles',
  'claim',
  'claims',
  'count',
  'name',
  'names',
  'id',
  'ids',
  'type',
  'types',
  'file',
  'files',
  'path',
  'paths',
  'dir',
  'directory',
  'ttl',
  'expiry',
  'expires',
  'expiration',
  'length',
  'len',
  'size',
  'version',
  'policy',
  'header',
  'field',
  'prefix',
  'suffix',
  'format',
  'algorithm',
  'alg',
  'env',
  'var',
  'ref',
  'location',
  'endpoint',
  'audience',
  'issuer',
  'scope',
  'scopes',
  'regex',
  'pattern',
  'hint',
  'label',
  'enabled',
  'required',
  'timeout',
  'lifetime',
  'age',
  'rotation',
  'mode',
  'manager',
  'store',
  'provider',
  'service',
  'namespace',
  'mount',
  'url',
  'uri',
  'host',
  'arn',
  // Moments and states of a secret, not the secret: token_payload["exp"], created_at, last_used.
  'at',
  'time',
  'date',
  'timestamp',
  'exp',
  'iat',
  'nbf',
  'created',
  'updated',
  'used',
  'sent',
  'status',
  'state',
  'valid',
  'set',
  'changed',
  // Messages about a secret: IncorrectPasswordError, PASSWORD_PROMPT, RESET_PASSWORD_MSG.
  'error',
  'errors',
  'err',
  'exception',
  'message',
  'messages',
  'msg',
  'prompt',
  'title',
  'description',
  'placeholder',
  'help',
  'text',
  'warning',
]);

/**
 * Words that say, anywhere in a name, that the value is a quantity about a secret rather than the
 * secret: JWT_TTL_ACCESS, RESET_PASSWORD_LOCK_TIME, TOKEN_REFRESH_THRESHOLD_SECONDS, MAX_PASSWORD_ATTEMPTS.
 */
const QUANTITY_WORDS = new Set([
  'ttl',
  'lifetime',
  'duration',
  'timeout',
  'threshold',
  'interval',
  'expiry',
  'expiration',
  'expires',
  'lock',
  'lockout',
  'attempts',
  'retries',
  'seconds',
  'secs',
  'minutes',
  'mins',
  'hours',
  'days',
  'ms',
]);

/**
 * Words that say, anywhere in a name, that the value went through a one-way or reversible transform
 * and is not the secret as it is used: hashed_password, passwordMD5, password_sha, encryptedPassword,
 * encodedPassword, crypted_password. (An HMAC *key* or an encryption *key* is a secret: `hmac` and
 * `encryption` are not here.)
 */
const TRANSFORMED_WORDS = new Set([
  'hashed',
  'hash',
  'hashes',
  'digest',
  'md5',
  'sha',
  'sha1',
  'sha256',
  'sha512',
  'bcrypt',
  'encrypted',
  'crypted',
  'encoded',
  'masked',
  'redacted',
  'obfuscated',
  'salted',
  'checksum',
  'fingerprint',
]);

/** Names ending in a word for a part or digest of a value (`key_prefix`, `tokenHint`, `LAST4`), after a separator or a lower-case letter. */
const DERIVED_END =
  /(?:^|[_\-.]|(?<=[a-z0-9]))(?:prefix|Prefix|PREFIX|suffix|Suffix|SUFFIX|hint|Hint|HINT|last4|Last4|LAST4|preview|Preview|PREVIEW|fingerprint|Fingerprint|FINGERPRINT|masked|Masked|MASKED|redacted|Redacted|REDACTED)$/;

/** Leading words that make the name a message or a state about a secret: INVALID_TOKEN, wrong_password. */
const STATE_PREFIXES = new Set(['incorrect', 'invalid', 'wrong', 'missing', 'bad', 'empty', 'no']);

/** Leading words that make the name a flag or a predicate, not a value. */
const PREDICATE_PREFIXES = new Set(['is', 'has', 'use', 'should', 'enable', 'disable', 'allow', 'require', 'show', 'min', 'max', 'num']);

/** Phrases that look secret but are not (`next_token`, `primary_key`, `page_token`, `csrf_token_name`). */
const BENIGN_PAIRS = new Set([
  'next token',
  'page token',
  'cursor token',
  'continuation token',
  'pagination token',
  'primary key',
  'foreign key',
  'sort key',
  'partition key',
  'cache key',
  'key id',
  'public key',
  'idempotency key',
  // AWS's ClientRequestToken and the like: an idempotency id.
  'request token',
  'secret name',
  'token type',
  'lookup key',
  'hash key',
  'range key',
  'row key',
  'map key',
  'dict key',
]);

/** Words that make a `…_URL` / `…_URI` name one of a service whose URLs carry credentials (or, for webhooks, a token). */
export const CREDENTIAL_URL_SERVICES: ReadonlySet<string> = new Set([
  ...['database', 'db', 'redis', 'mongo', 'mongodb', 'amqp', 'broker', 'postgres', 'postgresql', 'pg', 'mysql', 'mariadb'],
  ...['connection', 'email', 'smtp', 'mail', 'cache', 'rabbitmq', 'rabbit', 'celery', 'webhook', 'sqlalchemy'],
]);

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

const BUNDLER_HOST_CREDENTIALS = /^BUNDLE_(?!BUILD__)[A-Z0-9-]+(?:__[A-Z0-9-]+)+$/;
const TOOL_CREDENTIALS = /^(?:COMPOSER_AUTH|NPM_CONFIG__?AUTH|YARN_NPM_AUTH_IDENT|DOCKER_AUTH_CONFIG)$/i;

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

/** Plurals of the words secret pairs end in: `API_KEYS`, `access_tokens`, `client_secrets` hold several. */
const PLURALS = new Map([
  ['keys', 'key'],
  ['tokens', 'token'],
  ['passwords', 'password'],
  ['urls', 'url'],
  ['uris', 'uri'],
]);

function singular(word: string): string {
  return PLURALS.get(word) ?? word;
}
