// The vocabulary of names.ts: the words, pairs, prefixes and suffixes that make a name a secret, a
// name about one, or neither, and the tools' credential variables whose names carry no secret word.
// Data only; names.ts holds the logic that reads it.

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
export const METADATA_SUFFIXES = new Set([
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
export const QUANTITY_WORDS = new Set([
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
export const TRANSFORMED_WORDS = new Set([
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
export const DERIVED_END =
  /(?:^|[_\-.]|(?<=[a-z0-9]))(?:prefix|Prefix|PREFIX|suffix|Suffix|SUFFIX|hint|Hint|HINT|last4|Last4|LAST4|preview|Preview|PREVIEW|fingerprint|Fingerprint|FINGERPRINT|masked|Masked|MASKED|redacted|Redacted|REDACTED)$/;

/** Leading words that make the name a message or a state about a secret: INVALID_TOKEN, wrong_password. */
export const STATE_PREFIXES = new Set(['incorrect', 'invalid', 'wrong', 'missing', 'bad', 'empty', 'no']);

/** Leading words that make the name a flag or a predicate, not a value. */
export const PREDICATE_PREFIXES = new Set(['is', 'has', 'use', 'should', 'enable', 'disable', 'allow', 'require', 'show', 'min', 'max', 'num']);

/** Phrases that look secret but are not (`next_token`, `primary_key`, `page_token`, `csrf_token_name`). */
export const BENIGN_PAIRS = new Set([
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

/** Bundler's credentials for a gem server: `BUNDLE_GEMS__CONTRIBSYS__COM=user:password` (not `BUNDLE_BUILD__…` flags). */
export const BUNDLER_HOST_CREDENTIALS = /^BUNDLE_(?!BUILD__)[A-Z0-9-]+(?:__[A-Z0-9-]+)+$/;
/** Package managers' credential variables whose names carry no secret word (`COMPOSER_AUTH`'s JSON). */
export const TOOL_CREDENTIALS = /^(?:COMPOSER_AUTH|NPM_CONFIG__?AUTH|YARN_NPM_AUTH_IDENT|DOCKER_AUTH_CONFIG)$/i;

/** Plurals of the words secret pairs end in: `API_KEYS`, `access_tokens`, `client_secrets` hold several. */
export const PLURALS = new Map([
  ['keys', 'key'],
  ['tokens', 'token'],
  ['passwords', 'password'],
  ['urls', 'url'],
  ['uris', 'uri'],
]);
