// The words the taint evaluator (taint.ts) decides by: calls that clean a value (hashes, masks,
// predicates), calls and methods that show their arguments, methods that keep or drop taint, fields
// that hold an object's value, getter verbs. Lists only: what they mean is decided in taint.ts.

/** Words that make a function's result safe to print: masks, hashes, lengths, predicates. */
export const SANITIZER_WORDS = new Set([
  'mask',
  'masked',
  'redact',
  'redacted',
  'hash',
  'hashed',
  'digest',
  'hexdigest',
  'encrypt',
  'encrypted',
  'crypt',
  'crypted',
  'sha1',
  'sha256',
  'sha512',
  'md5',
  'hmac',
  'scrub',
  'sanitize',
  'sanitized',
  'obfuscate',
  'obfuscated',
  'censor',
  'anonymize',
  'fingerprint',
  'len',
  'length',
  'count',
  'bool',
  'boolean',
  'is',
  'has',
  'isinstance',
  'type',
  'typeof',
  'id',
  'compare',
  'verify',
  'check',
  'validate',
  'equals',
  'bcrypt',
  'argon2',
  'scrypt',
  'pbkdf2',
  'createhash',
  'createhmac',
]);

/** Methods of a secret string whose result reveals nothing (predicates, positions, counts). */
export const REVEALS_NOTHING = new Set([
  'startswith',
  'endswith',
  'startsWith',
  'endsWith',
  'includes',
  'isdigit',
  'isalpha',
  'isalnum',
  'isupper',
  'islower',
  'isspace',
  'isascii',
  'isnumeric',
  'indexOf',
  'lastIndexOf',
  'find',
  'rfind',
  'index',
  'count',
  'test',
  'localeCompare',
  'equals',
  '__len__',
  '__contains__',
  'has',
  'size',
  'get_secret_value_length',
]);

/** Calls whose result shows their arguments, environment mapping included. */
export const SHOWS_ALL = new Set([
  'str',
  'repr',
  'dict',
  'format',
  'ascii',
  'JSON.stringify',
  'json.dumps',
  'util.inspect',
  'inspect',
  'pformat',
  'pprint.pformat',
  'Object.entries',
  'Object.values',
  'Object.assign',
  'Object.fromEntries',
  'String',
  'Buffer.from',
  'encodeURIComponent',
  'encodeURI',
  'structuredClone',
  'copy.copy',
  'copy.deepcopy',
  'deepcopy',
  'Array.from',
  'util.format',
  'URLSearchParams',
  'Headers',
  'FormData',
  'Map',
  'urlencode',
  'urllib.parse.urlencode',
  'parse.urlencode',
  'asdict',
  'dataclasses.asdict',
  'vars',
  'yaml.dump',
  'yaml.safe_dump',
  'toml.dumps',
]);

/** Methods that show their arguments whatever module object they are called on (`Util.inspect`, `JSON5.stringify`). */
export const SHOWS_ALL_METHODS = new Set(['inspect', 'stringify', 'dumps', 'pformat', 'safe_dump']);

/** String methods: on the text of the environment (`inspect(process.env).replace(…)`) the result still shows it. */
export const TEXT_METHODS = new Set([
  'replace',
  'replaceAll',
  'trim',
  'strip',
  'trimStart',
  'trimEnd',
  'toString',
  'toLowerCase',
  'toUpperCase',
  'lower',
  'upper',
  'normalize',
]);

/** Calls that show a secret string's characters but only the names of a mapping. */
export const SHOWS_SECRET_ONLY = new Set(['list', 'sorted', 'tuple', 'set', 'bytes', 'bytearray', 'frozenset', 'reversed']);

/** String methods that splice their arguments into the result. */
export const SPLICES_ARGUMENTS = new Set(['format', 'format_map', 'join', 'concat', 'replace', 'replaceAll', 'padStart', 'padEnd']);

/** Methods of the environment mapping whose result carries values. */
export const ENV_VALUE_METHODS = new Set(['copy', 'items', 'values']);

export const NOT_A_VALUE = new Set([
  'lambda',
  'arrow_function',
  'function_expression',
  'function',
  'class',
  'true',
  'false',
  'none',
  'null',
  'undefined',
  'number',
  'integer',
  'float',
  'regex',
]);

/** Conversions whose result of an untainted value is a number or a flag. */
export const NUMERIC_CONVERSIONS = new Set(['int', 'float', 'bool', 'Number', 'parseInt', 'parseFloat', 'Boolean']);

/** Properties and keys that hold the value of the object they belong to (`secret.value`, `token["raw"]`). */
export const VALUE_FIELDS = new Set([
  ...['value', 'data', 'raw', 'plain', 'plaintext', 'text', 'content', 'contents', 'bytes', 'buffer', 'str', 'string', 'secret', 'key'],
  // An exception's text, which carries what it was raised with.
  ...['message', 'msg', 'args', 'detail', 'details', 'reason', 'stack'],
]);

/**
 * Words that make the owner of a bare `token` field an authentication object, whose token is a
 * credential (`session.token`, `self.token`, `resp.token`); a domain object's `token` (an order's, a
 * checkout's) is a public identifier, usually a UUID.
 */
export const AUTH_OWNER_WORDS = new Set([
  'auth',
  'oauth',
  'oauth2',
  'session',
  'sessions',
  'credential',
  'credentials',
  'creds',
  'jwt',
  'api',
  'client',
  'bearer',
  'access',
  'refresh',
  'user',
  'account',
  'login',
  'bot',
  'webhook',
  'settings',
  'config',
  'conf',
  'cfg',
  'env',
  'environ',
  'environment',
  'secret',
  'secrets',
  'reset',
  'invite',
  'invitation',
  'verification',
  'csrf',
  'github',
  'gitlab',
  'slack',
  'stripe',
  'twilio',
  'aws',
  'token',
  'tokens',
  'response',
  'resp',
  'res',
  'result',
  'data',
  'body',
  'payload',
  'request',
  'req',
  'args',
  'options',
  'opts',
  'params',
  'self',
  'this',
  'cls',
  'ctx',
  'context',
  'identity',
]);

/** Verbs that make a call named after a secret return it: `get_password()`, `o.getPassword()`, `generate_token()`. */
export const GETTER_VERBS = new Set([
  'get',
  'fetch',
  'load',
  'read',
  'retrieve',
  'obtain',
  'lookup',
  'find',
  'generate',
  'gen',
  'create',
  'make',
  'issue',
  'sign',
  'decrypt',
  'decode',
  'request',
  'prompt',
  'ask',
  'input',
]);

/** A replacement that writes a mask (`***`, `[REDACTED]`, `<hidden>`): what it replaced is hidden. */
export const MASK_TEXT = /\*{3,}|x{4,}|redacted|hidden|masked|censored/i;
