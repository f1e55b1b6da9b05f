// Go and Java (issue 20): env reads, log sinks through the data flow, env-dumped, and the fixes — the
// loader files created beside the code, the replaced calls, Go's imports left unused — each heuristic
// that silences a finding tested both ways.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { rewriteReadsWithCodeFix } from '../../server/src/engine/combined-fix';
import { fixAll } from '../../server/src/engine/fix-all';
import { applyEdits } from '../../server/src/engine/text';
import { analyzeCode, findingsOf, flagged, prepareCodeGrammars } from '../support/code-analysis';

const READ = 'secret-env-read';
const LOGGED = 'secret-logged';
const DUMPED = 'env-dumped';

const go = (body: string, imports = '"log"\n\t"os"') => `package main\n\nimport (\n\t${imports}\n)\n\n${body}`;

describe('Go: secret-env-read', () => {
  before(prepareCodeGrammars);

  it('flags os.Getenv, os.LookupEnv and syscall.Getenv of secrets, not of other variables', () => {
    const text = go(
      'func main() {\n\tpw := os.Getenv("DB_PASSWORD")\n\tk, ok := os.LookupEnv("API_KEY")\n\tt, _ := syscall.Getenv("GITHUB_TOKEN")\n\tport := os.Getenv("PORT")\n\t_, _, _, _, _ = pw, k, ok, t, port\n}\n',
      '"os"\n\t"syscall"',
    );
    assert.deepEqual(flagged('main.go', text, READ), ['os.Getenv("DB_PASSWORD")', 'os.LookupEnv("API_KEY")', 'syscall.Getenv("GITHUB_TOKEN")']);
  });

  it('follows the import name: an aliased os is read through, another package named os is not', () => {
    assert.deepEqual(flagged('a.go', 'package a\n\nimport o "os"\n\nvar pw = o.Getenv("DB_PASSWORD")\n', READ), ['o.Getenv("DB_PASSWORD")']);
    assert.deepEqual(flagged('a.go', 'package a\n\nimport os "example.com/fakeos"\n\nvar pw = os.Getenv("DB_PASSWORD")\n', READ), []);
    assert.deepEqual(flagged('a.go', 'package a\n\nvar pw = cfg.Getenv("DB_PASSWORD")\n', READ), []);
  });

  it('replaces os.Getenv with getSecret and os.LookupEnv with lookupSecret, creating secret_loader.go in the package', () => {
    const text = go('func main() {\n\tpw := os.Getenv("DB_PASSWORD")\n\tk, ok := os.LookupEnv("API_KEY")\n\tlog.Println(len(pw), len(k), ok, os.Args)\n}\n');
    const result = fixAll({ text, path: '/srv/app/main.go' }, { createFiles: true });
    assert.match(result.text, /pw := getSecret\("DB_PASSWORD"\)/);
    assert.match(result.text, /k, ok := lookupSecret\("API_KEY"\)/);
    assert.match(result.text, /\t"os"\n/, 'os is still used (os.Args): its import stays');
    assert.deepEqual(
      result.createFiles.map((f) => f.relativePath),
      ['secret_loader.go'],
    );
    assert.match(result.createFiles[0].text, /^package main\n/);
    assert.match(result.createFiles[0].text, /func getSecret\(name string\) string/);
  });

  it('drops the os import the fixes leave unused (single fix and fix-all), never one still used', () => {
    const single = go('func main() {\n\tlog.Println(len(os.Getenv("DB_PASSWORD")))\n}\n');
    const analysis = analyzeCode('main.go', single);
    const finding = analysis.findings.find((f) => f.rule === READ)!;
    const fix = analysis.fixesFor(finding).find((f) => f.preferred)!;
    assert.equal(fix.createFiles?.[0].relativePath, 'secret_loader.go');
    const fixedOne = fixAll({ text: single, path: 'main.go' }, { createFiles: true }).text;
    assert.doesNotMatch(fixedOne, /"os"/);
    assert.match(fixedOne, /import \(\n\t"log"\n\)/);

    const two = go('func main() {\n\ta := os.Getenv("DB_PASSWORD")\n\tb := os.Getenv("API_TOKEN")\n\tlog.Println(len(a), len(b))\n}\n');
    const oneFix = analyzeCode('main.go', two);
    const first = oneFix.fixesFor(oneFix.findings.find((f) => f.rule === READ)!).find((f) => f.preferred)!;
    assert.equal(first.edits.length, 1, 'another os.Getenv remains: the import stays with one fix');
    const fixedAll = fixAll({ text: two, path: 'main.go' }, { createFiles: true }).text;
    assert.doesNotMatch(fixedAll, /"os"/, 'fix-all replaced every use: the import goes');
    assert.doesNotMatch(
      fixAll({ text: two.replace('log.Println(', 'log.Println(os.Args, '), path: 'main.go' }, { createFiles: true }).text,
      /^import \(\n\t"log"\n\)/m,
    );
  });

  it("the workspace's combined fix rewrites a Go file's reads of the variable and brings the loader file", () => {
    const text = go('func main() {\n\tlog.Println(len(os.Getenv("DATABASE_URL")), os.Args)\n}\n');
    const rewrite = rewriteReadsWithCodeFix({ path: '/w/app/main.go', text }, 'DATABASE_URL');
    assert.ok(rewrite);
    assert.equal(rewrite.reads, 1);
    assert.match(applyEdits(text, [rewrite.edit]), /log\.Println\(len\(getSecret\("DATABASE_URL"\)\), os\.Args\)/);
    assert.deepEqual(
      rewrite.createFiles.map((f) => f.relativePath),
      ['secret_loader.go'],
    );
    assert.equal(rewriteReadsWithCodeFix({ path: '/w/app/main.go', text }, 'OTHER_SECRET'), undefined);
  });

  it('names through a file constant (the fix keeps the constant) and through a function of the file that reads its parameter (flagged, not fixed)', () => {
    const text = go(
      'const envPassword = "DB_PASSWORD"\n\nfunc getEnv(key, fallback string) string {\n\tif v, ok := os.LookupEnv(key); ok {\n\t\treturn v\n\t}\n\treturn fallback\n}\n\nfunc describe(key string) string { return "env " + key }\n\nfunc main() {\n\tpw := os.Getenv(envPassword)\n\tjwt := getEnv("JWT_SECRET", "dev")\n\tport := getEnv("PORT", "8080")\n\tlog.Println(len(pw), len(jwt), port, describe("API_TOKEN"))\n}\n',
    );
    const analysis = analyzeCode('main.go', text);
    const reads = analysis.findings.filter((f) => f.rule === READ);
    assert.deepEqual(
      reads.map((f) => text.slice(f.start, f.end)),
      ['os.Getenv(envPassword)', 'getEnv("JWT_SECRET", "dev")'],
    );
    assert.match(reads[1].message, /through getEnv\(\)/);
    assert.deepEqual(analysis.fixesFor(reads[1]), []);
    assert.match(fixAll({ text, path: 'main.go' }, { createFiles: true }).text, /pw := getSecret\(envPassword\)/);
  });

  it('offers no fix without a package clause to put the loader in', () => {
    const analysis = analyzeCode('broken.go', 'var pw = os.Getenv("DB_PASSWORD")\n');
    for (const f of analysis.findings) assert.deepEqual(analysis.fixesFor(f), []);
  });
});

describe('Go: secret-logged and env-dumped', () => {
  before(prepareCodeGrammars);

  const sinks: [string, string, string[]][] = [
    ['log.Printf', 'log.Printf("pw=%s", pw)', ['log.Printf("pw=%s", pw)']],
    ['fmt.Println', 'fmt.Println("pw", pw)', ['fmt.Println("pw", pw)']],
    ['fmt.Fprintf to os.Stderr', 'fmt.Fprintf(os.Stderr, "%s", pw)', ['fmt.Fprintf(os.Stderr, "%s", pw)']],
    ['slog', 'slog.Info("login", "password", pw)', ['slog.Info("login", "password", pw)']],
    ['zap field', 'logger.Info("db", zap.String("password", pw))', ['logger.Info("db", zap.String("password", pw))']],
    ['logrus WithField', 'log.WithField("password", pw).Warn("x")', ['log.WithField("password", pw).Warn("x")']],
    ['zerolog chain', 'log.Info().Str("password", pw).Msg("x")', ['log.Info().Str("password", pw).Msg("x")']],
  ];
  for (const [what, call, expected] of sinks) {
    it(`flags ${what}`, () => {
      const text = go(`func run(logger *zap.Logger) {\n\tpw := os.Getenv("DB_PASSWORD")\n\t${call}\n}\n`, '"fmt"\n\t"log"\n\t"log/slog"\n\t"os"');
      assert.deepEqual(flagged('main.go', text, LOGGED), expected);
    });
  }

  const traps: [string, string][] = [
    ['a length', 'log.Printf("%d", len(pw))'],
    ['a comparison', 'log.Println(pw != "")'],
    ['fmt.Fprintf to a response writer', 'fmt.Fprintf(w, "%s", pw)'],
    ['a mask assigned before the log', 'pw = "********"\n\tlog.Println(pw)'],
    ['a test helper', 't.Logf("%s", pw)'],
  ];
  for (const [what, call] of traps) {
    it(`leaves ${what} alone`, () => {
      const text = go(`func run(w http.ResponseWriter, t *testing.T) {\n\tpw := os.Getenv("DB_PASSWORD")\n\t${call}\n}\n`, '"fmt"\n\t"log"\n\t"os"');
      assert.deepEqual(flagged('main.go', text, LOGGED), []);
    });
  }

  it('a logger stored in a struct field by type, a struct printed whole, a field bound by its type', () => {
    const text = go(
      'type Config struct {\n\tHost     string\n\tPassword string\n}\n\ntype Worker struct {\n\tsugar *zap.SugaredLogger\n\tcfg   Config\n}\n\nfunc (w *Worker) run() {\n\tw.sugar.Infof("host %s", w.cfg.Host)\n\tw.sugar.Infof("cfg %+v", w.cfg)\n\tw.sugar.Infof("pw %s", w.cfg.Password)\n}\n',
      '"go.uber.org/zap"',
    );
    assert.deepEqual(flagged('w.go', text, LOGGED), ['w.sugar.Infof("cfg %+v", w.cfg)', 'w.sugar.Infof("pw %s", w.cfg.Password)']);
  });

  it('redacts inside zap fields and format calls, keeping their types', () => {
    const text = go(
      'func run(logger *zap.Logger) {\n\tpw := os.Getenv("DB_PASSWORD")\n\tlogger.Info("db", zap.String("password", pw))\n\tlog.Print(fmt.Sprintf("pw=%s", pw))\n}\n',
      '"fmt"\n\t"log"\n\t"os"',
    );
    const fixed = fixAll({ text, path: 'main.go' }, { createFiles: true }).text;
    assert.match(fixed, /zap\.String\("password", "\[REDACTED\]"\)/);
    assert.match(fixed, /fmt\.Sprintf\("pw=%s", "\[REDACTED\]"\)/);
  });

  it('a variable the redaction leaves unread stays used (`_ = pw`); one read elsewhere, a parameter, or a name written only, gets nothing more', () => {
    const only = go('func main() {\n\tpw := os.Getenv("DB_PASSWORD")\n\tlog.Printf("pw=%s", pw)\n}\n');
    const analysis = analyzeCode('main.go', only);
    const fix = analysis.fixesFor(analysis.findings.find((f) => f.rule === LOGGED)!)[0];
    assert.equal(applyEdits(only, fix.edits), go('func main() {\n\tpw := os.Getenv("DB_PASSWORD")\n\t_ = pw\n\tlog.Printf("pw=%s", "[REDACTED]")\n}\n'));
    const readElsewhere = go('func main() {\n\tpw := os.Getenv("DB_PASSWORD")\n\tlog.Printf("pw=%s", pw)\n\tconnect(pw)\n}\n');
    const a2 = analyzeCode('main.go', readElsewhere);
    assert.equal(a2.fixesFor(a2.findings.find((f) => f.rule === LOGGED)!)[0].edits.length, 1, 'still read by connect(pw): no `_ =`');
    const param = go('func run(password string) {\n\tlog.Printf("pw=%s", password)\n}\n');
    const a3 = analyzeCode('main.go', param);
    assert.equal(a3.fixesFor(a3.findings.find((f) => f.rule === LOGGED)!)[0].edits.length, 1, 'an unused parameter compiles');
    const twice = go('func main() {\n\ttok := os.Getenv("API_TOKEN")\n\tlog.Printf("a=%s", tok)\n\tlog.Printf("b=%s", tok)\n\ttok = ""\n}\n');
    const fixed = fixAll({ text: twice, path: 'main.go' }, { createFiles: true }).text;
    assert.equal((fixed.match(/_ = tok/g) ?? []).length, 1, 'fix-all: both reads redacted, the variable (written, never read) kept used once');
  });

  it('env-dumped: os.Environ() printed (no rewrite: no expression names them) or ranged over and printed (the entry redacted)', () => {
    const text = go(
      'func main() {\n\tlog.Println(os.Environ())\n\tfor _, kv := range os.Environ() {\n\t\tfmt.Println(kv)\n\t}\n\tfor i := range os.Environ() {\n\t\tfmt.Println(i)\n\t}\n}\n',
      '"fmt"\n\t"log"\n\t"os"',
    );
    const findings = findingsOf('main.go', text, DUMPED);
    assert.deepEqual(
      findings.map((f) => text.slice(f.start, f.end)),
      ['log.Println(os.Environ())', 'fmt.Println(kv)'],
    );
    const analysis = analyzeCode('main.go', text);
    const [whole, entry] = analysis.findings.filter((x) => x.rule === DUMPED);
    assert.deepEqual(analysis.fixesFor(whole), []);
    assert.deepEqual(
      analysis.fixesFor(entry).flatMap((f) => f.edits.map((e) => e.newText)),
      ['\n\t\t_ = kv', '"[REDACTED]"'],
    );
  });

  it('env-dumped: a branch keeping one named variable is no dump unless that variable is a secret', () => {
    const body = (name: string) =>
      go(
        `func main() {\n\tfor _, kv := range os.Environ() {\n\t\tif strings.HasPrefix(kv, "${name}=") {\n\t\t\tlog.Println(kv)\n\t\t}\n\t}\n}\n`,
        '"log"\n\t"os"\n\t"strings"',
      );
    assert.deepEqual(flagged('main.go', body('GOMAXPROCS'), DUMPED), []);
    assert.deepEqual(flagged('main.go', body('DB_PASSWORD'), DUMPED), ['log.Println(kv)']);
    const flag = go('func main() {\n\tif os.Getenv("DUMP") == "1" {\n\t\tlog.Println(os.Environ())\n\t}\n}\n');
    assert.deepEqual(flagged('main.go', flag, DUMPED), ['log.Println(os.Environ())'], 'a flag read is no filter');
  });
});

const java = (body: string, imports = '') => `package com.example.app;\n\n${imports}public class App {\n${body}}\n`;

describe('Java: secret-env-read', () => {
  before(prepareCodeGrammars);

  it('flags System.getenv("X"), System.getenv().get / getOrDefault, a variable holding System.getenv(), a static import', () => {
    const text = java(
      '    void run() {\n        String a = System.getenv("DB_PASSWORD");\n        String b = System.getenv().get("API_KEY");\n        String c = System.getenv().getOrDefault("JWT_SECRET", "dev");\n        Map<String, String> env = System.getenv();\n        String d = env.get("STRIPE_TOKEN");\n        String e = getenv("CLIENT_SECRET");\n        String port = System.getenv("PORT");\n    }\n',
      'import static java.lang.System.getenv;\n\n',
    );
    assert.deepEqual(flagged('App.java', text, READ), [
      'System.getenv("DB_PASSWORD")',
      'System.getenv().get("API_KEY")',
      'System.getenv().getOrDefault("JWT_SECRET", "dev")',
      'env.get("STRIPE_TOKEN")',
      'getenv("CLIENT_SECRET")',
    ]);
    assert.deepEqual(flagged('App.java', text.replace('import static java.lang.System.getenv;\n', ''), READ).includes('getenv("CLIENT_SECRET")'), false);
  });

  it('names through a static final constant and through a method of the class that reads its parameter; not a call on another object', () => {
    const text = java(
      '    private static final String ENV_PASSWORD = "RAKE_UP_PASSWORD";\n    private final String notConstant = "DB_PASSWORD";\n    String getValue(String key) {\n        return System.getenv(key);\n    }\n    void run(Other other) {\n        String a = System.getenv(ENV_PASSWORD);\n        String b = getValue("COA_PASSWORD");\n        String c = this.getValue("API_TOKEN");\n        String d = other.getValue("CLIENT_SECRET");\n        String e = getValue("COA_HOST");\n        String f = System.getenv(notConstant);\n    }\n',
    );
    assert.deepEqual(flagged('App.java', text, READ), ['System.getenv(ENV_PASSWORD)', 'getValue("COA_PASSWORD")', 'this.getValue("API_TOKEN")']);
    assert.match(fixAll({ text, path: 'App.java' }, { createFiles: true }).text, /String a = SecretLoader\.get\(ENV_PASSWORD\);/);
  });

  it('replaces the read with SecretLoader.get (the default kept) and creates SecretLoader.java in the package', () => {
    const text = java('    String a = System.getenv("DB_PASSWORD");\n    String c = System.getenv().getOrDefault("JWT_SECRET", "dev");\n');
    const result = fixAll({ text, path: '/src/com/example/app/App.java' }, { createFiles: true });
    assert.match(result.text, /String a = SecretLoader\.get\("DB_PASSWORD"\);/);
    assert.match(result.text, /String c = SecretLoader\.get\("JWT_SECRET", "dev"\);/);
    assert.deepEqual(
      result.createFiles.map((f) => f.relativePath),
      ['SecretLoader.java'],
    );
    assert.match(result.createFiles[0].text, /^package com\.example\.app;\n/);
    const noPackage = fixAll({ text: 'class A { String a = System.getenv("DB_PASSWORD"); }\n', path: 'A.java' }, { createFiles: true });
    assert.doesNotMatch(noPackage.createFiles[0].text, /^package /m);
  });
});

describe('Java: secret-logged and env-dumped', () => {
  before(prepareCodeGrammars);

  const logged = (statements: string) =>
    flagged(
      'App.java',
      java(`    private static final Logger log = LoggerFactory.getLogger(App.class);\n    void run(String dbPassword) {\n${statements}\n    }\n`),
      LOGGED,
    );

  it('flags SLF4J parameterised calls, System.out, JUL suppliers, fluent loggers', () => {
    assert.deepEqual(logged('        log.info("pw={}", dbPassword);'), ['log.info("pw={}", dbPassword)']);
    assert.deepEqual(logged('        System.out.println("pw " + dbPassword);'), ['System.out.println("pw " + dbPassword)']);
    assert.deepEqual(logged('        LOGGER.fine(() -> "pw " + dbPassword);'), ['LOGGER.fine(() -> "pw " + dbPassword)']);
    assert.deepEqual(logged('        log.atInfo().addKeyValue("pw", dbPassword).log("login");'), ['log.atInfo().addKeyValue("pw", dbPassword).log("login")']);
  });

  it('leaves lengths, predicates, masks and cleared values alone', () => {
    assert.deepEqual(logged('        log.info("len {}", dbPassword.length());'), []);
    assert.deepEqual(logged('        log.info("empty {}", dbPassword.isEmpty());'), []);
    assert.deepEqual(logged('        String shown = dbPassword;\n        shown = "****";\n        log.info("pw {}", shown);'), []);
    assert.deepEqual(logged('        String p = dbPassword;\n        p = null;\n        log.info("pw {}", p);'), []);
  });

  it('an instance of a record or a Lombok @Data class with a secret field printed whole; not a plain class, not an excluded field; a getter reads its property', () => {
    const text =
      'package com.example;\n\nclass Svc {\n    private static final Logger log = LoggerFactory.getLogger(Svc.class);\n    void run(DbLogin login, Safe safe, Plain plain) {\n        log.info("login {}", login);\n        log.info("safe {}", safe);\n        log.info("plain {}", plain);\n        Token t = new Token("n", "s");\n        log.info("token {}", t);\n        log.info("user {}", login.getUsername());\n        log.info("pw {}", login.getPassword());\n    }\n}\n\n@Data\nclass DbLogin {\n    private String username;\n    private String password;\n}\n\n@Data\nclass Safe {\n    private String username;\n    @ToString.Exclude\n    private String password;\n}\n\nclass Plain {\n    private String password;\n}\n\nrecord Token(String name, String secret) {}\n';
    assert.deepEqual(flagged('Svc.java', text, LOGGED), ['log.info("login {}", login)', 'log.info("token {}", t)', 'log.info("pw {}", login.getPassword())']);
  });

  it('printStackTrace and a logged exception raised with a secret in its message; the fix redacts where it was raised', () => {
    const text = java(
      '    private static final Logger log = LoggerFactory.getLogger(App.class);\n    void run(String apiKey) {\n        try {\n            throw new IllegalStateException("bad key " + apiKey);\n        } catch (IllegalStateException e) {\n            e.printStackTrace();\n        }\n        try {\n            throw new IllegalStateException("bad input");\n        } catch (IllegalStateException e) {\n            e.printStackTrace();\n        }\n    }\n',
    );
    const found = findingsOf('App.java', text, LOGGED);
    assert.deepEqual(
      found.map((f) => text.slice(f.start, f.end)),
      ['e.printStackTrace()'],
    );
    const fixed = fixAll({ text, path: 'App.java' }, { createFiles: true }).text;
    assert.match(fixed, /new IllegalStateException\("bad key " \+ "\[REDACTED\]"\)/);
    assert.match(fixed, /e\.printStackTrace\(\);/);
  });

  it('env-dumped: a loop over the names that reads each value (Java, Python, JS); the names alone, or a value read by a fixed name, are fine', () => {
    const javaText = java(
      '    private static final Logger LOGGER = Logger.getLogger("r");\n    void run() {\n        Map<String, String> env = System.getenv();\n        for (String key : env.keySet()) {\n            LOGGER.info(key + "=" + env.get(key));\n            LOGGER.info("set: " + key);\n            LOGGER.info("port " + env.get("PORT"));\n        }\n    }\n',
    );
    assert.deepEqual(flagged('App.java', javaText, DUMPED), ['LOGGER.info(key + "=" + env.get(key))']);
    assert.match(fixAll({ text: javaText, path: 'App.java' }).text, /LOGGER\.info\(key \+ "=" \+ "\[REDACTED\]"\);/);
    const py = 'import os\n\nfor k in sorted(os.environ.keys()):\n    print(k, os.environ[k])\n    print(k)\nfor k in ["PORT"]:\n    print(os.environ[k])\n';
    assert.deepEqual(flagged('r.py', py, DUMPED), ['print(k, os.environ[k])']);
    const js = 'for (const k of Object.keys(process.env)) {\n  console.log(k, process.env[k]);\n  console.log(k);\n}\n';
    assert.deepEqual(flagged('r.js', js, DUMPED), ['console.log(k, process.env[k])']);
  });

  it('env-dumped: the whole map logged, each entry of a forEach; the names alone are fine', () => {
    const text = java(
      '    private static final Logger log = LoggerFactory.getLogger(App.class);\n    void run() {\n        log.info("env {}", System.getenv());\n        System.getenv().forEach((k, v) -> System.out.println(k + "=" + v));\n        System.getenv().forEach((k, v) -> System.out.println(k));\n        log.info("names {}", System.getenv().keySet());\n    }\n',
    );
    assert.deepEqual(flagged('App.java', text, DUMPED), ['log.info("env {}", System.getenv())', 'System.out.println(k + "=" + v)']);
    const fixed = fixAll({ text, path: 'App.java' }, { createFiles: true }).text;
    assert.match(fixed, /log\.info\("env \{\}", System\.getenv\(\)\.keySet\(\)\);/);
  });
});

describe('Spring', () => {
  before(prepareCodeGrammars);

  it('@Value placeholders written as env vars, Environment.getProperty, @ConfigurationProperties fields', () => {
    const text =
      'package com.example;\n\nimport org.springframework.core.env.Environment;\n\n@Service\nclass Payments {\n    @Value("${STRIPE_API_KEY}")\n    private String key;\n    @Value("${db.password}")\n    private String dbPassword;\n    @Value("${SERVER_PORT:8080}")\n    private int port;\n    private final Environment env;\n    Payments(Environment env) {\n        this.env = env;\n        String s = env.getProperty("WEBHOOK_SECRET");\n        String h = env.getProperty("REDIS_HOST");\n    }\n}\n\n@ConfigurationProperties(prefix = "mail")\nclass MailProperties {\n    private String host;\n    private String password;\n}\n';
    const found = findingsOf('Payments.java', text, READ);
    assert.deepEqual(
      found.map((f) => text.slice(f.start, f.end)),
      ['@Value("${STRIPE_API_KEY}")', 'env.getProperty("WEBHOOK_SECRET")', 'private String password;'],
    );
    assert.match(found[2].message, /MAIL_PASSWORD/);
    assert.match(found[0].message, /spring\.config\.import=optional:configtree:\/etc\/secrets\//);
  });

  it('a field @Value fills from a secret is a secret in the flow whatever its name; one filled from a plain variable is not', () => {
    const cls = (placeholder: string) =>
      `package com.example;\n\nclass Payments {\n    private static final Logger log = LoggerFactory.getLogger(Payments.class);\n    @Value("\${${placeholder}}")\n    private String stripe;\n\n    void run() {\n        log.info("using {}", stripe);\n    }\n}\n`;
    assert.deepEqual(flagged('Payments.java', cls('STRIPE_SECRET_KEY'), LOGGED), ['log.info("using {}", stripe)']);
    assert.deepEqual(flagged('Payments.java', cls('STRIPE_ACCOUNT_REGION'), LOGGED), []);
  });

  it('application.properties: secret placeholders (not comments, not other properties) with the configtree import as fix', () => {
    const text = '# ${DB_PASSWORD} in a comment\nserver.port=${PORT:8080}\nspring.datasource.password=${DB_PASSWORD}\nkey=${db.password}\n';
    const analysis = analyzeCode('src/main/resources/application.properties', text);
    assert.equal(analysis.kind, 'spring-config');
    assert.deepEqual(
      analysis.findings.map((f) => text.slice(f.start, f.end)),
      ['${DB_PASSWORD}'],
    );
    const fixed = fixAll({ text, path: 'application.properties' }).text;
    assert.equal(fixed, `${text}spring.config.import=optional:configtree:/etc/secrets/\n`);
    assert.deepEqual(analyzeCode('application.properties', fixed).findings, [], 'the config tree imported: the placeholder reads the file');
    const existing = 'spring.config.import=optional:file:./extra.properties\npw=${DB_PASSWORD}\n';
    assert.equal(
      fixAll({ text: existing, path: 'application-prod.properties' }).text,
      'spring.config.import=optional:file:./extra.properties,optional:configtree:/etc/secrets/\npw=${DB_PASSWORD}\n',
    );
  });

  it('application.yml: the import goes under spring: / config:, or a new block in the first document; line endings kept', () => {
    const under = 'spring:\n  datasource:\n    password: ${DB_PASSWORD} # from the Secret\nserver:\n  port: 8080\n';
    assert.equal(
      fixAll({ text: under, path: 'application.yml' }).text,
      'spring:\n  datasource:\n    password: ${DB_PASSWORD} # from the Secret\n  config:\n    import: "optional:configtree:/etc/secrets/"\nserver:\n  port: 8080\n',
    );
    const none = 'app:\r\n  token: ${API_TOKEN}\r\n---\r\nspring:\r\n  config:\r\n    activate:\r\n      on-profile: prod\r\n';
    assert.equal(
      fixAll({ text: none, path: 'application.yaml' }).text,
      'app:\r\n  token: ${API_TOKEN}\r\nspring:\r\n  config:\r\n    import: "optional:configtree:/etc/secrets/"\r\n---\r\nspring:\r\n  config:\r\n    activate:\r\n      on-profile: prod\r\n',
    );
  });

  it('a YAML file that is not a Spring config is not read as one; a Helm template named application.yaml stays a manifest', () => {
    assert.notEqual(analyzeCode('deploy/values.yaml', 'token: ${API_TOKEN}\n').kind, 'spring-config');
    assert.equal(analyzeCode('templates/application.yaml', 'x: 1\n', { languageId: 'helm' }).kind, 'manifest');
    const argo = 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: app\n';
    assert.equal(analyzeCode('deploy/application.yaml', argo).kind, 'manifest', 'a Kubernetes manifest named application.yaml');
  });
});
