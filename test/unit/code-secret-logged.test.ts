// secret-logged: each sink family, each local data-flow step, each exclusion, and the redaction fix.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { jsLoader, pythonLoader } from '../../server/src/engine/code/loader/templates';
import { analyzeCode, assertCompiles, assertFixAllClears, findingsOf, fixAllText, flagged, prepareCodeGrammars } from '../support/code-analysis';

const RULE = 'secret-logged';

// Fix-all also fixes the env reads: the loader goes in after the imports (code-env-read-fix.test.ts),
// and the read becomes a loader call. The loaders' whole text is pinned in code-loader.test.ts.
const PY_LOADER_BLOCK = `\n\n${pythonLoader('/etc/secrets', 'os')}\n\n\n`;
const TS_LOADER_BLOCK = `${jsLoader('/etc/secrets', { typescript: true, module: 'esm', exported: false })}\n\n`;

/** Flags exactly one call (the given text, or any), and fix-all turns the file into exactly `expected`, which compiles. */
function flagsAndFixes(file: string, text: string, call: string | undefined, expected: string): void {
  const found = flagged(file, text, RULE);
  assert.equal(found.length, 1);
  if (call !== undefined) assert.equal(found[0], call);
  assertFixAllClears(file, text, RULE, expected);
}

describe('secret-logged: Python sinks', () => {
  before(prepareCodeGrammars);
  const pre = 'import os, sys, logging, pprint\npw = os.environ["DB_PASSWORD"]\n';
  const fixedPre = `import os, sys, logging, pprint\n${PY_LOADER_BLOCK}pw = load_secret("DB_PASSWORD")\n`;
  // [family, the code after `pre`, the same code after fix-all]
  const sinks: [string, string, string][] = [
    ['logging.<level>', 'logging.error("pw %s", pw)', 'logging.error("pw %s", "[REDACTED]")'],
    ['getLogger into any variable', 'audit = logging.getLogger("audit")\naudit.warning(pw)', 'audit = logging.getLogger("audit")\naudit.warning("[REDACTED]")'],
    ['logging.root', 'logging.root.info(pw)', 'logging.root.info("[REDACTED]")'],
    [
      'LoggerAdapter',
      'adapter = logging.LoggerAdapter(logging.getLogger(), {})\nadapter.info(pw)',
      'adapter = logging.LoggerAdapter(logging.getLogger(), {})\nadapter.info("[REDACTED]")',
    ],
    ['print', 'print("password:", pw, file=sys.stderr)', 'print("password:", "[REDACTED]", file=sys.stderr)'],
    ['sys.stdout.write', 'sys.stdout.write(pw + "\\n")', 'sys.stdout.write("[REDACTED]" + "\\n")'],
    ['sys.stderr.write', 'sys.stderr.write(pw)', 'sys.stderr.write("[REDACTED]")'],
    ['pprint', 'pprint.pprint({"pw": pw})', 'pprint.pprint({"pw": "[REDACTED]"})'],
    ['loguru', 'from loguru import logger\nlogger.info("pw {}", pw)', 'from loguru import logger\nlogger.info("pw {}", "[REDACTED]")'],
    [
      'structlog',
      'import structlog\nslog = structlog.get_logger()\nslog.info("login", password=pw)',
      'import structlog\nslog = structlog.get_logger()\nslog.info("login", password="[REDACTED]")',
    ],
    [
      'self.logger / app.logger',
      'class A:\n    def run(self):\n        self.logger.debug(pw)',
      'class A:\n    def run(self):\n        self.logger.debug("[REDACTED]")',
    ],
  ];
  for (const [family, code, fixed] of sinks) {
    const text = `${pre}${code}\n`;
    const call = code.split('\n').pop()!.trim();
    it(family, () => flagsAndFixes('svc.py', text, call, `${fixedPre}${fixed}\n`));
  }
});

describe('secret-logged: JS/TS sinks', () => {
  before(prepareCodeGrammars);
  const pre = 'const token = process.env.GITHUB_TOKEN;\n';
  const fixedPre = `${TS_LOADER_BLOCK}const token = loadSecret("GITHUB_TOKEN");\n`;
  // [family, the code after `pre`, the same code after fix-all]
  const sinks: [string, string, string][] = [
    ['console.*', 'console.warn("token", token);', 'console.warn("token", "[REDACTED]");'],
    ['process.stdout.write', 'process.stdout.write(token + "\\n");', 'process.stdout.write("[REDACTED]" + "\\n");'],
    ['process.stderr.write', 'process.stderr.write(`t=${token}`);', 'process.stderr.write(`t=[REDACTED]`);'],
    ['winston default logger', 'import winston from "winston";\nwinston.info(token);', 'import winston from "winston";\nwinston.info("[REDACTED]");'],
    [
      'winston created logger',
      'import * as winston from "winston";\nconst audit = winston.createLogger({});\naudit.error("t", { token });',
      'import * as winston from "winston";\nconst audit = winston.createLogger({});\naudit.error("t", { token: "[REDACTED]" });',
    ],
    [
      'pino',
      'import pino from "pino";\nconst p = pino();\np.info({ auth: token });',
      'import pino from "pino";\nconst p = pino();\np.info({ auth: "[REDACTED]" });',
    ],
    ['pino req.log', 'app.get("/", (req) => { req.log.info(token); });', 'app.get("/", (req) => { req.log.info("[REDACTED]"); });'],
    [
      'bunyan',
      'const bunyan = require("bunyan");\nconst b = bunyan.createLogger({ name: "x" });\nb.warn(token);',
      'const bunyan = require("bunyan");\nconst b = bunyan.createLogger({ name: "x" });\nb.warn("[REDACTED]");',
    ],
    [
      'log4js',
      'const log4js = require("log4js");\nconst l4 = log4js.getLogger();\nl4.debug(token);',
      'const log4js = require("log4js");\nconst l4 = log4js.getLogger();\nl4.debug("[REDACTED]");',
    ],
    [
      'debug',
      'import createDebug from "debug";\nconst dbg = createDebug("app");\ndbg("t %s", token);',
      'import createDebug from "debug";\nconst dbg = createDebug("app");\ndbg("t %s", "[REDACTED]");',
    ],
    ['debug via require', 'const trace = require("debug")("app");\ntrace(token);', 'const trace = require("debug")("app");\ntrace("[REDACTED]");'],
    ['loglevel', 'import lvl from "loglevel";\nlvl.info(token);', 'import lvl from "loglevel";\nlvl.info("[REDACTED]");'],
    ['consola', 'import { consola } from "consola";\nconsola.success(token);', 'import { consola } from "consola";\nconsola.success("[REDACTED]");'],
    [
      'NestJS Logger',
      'import { Logger } from "@nestjs/common";\nclass S { private readonly logger = new Logger(S.name); run() { this.logger.log(token); } }',
      'import { Logger } from "@nestjs/common";\nclass S { private readonly logger = new Logger(S.name); run() { this.logger.log("[REDACTED]"); } }',
    ],
  ];
  for (const [family, code, fixed] of sinks) {
    const text = `${pre}${code}\n`;
    const last = code.split('\n').pop()!;
    const call = /([\w.]+\([^;]*\))(?:;|\s*\}|$)/.exec(
      last.includes('this.logger') ? last.slice(last.indexOf('this.logger')) : last.includes('req.log') ? last.slice(last.indexOf('req.log')) : last,
    )![1];
    it(`TS: ${family}`, () => flagsAndFixes('svc.ts', text, call, `${fixedPre}${fixed}\n`));
    it(`JS: ${family}`, () => assert.deepEqual(flagged('svc.js', text.replace('private readonly ', ''), RULE), [call]));
  }
});

describe('secret-logged: local data flow', () => {
  before(prepareCodeGrammars);
  // [step, the code after the imports, the same code after fix-all]
  const py: [string, string, string][] = [
    ['assignment chain', 'a = os.getenv("API_KEY")\nb = a\nprint(b)', `${PY_LOADER_BLOCK}a = load_secret("API_KEY")\nb = a\nprint("[REDACTED]")`],
    [
      'f-string',
      'k = os.getenv("API_KEY")\nmsg = f"key={k!r}"\nlogging.info(msg)',
      `${PY_LOADER_BLOCK}k = load_secret("API_KEY")\nmsg = f"key={k!r}"\nlogging.info("[REDACTED]")`,
    ],
    [
      'f-string in the call',
      'k = os.getenv("API_KEY")\nlogging.info(f"key={k}")',
      `${PY_LOADER_BLOCK}k = load_secret("API_KEY")\nlogging.info(f"key=[REDACTED]")`,
    ],
    [
      '% formatting',
      'k = os.getenv("API_KEY")\nlogging.info("key=%s" % (k,))',
      `${PY_LOADER_BLOCK}k = load_secret("API_KEY")\nlogging.info("key=%s" % ("[REDACTED]",))`,
    ],
    ['.format()', 'k = os.getenv("API_KEY")\nprint("key={}".format(k))', `${PY_LOADER_BLOCK}k = load_secret("API_KEY")\nprint("key={}".format("[REDACTED]"))`],
    ['+ concatenation', 'k = os.getenv("API_KEY")\nprint("key=" + k.strip())', `${PY_LOADER_BLOCK}k = load_secret("API_KEY")\nprint("key=" + "[REDACTED]")`],
    [
      'dict literal and extra=',
      'k = os.getenv("API_KEY")\nlogging.info("ctx", extra={"user": u, "key": k})',
      `${PY_LOADER_BLOCK}k = load_secret("API_KEY")\nlogging.info("ctx", extra={"user": u, "key": "[REDACTED]"})`,
    ],
    ['attribute read of a secret-named field', 'print("using", settings.api_key)', 'print("using", "[REDACTED]")'],
    [
      'secret-named variable and parameter',
      'def login(user, password):\n    logging.debug("login %s %s", user, password)',
      'def login(user, password):\n    logging.debug("login %s %s", user, "[REDACTED]")',
    ],
    [
      'exception raised from a secret, then logged',
      'k = os.getenv("API_KEY")\ntry:\n    raise ValueError(f"bad key {k}")\nexcept ValueError as e:\n    logging.exception(e)',
      `${PY_LOADER_BLOCK}k = load_secret("API_KEY")\ntry:\n    raise ValueError(f"bad key [REDACTED]")\nexcept ValueError as e:\n    logging.exception("[REDACTED]")`,
    ],
    [
      'exception object built from a secret',
      'err = RuntimeError("token " + os.environ["AUTH_TOKEN"])\nlogging.error(err)',
      `${PY_LOADER_BLOCK}err = RuntimeError("token " + load_secret("AUTH_TOKEN"))\nlogging.error("[REDACTED]")`,
    ],
    ['after the loader fix', 'k = load_secret("API_KEY")\nprint(k)', 'k = load_secret("API_KEY")\nprint("[REDACTED]")'],
  ];
  for (const [step, code, fixed] of py) {
    it(`Python: ${step}`, () => flagsAndFixes('svc.py', `import os, logging\n${code}\n`, undefined, `import os, logging\n${fixed}\n`));
  }
  // [step, the file, the file after fix-all]
  const js: [string, string, string][] = [
    [
      'assignment chain',
      'let a = process.env.API_KEY;\nconst b = a;\nconsole.log(b);',
      `${TS_LOADER_BLOCK}let a = loadSecret("API_KEY");\nconst b = a;\nconsole.log("[REDACTED]");`,
    ],
    [
      'template literal',
      'const k = process.env.API_KEY;\nconst msg = `key=${k}`;\nconsole.log(msg);',
      `${TS_LOADER_BLOCK}const k = loadSecret("API_KEY");\nconst msg = \`key=\${k}\`;\nconsole.log("[REDACTED]");`,
    ],
    [
      '+ concatenation',
      'const k = process.env.API_KEY;\nconsole.log("key=" + k.trim());',
      `${TS_LOADER_BLOCK}const k = loadSecret("API_KEY");\nconsole.log("key=" + "[REDACTED]");`,
    ],
    [
      'object literal (shorthand and pair)',
      'const apiKey = process.env.API_KEY;\nlogger.info({ user, apiKey, nested: { k: apiKey } });',
      `${TS_LOADER_BLOCK}const apiKey = loadSecret("API_KEY");\nlogger.info({ user, apiKey: "[REDACTED]", nested: { k: "[REDACTED]" } });`,
    ],
    [
      'destructured from process.env',
      'const { API_KEY: k } = process.env;\nconsole.info("key", k);',
      `${TS_LOADER_BLOCK}const k = loadSecret("API_KEY");\nconsole.info("key", "[REDACTED]");`,
    ],
    ['attribute read of a secret-named field', 'console.log(config.db.password);', 'console.log("[REDACTED]");'],
    [
      'exception thrown from a secret, then logged',
      'const k = process.env.API_KEY;\ntry { throw new Error("bad " + k); } catch (err) { console.error(err); }',
      `${TS_LOADER_BLOCK}const k = loadSecret("API_KEY");\ntry { throw new Error("bad " + k); } catch (err) { console.error("[REDACTED]"); }`,
    ],
    [
      'Error object built from a secret',
      'const err = new Error(`token ${process.env.AUTH_TOKEN}`);\nlogger.error(err);',
      `${TS_LOADER_BLOCK}const err = new Error(\`token \${loadSecret("AUTH_TOKEN")}\`);\nlogger.error("[REDACTED]");`,
    ],
    [
      'inside a nested function',
      'const k = process.env.API_KEY;\nexport function f() { return () => console.debug(k); }',
      `${TS_LOADER_BLOCK}const k = loadSecret("API_KEY");\nexport function f() { return () => console.debug("[REDACTED]"); }`,
    ],
  ];
  for (const [step, code, fixed] of js) {
    it(`TS: ${step}`, () => flagsAndFixes('svc.ts', `${code}\n`, undefined, `${fixed}\n`));
  }
});

describe('secret-logged: not flagged', () => {
  before(prepareCodeGrammars);
  const py: [string, string][] = [
    ['len()', 'print(len(pw))'],
    ['hashlib', 'print(hashlib.sha256(pw.encode()).hexdigest())'],
    ['mask/redact/hash-named functions', 'logging.info("pw %s %s %s", mask(pw), redact_secret(pw), hash_value(pw))'],
    ['pydantic SecretStr', 'class Settings(BaseSettings):\n    api_key: SecretStr\nprint(Settings().api_key)'],
    ['booleans like is_secret', 'is_secret = True\nhas_password = bool(pw)\nprint(is_secret, has_password)'],
    ['the name of a variable', 'print("DB_PASSWORD is not set")\nlogging.warning("missing %s", "API_KEY")'],
    ['predicates on the secret', 'print(pw.startswith("sk_"), pw == "x", pw is None)'],
    ['a secret-named variable reassigned a literal', 'token = "placeholder"\nprint(token)'],
    ['a secret-named variable reassigned its hash', 'password = hash_password(pw)\nprint(password)'],
    ['metadata names', 'password_count = 3\ntoken_ttl = 60\nprint(password_count, token_ttl, secret_name)'],
    ['non-sink calls', 'requests.post(url, data={"password": pw})\nsend(pw)'],
  ];
  for (const [what, code] of py) {
    it(`Python: ${what}`, () => assert.deepEqual(flagged('svc.py', `import os, hashlib, logging\npw = os.environ["DB_PASSWORD"]\n${code}\n`, RULE), []));
  }
  const js: [string, string][] = [
    ['.length', 'console.log(token.length, `len ${token.length}`);'],
    ['createHash', 'console.log(createHash("sha256").update(token).digest("hex"));'],
    ['mask-named functions', 'console.log(maskSecret(token), redact(token), hashToken(token));'],
    ['.replace(/./g, "*")', 'console.log(token.replace(/./g, "*"));'],
    ['a secret-named variable reassigned its mask', 'const apiToken = maskToken(token);\nconsole.log(apiToken);'],
    ['booleans', 'const isSecret = Boolean(token);\nconsole.log(isSecret, !!token, token === "x");'],
    ['the name of a variable', 'console.log("GITHUB_TOKEN is missing");'],
    ['a template literal of process.env', 'console.log(`${process.env}`);'],
  ];
  for (const [what, code] of js) {
    it(`TS: ${what}`, () => assert.deepEqual(flagged('svc.ts', `const token = process.env.GITHUB_TOKEN;\n${code}\n`, RULE), []));
  }
});

describe('secret-logged: reporting', () => {
  before(prepareCodeGrammars);
  it('starts at the logging call, names the secret, never its value', () => {
    const text = 'import os, logging\nk = os.getenv("API_KEY", "sk_live_default")\nlogging.info("k=%s", k)\n';
    const [f] = findingsOf('svc.py', text, RULE);
    assert.equal(text.slice(f.start, f.end), 'logging.info("k=%s", k)');
    assert.match(f.message, /API_KEY/);
    assert.equal(f.message.includes('sk_live_default'), false);
    assert.equal(f.severity, 'error');
    assert.equal(f.data.sink, 'logging.info');
  });

  it('a Secret-fed env var is a secret in the log too (workspace hook)', () => {
    const text = 'const u = process.env.UPSTREAM;\nconsole.log(u);\n';
    assert.equal(flagged('svc.ts', text, RULE).length, 0);
    const envSource = (name: string) => (name === 'UPSTREAM' ? { kind: 'secret' as const, secret: 'upstream' } : undefined);
    assert.equal(findingsOf('svc.ts', text, RULE, { envSource }).length, 1);
  });

  it('a file with syntax errors still reports the leaks that parse', () => {
    const text = 'import os\ndef broken(:\n    pass\npw = os.environ["DB_PASSWORD"]\nprint(pw)\n';
    assert.deepEqual(flagged('svc.py', text, RULE), ['print(pw)']);
  });

  it('fix-all over a file with reads, leaks and dumps leaves nothing and still compiles', () => {
    const text = 'import os\nimport logging\n\nlog = logging.getLogger(__name__)\npw = os.environ["DB_PASSWORD"]\nlog.info("pw=%s", pw)\nprint(os.environ)\n';
    const fixed = fixAllText('svc.py', text);
    assertCompiles('svc.py', fixed);
    assert.equal(analyzeCode('svc.py', fixed).findings.length, 0);
  });
});
