// The precision heuristics added with the Dockerfile and Compose rules, each tested in both directions
// (one input it silences, one it must not): credential-URL names with and without a password, inline
// passwords (connection strings, -D options), public keys, JWT claim names, Bundler host credentials,
// interpolation from an identity variable, an ARG shadowed by an ENV of its name, and entries written in
// a block services share (reported once, where they are written, with no fix).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';

const dockerfile = (body: string) => analyze({ text: `FROM alpine\n${body}`, path: '/w/Dockerfile' });
const compose = (env: string) => analyze({ text: `services:\n  app:\n    image: example/app\n    environment:\n${env}`, path: '/w/compose.yaml' });
const rules = (a: ReturnType<typeof analyze>) => a.findings.map((f) => f.rule);

describe('container heuristics, both ways', () => {
  it('a credential-URL name holds a secret only when its URL carries a password', () => {
    assert.deepEqual(rules(compose('      DATABASE_URL: postgres://db:5432/app\n')), []);
    assert.deepEqual(rules(compose('      REDIS_URL: redis://redis:6379/0\n')), []);
    assert.deepEqual(rules(compose('      DATABASE_URL: postgres://app:s3cr3t-pw@db:5432/app\n')), ['compose-secret-env']);
    assert.deepEqual(rules(compose('      DATABASE_URL: jdbc:postgresql://db/app?user=app&password=s3cr3t-pw\n')), ['compose-secret-env']);
    assert.deepEqual(rules(dockerfile('ENV DATABASE_URL=postgres://db/app\n')), []);
    assert.deepEqual(rules(dockerfile('ENV DATABASE_URL=postgres://app:s3cr3t-pw@db/app\n')), ['dockerfile-secret-env']);
  });

  it('a password written inline (connection string, -D option) is a secret under any name; a reference is not', () => {
    assert.deepEqual(rules(dockerfile('ENV ConnectionStrings__Orders="Server=db;User Id=app;Password=Orders-2024!"\n')), ['dockerfile-secret-env']);
    assert.deepEqual(rules(dockerfile('ENV ConnectionStrings__Orders="Server=db;User Id=app;Password=${DB_PASSWORD}"\n')), []);
    assert.deepEqual(rules(dockerfile('ENV JAVA_OPTS="-Xmx512m -Dspring.datasource.password=hunter22"\n')), ['dockerfile-secret-env']);
    assert.deepEqual(rules(dockerfile('ENV JAVA_OPTS="-Xmx512m -Dspring.profiles.active=prod"\n')), []);
  });

  it('keys published by design are not secrets; the secret keys of the same service are', () => {
    assert.deepEqual(rules(compose('      STRIPE_PK: pk_live_51HxAbCdEfGhIjKlMnOpQrStUv\n')), []);
    assert.deepEqual(rules(compose('      STRIPE_SK: sk_live_51HxAbCdEfGhIjKlMnOpQrStUv\n')), ['compose-secret-env']);
  });

  it('JWT claim settings are metadata; the JWT secret is not', () => {
    assert.deepEqual(rules(compose('      GOTRUE_JWT_AUD: authenticated\n      GOTRUE_JWT_ADMIN_ROLES: service_role\n')), []);
    assert.deepEqual(rules(compose('      GOTRUE_JWT_SECRET: ${JWT_SECRET}\n')), ['compose-secret-env']);
  });

  it("Bundler's per-host credentials are secrets; its build flags and paths are not", () => {
    assert.deepEqual(rules(dockerfile('ARG BUNDLE_ENTERPRISE__CONTRIBSYS__COM\nRUN bundle install\n')), ['dockerfile-secret-arg']);
    assert.deepEqual(rules(dockerfile('ARG BUNDLE_BUILD__NOKOGIRI\nARG BUNDLE_PATH\nRUN bundle install\n')), []);
  });

  it('a secret-named entry interpolated from an identity variable holds that identity; from a secret variable, a secret', () => {
    assert.deepEqual(rules(compose('      S3_ACCESS_KEY: ${MINIO_ROOT_USER}\n')), []);
    assert.deepEqual(rules(compose('      S3_SECRET_KEY: ${MINIO_ROOT_PASSWORD}\n')), ['compose-secret-env']);
  });

  it('a Fernet key is a secret; a key id is not', () => {
    assert.deepEqual(rules(compose('      AIRFLOW__CORE__FERNET_KEY: ${FERNET}\n')), ['compose-secret-env']);
    assert.deepEqual(rules(compose('      KMS_KEY_ID: ${KMS_KEY}\n')), []);
  });

  it('an ARG an ENV of its name copies is still recorded for the RUN steps after it (both are reported)', () => {
    assert.deepEqual(rules(dockerfile('ARG NPM_TOKEN\nENV NPM_TOKEN=$NPM_TOKEN\nRUN npm ci\n')), ['dockerfile-secret-arg', 'dockerfile-secret-env']);
    assert.deepEqual(rules(dockerfile('ARG NPM_TOKEN\nENV NPM_TOKEN=$NPM_TOKEN\n')), ['dockerfile-secret-env']);
  });

  it('an entry in a shared x- block is reported once, where it is written, naming the services, with no fix; a service’s own entry has one', () => {
    const text = [
      'x-common: &common',
      '  image: example/app',
      '  environment: &env',
      '    API_TOKEN: ${API_TOKEN}',
      '    LOG_LEVEL: info',
      'services:',
      '  web:',
      '    <<: *common',
      '  worker:',
      '    <<: *common',
      '  cron:',
      '    image: example/cron',
      '    environment:',
      '      <<: *env',
      '      CRON_SECRET: ${CRON_SECRET}',
      '',
    ].join('\n');
    const analysis = analyze({ text, path: '/w/docker-compose.yml' });
    const lines = analysis.findings.map((f) => [analysis.lines.lineAt(f.start) + 1, f.message.split(' secret ')[0]]);
    assert.deepEqual(lines, [
      [4, 'Services "web", "worker", "cron" get'],
      [15, 'Service "cron" gets'],
    ]);
    assert.equal(analysis.fixesFor(analysis.findings[0]).length, 0);
    assert.match(String(analysis.findings[0].data.fixBlocked), /services share/);
    assert.ok(analysis.fixesFor(analysis.findings[1]).length > 0);
  });
});
