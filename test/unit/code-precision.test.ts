// Precision heuristics of secret-logged and secret-env-read, each in both directions: one realistic
// input where the heuristic keeps the finding (a secret is still a secret) and one where it silences it.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeFile } from '../../server/src/engine/analyze';
import { walk } from '../../server/src/engine/code/syntax';
import { classifyName } from '../../server/src/engine/names';
import { findingsOf, prepareCodeGrammars } from '../support/code-analysis';

const LOGGED = 'secret-logged';
const ENV_READ = 'secret-env-read';

/** Exactly `count` findings of `rule`, each message naming the secret. */
function flags(file: string, text: string, rule: string, secret: RegExp, count = 1): void {
  const found = findingsOf(file, text, rule);
  assert.equal(found.length, count, `${rule} findings in ${JSON.stringify(text)}`);
  for (const f of found) assert.match(f.message, secret);
}

function silent(file: string, text: string, rule: string): void {
  assert.equal(findingsOf(file, text, rule).length, 0, `no ${rule} finding in ${JSON.stringify(text)}`);
}

function kinds(names: string[]): string[] {
  return names.map((n) => `${n}: ${classifyName(n)}`);
}

function all(names: string[], kind: ReturnType<typeof classifyName>): string[] {
  return names.map((n) => `${n}: ${kind}`);
}

describe('classifyName: a name about a secret is not a secret', () => {
  it('transformed words anywhere make a name about the secret', () => {
    const names = ['hashed_password', 'password_hash', 'passwordMD5', '_password_sha', 'encryptedPassword', 'encodedPassword', 'crypted_password'];
    assert.deepEqual(kinds(names), all(names, 'about'));
  });
  it('the secret itself, and keys of HMAC and encryption, stay secrets', () => {
    const names = ['password', 'db_password', 'new_password', 'hmac_key', 'encryption_key'];
    assert.deepEqual(kinds(names), all(names, 'secret'));
  });
  it('quantity words anywhere make a name about the secret', () => {
    const names = ['JWT_TTL_ACCESS', 'RESET_PASSWORD_LOCK_TIME', 'TOKEN_REFRESH_THRESHOLD'];
    assert.deepEqual(kinds(names), all(names, 'about'));
  });
  it('a signing secret without a quantity word stays a secret', () => {
    assert.deepEqual(kinds(['JWT_SECRET', 'JWT_REFRESH_SECRET']), all(['JWT_SECRET', 'JWT_REFRESH_SECRET'], 'secret'));
  });
  it('message and state words (suffix or prefix) make a name about the secret', () => {
    const names = ['IncorrectPasswordError', 'PASSWORD_PROMPT', 'INVALID_TOKEN'];
    assert.deepEqual(kinds(names), all(names, 'about'));
  });
  it('a reset token is a secret although it starts with a verb', () => {
    assert.equal(classifyName('RESET_PASSWORD_TOKEN'), 'secret');
  });
  it('moments of a token are about it, and a claim name alone is nothing', () => {
    assert.deepEqual(kinds(['token_expires_at', 'password_changed_at']), all(['token_expires_at', 'password_changed_at'], 'about'));
    assert.equal(classifyName('exp'), 'other');
  });
  it('numbering does not change a name: password2 is a secret, hashed1 is not, hashed_password1 is about', () => {
    assert.deepEqual(kinds(['password2', 'hashed1', 'hashed_password1']), ['password2: secret', 'hashed1: other', 'hashed_password1: about']);
  });
  it('passcode is a secret word; its length is about it', () => {
    assert.deepEqual(kinds(['passcode', 'DOOR_PASSCODE', 'PASSCODE_LENGTH']), ['passcode: secret', 'DOOR_PASSCODE: secret', 'PASSCODE_LENGTH: about']);
  });
  it('URLs that carry credentials are secrets', () => {
    const names = ['EMAIL_URL', 'SMTP_URL', 'CELERY_BROKER_URL', 'SQLALCHEMY_DATABASE_URI', 'REDIS_URL'];
    assert.deepEqual(kinds(names), all(names, 'secret'));
  });
  it('other URLs are not', () => {
    assert.deepEqual(kinds(['SITE_URL', 'CALLBACK_URL']), all(['SITE_URL', 'CALLBACK_URL'], 'other'));
  });
});

describe('names about a secret, on code', () => {
  before(prepareCodeGrammars);

  it('env-read: a stored hash is not the password, in Python and TS', () => {
    silent('svc.py', 'import os\nadmin_hash = os.environ["ADMIN_PASSWORD_HASH"]\n', ENV_READ);
    silent('svc.ts', 'const adminHash = process.env.ADMIN_PASSWORD_HASH;\n', ENV_READ);
  });
  it('env-read: the password itself is flagged, in Python and TS', () => {
    flags('svc.py', 'import os\nadmin_pw = os.environ["ADMIN_PASSWORD"]\n', ENV_READ, /ADMIN_PASSWORD/);
    flags('svc.ts', 'const adminPw = process.env.ADMIN_PASSWORD;\n', ENV_READ, /ADMIN_PASSWORD/);
  });
  it('env-read: token lifetimes and lockout times are not secrets', () => {
    silent('svc.py', 'import os\nlock_for = int(os.environ["RESET_PASSWORD_LOCK_TIME"])\naccess_ttl = os.getenv("JWT_TTL_ACCESS", "900")\n', ENV_READ);
    silent('svc.ts', 'const refreshAfter = Number(process.env.TOKEN_REFRESH_THRESHOLD ?? "60");\n', ENV_READ);
  });
  it('env-read: the JWT signing secret is flagged', () => {
    flags('svc.py', 'import os\nsigning = os.environ["JWT_SECRET"]\n', ENV_READ, /JWT_SECRET/);
    flags('svc.ts', 'const signing = process.env.JWT_SECRET!;\n', ENV_READ, /JWT_SECRET/);
  });
  it('env-read: prompts and error texts are not secrets', () => {
    silent('svc.py', 'import os\nprompt = os.environ.get("PASSWORD_PROMPT", "Password: ")\nbad = os.getenv("INVALID_TOKEN")\n', ENV_READ);
  });
  it('env-read: a reset token is flagged', () => {
    flags('svc.py', 'import os\nreset = os.environ["RESET_PASSWORD_TOKEN"]\n', ENV_READ, /RESET_PASSWORD_TOKEN/);
  });
  it('env-read: URLs with credentials are flagged', () => {
    const py = 'import os\nmail = os.environ["EMAIL_URL"]\nbroker = os.getenv("CELERY_BROKER_URL")\ndb = os.environ.get("SQLALCHEMY_DATABASE_URI")\n';
    flags('svc.py', py, ENV_READ, /EMAIL_URL|CELERY_BROKER_URL|SQLALCHEMY_DATABASE_URI/, 3);
    flags('svc.ts', 'const cache = process.env.REDIS_URL;\nconst smtp = process.env.SMTP_URL;\n', ENV_READ, /REDIS_URL|SMTP_URL/, 2);
  });
  it('env-read: public URLs are not', () => {
    silent('svc.py', 'import os\nsite = os.environ["SITE_URL"]\nreturn_to = os.getenv("CALLBACK_URL")\n', ENV_READ);
    silent('svc.ts', 'const site = process.env.SITE_URL;\n', ENV_READ);
  });
  it('env-read: a passcode is flagged, its length is not', () => {
    flags('svc.ts', 'const door = process.env.DOOR_PASSCODE;\nconst digits = process.env.PASSCODE_LENGTH;\n', ENV_READ, /DOOR_PASSCODE/);
  });

  it('logged: an encrypted password parameter is silent', () => {
    silent('svc.ts', 'export function save(user: User, encryptedPassword: string) {\n  console.log("saving", user.id, encryptedPassword);\n}\n', LOGGED);
  });
  it('logged: the password parameter is flagged', () => {
    flags('svc.ts', 'export function save(user: User, password: string) {\n  console.log("saving", user.id, password);\n}\n', LOGGED, /password/);
  });
  it('logged: an HMAC key is flagged', () => {
    flags('svc.py', 'def sign(body, hmac_key):\n    print("signing with", hmac_key)\n', LOGGED, /hmac_key/);
  });
  it('logged: imported prompt and error constants are silent', () => {
    const py =
      'import logging\nfrom .messages import PASSWORD_PROMPT, INVALID_TOKEN\nlog = logging.getLogger(__name__)\nprint(PASSWORD_PROMPT)\nlog.warning(INVALID_TOKEN)\n';
    silent('svc.py', py, LOGGED);
    silent('svc.ts', 'import { INVALID_TOKEN } from "./messages";\nconsole.warn(INVALID_TOKEN);\n', LOGGED);
  });
  it('logged: an imported reset token is flagged', () => {
    flags('svc.py', 'from .settings import RESET_PASSWORD_TOKEN\nprint("reset with", RESET_PASSWORD_TOKEN)\n', LOGGED, /RESET_PASSWORD_TOKEN/);
  });
  it('logged: when a token expires is silent', () => {
    silent(
      'svc.py',
      'def audit(token_payload, token_expires_at):\n    print("exp", token_payload["exp"])\n    print("expires at", token_expires_at)\n',
      LOGGED,
    );
  });
  it('logged: the token payload itself is flagged', () => {
    flags('svc.py', 'def audit(token_payload):\n    print("payload", token_payload)\n', LOGGED, /token_payload/);
  });
  it('logged: a numbered password is flagged', () => {
    flags('svc.py', 'def confirm(password1, password2):\n    print("second entry", password2)\n', LOGGED, /password2/);
  });
  it('logged: a numbered hash call is silent', () => {
    silent('svc.py', 'def store(user, password):\n    password = hashed1(password)\n    print("storing", user, password)\n', LOGGED);
  });
  it('logged: a broker URL is flagged', () => {
    flags('svc.py', 'import os\nbroker = os.environ["CELERY_BROKER_URL"]\nprint("broker at", broker)\n', LOGGED, /CELERY_BROKER_URL/);
  });
  it('logged: a site URL is silent', () => silent('svc.py', 'import os\nsite = os.environ["SITE_URL"]\nprint("site at", site)\n', LOGGED));
});

describe('a value bound to a name about a secret is harmless', () => {
  before(prepareCodeGrammars);
  const py = (logged: string) =>
    `import logging\nlog = logging.getLogger(__name__)\ndef store(user, password):\n    password_hash = password\n    log.info("saved %s", ${logged})\n`;
  const ts = (logged: string) =>
    `export function store(user: User, password: string) {\n  const passwordHash = password;\n  console.log("saved", ${logged});\n}\n`;

  it('logging the hash-named copy is silent', () => {
    silent('svc.py', py('password_hash'), LOGGED);
    silent('svc.ts', ts('passwordHash'), LOGGED);
  });
  it('logging the password is still flagged', () => {
    flags('svc.py', py('password'), LOGGED, /password/);
    flags('svc.ts', ts('password'), LOGGED, /password/);
  });
});

describe('getter calls are sources', () => {
  before(prepareCodeGrammars);

  it('Python: get_password(), keyring.get_password(), getpass.getpass() and api_key() return secrets', () => {
    flags('svc.py', 'def boot(vault):\n    pw = vault.get_password()\n    print("vault gave", pw)\n', LOGGED, /get_password/);
    flags('svc.py', 'import keyring\nstored = keyring.get_password("billing", "svc-user")\nprint("from keyring", stored)\n', LOGGED, /get_password/);
    flags('svc.py', 'import getpass\nentered = getpass.getpass()\nprint("you typed", entered)\n', LOGGED, /getpass/);
    flags('svc.py', 'def boot(settings):\n    k = settings.api_key()\n    print("using", k)\n', LOGGED, /api_key/);
  });
  it('TS: o.getPassword() and client.fetchApiToken() return secrets', () => {
    flags('svc.ts', 'function boot(o: Opts) {\n  const p = o.getPassword();\n  console.log("pw", p);\n}\n', LOGGED, /getPassword/);
    flags(
      'svc.ts',
      'async function boot(client: Client) {\n  const t = await client.fetchApiToken();\n  console.log("token", t);\n}\n',
      LOGGED,
      /fetchApiToken/,
    );
  });
  it('other verbs return no secret: set_password, reset_token, send_api_key, resetToken', () => {
    silent('svc.py', 'def change(user, x):\n    done = user.set_password(x)\n    print("changed", done)\n', LOGGED);
    silent('svc.py', 'def revoke(user):\n    result = user.reset_token()\n    print("reset", result)\n', LOGGED);
    silent('svc.py', 'def notify(user):\n    receipt = send_api_key(user)\n    print("sent", receipt)\n', LOGGED);
    silent('svc.ts', 'function revoke(user: User) {\n  const result = user.resetToken();\n  console.log("reset", result);\n}\n', LOGGED);
  });
  it('sanitizers return no secret: hash_password(pw), verifyToken(t)', () => {
    silent('svc.py', 'def register(user, password):\n    password = hash_password(password)\n    print("storing", user, password)\n', LOGGED);
    silent('svc.ts', 'function check(token: string) {\n  const ok = verifyToken(token);\n  console.log("valid?", ok);\n}\n', LOGGED);
  });
});

describe('loggers however held', () => {
  before(prepareCodeGrammars);

  it('Python: another name for a module logger', () => {
    const py =
      'import logging\nLOGGER = logging.getLogger("app")\naudit = LOGGER\ndef login(user, password):\n    audit.info("login %s with %s", user, password)\n';
    flags('svc.py', py, LOGGED, /password/);
  });
  it('Python: a function of the file that returns the logger', () => {
    const py =
      'import logging\nLOGGER = logging.getLogger("app")\ndef get_logger():\n    return LOGGER\ndef login(password):\n    get_logger().info("login with %s", password)\n';
    flags('svc.py', py, LOGGED, /password/);
  });
  it('Python: logging.getLogger(__name__) called in place', () => {
    flags('svc.py', 'import logging\ndef login(password):\n    logging.getLogger(__name__).warning("login with %s", password)\n', LOGGED, /password/);
  });
  it('Python: a loguru bound logger', () => {
    flags(
      'svc.py',
      'from loguru import logger\nauthn = logger.bind(component="auth")\ndef login(password):\n    authn.info("login {}", password)\n',
      LOGGED,
      /password/,
    );
  });
  it('TS: another name for a pino logger', () => {
    const ts =
      'import pino from "pino";\nconst root = pino();\nconst audit = root;\nexport function login(password: string) {\n  audit.info({ password }, "login");\n}\n';
    flags('svc.ts', ts, LOGGED, /password/);
  });
  it('TS: a pino child logger', () => {
    const ts =
      'import pino from "pino";\nconst root = pino();\nconst audit = root.child({ mod: "auth" });\nexport function login(password: string) {\n  audit.info({ password }, "login");\n}\n';
    flags('svc.ts', ts, LOGGED, /password/);
  });
  it('JS: another name for an imported logger', () => {
    flags(
      'svc.js',
      'const logger = require("./logger");\nconst audit = logger;\nfunction login(password) {\n  audit.info("login", password);\n}\n',
      LOGGED,
      /password/,
    );
  });
  it('Python: a report object with an info method is not a logger', () => {
    silent('svc.py', 'def login(report, password):\n    report.info("login with %s", password)\n', LOGGED);
    silent('svc.py', 'def login(password):\n    summary = make_report()\n    summary.info(password)\n', LOGGED);
  });
  it('TS: a report object with an info method is not a logger', () => {
    silent('svc.ts', 'export function login(report: Report, password: string) {\n  report.info("login", password);\n}\n', LOGGED);
  });
});

describe('field sensitivity of literals', () => {
  before(prepareCodeGrammars);
  const py = (shown: string) => `def connect(pw):\n    config = {"sleep_timer": 5, "password": pw}\n    print(${shown})\n`;
  const ts = (shown: string) =>
    `function connect(x: string, password: string) {\n  const cfg = { password: x, hostname: "h", y: password };\n  console.log(${shown});\n}\n`;

  it('a harmless key of the literal is silent, even one named like a value field', () => {
    silent('svc.py', py('config["sleep_timer"]'), LOGGED);
    silent('svc.ts', ts('cfg.hostname'), LOGGED);
    silent('svc.py', 'def login(token):\n    event = {"message": "login ok", "token": token}\n    log.info(event["message"])\n', LOGGED);
    silent('svc.ts', 'function reply(token: string) {\n  const body = { data: "ok", token };\n  console.log(body.data);\n}\n', LOGGED);
  });
  it('the whole literal is flagged', () => {
    flags('svc.py', py('config'), LOGGED, /password/);
    flags('svc.ts', ts('cfg'), LOGGED, /password/);
  });
  it('a key holding the secret is flagged', () => {
    flags('svc.py', py('config["password"]'), LOGGED, /password/);
    flags('svc.ts', ts('cfg.y'), LOGGED, /password/);
    flags('svc.py', 'def login(token):\n    event = {"message": "login ok", "token": token}\n    log.info(event["token"])\n', LOGGED, /token/);
  });
  it('rebinding, to {} or to another literal, forgets the secret field', () => {
    silent(
      'svc.ts',
      'function connect(password: string) {\n  let cfg: Record<string, string> = { hostname: "h", y: password };\n  cfg = {};\n  console.log(cfg.y);\n}\n',
      LOGGED,
    );
    silent('svc.py', 'def connect(password):\n    config = {"sleep_timer": 5, "note": password}\n    config = {}\n    print(config["note"])\n', LOGGED);
    const params =
      'def connect(user, password):\n    params = {"host": "db", "extra": password}\n    params = {"host": "db", "user": user, "password": password}\n    print("connecting", params["extra"])\n';
    silent('svc.py', params, LOGGED);
  });
  it('rebinding forgets the clean fields too', () => {
    flags(
      'svc.py',
      'def connect(password):\n    config = {"sleep_timer": 5}\n    config = {"sleep_timer": password}\n    print(config["sleep_timer"])\n',
      LOGGED,
      /password/,
    );
    flags(
      'svc.ts',
      'function connect(password: string) {\n  let cfg = { hostname: "h" };\n  cfg = { hostname: password };\n  console.log(cfg.hostname);\n}\n',
      LOGGED,
      /password/,
    );
  });
});

describe('fields of a secret', () => {
  before(prepareCodeGrammars);

  it('an id, an expiry, a username of a secret are silent', () => {
    silent('svc.ts', 'function show(apiKey: ApiKey, token: Token) {\n  console.log("key", apiKey.id, "expires", token.expiresAt);\n}\n', LOGGED);
    silent('svc.py', 'def show(credentials):\n    print("user", credentials["username"])\n', LOGGED);
  });
  it('the value of a secret and the password of credentials are flagged', () => {
    flags('svc.ts', 'function show(secret: Secret) {\n  console.log("value", secret.value);\n}\n', LOGGED, /secret/);
    flags('svc.py', 'def show(credentials):\n    print("pw", credentials["password"])\n', LOGGED, /password/);
  });
  const py = (raised: string) =>
    `import logging\nlog = logging.getLogger(__name__)\ndef connect(password):\n    try:\n        raise ValueError(${raised})\n    except ValueError as e:\n        log.error("failed: %s", e.message)\n`;
  const ts = (thrown: string) =>
    `function connect(password: string) {\n  try {\n    throw new Error(${thrown});\n  } catch (e) {\n    console.error("failed", e.message);\n  }\n}\n`;
  it('the message of an exception raised with the secret is flagged', () => {
    flags('svc.py', py('f"bad login {password}"'), LOGGED, /password/);
    flags('svc.ts', ts('`bad login ${password}`'), LOGGED, /password/);
  });
  it('the message of an exception raised without it is silent', () => {
    silent('svc.py', py('"bad login"'), LOGGED);
    silent('svc.ts', ts('"bad login"'), LOGGED);
  });
});

describe('a bare token field of a domain object is weak', () => {
  before(prepareCodeGrammars);

  it('an order or checkout token is silent', () => {
    silent('svc.py', 'def ship(order):\n    print("shipping order", order.token)\n', LOGGED);
    silent('svc.ts', 'function ship(checkout: Checkout) {\n  console.log("checkout", checkout.token);\n}\n', LOGGED);
  });
  it('the token of a session, of self, of auth is flagged', () => {
    flags('svc.py', 'def resume(session):\n    print("resuming", session.token)\n', LOGGED, /token/);
    flags('svc.py', 'class Client:\n    def connect(self):\n        print("connecting with", self.token)\n', LOGGED, /token/);
    flags('svc.ts', 'function go(auth: Auth) {\n  console.log("auth", auth.token);\n}\n', LOGGED, /token/);
  });
  it('an access token is flagged whatever holds it', () => {
    flags('svc.py', 'def ship(order):\n    print("carrier", order.access_token)\n', LOGGED, /access_token/);
    flags('svc.ts', 'function go(accessToken: string) {\n  console.log(accessToken);\n}\n', LOGGED, /accessToken/);
  });
});

describe('objects built from the environment are the environment', () => {
  before(prepareCodeGrammars);

  it('TS: a secret read through wrapEnv(process.env) is flagged, and reaches a log', () => {
    flags('svc.ts', 'const environment = wrapEnv(process.env);\nconst dbPass = environment.DB_PASSWORD;\n', ENV_READ, /DB_PASSWORD/);
    flags('svc.ts', 'const environment = wrapEnv(process.env);\nconsole.log("connecting", environment.DB_PASSWORD);\n', LOGGED, /DB_PASSWORD/);
  });
  it('TS: a plain setting read through it is not', () => {
    silent('svc.ts', 'const environment = wrapEnv(process.env);\nconst port = environment.PORT;\n', ENV_READ);
    silent('svc.ts', 'const environment = wrapEnv(process.env);\nconsole.log("port", environment.PORT);\n', LOGGED);
  });
  it('TS/JS: a spread copy and new Settings(process.env) read secrets, and only secrets', () => {
    flags('svc.ts', 'const vars = { ...process.env, MODE: "prod" };\nconst gh = vars.GITHUB_TOKEN;\nconst lvl = vars.LOG_LEVEL;\n', ENV_READ, /GITHUB_TOKEN/);
    flags(
      'svc.js',
      'const settings = new Settings(process.env);\nconst key = settings["STRIPE_SECRET_KEY"];\nconst host = settings.DB_HOST;\n',
      ENV_READ,
      /STRIPE_SECRET_KEY/,
    );
  });
  it('TS: Object.keys(process.env) is not an alias of the environment', () => {
    silent('svc.ts', 'const names = Object.keys(process.env);\nconst listed = names.DB_PASSWORD;\n', ENV_READ);
  });
  it('Python: dict(os.environ), {**os.environ} and Config(os.environ) read secrets, and only secrets', () => {
    flags('svc.py', 'import os\nenv = dict(os.environ)\npw = env["DB_PASSWORD"]\nhost = env["DB_HOST"]\n', ENV_READ, /DB_PASSWORD/);
    flags('svc.py', 'import os\nenv = {**os.environ}\ntok = env.get("API_TOKEN")\n', ENV_READ, /API_TOKEN/);
    flags('svc.py', 'import os\ncfg = Config(os.environ)\ntok = cfg["API_TOKEN"]\n', ENV_READ, /API_TOKEN/);
  });
  it('Python: a plain setting read through dict(os.environ) is not, nor its log', () => {
    silent('svc.py', 'import os\nenv = dict(os.environ)\nhost = env.get("DB_HOST")\n', ENV_READ);
    silent('svc.py', 'import os\nenv = dict(os.environ)\nprint("host", env["DB_HOST"])\n', LOGGED);
  });
});

describe('masking, hashing and encryption', () => {
  before(prepareCodeGrammars);
  const ts = (shown: string) => `function show(password: string) {\n  console.log("pw", ${shown});\n}\n`;

  it('replacing every character, globally, is silent', () => {
    silent('svc.ts', ts('password.replace(/./g, "*")'), LOGGED);
    silent('svc.ts', ts('password.replace(new RegExp(".", "g"), "*")'), LOGGED);
    silent('svc.js', 'function show(password) {\n  console.log("pw", password.replace(/./g, "*"));\n}\n', LOGGED);
  });
  it('a pattern without the g flag, or not every character, is flagged', () => {
    flags('svc.ts', ts('password.replace(new RegExp("."), "*")'), LOGGED, /password/);
    flags('svc.ts', ts('password.replace(/foo/g, "*")'), LOGGED, /password/);
    flags('svc.js', 'function show(password) {\n  console.log("pw", password.replace(/./, "*"));\n}\n', LOGGED, /password/);
  });
  it('values through hash, crypt and encrypt calls are silent', () => {
    const py = (value: string) => `import hashlib\ndef store(user, password):\n    password = ${value}\n    print("storing", user, password)\n`;
    silent('svc.py', py('hashlib.sha256(password.encode()).hexdigest()'), LOGGED);
    silent('svc.py', py('crypt(password)'), LOGGED);
    const row =
      'function save(user: User, password: string) {\n  const row = { user: user.id, password: encryptPassword(password) };\n  console.log("row", row);\n}\n';
    silent('svc.ts', row, LOGGED);
  });
  it('the same values without the call are flagged', () => {
    flags('svc.py', 'def store(user, password):\n    password = password.strip()\n    print("storing", user, password)\n', LOGGED, /password/);
    const row = 'function save(user: User, password: string) {\n  const row = { user: user.id, password: password.trim() };\n  console.log("row", row);\n}\n';
    flags('svc.ts', row, LOGGED, /password/);
  });
  it('a masking method of a secret is silent', () => {
    silent('svc.ts', 'function show(apiKey: SecretString) {\n  console.log("key", apiKey.masked());\n}\n', LOGGED);
  });
  it('another method of a secret is flagged', () => {
    flags('svc.ts', 'function show(apiKey: SecretString) {\n  console.log("key", apiKey.trim());\n}\n', LOGGED, /apiKey/);
  });
  it('{ password: crypt(pw) } is silent', () => silent('svc.ts', 'function save(pw: string) {\n  logger.info("user", { password: crypt(pw) });\n}\n', LOGGED));
  it('{ password: x } is flagged', () => flags('svc.ts', 'function save(x: string) {\n  logger.info("user", { password: x });\n}\n', LOGGED, /password/));
  const tsShown = (choice: string) =>
    `function save(password: string | undefined) {\n  const shown = ${choice};\n  logger.info("user", { password: shown });\n}\n`;
  const pyShown = (choice: string) => `def save(password):\n    shown = ${choice}\n    log.info("user %s", {"password": shown})\n`;
  it('a choice between harmless values is silent', () => {
    silent('svc.ts', tsShown('password ? null : "(hidden)"'), LOGGED);
    silent('svc.py', pyShown('None if password else "(hidden)"'), LOGGED);
  });
  it('a choice that may be the password is flagged', () => {
    flags('svc.ts', tsShown('password ? password : "(hidden)"'), LOGGED, /password/);
    flags('svc.py', pyShown('password if password else "(hidden)"'), LOGGED, /password/);
  });
});

describe('fixes never edit a syntax-error stretch', () => {
  before(prepareCodeGrammars);

  /** The ERROR and missing nodes of the parse. */
  function errorRanges(analysis: Awaited<ReturnType<typeof analyzeFile>>): { start: number; end: number }[] {
    const ranges: { start: number; end: number }[] = [];
    walk(analysis.code!.root, (n) => void ((n.type === 'ERROR' || n.isMissing) && ranges.push({ start: n.startIndex, end: n.endIndex })));
    return ranges;
  }

  /** The finding of `rule` and its fixes; none of them edits an error range. */
  async function fixesAvoidingErrors(file: string, text: string, rule: string) {
    const analysis = await analyzeFile({ text, path: file });
    const found = analysis.findings.filter((f) => f.rule === rule);
    assert.equal(found.length, 1, `one ${rule} finding`);
    const fixes = analysis.fixesFor(found[0]);
    const broken = errorRanges(analysis);
    for (const fix of fixes) for (const e of fix.edits) for (const b of broken) assert.ok(e.end < b.start || b.end < e.start, `${fix.title} edits the error`);
    return { broken, fixes };
  }

  const py = 'import os\nimport logging\npw = os.environ["DB_PASSWORD"]\nprint("connecting with", pw)\n';
  const ts = 'import fs from "node:fs";\nconst pw = process.env.DB_PASSWORD;\nconsole.log("connecting with", pw);\n';

  it('Python: a stray backslash on the first line keeps the finding, and no loader fix inserts there', async () => {
    const { broken, fixes } = await fixesAvoidingErrors('svc.py', `\\${py}`, ENV_READ);
    assert.ok(broken.length > 0 && broken[0].start === 0);
    assert.ok(fixes.every((f) => f.edits.every((e) => e.start > 0)));
  });
  it('Python: the same file without it gets the loader fix', async () => {
    const { broken, fixes } = await fixesAvoidingErrors('svc.py', py, ENV_READ);
    assert.deepEqual(broken, []);
    assert.ok(fixes.some((f) => f.preferred && f.edits.some((e) => e.newText.includes('def load_secret'))));
  });
  it('TS: a stray backslash on the first line keeps the finding, and no loader fix inserts there', async () => {
    const { broken, fixes } = await fixesAvoidingErrors('svc.ts', `\\${ts}`, ENV_READ);
    assert.ok(broken.length > 0 && broken[0].start === 0);
    assert.ok(fixes.every((f) => f.edits.every((e) => e.start > broken[0].end)));
  });
  it('TS: the same file without it gets the loader fix', async () => {
    const { fixes } = await fixesAvoidingErrors('svc.ts', ts, ENV_READ);
    assert.ok(fixes.some((f) => f.preferred && f.edits.some((e) => e.newText.includes('function loadSecret'))));
  });
  it('a redaction away from the broken stretch is still offered', async () => {
    const { fixes } = await fixesAvoidingErrors('svc.py', `\\${py}`, LOGGED);
    assert.ok(fixes.some((f) => f.preferred && f.edits.every((e) => e.newText === '"[REDACTED]"')));
  });
});

describe("the file's own functions", () => {
  it('a helper that logs a named parameter leaks at its log call when a caller passes a secret', () => {
    const text = 'function audit(event) {\n  console.info(event);\n}\naudit(apiToken);\naudit("started");\n';
    const found = findingsOf('svc.js', text, LOGGED);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /apiToken.*through audit\(\) \(called on line 4\)/);
    assert.equal(text.slice(found[0].start, found[0].end), 'console.info(event)');
  });
  it('a helper only ever called with harmless values is silent', () => {
    silent(
      'svc.py',
      'import logging\nlog = logging.getLogger(__name__)\n\ndef audit(event):\n    log.info("audit %s", event)\n\naudit("login")\naudit(user_id)\n',
      LOGGED,
    );
  });
  it('a logging wrapper (*values, ...args, arguments) leaks at its call', () => {
    const py = 'import sys\n\ndef debug(*values):\n    print("[debug]", *values, file=sys.stderr)\n\ndebug("key", api_key)\ndebug("bucket", bucket)\n';
    const found = findingsOf('svc.py', py, LOGGED);
    assert.equal(found.length, 1);
    assert.equal(py.slice(found[0].start, found[0].end), 'debug("key", api_key)');
    const js = 'function trace() {\n  console.log.apply(console, arguments);\n}\ntrace("session", sessionSecret);\ntrace("user", userName);\n';
    assert.deepEqual(
      findingsOf('svc.js', js, LOGGED).map((f) => js.slice(f.start, f.end)),
      ['trace("session", sessionSecret)'],
    );
  });
  it('a helper whose own parameter is secret-named is reported once, at its log call', () => {
    const text = 'function logPassword(password) {\n  console.log(password);\n}\nlogPassword(pw);\n';
    assert.equal(findingsOf('svc.js', text, LOGGED).length, 1);
  });
});

describe('log calls that run only outside production', () => {
  it('a test-environment or non-production branch is left alone', () => {
    silent('svc.js', 'if (environment.isTestEnv()) {\n  console.log("pw " + password);\n}\n', LOGGED);
    silent('svc.js', 'if (process.env.NODE_ENV !== "production") {\n  console.log(password);\n}\n', LOGGED);
    silent('svc.py', 'import logging\nif settings.ENVIRONMENT == "test":\n    logging.info("pw %s", password)\n', LOGGED);
  });
  it('other conditions, and the production branch, are still flagged', () => {
    flags('svc.js', 'if (pattern.test(input)) {\n  console.log("pw " + password);\n}\n', LOGGED, /password/);
    flags('svc.js', 'if (isProduction()) {\n  console.log(password);\n}\n', LOGGED, /password/);
    // A default value in the condition says nothing about the environment.
    flags(
      'svc.py',
      'import logging, os\nif body.password != os.environ.get("DEMO_PASSWORD", "dev-only"):\n    logging.warning("bad %s", body.password)\n',
      LOGGED,
      /password/,
    );
  });
});

describe('the exception being handled', () => {
  const raising = (handler: string) =>
    `import logging, os, traceback\nlog = logging.getLogger(__name__)\ntoken = os.environ["API_TOKEN"]\ntry:\n    raise ValueError(f"bad token {token}")\nexcept ValueError:\n    ${handler}\n`;
  it('log.exception, exc_info=True and traceback.print_exc print an exception raised with a secret', () => {
    flags('svc.py', raising('log.exception("connect failed")'), LOGGED, /API_TOKEN/);
    flags('svc.py', raising('log.error("connect failed", exc_info=True)'), LOGGED, /API_TOKEN/);
    flags('svc.py', raising('traceback.print_exc()'), LOGGED, /API_TOKEN/);
  });
  it('an exception raised without a secret, or a plain level without exc_info, is silent', () => {
    silent('svc.py', raising('log.error("connect failed")'), LOGGED);
    silent('svc.py', raising('log.error("connect failed", exc_info=False)'), LOGGED);
    silent('svc.py', 'import logging\ntry:\n    raise ValueError("no token given")\nexcept ValueError:\n    logging.exception("failed")\n', LOGGED);
  });
  it("the fix redacts the exception's message where it is raised", async () => {
    const text = raising('log.exception("connect failed")');
    const analysis = await analyzeFile({ text, path: '/work/svc.py' });
    const finding = analysis.findings.find((f) => f.rule === LOGGED)!;
    const [fix] = analysis.fixesFor(finding);
    assert.deepEqual(
      fix.edits.map((e) => e.newText),
      ['[REDACTED]'],
    );
    assert.equal(text.slice(fix.edits[0].start, fix.edits[0].end), '{token}');
  });
});

describe("what the file's own functions return", () => {
  const py = (call: string) =>
    `import logging, os\nlog = logging.getLogger(__name__)\n\ndef build_headers():\n    return {"Authorization": "Bearer " + os.environ["API_TOKEN"]}\n\ndef wrap(x):\n    return f"[{x}]"\n\nlog.info("sent %s", ${call})\n`;
  it('a function returning a secret of its own, or an argument that is one, carries the secret to its callers', () => {
    flags('svc.py', py('build_headers()'), LOGGED, /API_TOKEN/);
    flags('svc.py', py('wrap(password)'), LOGGED, /password/);
  });
  it('a function returning a harmless argument, or nothing secret, is silent', () => {
    silent('svc.py', py('wrap(user_name)'), LOGGED);
    silent('svc.js', 'function region() {\n  return process.env.AWS_REGION;\n}\nconsole.log(region());\n', LOGGED);
  });
});

describe("the file's own classes that read the environment", () => {
  it('an instance of a class keeping the environment behind get / __getitem__ is the environment', () => {
    const py =
      'import os\n\nclass EnvReader:\n    def __init__(self, source=os.environ):\n        self._source = source\n\n    def get(self, name, default=None):\n        return self._source.get(name, default)\n\nenv = EnvReader()\npw = env.get("DB_PASSWORD")\nhost = env.get("DB_HOST")\n';
    flags('svc.py', py, ENV_READ, /DB_PASSWORD/);
    const js =
      'class Settings {\n  constructor(source = process.env) {\n    this.source = source;\n  }\n  get(name) {\n    return this.source[name];\n  }\n}\nconst settings = new Settings();\nconst dbPassword = settings.get("DB_PASSWORD");\nconst port = settings.get("PORT");\n';
    flags('svc.js', js, ENV_READ, /DB_PASSWORD/);
  });
  it('a class that does not read the environment, or has no accessor, makes no alias', () => {
    silent('svc.py', 'class Vault:\n    def get(self, name):\n        return self.store[name]\n\nvault = Vault()\npw = vault.get("DB_PASSWORD")\n', ENV_READ);
    silent(
      'svc.js',
      'class Cache {\n  constructor() {\n    this.seed = process.env.SEED;\n  }\n}\nconst cache = new Cache();\nconst t = cache.get("API_TOKEN");\n',
      ENV_READ,
    );
  });
});

describe('names and values from the held-out corpus', () => {
  it('a URL named after a service whose URLs carry credentials is a secret; a plain URL, an ARN and a request token are not', () => {
    assert.deepEqual(
      kinds(['DB_REPLICA_URL', 'SLACK_WEBHOOK_URL', 'REDIS_CACHE_URI']),
      all(['DB_REPLICA_URL', 'SLACK_WEBHOOK_URL', 'REDIS_CACHE_URI'], 'secret'),
    );
    assert.deepEqual(kinds(['CALLBACK_URL', 'SITE_URL']), all(['CALLBACK_URL', 'SITE_URL'], 'other'));
    assert.deepEqual(kinds(['SECRET_ARN', 'ClientRequestToken', 'key_masked']), all(['SECRET_ARN', 'ClientRequestToken', 'key_masked'], 'about'));
  });
  it('click.echo writes out a secret; a name or a mask is silent', () => {
    flags('svc.py', 'import click, os\ntoken = os.environ["OPS_TOKEN"]\nclick.echo(f"token {token}", err=True)\n', LOGGED, /OPS_TOKEN/);
    silent('svc.py', 'import click\nmasked = api_key[:4] + "..."\nclick.echo(f"key {masked}")\n', LOGGED);
  });
  it('a loop over sorted(os.environ.items()) prints entries; over sorted(os.environ) names', () => {
    const dumped = findingsOf('svc.py', 'import os, click\nfor name, value in sorted(os.environ.items()):\n    click.echo(f"{name}={value}")\n', 'env-dumped');
    assert.equal(dumped.length, 1);
    silent('svc.py', 'import os\nfor name in sorted(os.environ):\n    print(name)\n', 'env-dumped');
  });
  it('URLSearchParams and asdict show what they are built from', () => {
    flags('svc.js', 'const form = new URLSearchParams({ client_id: id, client_secret: clientSecret });\nconsole.log(form.toString());\n', LOGGED, /client/);
    silent('svc.js', 'const form = new URLSearchParams({ client_id: id, grant_type: "code" });\nconsole.log(form.toString());\n', LOGGED);
  });
  it('Boolean() of a secret is a flag', () => {
    silent('svc.js', 'console.log({ user, passwordProvided: Boolean(password) });\n', LOGGED);
    flags('svc.js', 'console.log({ user, password });\n', LOGGED, /password/);
  });
  it('.get("field") of a secret reads that field', () => {
    silent('svc.py', 'import logging\nlogging.info("type %s", token.get("token_type"))\n', LOGGED);
    flags('svc.py', 'import logging\nlogging.info("got %s", token.get("access_token"))\n', LOGGED, /access_token/);
  });
  it('destructuring and tuple assignments take each field', () => {
    silent('svc.js', 'const { keyId, apiKey } = issueKey(owner);\nconsole.log(keyId);\n', LOGGED);
    flags('svc.js', 'const { keyId, apiKey } = issueKey(owner);\nconsole.log(apiKey);\n', LOGGED, /apiKey/);
    silent('svc.py', 'import logging\nstep, token = event["Step"], event.get("ClientRequestToken")\nlogging.info("%s %s", step, token)\n', LOGGED);
    flags('svc.py', 'import logging, os\nstep, token = event["Step"], os.environ["API_TOKEN"]\nlogging.info("%s %s", step, token)\n', LOGGED, /API_TOKEN/);
  });
  it('an arrow-function helper that logs its parameter is summarised', () => {
    const found = findingsOf('svc.js', 'const note = (msg) => {\n  console.log(msg);\n};\nnote(apiToken);\nnote("ok");\n', LOGGED);
    assert.equal(found.length, 1);
  });
  it('an instance of a class that prints a secret field carries it; a plain Python class does not print its fields', () => {
    const dataclass =
      'import logging\nfrom dataclasses import dataclass\n\n@dataclass\nclass Settings:\n    host: str\n    client_secret: str\n\nsettings = Settings("h", load())\nlogging.info("settings %s", settings)\nlogging.info("host %s", settings.host)\n';
    assert.deepEqual(
      findingsOf('svc.py', dataclass, LOGGED).map((f) => dataclass.slice(f.start, f.end)),
      ['logging.info("settings %s", settings)'],
    );
    silent('svc.py', dataclass.replace('@dataclass\n', ''), LOGGED);
    silent('svc.py', dataclass.replace('client_secret: str', 'client_secret: SecretStr'), LOGGED);
    flags(
      'svc.js',
      'class Client {\n  constructor(apiKey) {\n    this.apiKey = apiKey;\n  }\n}\nconst client = new Client(key);\nconsole.log(client);\n',
      LOGGED,
      /apiKey/,
    );
    silent('svc.js', 'class Client {\n  constructor(host) {\n    this.host = host;\n  }\n}\nconst client = new Client(h);\nconsole.log(client);\n', LOGGED);
  });
});

describe('an Authorization header is a credential', () => {
  it('its value is a secret; names about it are not', () => {
    flags('svc.js', 'const authorization = req.headers.authorization;\nconsole.log("auth %s", authorization);\n', LOGGED, /authorization/);
    assert.deepEqual(
      kinds(['AUTHORIZATION_HEADER', 'authorization_url', 'AuthorizationError']),
      all(['AUTHORIZATION_HEADER', 'authorization_url', 'AuthorizationError'], 'about'),
    );
    silent('svc.py', 'import logging\nlogging.info("auth header present: %s", "Authorization" in headers)\n', LOGGED);
  });
});
