// Secrets read through config frameworks (issue 19): the labelled fixture services score precision and
// recall ≥ 0.95, fix-all leaves compilable code with nothing fixable left, and each heuristic that
// silences a read is tested both ways.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { FRAMEWORKS_DIR, precision, recall, report, scoreCorpus } from '../../scripts/score-corpus';
import { analyzeCode, assertCompiles, fixAllText, flagged, prepareCodeGrammars } from '../support/code-analysis';

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(path.join(dir, name)).isDirectory() ? filesUnder(path.join(dir, name)) : [path.join(dir, name)]));
}

const READ = 'secret-env-read';

describe('config frameworks: the labelled fixture services', () => {
  before(prepareCodeGrammars);

  it('score precision and recall ≥ 0.95', async () => {
    const s = await scoreCorpus(FRAMEWORKS_DIR);
    assert.ok(s.expectLines >= 40 && s.trapLines >= s.expectLines, `${s.expectLines} expected, ${s.trapLines} traps`);
    assert.ok(precision(s) >= 0.95 && recall(s) >= 0.95, report(s));
  });

  for (const file of filesUnder(FRAMEWORKS_DIR)) {
    const rel = path.relative(FRAMEWORKS_DIR, file);
    it(`${rel}: fix-all compiles and leaves no fixable finding`, () => {
      const text = readFileSync(file, 'utf8');
      const fixed = fixAllText(file, text);
      assertCompiles(file, fixed);
      const left = analyzeCode(file, fixed);
      assert.deepEqual(
        left.findings.filter((f) => left.fixesFor(f).length > 0).map((f) => `${f.rule}:${left.lines.lineAt(f.start) + 1}`),
        [],
      );
    });
  }
});

describe('config frameworks: what silences a read, both ways', () => {
  before(prepareCodeGrammars);

  it('django-environ: Env reads are flagged, FileAwareEnv reads (the fix) are not', () => {
    const text = (ctor: string) => `import environ\nenv = environ.${ctor}()\nSECRET_KEY = env("DJANGO_SECRET_KEY")\nDB = env.db()\n`;
    assert.deepEqual(flagged('settings.py', text('Env'), READ), ['env("DJANGO_SECRET_KEY")', 'env.db()']);
    assert.deepEqual(flagged('settings.py', text('FileAwareEnv'), READ), []);
  });

  it('django-environ: only instances of environ.Env count, not any env()', () => {
    assert.deepEqual(flagged('app.py', 'def env(name):\n    return name\nSECRET_KEY = env("DJANGO_SECRET_KEY")\n', READ), []);
  });

  it('python-decouple: config() is flagged until the file reads a RepositorySecret', () => {
    const text = 'from decouple import config\nSECRET_KEY = config("SECRET_KEY")\n';
    assert.deepEqual(flagged('settings.py', text, READ), ['config("SECRET_KEY")']);
    const fixed =
      'from decouple import config, Config, RepositorySecret\nconfig = Config(RepositorySecret("/run/secrets"))\nSECRET_KEY = config("SECRET_KEY")\n';
    assert.deepEqual(flagged('settings.py', fixed, READ), []);
  });

  it('pydantic: fields are flagged until the class (or its base) sets secrets_dir', () => {
    const v1 = (config: string) =>
      `from pydantic import BaseSettings\n\n\nclass Settings(BaseSettings):\n    db_password: str\n${config}\n\nclass Prod(Settings):\n    api_token: str\n`;
    assert.deepEqual(flagged('s.py', v1(''), READ), ['db_password: str', 'api_token: str']);
    assert.deepEqual(flagged('s.py', v1('\n    class Config:\n        secrets_dir = "/etc/secrets"'), READ), []);
    const v2 = (config: string) =>
      `from pydantic_settings import BaseSettings, SettingsConfigDict\n\n\nclass Settings(BaseSettings):\n    model_config = SettingsConfigDict(${config})\n    db_password: str\n`;
    assert.deepEqual(flagged('s.py', v2('env_prefix="APP_"'), READ), ['db_password: str']);
    assert.deepEqual(flagged('s.py', v2('secrets_dir="/etc/secrets"'), READ), []);
  });

  it('pydantic: the variable is the prefix plus the field, or the alias; SecretStr makes any name a secret', () => {
    const text =
      'from pydantic import Field, SecretStr\nfrom pydantic_settings import BaseSettings, SettingsConfigDict\n\n\nclass S(BaseSettings):\n    model_config = SettingsConfigDict(env_prefix="app_")\n    db_password: str\n    stripe: SecretStr\n    hook: str = Field(validation_alias="WEBHOOK_SECRET")\n    region: str = "eu"\n';
    const names = analyzeCode('s.py', text)
      .findings.filter((f) => f.rule === READ)
      .map((f) => f.data.variable);
    assert.deepEqual(names, ['APP_DB_PASSWORD', 'APP_STRIPE', 'WEBHOOK_SECRET']);
  });

  it('pydantic: a plain BaseModel is not settings', () => {
    assert.deepEqual(flagged('m.py', 'from pydantic import BaseModel\n\n\nclass Login(BaseModel):\n    password: str\n', READ), []);
  });

  it('dynaconf: reads carry the env prefix; methods and writes are not reads', () => {
    const text =
      'from dynaconf import Dynaconf\nsettings = Dynaconf(envvar_prefix="SHOP")\nsettings.DB_PASSWORD\nsettings.get("API_TOKEN")\nsettings.setenv("x")\nsettings.OTHER_PASSWORD = "set here"\n';
    const names = analyzeCode('c.py', text)
      .findings.filter((f) => f.rule === READ)
      .map((f) => f.data.variable);
    assert.deepEqual(names, ['SHOP_DB_PASSWORD', 'SHOP_API_TOKEN']);
    assert.deepEqual(flagged('c.py', 'settings = object()\nsettings.DB_PASSWORD\n', READ), []);
  });

  it('Flask: app.config reads count only after from_prefixed_env()', () => {
    const body = 'app = Flask(__name__)\nkey = app.config["STRIPE_SECRET_KEY"]\n';
    assert.deepEqual(flagged('a.py', `from flask import Flask\n${body}app.config.from_prefixed_env()\n`, READ), ['app.config["STRIPE_SECRET_KEY"]']);
    assert.deepEqual(flagged('a.py', `from flask import Flask\n${body}`, READ), []);
  });

  it('envalid / zod: schema keys are reads when the schema is validated against process.env, not against another object', () => {
    const envalid = (source: string) => `import { cleanEnv, str } from "envalid";\nexport const env = cleanEnv(${source}, { DB_PASSWORD: str() });\n`;
    assert.deepEqual(flagged('env.ts', envalid('process.env'), READ), ['DB_PASSWORD: str()']);
    assert.deepEqual(flagged('env.ts', envalid('testValues'), READ), []);
    assert.deepEqual(flagged('env.ts', envalid('{ ...process.env, DB_PASSWORD: loadSecret("DB_PASSWORD") }'), READ), []);
    const zod = (source: string) =>
      `import { z } from "zod";\nconst Schema = z.object({ API_TOKEN: z.string() });\nexport const env = Schema.parse(${source});\n`;
    assert.deepEqual(flagged('env.ts', zod('process.env'), READ), ['API_TOKEN: z.string()']);
    assert.deepEqual(flagged('env.ts', zod('req.body'), READ), []);
  });

  it('t3-env: server keys are reads with runtimeEnv: process.env and with env-nextjs experimental__runtimeEnv, not with a strict runtimeEnv map; an import.meta.env source gets no fix', () => {
    const t3 = (runtime: string) =>
      `import { createEnv } from "@t3-oss/env-nextjs";\nimport { z } from "zod";\nexport const env = createEnv({ server: { API_TOKEN: z.string() }, ${runtime} });\n`;
    assert.deepEqual(flagged('env.ts', t3('runtimeEnv: process.env'), READ), ['API_TOKEN: z.string()']);
    assert.deepEqual(flagged('env.ts', t3('experimental__runtimeEnv: {}'), READ), ['API_TOKEN: z.string()']);
    assert.deepEqual(flagged('env.ts', t3('runtimeEnv: { API_REGION: "eu" }'), READ), []);
    const browser = analyzeCode('env.ts', t3('runtimeEnv: import.meta.env'));
    assert.deepEqual(
      browser.findings.map((f) => [f.rule, browser.fixesFor(f).length]),
      [[READ, 0]],
    );
  });

  it('NestJS: ConfigService reads of variable names are flagged, namespaced keys and other get() calls are not', () => {
    const text = (key: string) =>
      `import { ConfigService } from "@nestjs/config";\nexport class A {\n  constructor(private readonly config: ConfigService) {}\n  k() { return this.config.get<string>("${key}"); }\n}\n`;
    assert.deepEqual(flagged('a.ts', text('JWT_SECRET'), READ), ['this.config.get<string>("JWT_SECRET")']);
    assert.deepEqual(flagged('a.ts', text('auth.jwtSecret'), READ), []);
    assert.deepEqual(flagged('a.ts', 'const cache = new Map();\nexport const t = cache.get("JWT_SECRET");\n', READ), []);
  });

  it('env-var: get() on the env-var module is a read, get() on anything else is not', () => {
    assert.deepEqual(flagged('c.js', 'const env = require("env-var");\nconst p = env.get("DB_PASSWORD").asString();\n', READ), ['env.get("DB_PASSWORD")']);
    assert.deepEqual(flagged('c.js', 'const env = new Map();\nconst p = env.get("DB_PASSWORD");\n', READ), []);
  });

  it('a framework read of a non-secret name is not flagged, unless a manifest feeds it from a Secret', () => {
    const text = 'from decouple import config\nREGION = config("REGION")\n';
    assert.deepEqual(flagged('s.py', text, READ), []);
    const fromSecret = { envSource: (name: string) => (name === 'REGION' ? { kind: 'secret' as const, secret: 'cloud' } : undefined) };
    assert.deepEqual(flagged('s.py', text, READ, fromSecret), ['config("REGION")']);
  });
});

describe('secret-public-env', () => {
  before(prepareCodeGrammars);
  const RULE = 'secret-public-env';

  it('a secret under a browser-public prefix is an error, and not also a secret-env-read finding', () => {
    const text = 'const k = process.env.NEXT_PUBLIC_OPENAI_API_KEY;\nconst t = import.meta.env.VITE_GITHUB_TOKEN;\n';
    const analysis = analyzeCode('page.tsx', text);
    assert.deepEqual(
      analysis.findings.map((f) => [f.rule, f.severity, text.slice(f.start, f.end)]),
      [
        [RULE, 'error', 'process.env.NEXT_PUBLIC_OPENAI_API_KEY'],
        [RULE, 'error', 'import.meta.env.VITE_GITHUB_TOKEN'],
      ],
    );
    assert.deepEqual(analysis.fixesFor(analysis.findings[0]), []);
  });

  it('keys public by design (publishable, anon, site, Maps, analytics) and non-secrets are not flagged', () => {
    const text =
      'const a = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;\nconst b = process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY;\nconst c = process.env.NEXT_PUBLIC_RECAPTCHA_SITE_KEY;\nconst d = import.meta.env.VITE_GOOGLE_MAPS_API_KEY;\nconst e = process.env.NEXT_PUBLIC_SENTRY_DSN;\nconst f = process.env.NEXT_PUBLIC_API_URL;\n';
    assert.deepEqual(analyzeCode('page.tsx', text).findings, []);
  });

  it('the same name without the prefix is a server-side secret-env-read finding', () => {
    assert.deepEqual(
      analyzeCode('route.ts', 'const k = process.env.OPENAI_API_KEY;\n').findings.map((f) => f.rule),
      [READ],
    );
  });

  it('Python has no public prefixes: server code reading such a name is a plain secret-env-read finding', () => {
    assert.deepEqual(
      analyzeCode('app.py', 'import os\nk = os.environ["NEXT_PUBLIC_OPENAI_API_KEY"]\n').findings.map((f) => f.rule),
      [READ],
    );
  });
});

describe('pydantic fixes by version', () => {
  before(prepareCodeGrammars);
  const CLASS = '\n\nclass Settings(BaseSettings):\n    db_password: str\n';

  it('pydantic 1: a Config class is added, or secrets_dir joins the existing one', () => {
    assert.equal(
      fixAllText('s.py', `from pydantic import BaseSettings${CLASS}`),
      `from pydantic import BaseSettings${CLASS}\n    class Config:\n        secrets_dir = "/etc/secrets"\n`,
    );
    assert.equal(
      fixAllText('s.py', `from pydantic import BaseSettings${CLASS}\n    class Config:\n        env_prefix = "APP_"\n`),
      `from pydantic import BaseSettings${CLASS}\n    class Config:\n        env_prefix = "APP_"\n        secrets_dir = "/etc/secrets"\n`,
    );
  });

  it('pydantic-settings 2: model_config gains secrets_dir, or is added with its import; an old-style Config class is kept', () => {
    assert.equal(
      fixAllText('s.py', `from pydantic_settings import BaseSettings${CLASS}`),
      `from pydantic_settings import BaseSettings, SettingsConfigDict${CLASS}\n    model_config = SettingsConfigDict(secrets_dir="/etc/secrets")\n`,
    );
    assert.equal(
      fixAllText('s.py', `from pydantic_settings import BaseSettings${CLASS}\n    class Config:\n        env_file = ".env"\n`),
      `from pydantic_settings import BaseSettings${CLASS}\n    class Config:\n        env_file = ".env"\n        secrets_dir = "/etc/secrets"\n`,
    );
    assert.deepEqual(
      flagged('s.py', `from pydantic_settings import BaseSettings${CLASS}\n    class Config:\n        secrets_dir = "/run/secrets"\n`, READ),
      [],
    );
  });

  it('pydantic-settings 2: secrets_dir joins a model_config written one argument per line on a line of its own', () => {
    const head = 'from pydantic_settings import BaseSettings, SettingsConfigDict\n\n\nclass Settings(BaseSettings):\n';
    const multi = `${head}    model_config = SettingsConfigDict(\n        env_file=".env",  # the local file\n        extra="ignore",\n    )\n    db_password: str\n`;
    assert.equal(fixAllText('s.py', multi), multi.replace('        extra="ignore",\n', '        extra="ignore",\n        secrets_dir="/etc/secrets",\n'));
    const oneLine = `${head}    model_config = SettingsConfigDict(env_file=".env")\n    db_password: str\n`;
    assert.equal(fixAllText('s.py', oneLine), oneLine.replace('env_file=".env")', 'env_file=".env", secrets_dir="/etc/secrets")'));
  });
});

describe('secret-logged follows secrets read through frameworks', () => {
  before(prepareCodeGrammars);
  const LOGGED = 'secret-logged';

  it('a framework read of a secret is a taint source; of a non-secret, not', () => {
    const py = (name: string) =>
      `import logging\nfrom decouple import config\nlog = logging.getLogger()\nvalue = config("${name}")\nlog.info("using %s", value)\n`;
    assert.deepEqual(flagged('s.py', py('STRIPE_SECRET_KEY'), LOGGED), ['log.info("using %s", value)']);
    assert.deepEqual(flagged('s.py', py('STRIPE_REGION'), LOGGED), []);
    const ts = (name: string) =>
      `import { ConfigService } from "@nestjs/config";\nexport class A {\n  constructor(private readonly config: ConfigService) {}\n  k() { console.log(this.config.get("${name}")); }\n}\n`;
    assert.deepEqual(flagged('a.ts', ts('JWT_SECRET'), LOGGED), ['console.log(this.config.get("JWT_SECRET"))']);
    assert.deepEqual(flagged('a.ts', ts('JWT_ISSUER'), LOGGED), []);
  });
});
