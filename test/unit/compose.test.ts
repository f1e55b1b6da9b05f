// Docker Compose files (issue 21) through the engine's entry point (analyze → fixesFor): file kinds,
// compose-secret-env (map and list forms, literal / interpolated / passed-through values, env_file) and
// its fixes. Every fixed text is parsed with `yaml` and validated against the Compose Specification
// schema (dclint's copy) with ajv; no message or data ever holds a written value.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse, parseDocument } from 'yaml';
import { analyze, fileKindOf, prepareAnalysis, type Analysis, type AnalysisInput } from '../../server/src/engine/analyze';
import { combinedFix } from '../../server/src/engine/combined-fix';
import { CrossFileIndex } from '../../server/src/engine/cross-file-index';
import type { Finding, Fix } from '../../server/src/engine/findings';
import { whyDeclined } from '../../server/src/engine/k8s/fix/declines';
import { defaultSettings } from '../../server/src/engine/settings';
import { applyEdits } from '../../server/src/engine/text';
import { composeSchemaErrors } from '../support/compose-schema';

const RULE = 'compose-secret-env';
const PATH = '/w/docker-compose.yml';

// Fake credentials are assembled at run time so the repository holds no token-shaped strings.
const FAKE_GITHUB_TOKEN = 'ghp_' + 'aB3'.repeat(12);
const FAKE_LITERAL = 'n0t-' + 'a-real-' + 'Secret';
const FAKE_STRIPE = 'sk_' + 'test_' + 'fakefake' + '1234';
/** Every value written in this file's Compose texts: none may reach a message or a finding's data. */
const WRITTEN_VALUES = [FAKE_GITHUB_TOKEN, FAKE_LITERAL, FAKE_STRIPE, 'abc123secret', 'abcdEFGH1234', 'devonly'];

const validateCompose = (data: unknown): boolean => composeSchemaErrors(data) === undefined;

function assertValidCompose(text: string, what: string): void {
  const doc = parseDocument(text);
  assert.deepEqual(
    doc.errors.map((e) => e.message),
    [],
    `${what}: parses as YAML`,
  );
  const data = parse(text) as unknown;
  assert.equal(composeSchemaErrors(data), undefined, `${what}: valid Compose`);
}

function analyzeCompose(text: string, extra: Partial<AnalysisInput> = {}): Analysis {
  const analysis = analyze({ text, path: PATH, ...extra });
  assert.equal(analysis.kind, 'compose');
  assert.deepEqual(analysis.problems, []);
  for (const f of analysis.findings) {
    for (const value of WRITTEN_VALUES) {
      assert.ok(!f.message.includes(value), `the message of ${String(f.data.variable ?? f.data.envFile)} holds no value`);
      assert.ok(!JSON.stringify(f.data).includes(value), 'the data holds no value');
    }
  }
  return analysis;
}

/** `[service, variable or env file, flagged text]` of every finding. */
function flagged(text: string, extra: Partial<AnalysisInput> = {}): [string, string, string][] {
  return analyzeCompose(text, extra).findings.map((f) => [String(f.data.service), String(f.data.variable ?? f.data.envFile), text.slice(f.start, f.end)]);
}

interface Fixed {
  finding: Finding;
  fixes: Fix[];
  /** The text after each fix. */
  texts: string[];
}

/**
 * The fixes for `variable`'s finding (in `service`, default: the first finding of it): each fixed text
 * parses, is valid Compose, and analysed again has no finding for that entry any more.
 */
function fixesOf(text: string, variable: string, extra: Partial<AnalysisInput> = {}, service?: string): Fixed {
  assertValidCompose(text, 'the input');
  const analysis = analyzeCompose(text, extra);
  const finding = analysis.findings.find((f) => f.data.variable === variable && (service === undefined || f.data.service === service));
  assert.ok(finding, `a finding for ${variable}`);
  const fixes = analysis.fixesFor(finding);
  const texts = fixes.map((fix) => {
    const fixed = applyEdits(text, fix.edits);
    assertValidCompose(fixed, fix.title);
    const again = analyzeCompose(fixed, extra).findings.filter((f) => f.data.service === finding.data.service && f.data.variable === variable);
    assert.deepEqual(again, [], `${fix.title}: ${variable} no longer flagged`);
    return fixed;
  });
  return { finding, fixes, texts };
}

const CODE_READS = { codeReads: () => true } as const;

describe('Compose: the schema check', () => {
  it('is not vacuous: it rejects what Compose rejects', () => {
    assert.equal(validateCompose(parse('services:\n  a:\n    image: x\n    secrets: 3\n')), false);
    assert.equal(validateCompose(parse('services:\n  a:\n    image: x\nsecrets:\n  s:\n    environment: X\n    bogus: 1\n')), false);
    assert.equal(
      validateCompose(parse('services:\n  a:\n    image: x\n    secrets:\n      - source: s\n        target: T\nsecrets:\n  s:\n    environment: X\n')),
      true,
    );
  });
});

describe('Compose: file kinds', () => {
  it('knows Compose files by name and by the dockercompose language id', () => {
    for (const path of [
      '/w/compose.yaml',
      '/w/compose.yml',
      '/w/docker-compose.yml',
      '/w/docker-compose.prod.yml',
      '/w/compose.override.yml',
      '/w/compose-dev.yaml',
    ])
      assert.equal(fileKindOf(path), 'compose', path);
    assert.equal(fileKindOf('/w/stack.yml', 'dockercompose'), 'compose');
    assert.equal(fileKindOf(undefined, 'dockercompose'), 'compose');
  });

  it('a plain YAML file with a top-level services: map whose services have image: or build: is Compose', () => {
    assert.equal(fileKindOf('/w/stack.yml', undefined, 'services:\n  web:\n    image: nginx\n'), 'compose');
    assert.equal(fileKindOf('/w/stack.yml', 'yaml', '# the stack\nservices:\n\n  web:  # front\n    build: .\n'), 'compose');
    const text = 'services:\n  app:\n    image: example/app:1\n    environment:\n      API_TOKEN: ${API_TOKEN}\n';
    assert.equal(analyze({ text, path: '/w/stack.yml' }).findings[0]?.rule, RULE);
  });

  it('a GitLab CI file (top-level services: list) is not Compose, and gets no Compose findings', () => {
    const text = 'image: node:20\nservices:\n  - postgres:16\nvariables:\n  POSTGRES_PASSWORD: abc123secret\ntest:\n  script: npm test\n';
    assert.notEqual(fileKindOf('/w/.gitlab-ci.yml', undefined, text), 'compose');
    assert.notEqual(fileKindOf('/w/.gitlab-ci.yml', 'yaml', text), 'compose');
    assert.deepEqual(
      analyze({ text, path: '/w/.gitlab-ci.yml' }).findings.filter((f) => f.rule === RULE),
      [],
    );
  });

  it('a Kubernetes manifest is not Compose, nor YAML whose services have neither image nor build', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: x\n';
    assert.equal(fileKindOf('/w/pod.yaml', undefined, pod), 'manifest');
    assert.equal(fileKindOf('/w/pod.yaml', 'yaml', pod), 'manifest');
    assert.notEqual(fileKindOf('/w/values.yaml', undefined, 'services:\n  web:\n    port: 80\n'), 'compose');
  });

  it('an image: elsewhere in the file does not make a services: map without images Compose', () => {
    assert.notEqual(fileKindOf('/w/values.yaml', undefined, 'services:\n  web:\n    port: 80\ncontroller:\n  image:\n    repository: nginx\n'), 'compose');
  });
});

describe('Compose: compose-secret-env detection', () => {
  const text = [
    'services:',
    '  db:',
    '    image: postgres:16',
    '    environment:',
    '      POSTGRES_USER: app',
    '      POSTGRES_PASSWORD: ${DB_PASSWORD}',
    '      POSTGRES_PASSWORD_FILE_HINT: none',
    '  api:',
    '    image: example/api:1',
    '    environment:',
    `      API_KEY: ${'abc123secret'}`,
    '      SESSION_SECRET:',
    '      STRIPE: ${STRIPE_SECRET_KEY}',
    '      PORT: 8080',
    '      UPSTREAM: ${UPSTREAM_URL}',
    `      GH: ${FAKE_GITHUB_TOKEN}`,
    '  worker:',
    '    image: example/worker:1',
    '    environment:',
    '      - API_TOKEN',
    '      - DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app',
    `      - STRIPE_SECRET_KEY=${FAKE_STRIPE}`,
    '      - JWT_SECRET=${JWT_SECRET:-devonly}',
    '      - LOG_LEVEL=info',
    '',
  ].join('\n');

  it('flags literal, interpolated, passed-through and composed secrets in map and list forms, from the name', () => {
    assert.deepEqual(flagged(text), [
      ['db', 'POSTGRES_PASSWORD', 'POSTGRES_PASSWORD: ${DB_PASSWORD}'],
      ['api', 'API_KEY', 'API_KEY: abc123secret'],
      ['api', 'SESSION_SECRET', 'SESSION_SECRET:'],
      ['api', 'STRIPE', 'STRIPE: ${STRIPE_SECRET_KEY}'],
      ['api', 'GH', `GH: ${FAKE_GITHUB_TOKEN}`],
      ['worker', 'API_TOKEN', 'API_TOKEN'],
      ['worker', 'DATABASE_URL', 'DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app'],
      ['worker', 'STRIPE_SECRET_KEY', `STRIPE_SECRET_KEY=${FAKE_STRIPE}`],
      ['worker', 'JWT_SECRET', 'JWT_SECRET=${JWT_SECRET:-devonly}'],
    ]);
  });

  it('says why, and marks literals', () => {
    const byName = new Map(analyzeCompose(text).findings.map((f) => [f.data.variable, f]));
    assert.equal(byName.get('API_KEY')!.severity, 'warning');
    assert.equal(byName.get('API_KEY')!.data.literal, true);
    assert.equal(byName.get('GH')!.data.literal, true);
    assert.match(byName.get('GH')!.message, /looks like a GitHub token/);
    assert.equal(byName.get('POSTGRES_PASSWORD')!.data.literal, false);
    assert.match(byName.get('POSTGRES_PASSWORD')!.message, /interpolates it from \$\{DB_PASSWORD\}/);
    assert.match(byName.get('STRIPE')!.message, /interpolated from secret \$\{STRIPE_SECRET_KEY\}/);
    assert.match(byName.get('API_TOKEN')!.message, /passes it through from the shell/);
    assert.match(byName.get('DATABASE_URL')!.message, /built from secret \$\{DB_PASSWORD\}/);
  });

  it('does not flag pointers, SECRETS_DIR, empty values, numbers, flags or non-secret names', () => {
    const quiet = [
      'services:',
      '  app:',
      '    build: .',
      '    environment:',
      '      DB_PASSWORD_FILE: /run/secrets/db_password',
      '      SECRETS_DIR: /run/secrets',
      '      API_KEY: ""',
      '      TOKEN_TTL: 3600',
      '      ENABLE_TOKEN_AUTH: "true"',
      '      PORT: "8080"',
      '      UPSTREAM: ${UPSTREAM_URL}',
      '      HOMEPAGE: https://example.com/',
      '  other:',
      '    image: example/other',
      '    environment:',
      '      - API_KEY=',
      '      - GITHUB_TOKEN_FILE=/run/secrets/gh',
      '      - MODE=production',
      '',
    ].join('\n');
    assert.deepEqual(flagged(quiet), []);
  });

  it('each silencing heuristic, the other way round', () => {
    const one = (entry: string) => `services:\n  app:\n    build: .\n    environment:\n      ${entry}\n`;
    for (const [quietEntry, loudEntry] of [
      ['DB_PASSWORD_FILE: /run/secrets/db', 'DB_PASSWORD: abc123secret'],
      ['API_KEY: ""', 'API_KEY: abc123secret'],
      ['TOKEN_TTL: 3600', 'AUTH_TOKEN: abc123secret'],
      ['UPSTREAM: ${UPSTREAM_URL}', 'UPSTREAM: ${UPSTREAM_TOKEN}'],
      ['MODE:', 'API_TOKEN:'],
      ['BROKER: amqp://mq:5672/', `BROKER: amqp://u:${FAKE_LITERAL}@mq:5672/`],
    ]) {
      assert.deepEqual(flagged(one(quietEntry)), [], quietEntry);
      assert.equal(flagged(one(loudEntry)).length, 1, loudEntry);
    }
  });

  it('an env_file with secrets is flagged at its path, naming the keys only; no fix', () => {
    const files: Record<string, string> = {
      './app.env': `export API_KEY="${'abcdEFGH1234'}"\nDB_PASSWORD_FILE=/run/secrets/x\nEMPTY_SECRET=\n# TOKEN=commented\nPORT=80\n`,
      'other.env': 'PORT=80\nMODE=production\n',
      'more.env': `GITHUB_TOKEN=${FAKE_GITHUB_TOKEN}\r\nSESSION_SECRET='abc123secret'\r\n`,
    };
    const text = [
      'services:',
      '  app:',
      '    image: example/app',
      '    env_file:',
      '      - path: ./app.env',
      '        required: false',
      '      - other.env',
      '      - missing.env',
      '  web:',
      '    image: example/web',
      '    env_file: more.env',
      '',
    ].join('\n');
    const readBeside = (rel: string) => files[rel];
    const analysis = analyzeCompose(text, { readBeside });
    assert.deepEqual(
      analysis.findings.map((f) => [f.data.service, f.data.envFile, text.slice(f.start, f.end)]),
      [
        ['app', './app.env', './app.env'],
        ['web', 'more.env', 'more.env'],
      ],
    );
    assert.match(analysis.findings[0].message, /secret API_KEY as an environment variable from env_file \.\/app\.env/);
    assert.match(analysis.findings[1].message, /secrets GITHUB_TOKEN, SESSION_SECRET as environment variables/);
    for (const f of analysis.findings) {
      assert.deepEqual(analysis.fixesFor(f), []);
      assert.ok(f.data.fixBlocked);
    }
    assert.deepEqual(analyzeCompose(text).findings, [], 'without readBeside, env files are not read');
  });
});

describe('Compose: the fix — an image that reads *_FILE', () => {
  it('postgres with ${DB_PASSWORD}: a Compose secret from the environment, POSTGRES_PASSWORD_FILE pointing at it, preferred', () => {
    const text = 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n';
    const { fixes, texts } = fixesOf(text, 'POSTGRES_PASSWORD');
    assert.equal(fixes.length, 1, 'no removing variant');
    assert.equal(fixes[0].preferred, true);
    assert.equal(fixes[0].caveat, undefined);
    assert.equal(fixes[0].createFiles, undefined);
    assert.match(fixes[0].title, /point POSTGRES_PASSWORD_FILE at it \(read by image postgres\)/);
    assert.equal(
      texts[0],
      'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n    secrets:\n      - postgres_password\nsecrets:\n  postgres_password:\n    environment: DB_PASSWORD\n',
    );
  });

  it('the list form keeps its form', () => {
    const text = 'services:\n  db:\n    image: postgres\n    environment:\n      - POSTGRES_PASSWORD=${PGPW}\n      - POSTGRES_DB=app\n';
    const { texts } = fixesOf(text, 'POSTGRES_PASSWORD');
    assert.equal(
      texts[0],
      'services:\n  db:\n    image: postgres\n    environment:\n      - POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password\n      - POSTGRES_DB=app\n    secrets:\n      - postgres_password\nsecrets:\n  postgres_password:\n    environment: PGPW\n',
    );
  });

  it('a default in the interpolation is dropped: said in a caveat, not preferred', () => {
    const text = 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:-devonly}\n';
    const { fixes } = fixesOf(text, 'POSTGRES_PASSWORD');
    assert.equal(fixes.length, 1);
    assert.equal(fixes[0].preferred, false);
    assert.match(fixes[0].caveat ?? '', /default .* is dropped/);
  });

  it('an entrypoint that replaces the image`s loses the pointer; the image`s own entrypoint keeps it', () => {
    const text = (entrypoint: string) =>
      `services:\n  db:\n    image: postgres:16\n    entrypoint: ${entrypoint}\n    environment:\n      POSTGRES_PASSWORD: \${DB_PASSWORD}\n`;
    const replaced = fixesOf(text('["/bin/sh", "-c", "sleep infinity"]'), 'POSTGRES_PASSWORD');
    assert.equal(replaced.fixes.length, 2);
    assert.ok(replaced.fixes.every((f) => !f.preferred));
    const own = fixesOf(text('docker-entrypoint.sh'), 'POSTGRES_PASSWORD');
    assert.equal(own.fixes.length, 1);
    assert.equal(own.fixes[0].preferred, true);
  });
});

describe('Compose: the fix — an image not known to read files', () => {
  const text = 'services:\n  api:\n    image: example/api:1\n    environment:\n      - API_TOKEN\n      - LOG_LEVEL=info\n';

  it('two variants, neither preferred, each with the reason', () => {
    const { fixes, texts } = fixesOf(text, 'API_TOKEN');
    assert.equal(fixes.length, 2);
    for (const fix of fixes) {
      assert.equal(fix.preferred, false);
      assert.match(fix.caveat ?? '', /not known to read API_TOKEN from a file.*appsReadSecretFiles/);
    }
    assert.equal(
      texts[0],
      'services:\n  api:\n    image: example/api:1\n    environment:\n      - SECRETS_DIR=/run/secrets\n      - LOG_LEVEL=info\n    secrets:\n      - source: api_token\n        target: API_TOKEN\nsecrets:\n  api_token:\n    environment: API_TOKEN\n',
    );
    assert.equal(
      texts[1],
      'services:\n  api:\n    image: example/api:1\n    environment:\n      - API_TOKEN_FILE=/run/secrets/api_token\n      - LOG_LEVEL=info\n    secrets:\n      - api_token\nsecrets:\n  api_token:\n    environment: API_TOKEN\n',
    );
  });

  it('with code reading the variable: one preferred loader variant (SECRETS_DIR, long syntax with target NAME)', () => {
    const map = 'services:\n  api:\n    image: example/api:1\n    environment:\n      API_TOKEN: ${API_TOKEN}\n      PORT: 80\n';
    const { fixes, texts } = fixesOf(map, 'API_TOKEN', CODE_READS);
    assert.equal(fixes.length, 1);
    assert.equal(fixes[0].preferred, true);
    assert.equal(fixes[0].caveat, undefined);
    assert.match(fixes[0].title, /read from \/run\/secrets\/API_TOKEN/);
    assert.equal(
      texts[0],
      'services:\n  api:\n    image: example/api:1\n    environment:\n      SECRETS_DIR: /run/secrets\n      PORT: 80\n    secrets:\n      - source: api_token\n        target: API_TOKEN\nsecrets:\n  api_token:\n    environment: API_TOKEN\n',
    );
    const mounted = (parse(texts[0]) as { services: { api: { secrets: unknown[] } } }).services.api.secrets;
    assert.deepEqual(mounted, [{ source: 'api_token', target: 'API_TOKEN' }]);
  });

  it('appsReadSecretFiles does what code reading it does', () => {
    const settings = { ...defaultSettings(), appsReadSecretFiles: true };
    const { fixes } = fixesOf(text, 'API_TOKEN', { settings });
    assert.equal(fixes.length, 1);
    assert.equal(fixes[0].preferred, true);
  });

  it('code reading a pointer gets that pointer, preferred', () => {
    const map = 'services:\n  api:\n    image: example/api:1\n    environment:\n      API_TOKEN: ${API_TOKEN}\n';
    const { fixes, texts } = fixesOf(map, 'API_TOKEN', { codeReads: () => ({ pointer: 'API_TOKEN_FILE', reader: 'django-environ' }) });
    assert.equal(fixes.length, 1);
    assert.equal(fixes[0].preferred, true);
    assert.match(texts[0], /\n {6}API_TOKEN_FILE: \/run\/secrets\/api_token\n/);
  });

  it('SECRETS_DIR there already (and /run/secrets): the entry goes, its environment: too when it was the only one', () => {
    const both = 'services:\n  api:\n    image: example/api:1\n    environment:\n      SECRETS_DIR: /run/secrets\n      API_TOKEN: ${API_TOKEN}\n';
    assert.equal(
      fixesOf(both, 'API_TOKEN', CODE_READS).texts[0],
      'services:\n  api:\n    image: example/api:1\n    environment:\n      SECRETS_DIR: /run/secrets\n    secrets:\n      - source: api_token\n        target: API_TOKEN\nsecrets:\n  api_token:\n    environment: API_TOKEN\n',
    );
    const settings = { ...defaultSettings(), mountPath: '/run/secrets' };
    const only = 'services:\n  api:\n    image: example/api:1\n    environment:\n      API_TOKEN: ${API_TOKEN}\n';
    assert.equal(
      fixesOf(only, 'API_TOKEN', { ...CODE_READS, settings }).texts[0],
      'services:\n  api:\n    image: example/api:1\n    secrets:\n      - source: api_token\n        target: API_TOKEN\nsecrets:\n  api_token:\n    environment: API_TOKEN\n',
    );
  });

  it('a SECRETS_DIR pointing elsewhere is not left pointing the loader away from the mounted file', () => {
    const text = 'services:\n  api:\n    image: example/api:1\n    environment:\n      SECRETS_DIR: /etc/app\n      API_TOKEN: ${API_TOKEN}\n';
    const { fixes, texts } = fixesOf(text, 'API_TOKEN', CODE_READS);
    for (const [i, fix] of fixes.entries()) {
      if (!fix.preferred) continue;
      const service = (
        parse(texts[i]) as { services: { api: { environment?: Record<string, string>; secrets: (string | { source: string; target?: string })[] } } }
      ).services.api;
      const dir = service.environment?.SECRETS_DIR ?? '/etc/secrets';
      const paths = service.secrets.map((s) => {
        const target = typeof s === 'string' ? s : (s.target ?? s.source);
        return target.startsWith('/') ? target : `/run/secrets/${target}`;
      });
      assert.ok(paths.includes(`${dir}/API_TOKEN`), `the loader reads ${dir}/API_TOKEN; mounted: ${paths.join(', ')}`);
    }
  });
});

describe('Compose: the fix — a literal value', () => {
  it('goes to ./secrets/<name>, written by the fix with a .gitignore line; never preferred', () => {
    const text = `services:\n  api:\n    image: example/api:1\n    environment:\n      - STRIPE_SECRET_KEY=${FAKE_STRIPE}\n`;
    for (const extra of [{}, CODE_READS]) {
      const { fixes, texts } = fixesOf(text, 'STRIPE_SECRET_KEY', extra);
      assert.ok(fixes.length >= 1);
      for (const [i, fix] of fixes.entries()) {
        assert.equal(fix.preferred, false);
        assert.match(fix.caveat ?? '', /writes the value to \.\/secrets\/stripe_secret_key \(added to \.gitignore\); rotate it/);
        assert.deepEqual(fix.createFiles, [
          { relativePath: 'secrets/stripe_secret_key', text: FAKE_STRIPE },
          { relativePath: '.gitignore', text: '/secrets/stripe_secret_key\n', appendLine: true },
        ]);
        assert.ok(!texts[i].includes(FAKE_STRIPE), 'the value leaves the Compose file');
        assert.deepEqual((parse(texts[i]) as { secrets: unknown }).secrets, { stripe_secret_key: { file: './secrets/stripe_secret_key' } });
      }
    }
  });

  it('postgres with a literal: the pointer, still not preferred; `$$` is written to the file as `$`', () => {
    const text = 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: "n0t-a-real-$$ecret"\n';
    const { fixes, texts } = fixesOf(text, 'POSTGRES_PASSWORD');
    assert.equal(fixes.length, 1);
    assert.equal(fixes[0].preferred, false);
    assert.equal(fixes[0].createFiles?.[0].text, 'n0t-a-real-$ecret');
    assert.match(texts[0], /POSTGRES_PASSWORD_FILE: \/run\/secrets\/postgres_password\n/);
  });

  it('CRLF files get a CRLF .gitignore line', () => {
    const text = `services:\r\n  api:\r\n    image: example/api:1\r\n    environment:\r\n      API_KEY: ${'abc123secret'}\r\n`;
    const { fixes } = fixesOf(text, 'API_KEY');
    assert.equal(fixes[0].createFiles?.[1].text, '/secrets/api_key\r\n');
  });
});

describe('Compose: the fix keeps the file as written', () => {
  it('comments, key order and an existing top-level secrets: (extended, not duplicated); the service`s secrets: list gets the item', () => {
    const text = [
      '# production stack',
      'name: shop',
      'services:',
      '  api:',
      '    image: example/api:1 # pinned',
      '    secrets:',
      '      - other',
      '    environment:',
      '      # the token',
      '      API_TOKEN: ${API_TOKEN}',
      '      PORT: 80',
      '    ports: ["8080:80"]',
      'secrets:',
      '  other:',
      '    file: ./other.txt # kept',
      'volumes:',
      '  data: {}',
      '',
    ].join('\n');
    const { texts } = fixesOf(text, 'API_TOKEN', CODE_READS);
    assert.equal(
      texts[0],
      [
        '# production stack',
        'name: shop',
        'services:',
        '  api:',
        '    image: example/api:1 # pinned',
        '    secrets:',
        '      - other',
        '      - source: api_token',
        '        target: API_TOKEN',
        '    environment:',
        '      # the token',
        '      SECRETS_DIR: /run/secrets',
        '      PORT: 80',
        '    ports: ["8080:80"]',
        'secrets:',
        '  other:',
        '    file: ./other.txt # kept',
        '  api_token:',
        '    environment: API_TOKEN',
        'volumes:',
        '  data: {}',
        '',
      ].join('\n'),
    );
    assert.equal(texts[0].match(/^secrets:/gm)?.length, 1);
  });

  it('an existing definition of the same source is reused: two services, fixed one after the other, share one secret', () => {
    const text =
      'services:\n  a:\n    image: example/app:1\n    environment:\n      API_TOKEN: ${API_TOKEN}\n  b:\n    image: example/app:1\n    environment:\n      API_TOKEN: ${API_TOKEN}\n';
    const first = fixesOf(text, 'API_TOKEN', CODE_READS, 'a').texts[0];
    const second = fixesOf(first, 'API_TOKEN', CODE_READS, 'b').texts[0];
    assert.equal(
      second,
      'services:\n  a:\n    image: example/app:1\n    environment:\n      SECRETS_DIR: /run/secrets\n    secrets:\n      - source: api_token\n        target: API_TOKEN\n  b:\n    image: example/app:1\n    environment:\n      SECRETS_DIR: /run/secrets\n    secrets:\n      - source: api_token\n        target: API_TOKEN\nsecrets:\n  api_token:\n    environment: API_TOKEN\n',
    );
    assert.deepEqual(parseDocument(second, { uniqueKeys: true }).errors, []);
    assert.deepEqual(flagged(second, CODE_READS), []);
  });

  it('a top-level secret of that name holding another value: the secret gets the service`s prefix', () => {
    const text =
      'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\nsecrets:\n  postgres_password:\n    file: ./pw.txt\n';
    const { texts } = fixesOf(text, 'POSTGRES_PASSWORD');
    assert.equal(
      texts[0],
      'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_postgres_password\n    secrets:\n      - db_postgres_password\nsecrets:\n  postgres_password:\n    file: ./pw.txt\n  db_postgres_password:\n    environment: DB_PASSWORD\n',
    );
  });

  it('CRLF line endings stay CRLF, and only the intended lines change', () => {
    const text = 'services:\r\n  db:\r\n    image: postgres # db\r\n    environment:\r\n      - POSTGRES_PASSWORD=${PGPW}\r\n      - POSTGRES_DB=app\r\n';
    const { texts } = fixesOf(text, 'POSTGRES_PASSWORD');
    assert.equal(
      texts[0],
      'services:\r\n  db:\r\n    image: postgres # db\r\n    environment:\r\n      - POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password\r\n      - POSTGRES_DB=app\r\n    secrets:\r\n      - postgres_password\r\nsecrets:\r\n  postgres_password:\r\n    environment: PGPW\r\n',
    );
    assert.doesNotMatch(texts[0].replace(/\r\n/g, ''), /[\r\n]/, 'no bare line break');
  });

  it('a file without a final newline gets the top-level secrets: on a line of its own', () => {
    const text = 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}';
    const { texts } = fixesOf(text, 'POSTGRES_PASSWORD');
    assert.match(texts[0], /\n {4}secrets:\n {6}- postgres_password\nsecrets:\n {2}postgres_password:\n {4}environment: DB_PASSWORD\n$/);
  });
});

describe('Compose: where the fix declines', () => {
  it('a flow-style environment (map or list)', () => {
    for (const env of ['{ API_TOKEN: "${API_TOKEN}", PORT: 80 }', '[ "API_TOKEN=${API_TOKEN}" ]']) {
      const { finding, fixes } = fixesOf(`services:\n  app:\n    image: example/app:1\n    environment: ${env}\n`, 'API_TOKEN', CODE_READS);
      assert.deepEqual(fixes, [], env);
      assert.match(whyDeclined(finding) ?? '', /flow style/, env);
    }
  });

  it('a value composed from other text and variables', () => {
    const { finding, fixes } = fixesOf(
      'services:\n  api:\n    image: example/api:1\n    environment:\n      - DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app\n',
      'DATABASE_URL',
    );
    assert.deepEqual(fixes, []);
    assert.match(whyDeclined(finding) ?? '', /composed/);
  });

  it('the pointer is in the list already', () => {
    const { finding, fixes } = fixesOf(
      'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n      POSTGRES_PASSWORD_FILE: /x\n',
      'POSTGRES_PASSWORD',
    );
    assert.deepEqual(fixes, []);
    assert.ok(whyDeclined(finding));
  });

  it('a top-level secrets: written as an empty flow map', () => {
    const { finding, fixes } = fixesOf(
      'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\nsecrets: {}\n',
      'POSTGRES_PASSWORD',
    );
    assert.deepEqual(fixes, []);
    assert.match(whyDeclined(finding) ?? '', /top-level secrets:/);
  });
});

describe('Compose: finding ranges', () => {
  it('a plain list item: the name to the end of the value', () => {
    const text = 'services:\n  app:\n    image: example/app:1\n    environment:\n      - API_TOKEN=${API_TOKEN}\n';
    assert.deepEqual(flagged(text), [['app', 'API_TOKEN', 'API_TOKEN=${API_TOKEN}']]);
  });

  it('a quoted list item: the range does not end on the closing quote it did not start with', () => {
    const text = 'services:\n  app:\n    image: example/app:1\n    environment:\n      - "API_TOKEN=${API_TOKEN}"\n';
    const [[, , range]] = flagged(text);
    assert.ok(range === 'API_TOKEN=${API_TOKEN}' || range === '"API_TOKEN=${API_TOKEN}"', range);
  });
});

// The workspace view and the combined fix learn from Compose as from manifests (issue 21).
describe('Compose in the workspace view and the combined fix', () => {
  it('a variable a service gets from a secret is a secret in code; a plain value is not; a mounted secret feeds its file name', async () => {
    await prepareAnalysis({ path: '/w/app.py' });
    const index = new CrossFileIndex();
    index.update(
      '/w/compose.yaml',
      'services:\n  api:\n    image: example/api\n    environment:\n      BILLING: ${STRIPE_SECRET_KEY}\n      REGION: eu-west-1\n    secrets:\n      - source: db\n        target: DB_PASS\n',
    );
    assert.equal(index.envSource('BILLING')?.kind, 'secret');
    assert.equal(index.envSource('REGION')?.kind, 'literal');
    assert.equal(index.envSource('DB_PASS')?.kind, 'secret');
    const code = analyze({ text: 'import os\nkey = os.environ["BILLING"]\nregion = os.environ["REGION"]\n', path: '/w/app.py', ...index.hooks });
    assert.deepEqual(
      code.findings.map((f) => f.rule),
      ['secret-env-read'],
    );
  });

  it('the combined fix mounts the Compose secret for the loader and rewrites the code that reads the variable', async () => {
    const composeText = 'services:\n  api:\n    image: example/api\n    environment:\n      API_TOKEN: ${API_TOKEN}\n';
    const codeText = 'import os\n\ntoken = os.environ["API_TOKEN"]\n';
    await prepareAnalysis({ path: '/w/app.py' });
    const compose = analyze({ text: composeText, path: '/w/compose.yaml' });
    const finding = compose.findings[0];
    const fix = combinedFix(compose, finding, [{ text: codeText, path: '/w/app.py' }]);
    assert.ok(fix, 'a combined fix');
    assert.match(fix.title, /^Mount API_TOKEN as a Compose secret and read API_TOKEN through the loader \(1 read in 1 code file\)$/);
    const fixed = parse(applyEdits(composeText, fix.manifest.edits)) as { services: { api: { environment: unknown; secrets: unknown } } };
    assert.deepEqual(fixed.services.api.environment, { SECRETS_DIR: '/run/secrets' });
    assert.deepEqual(fixed.services.api.secrets, [{ source: 'api_token', target: 'API_TOKEN' }]);
    assert.match(applyEdits(codeText, [fix.code[0].edit]), /load_secret\("API_TOKEN"\)/);
  });
});
