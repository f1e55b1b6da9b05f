// `secret-hints scan` on a project with Dockerfiles and Compose files (issue 21): the walk finds
// Dockerfile names and Compose files, JSON never carries a value, `--fix` applies only what keeps the
// build and the stack running (env-dumped's names-only fix, the image's `*_FILE` pointer for Compose,
// the loader variant when the project's code reads the variable) and lists the rest with its reason;
// the fixed Compose file validates against the Compose Specification schema (dclint's copy) and the
// fixed Dockerfile re-parses with every untouched instruction as it was.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import { parse } from 'yaml';
import { runCli } from '../support/cli';
import { composeSchemaErrors } from '../support/compose-schema';
import { writeTree } from '../support/temp-tree';

const COMPOSE = `name: shop
services:
  db:
    image: postgres:16
    environment:
      POSTGRES_DB: shop
      POSTGRES_PASSWORD: \${DB_PASSWORD:?set DB_PASSWORD}
  api:
    build: ./api
    depends_on: [db]
    environment:
      - DATABASE_HOST=db
      - API_TOKEN=\${API_TOKEN}
  mailer:
    image: example/mailer:2
    environment:
      SMTP_PASSWORD: \${SMTP_PASSWORD}
      PASSWORD_MIN_LENGTH: "12"
`;

const DOCKERFILE = `ARG NODE_VERSION=20
FROM node:\${NODE_VERSION} AS build
ARG NPM_TOKEN
WORKDIR /app
COPY package*.json .npmrc ./
RUN set -eux; npm ci --token "$NPM_TOKEN"
RUN printenv
COPY . .
RUN npm run build

FROM node:\${NODE_VERSION}-slim
ENV NODE_ENV=production
COPY --from=build /app/dist /app
CMD ["node", "/app/server.js"]
`;

const API_CODE = 'import os\n\ntoken = os.environ["API_TOKEN"]\n';

interface Reported {
  file: string;
  rule: string;
  message: string;
  range: { start: { line: number } };
  fixable: boolean;
}

const project = () => writeTree({ 'docker-compose.yml': COMPOSE, 'api/Dockerfile': DOCKERFILE, 'api/app.py': API_CODE }, 'secret-hints-containers-');

describe('secret-hints scan on Dockerfiles and Compose files', () => {
  it('finds them by name and reports without values', () => {
    const root = project();
    try {
      const r = runCli(['scan', '--format', 'json', root]);
      assert.equal(r.code, 1, r.stderr);
      const report = JSON.parse(r.stdout) as Reported[];
      const found = report.map((x) => `${path.relative(root, x.file).split(path.sep).join('/')}:${x.range.start.line + 1}:${x.rule}:${x.fixable}`).sort();
      assert.deepEqual(found, [
        'api/Dockerfile:3:dockerfile-secret-arg:false',
        'api/Dockerfile:6:env-dumped:true',
        'api/Dockerfile:7:env-dumped:true',
        'api/app.py:3:secret-env-read:true',
        'docker-compose.yml:13:compose-secret-env:true',
        'docker-compose.yml:17:compose-secret-env:false',
        'docker-compose.yml:7:compose-secret-env:true',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('--fix applies what keeps things running, says why it leaves the rest, and the results validate', () => {
    const root = project();
    try {
      const r = runCli(['scan', '--fix', root]);
      assert.equal(r.code, 1, r.stderr);
      // Left, with reasons: the build argument (the build command must change) and the mailer's variable (nobody reads the file).
      assert.match(r.stderr, /api\/Dockerfile:3:5: not fixed \(dockerfile-secret-arg\): .*docker build --secret id=npm_token,env=NPM_TOKEN/);
      assert.match(r.stderr, /docker-compose\.yml:\d+:7: not fixed \(compose-secret-env\): .*not known to read SMTP_PASSWORD from a file/);
      const compose = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
      const data = parse(compose) as {
        services: Record<string, { environment: unknown; secrets?: unknown[] }>;
        secrets: Record<string, unknown>;
      };
      assert.deepEqual(data.services.db.environment, { POSTGRES_DB: 'shop', POSTGRES_PASSWORD_FILE: '/run/secrets/postgres_password' });
      assert.deepEqual(data.services.db.secrets, ['postgres_password']);
      // The code reads API_TOKEN (its own fix makes it read the file): the loader variant, with SECRETS_DIR.
      assert.deepEqual(data.services.api.environment, ['DATABASE_HOST=db', 'SECRETS_DIR=/run/secrets']);
      assert.deepEqual(data.services.api.secrets, [{ source: 'api_token', target: 'API_TOKEN' }]);
      assert.deepEqual(data.secrets, { postgres_password: { environment: 'DB_PASSWORD' }, api_token: { environment: 'API_TOKEN' } });
      assert.deepEqual(data.services.mailer.environment, { SMTP_PASSWORD: '${SMTP_PASSWORD}', PASSWORD_MIN_LENGTH: '12' });
      assert.equal(composeSchemaErrors(data), undefined);
      assert.ok(!existsSync(path.join(root, 'secrets')), 'no literal written by --fix');

      const dockerfile = readFileSync(path.join(root, 'api', 'Dockerfile'), 'utf8');
      assert.match(dockerfile, /^RUN set -eu; npm ci --token "\$NPM_TOKEN"$/m);
      assert.match(dockerfile, /^RUN printenv \| cut -d= -f1$/m);
      const instructions = (text: string) =>
        DockerfileParser.parse(text)
          .getInstructions()
          .map((i) => `${i.getKeyword()} ${i.getArgumentsContent() ?? ''}`);
      const before = instructions(DOCKERFILE);
      const after = instructions(dockerfile);
      assert.equal(after.length, before.length);
      const changed = before.flatMap((b, k) => (b === after[k] ? [] : [k]));
      assert.deepEqual(changed, [5, 6]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
