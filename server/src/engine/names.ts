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
  'database url',
  'db url',
  'connection string',
  'conn string',
]);

/** Trailing words that turn a secret-looking name into metadata about the secret. */
const METADATA_SUFFIXES = new Set([
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
]);

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
  'secret name',
  'token type',
  'lookup key',
  'hash key',
  'range key',
  'row key',
  'map key',
  'dict key',
]);

/** Values of `*_url`/`*_dsn` can embed credentials; these names are secrets despite the `url` suffix. */
export const CREDENTIAL_URL_NAMES: ReadonlySet<string> = new Set([
  'database url',
  'db url',
  'redis url',
  'mongo url',
  'mongodb url',
  'amqp url',
  'broker url',
  'postgres url',
  'mysql url',
  'connection url',
]);

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
const MAY_BE_SECRET = /pass|pwd|secret|token|key|cred|dsn|bearer|jwt|cookie|salt|pepper|url|string/i;

/**
 * A pattern (global, case-insensitive) found in every name isSecretName accepts with these lists, so
 * text without it holds no secret name; undefined when the user's own patterns may accept any name.
 */
export function secretNameParts(lists: NameLists = EMPTY_LISTS): RegExp | undefined {
  return lists.extra.length === 0 ? new RegExp(MAY_BE_SECRET.source, 'gi') : undefined;
}

/** True when a variable/key name denotes a secret value (not metadata about one). */
export function isSecretName(name: string, lists: NameLists = EMPTY_LISTS): boolean {
  if (lists.ignore.some((r) => r.test(name))) return false;
  if (lists.extra.some((r) => r.test(name))) return true;
  // Every way below to a yes needs one of these inside some word, so most names end here, unsplit.
  if (!MAY_BE_SECRET.test(name)) return false;
  const words = splitWords(name);
  if (words.length === 0) return false;
  const joined = words.join(' ');
  if (CREDENTIAL_URL_NAMES.has(lastPair(words))) return true;
  if (PREDICATE_PREFIXES.has(words[0]) && words.length > 1) return false;
  if (METADATA_SUFFIXES.has(words[words.length - 1]) && words.length > 1) return false;
  for (let i = 0; i + 1 < words.length; i++) {
    if (BENIGN_PAIRS.has(`${words[i]} ${words[i + 1]}`) && i + 2 === words.length) return false;
  }
  if (BENIGN_PAIRS.has(joined)) return false;
  for (let i = 0; i < words.length; i++) {
    if (SECRET_WORDS.has(words[i])) return true;
    if (i + 1 < words.length && SECRET_PAIRS.has(`${words[i]} ${words[i + 1]}`)) return true;
  }
  // Glued forms such as `apikey`, `dbpassword`, `pgpassword`, `githubtoken`.
  return words.some((w) => /(password|passwd|secret|token|apikey|privatekey|credential)s?$/.test(w) && !/^(secretary|tokenizer)/.test(w));
}

function lastPair(words: string[]): string {
  return words.length >= 2 ? `${words[words.length - 2]} ${words[words.length - 1]}` : '';
}
