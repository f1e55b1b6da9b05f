// Go config frameworks for secret-env-read: kelseyhightower/envconfig and caarlos0/env struct tags, and
// spf13/viper getters once the file makes viper read the environment. Each heuristic is tested both
// ways; caarlos0/env's fix (its own `file` option) is checked to the byte, re-parsed, and left clean.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { descendants } from '../../server/src/engine/code/syntax';
import { fixAll } from '../../server/src/engine/fix-all';
import { analyzeCode, findingsOf, flagged, prepareCodeGrammars } from '../support/code-analysis';

const READ = 'secret-env-read';

/** A Go file of package config importing these paths. */
function goFile(imports: string[], body: string): string {
  return `package config\n\nimport (\n${imports.map((i) => `\t${i}\n`).join('')})\n\n${body}`;
}

/** The variables of the file's secret-env-read findings, in order. */
function variables(text: string, file = 'config.go'): unknown[] {
  return findingsOf(file, text, READ).map((f) => f.data.variable);
}

/** Fix-all with file creation allowed: the fixed text, which must parse without errors, and the files created. */
function fixedGo(text: string, file = 'config.go'): { text: string; created: string[] } {
  const result = fixAll({ text, path: file }, { createFiles: true });
  const analysis = analyzeCode(file, result.text);
  assert.deepEqual(
    analysis.problems.map((p) => p.code),
    [],
    'the fixed file parses',
  );
  const root = analysis.code!.root;
  assert.equal(root.hasError, false, 'no syntax error in the fixed file');
  assert.deepEqual(
    descendants(root, ['ERROR']).map((n) => n.text),
    [],
  );
  return { text: result.text, created: result.createFiles.map((c) => c.relativePath) };
}

describe('Go frameworks: kelseyhightower/envconfig', () => {
  before(prepareCodeGrammars);
  const IMPORT = '"github.com/kelseyhightower/envconfig"';

  it('a field tagged envconfig:"NAME" reads NAME (upper-cased), flagged at the tag; no fix', () => {
    const text = goFile(
      [IMPORT],
      'type Config struct {\n\tPassword string `envconfig:"db_password" required:"true"`\n\tPort     int    `envconfig:"PORT"`\n}\n\nfunc Load() (c Config, err error) {\n\terr = envconfig.Process("", &c)\n\treturn\n}\n',
    );
    assert.deepEqual(flagged('config.go', text, READ), ['`envconfig:"db_password" required:"true"`']);
    const analysis = analyzeCode('config.go', text);
    const finding = analysis.findings.find((f) => f.rule === READ)!;
    assert.equal(finding.data.variable, 'DB_PASSWORD');
    assert.equal(finding.data.framework, 'envconfig');
    assert.equal(finding.data.fixedRead, 'none');
    assert.deepEqual(analysis.fixesFor(finding), []);
  });

  it('ignored, unexported and struct-typed (group) tagged fields are not reads', () => {
    const text = goFile(
      [IMPORT],
      'type DB struct {\n\tHost string\n}\n\ntype Config struct {\n\tOld      string `envconfig:"OLD_PASSWORD" ignored:"true"`\n\tinternal string `envconfig:"INTERNAL_TOKEN"`\n\tSecrets  DB     `envconfig:"API_SECRET"`\n\tToken    string `envconfig:"API_TOKEN"`\n}\n',
    );
    assert.deepEqual(variables(text), ['API_TOKEN']);
  });

  it('untagged fields read PREFIX_FIELD under a Process call with a literal prefix and a struct of the file', () => {
    const text = goFile(
      [IMPORT],
      'type Auth struct {\n\tClientSecret string `split_words:"true"`\n}\n\ntype Base struct {\n\tSessionKey string\n}\n\ntype Config struct {\n\tBase\n\tDbPassword string `split_words:"true"`\n\tApiToken   string\n\tAuth       Auth\n\tPort       int\n}\n\nfunc Load() {\n\tvar cfg Config\n\tenvconfig.MustProcess("myapp", &cfg)\n}\n',
    );
    assert.deepEqual(variables(text), ['MYAPP_AUTH_CLIENT_SECRET', 'MYAPP_SESSIONKEY', 'MYAPP_DB_PASSWORD', 'MYAPP_APITOKEN']);
    assert.deepEqual(flagged('config.go', text, READ), ['ClientSecret', 'SessionKey', 'DbPassword', 'ApiToken']);
  });

  it('the spec: &value, a pointer variable, a pointer parameter — and not a non-pointer value', () => {
    const body = (load: string) => `type Config struct {\n\tDbPassword string\n}\n\n${load}`;
    const cases: [string, string[]][] = [
      ['func Load() {\n\tcfg := Config{}\n\t_ = envconfig.Process("app", &cfg)\n}\n', ['APP_DBPASSWORD']],
      ['func Load() {\n\tcfg := &Config{}\n\t_ = envconfig.Process("app", cfg)\n}\n', ['APP_DBPASSWORD']],
      ['func Load() {\n\tcfg := new(Config)\n\t_ = envconfig.Process("app", cfg)\n}\n', ['APP_DBPASSWORD']],
      ['func Load(cfg *Config) error {\n\treturn envconfig.Process("app", cfg)\n}\n', ['APP_DBPASSWORD']],
      ['func Load() {\n\tvar cfg Config\n\t_ = envconfig.Process("app", cfg)\n}\n', []],
    ];
    for (const [load, expected] of cases) assert.deepEqual(variables(goFile([IMPORT], body(load))), expected, load);
  });

  it('untagged fields are not reported when the prefix, the struct or the split name is not certain', () => {
    const cases = [
      // No Process call in the file.
      'type Config struct {\n\tDbPassword string\n}\n',
      // A prefix that is not a literal.
      'type Config struct {\n\tDbPassword string\n}\n\nfunc Load(p string) {\n\tvar c Config\n\t_ = envconfig.Process(p, &c)\n}\n',
      // A struct declared in another file.
      'func Load() {\n\tvar c Settings\n\t_ = envconfig.Process("app", &c)\n}\n',
      // A field whose type is declared elsewhere (maybe a struct: a group, not a read).
      'type Config struct {\n\tDbPassword Secret\n}\n\nfunc Load() {\n\tvar c Config\n\t_ = envconfig.Process("app", &c)\n}\n',
      // An acronym under split_words: envconfig 1.3 and 1.4 split it differently.
      'type Config struct {\n\tDBPassword string `split_words:"true"`\n}\n\nfunc Load() {\n\tvar c Config\n\t_ = envconfig.Process("app", &c)\n}\n',
      // Declared twice with different types.
      'type Config struct {\n\tDbPassword string\n}\n\nfunc Load(ok bool) {\n\tif ok {\n\t\tc := Config{}\n\t\t_ = envconfig.Process("app", &c)\n\t} else {\n\t\tc := 3\n\t\t_ = c\n\t}\n}\n',
    ];
    for (const body of cases) assert.deepEqual(variables(goFile([IMPORT], body)), [], body);
  });

  it('a file that does not import envconfig is not read through it', () => {
    const body =
      'type Config struct {\n\tPassword string `envconfig:"DB_PASSWORD"`\n}\n\nfunc Load() {\n\tvar c Config\n\t_ = envconfig.Process("app", &c)\n}\n';
    assert.deepEqual(variables(goFile(['envconfig "example.com/internal/config"'], body)), []);
    assert.deepEqual(variables(goFile(['"github.com/vrischmann/envconfig"'], body)), []);
    // Imported under another name: the calls through that name count.
    assert.deepEqual(variables(goFile(['ec "github.com/kelseyhightower/envconfig"'], body.replace('envconfig.Process', 'ec.Process'))), ['DB_PASSWORD']);
  });
});

describe('Go frameworks: caarlos0/env', () => {
  before(prepareCodeGrammars);
  const V11 = '"github.com/caarlos0/env/v11"';

  it('env:"NAME" tags are reads; `file` tags, non-secret names and unexported fields are not', () => {
    const text = goFile(
      [V11],
      'type Config struct {\n\tPassword string `env:"DB_PASSWORD,required"`\n\tToken    string `env:"API_TOKEN,file"`\n\tHost     string `env:"DB_HOST"`\n\tkey      string `env:"SIGNING_KEY"`\n\tAPIKey   string `json:"api_key"`\n}\n\nfunc Load() (Config, error) {\n\treturn env.ParseAs[Config]()\n}\n',
    );
    assert.deepEqual(flagged('config.go', text, READ), ['`env:"DB_PASSWORD,required"`']);
    const finding = findingsOf('config.go', text, READ)[0];
    assert.deepEqual(
      { ...finding.data },
      { variable: 'DB_PASSWORD', form: 'framework', framework: 'caarlos0/env', fixedRead: 'pointer', pointer: 'DB_PASSWORD_FILE', reader: 'caarlos0/env' },
    );
  });

  it('the fix: the file option, named NAME_FILE, the other options and tag keys kept — exact text, parses, nothing left', () => {
    const text = goFile(
      [V11],
      'type Config struct {\n\tPassword string `env:"DB_PASSWORD,required,notEmpty" json:"-"`\n\tSecret   string "env:\\"APP_SECRET,unset\\" yaml:\\"secret\\""\n\tHost     string `env:"DB_HOST" envDefault:"localhost"`\n}\n',
    );
    const analysis = analyzeCode('config.go', text);
    const titles = analysis.findings.filter((f) => f.rule === READ).map((f) => analysis.fixesFor(f).map((x) => x.title));
    assert.deepEqual(titles, [
      ['Read DB_PASSWORD from the file named by DB_PASSWORD_FILE (caarlos0/env "file" option)'],
      ['Read APP_SECRET from the file named by APP_SECRET_FILE (caarlos0/env "file" option)'],
    ]);
    const fixed = fixedGo(text);
    assert.equal(
      fixed.text,
      goFile(
        [V11],
        'type Config struct {\n\tPassword string `env:"DB_PASSWORD_FILE,required,notEmpty,file" json:"-"`\n\tSecret   string `env:"APP_SECRET_FILE,unset,file" yaml:"secret"`\n\tHost     string `env:"DB_HOST" envDefault:"localhost"`\n}\n',
      ),
    );
    assert.deepEqual(fixed.created, []);
    assert.deepEqual(flagged('config.go', fixed.text, READ), []);
  });

  it('envPrefix on a nested struct field prefixes its fields, and the pointer variable with them', () => {
    const text = goFile(
      [V11],
      'type DB struct {\n\tPassword string `env:"DB_PASSWORD"`\n}\n\ntype Config struct {\n\tPrimary DB `envPrefix:"PRIMARY_"`\n\tCache   struct {\n\t\tToken string `env:"TOKEN"`\n\t} `envPrefix:"REDIS_"`\n}\n',
    );
    const findings = findingsOf('config.go', text, READ);
    assert.deepEqual(
      findings.map((f) => [f.data.variable, f.data.pointer]),
      [
        ['PRIMARY_DB_PASSWORD', 'PRIMARY_DB_PASSWORD_FILE'],
        ['REDIS_TOKEN', 'REDIS_TOKEN_FILE'],
      ],
    );
    assert.equal(fixedGo(text).text, text.replace('env:"DB_PASSWORD"', 'env:"DB_PASSWORD_FILE,file"').replace('env:"TOKEN"', 'env:"TOKEN_FILE,file"'));
  });

  it('a struct whose names are not certain is not reported: nested and parsed alone, under two prefixes, in a slice', () => {
    const db = 'type DB struct {\n\tPassword string `env:"DB_PASSWORD"`\n}\n\n';
    const cases = [
      `${db}type Config struct {\n\tPrimary DB \`envPrefix:"PRIMARY_"\`\n}\n\nfunc Load() {\n\tvar db DB\n\t_ = env.Parse(&db)\n}\n`,
      `${db}type Config struct {\n\tPrimary DB \`envPrefix:"PRIMARY_"\`\n\tReplica DB \`envPrefix:"REPLICA_"\`\n}\n`,
      `${db}type Config struct {\n\tShards []DB \`envPrefix:"SHARD"\`\n}\n`,
    ];
    for (const body of cases) assert.deepEqual(variables(goFile([V11], body)), [], body);
    // The same struct nested twice under the same prefix chain is still certain.
    assert.deepEqual(variables(goFile([V11], `${db}type Config struct {\n\tPrimary DB\n}\n`)), ['DB_PASSWORD']);
  });

  it('parser Options that rename the variables or replace the environment skip the file', () => {
    const body = (options: string) =>
      `type Config struct {\n\tPassword string \`env:"DB_PASSWORD"\`\n}\n\nfunc Load() (c Config, err error) {\n\terr = env.ParseWithOptions(&c, env.Options{${options}})\n\treturn\n}\n`;
    assert.deepEqual(variables(goFile([V11], body('RequiredIfNoDef: true'))), ['DB_PASSWORD']);
    assert.deepEqual(variables(goFile([V11], body('Prefix: "APP_"'))), []);
    assert.deepEqual(variables(goFile([V11], body('TagName: "config"'))), []);
    assert.deepEqual(variables(goFile([V11], body('Environment: map[string]string{}'))), []);
  });

  it('an envDefault that is not a path gets no fix (it would become a file to read); a path default does', () => {
    const text = (fallback: string) => goFile([V11], `type Config struct {\n\tPassword string \`env:"DB_PASSWORD" envDefault:"${fallback}"\`\n}\n`);
    const dev = analyzeCode('config.go', text('changeme'));
    const finding = dev.findings.find((f) => f.rule === READ)!;
    assert.equal(finding.data.variable, 'DB_PASSWORD');
    assert.equal(finding.data.fixedRead, 'none');
    assert.deepEqual(dev.fixesFor(finding), []);
    assert.equal(fixedGo(text('/run/secrets/db')).text, text('/run/secrets/db').replace('env:"DB_PASSWORD"', 'env:"DB_PASSWORD_FILE,file"'));
  });

  it('import paths: /v6…/v11 get the fix, the path without a major version (before the file option) only the finding', () => {
    const body = 'type Config struct {\n\tPassword string `env:"DB_PASSWORD"`\n}\n';
    for (const path of ['"github.com/caarlos0/env/v6"', 'cenv "github.com/caarlos0/env/v10"']) {
      const analysis = analyzeCode('config.go', goFile([path], body));
      assert.deepEqual(
        analysis.findings.map((f) => [f.data.variable, analysis.fixesFor(f).length]),
        [['DB_PASSWORD', 1]],
        path,
      );
    }
    const old = analyzeCode('config.go', goFile(['"github.com/caarlos0/env"'], body));
    assert.deepEqual(
      old.findings.map((f) => [f.data.variable, f.data.fixedRead, old.fixesFor(f).length]),
      [['DB_PASSWORD', 'none', 0]],
    );
  });

  it('env tags in a file that does not import caarlos0/env are not its reads', () => {
    const body = 'type Config struct {\n\tPassword string `env:"DB_PASSWORD"`\n}\n';
    assert.deepEqual(variables(goFile(['"github.com/sethvargo/go-envconfig"'], body)), []);
    assert.deepEqual(variables(goFile(['"github.com/caarlos0/envx"'], body)), []);
  });
});

describe('Go frameworks: spf13/viper', () => {
  before(prepareCodeGrammars);
  const IMPORTS = ['"strings"', '', '"github.com/spf13/viper"'];

  it('AutomaticEnv: a getter reads the prefixed, upper-cased key through the key replacer; no fix', () => {
    const text = goFile(
      IMPORTS,
      'func Load() string {\n\tviper.SetEnvPrefix("shop")\n\tviper.SetEnvKeyReplacer(strings.NewReplacer(".", "_", "-", "_"))\n\tviper.AutomaticEnv()\n\t_ = viper.GetInt("http.port")\n\t_ = viper.GetString("stripe-api.key")\n\treturn viper.GetString("db.password")\n}\n',
    );
    assert.deepEqual(flagged('config.go', text, READ), ['viper.GetString("stripe-api.key")', 'viper.GetString("db.password")']);
    assert.deepEqual(variables(text), ['SHOP_STRIPE_API_KEY', 'SHOP_DB_PASSWORD']);
    const analysis = analyzeCode('config.go', text);
    for (const f of analysis.findings.filter((x) => x.rule === READ)) {
      assert.equal(f.data.fixedRead, 'none');
      assert.deepEqual(analysis.fixesFor(f), []);
    }
  });

  it('without AutomaticEnv or BindEnv in the file, getters read config files, not the environment', () => {
    const text = goFile(
      IMPORTS,
      'func Load() string {\n\tviper.SetConfigName("config")\n\t_ = viper.ReadInConfig()\n\treturn viper.GetString("db_password")\n}\n',
    );
    assert.deepEqual(variables(text), []);
    // With AutomaticEnv, the same key is the variable DB_PASSWORD.
    assert.deepEqual(variables(text.replace('viper.SetConfigName("config")', 'viper.AutomaticEnv()')), ['DB_PASSWORD']);
  });

  it('BindEnv: the variables named (at the getter), the upper-cased key alone; a binding nothing here reads is reported at the BindEnv call', () => {
    const text = goFile(
      IMPORTS,
      'func Load() string {\n\tv := viper.New()\n\t_ = v.BindEnv("stripe.key", "STRIPE_SECRET_KEY")\n\t_ = v.BindEnv("api_token")\n\tv.MustBindEnv("jwt", "JWT_SECRET")\n\t_ = v.GetString("api_token")\n\treturn v.GetString("stripe.key")\n}\n',
    );
    assert.deepEqual(flagged('config.go', text, READ), ['v.MustBindEnv("jwt", "JWT_SECRET")', 'v.GetString("api_token")', 'v.GetString("stripe.key")']);
    assert.deepEqual(variables(text), ['JWT_SECRET', 'API_TOKEN', 'STRIPE_SECRET_KEY']);
  });

  it('each viper is its own: AutomaticEnv on the global one does not make an instance read the environment', () => {
    const text = goFile(
      IMPORTS,
      'func init() {\n\tviper.AutomaticEnv()\n}\n\nfunc Load() string {\n\tv := viper.New()\n\t_ = v.ReadInConfig()\n\treturn v.GetString("db_password") + viper.GetString("api_token")\n}\n',
    );
    assert.deepEqual(flagged('config.go', text, READ), ['viper.GetString("api_token")']);
    // viper.GetViper() is the global one.
    const global = goFile(IMPORTS, 'func Load() string {\n\tviper.AutomaticEnv()\n\tg := viper.GetViper()\n\treturn g.GetString("api_token")\n}\n');
    assert.deepEqual(variables(global), ['API_TOKEN']);
  });

  it('what the file does not pin down is not guessed: a prefix or replacer that is not a literal, a dotted key with no replacer, an alias', () => {
    const cases = [
      'func Load(p string) string {\n\tviper.SetEnvPrefix(p)\n\tviper.AutomaticEnv()\n\treturn viper.GetString("db_password")\n}\n',
      'func Load(r *strings.Replacer) string {\n\tviper.SetEnvKeyReplacer(r)\n\tviper.AutomaticEnv()\n\treturn viper.GetString("db_password")\n}\n',
      'func Load() string {\n\tviper.SetEnvPrefix("a")\n\tviper.SetEnvPrefix("b")\n\tviper.AutomaticEnv()\n\treturn viper.GetString("db_password")\n}\n',
      // DB.PASSWORD: a variable nobody sets.
      'func Load() string {\n\tviper.AutomaticEnv()\n\treturn viper.GetString("db.password")\n}\n',
      // A getter on something else than a viper this file makes.
      'func Load(c *Client) string {\n\tviper.AutomaticEnv()\n\treturn c.GetString("db_password")\n}\n',
      'func Load(v *viper.Viper) string {\n\tviper.AutomaticEnv()\n\treturn v.GetString("db_password")\n}\n',
    ];
    for (const body of cases) assert.deepEqual(variables(goFile(IMPORTS, body)), [], body);
    const alias = goFile(
      IMPORTS,
      'func Load() string {\n\tviper.RegisterAlias("pw", "db_password")\n\tviper.AutomaticEnv()\n\treturn viper.GetString("pw")\n}\n',
    );
    assert.deepEqual(variables(alias), ['DB_PASSWORD']);
  });

  it('a getter result that reaches a log is a logged secret', () => {
    const text = goFile(['"log"', '', '"github.com/spf13/viper"'], 'func Load() {\n\tviper.AutomaticEnv()\n\tlog.Println(viper.GetString("api_token"))\n}\n');
    assert.deepEqual(
      analyzeCode('config.go', text).findings.map((f) => f.rule),
      ['secret-logged', READ],
    );
  });

  it('a file that does not import viper is not read through it', () => {
    const body = 'func Load() string {\n\tviper.AutomaticEnv()\n\treturn viper.GetString("db_password")\n}\n';
    assert.deepEqual(variables(goFile(['viper "example.com/internal/viper"'], body)), []);
  });
});

describe('Go frameworks: fields bound to a secret', () => {
  before(prepareCodeGrammars);

  it('a field a tag fills from a secret holds it whatever its name: logging it is a logged secret; a field filled from a non-secret is not', () => {
    const text = goFile(
      ['"log"', '', '"github.com/caarlos0/env/v11"', '"github.com/kelseyhightower/envconfig"'],
      'type Config struct {\n\tCreds string `env:"DB_PASSWORD"`\n\tHost  string `env:"DB_HOST"`\n}\n\ntype Upstream struct {\n\tConn string `envconfig:"API_TOKEN"`\n\tAddr string `envconfig:"API_URL"`\n}\n\nfunc Load() {\n\tvar c Config\n\t_ = env.Parse(&c)\n\tlog.Println(c.Creds)\n\tlog.Println(c.Host)\n\tvar u Upstream\n\tenvconfig.MustProcess("", &u)\n\tlog.Printf("conn=%s", u.Conn)\n\tlog.Printf("addr=%s", u.Addr)\n}\n',
    );
    assert.deepEqual(flagged('config.go', text, 'secret-logged'), ['log.Println(c.Creds)', 'log.Printf("conn=%s", u.Conn)']);
  });
});

describe('Go frameworks: messages', () => {
  before(prepareCodeGrammars);

  it('secret-env-read messages name the variable and the framework, never a value', () => {
    const text = goFile(
      ['"github.com/caarlos0/env/v11"', '"github.com/kelseyhightower/envconfig"', '"github.com/spf13/viper"'],
      'type A struct {\n\tPassword string `env:"DB_PASSWORD" envDefault:"hunter2-default"`\n}\n\ntype B struct {\n\tToken string `envconfig:"API_TOKEN" default:"hunter2-token"`\n}\n\nfunc Load() string {\n\tviper.SetDefault("jwt_secret", "hunter2-jwt")\n\tviper.AutomaticEnv()\n\treturn viper.GetString("jwt_secret")\n}\n',
    );
    const findings = findingsOf('config.go', text, READ);
    assert.deepEqual(
      findings.map((f) => f.message),
      [
        'Secret DB_PASSWORD is read from the environment through caarlos0/env; read it from the mounted secret file instead.',
        'Secret API_TOKEN is read from the environment through envconfig; read it from the mounted secret file instead.',
        'Secret JWT_SECRET is read from the environment through viper; read it from the mounted secret file instead.',
      ],
    );
    for (const f of findings) assert.ok(!/hunter2/.test(f.message + JSON.stringify(f.data)), f.message);
  });
});
