// Dockerfiles and Compose files through the bundled server over stdio: diagnostics by language id
// (`dockerfile`, `dockercompose`, and plain `yaml` with a `services:` map), the Compose quick fix (the
// image's `*_FILE` pointer), a literal's explicit fix that writes the value beside the file and adds a
// .gitignore line (extending one that exists), the env_file finding read from disk, the suppression
// action that never trails a Dockerfile line, and the workspace view learning from a Compose file.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CreateFile, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { parse } from 'yaml';
import { fileUri, openDocument, startServer, type LspSession } from '../support/lsp-client';

const COMPOSE = `# the stack
services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD: \${DB_PASSWORD}   # from .env
  api:
    build: .
    environment:
      - LOG_LEVEL=info
      - STRIPE_KEY=sk_live_0123456789abcdefABCDEFgh
    env_file: .env.api
`;

const DOCKERFILE = `FROM node:20 AS build
ARG NPM_TOKEN
ENV MODE=production \\
    API_KEY=abc123-not-real
RUN env | sort
RUN npm ci
`;

async function codeActions(session: LspSession, uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
  return session.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostics[0].range,
    context: { diagnostics },
  });
}

function editsOf(action: CodeAction, uri: string): TextEdit[] {
  return (action.edit?.documentChanges ?? [])
    .filter((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri === uri)
    .flatMap((c) => c.edits as TextEdit[]);
}

function apply(text: string, uri: string, action: CodeAction): string {
  return TextDocument.applyEdits(TextDocument.create(uri, 'x', 1, text), editsOf(action, uri));
}

describe('Dockerfiles and Compose files over LSP', () => {
  let session: LspSession;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'secret-hints-lsp-containers-'));
    writeFileSync(path.join(dir, '.env.api'), 'DB_HOST=db\nSMTP_PASSWORD=not-a-real-one-1234\n');
    writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
    writeFileSync(
      path.join(dir, 'compose.yaml'),
      'services:\n  api:\n    image: example/api\n    environment:\n      BILLING: ${STRIPE_SECRET_KEY}\n      REGION: eu-west-1\n',
    );
    session = await startServer({ rootPath: dir });
  });
  after(async () => {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Compose (dockercompose): every secret entry and the env_file read from disk, no value in any message', async () => {
    const uri = fileUri(path.join(dir, 'docker-compose.yml'));
    const diagnostics = await openDocument(session, uri, COMPOSE, 'dockercompose');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [
        ['compose-secret-env', 6],
        ['compose-secret-env', 11],
        ['compose-secret-env', 12],
      ],
    );
    const text = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
    assert.match(text(diagnostics[2]), /SMTP_PASSWORD/);
    for (const d of diagnostics) assert.doesNotMatch(text(d), /sk_live|not-a-real/);
  });

  it('the preferred Compose fix points the image’s POSTGRES_PASSWORD_FILE at a Compose secret fed from the same variable', async () => {
    const uri = fileUri(path.join(dir, 'docker-compose.yml'));
    const diagnostics = (await openDocument(session, uri, COMPOSE, 'dockercompose', 2)).filter((d) => d.range.start.line === 6);
    const fix = (await codeActions(session, uri, diagnostics)).find((a) => a.isPreferred);
    assert.ok(fix, 'a preferred fix');
    const fixed = apply(COMPOSE, uri, fix);
    const data = parse(fixed) as { services: { db: { environment: Record<string, string>; secrets: string[] } }; secrets: Record<string, unknown> };
    assert.deepEqual(data.services.db.environment, { POSTGRES_USER: 'app', POSTGRES_PASSWORD_FILE: '/run/secrets/postgres_password' });
    assert.deepEqual(data.services.db.secrets, ['postgres_password']);
    assert.deepEqual(data.secrets, { postgres_password: { environment: 'DB_PASSWORD' } });
    assert.match(fixed, /^# the stack\n/);
    assert.match(fixed, /# from \.env/);
  });

  it('a literal’s fix (explicit, never preferred) writes the value beside the file and extends .gitignore', async () => {
    const uri = fileUri(path.join(dir, 'docker-compose.yml'));
    const diagnostics = (await openDocument(session, uri, COMPOSE, 'dockercompose', 3)).filter((d) => d.range.start.line === 11);
    const actions = (await codeActions(session, uri, diagnostics)).filter((a) => a.title.startsWith('Mount STRIPE_KEY'));
    assert.ok(actions.length > 0 && actions.every((a) => !a.isPreferred));
    const changes = actions[0].edit?.documentChanges ?? [];
    const created = changes.filter((c): c is CreateFile => 'kind' in c && c.kind === 'create').map((c) => path.basename(c.uri));
    assert.deepEqual(created, ['stripe_key']);
    const gitignore = fileUri(path.join(dir, '.gitignore'));
    assert.equal(apply(readFileSync(path.join(dir, '.gitignore'), 'utf8'), gitignore, actions[0]), 'node_modules/\n/secrets/stripe_key\n');
    const secretFile = changes.find((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri.endsWith('/secrets/stripe_key'));
    assert.equal((secretFile?.edits[0] as TextEdit).newText, 'sk_live_0123456789abcdefABCDEFgh');
    assert.match(actions[0].title, /secret "stripe_key"/);
    assert.doesNotMatch(actions[0].title, /sk_live/);
  });

  it('a YAML file with a services: map is Compose; a Kubernetes manifest beside it is not', async () => {
    const uri = fileUri(path.join(dir, 'stack.yaml'));
    const diagnostics = await openDocument(session, uri, COMPOSE, 'yaml');
    assert.deepEqual([...new Set(diagnostics.map((d) => d.code))], ['compose-secret-env']);
  });

  it('Dockerfile: ARG, ENV and RUN env diagnostics; the ENV fix keeps the other variable; suppression goes on the line above', async () => {
    const uri = fileUri(path.join(dir, 'Dockerfile'));
    const diagnostics = await openDocument(session, uri, DOCKERFILE, 'dockerfile');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [
        ['dockerfile-secret-arg', 1],
        // On the ENV's first line: API_KEY is set on its continuation line.
        ['dockerfile-secret-env', 2],
        ['env-dumped', 4],
      ],
    );
    const envFinding = diagnostics.filter((d) => d.code === 'dockerfile-secret-env');
    const actions = await codeActions(session, uri, envFinding);
    const remove = actions.find((a) => a.title.startsWith('Remove ENV API_KEY'));
    assert.ok(remove && !remove.isPreferred);
    const fixed = apply(DOCKERFILE, uri, remove);
    assert.match(fixed, /ENV MODE=production\n/);
    assert.doesNotMatch(fixed, /abc123/);
    const ignore = actions.find((a) => a.title === 'Ignore dockerfile-secret-env on this line');
    assert.ok(ignore);
    assert.equal(apply(DOCKERFILE, uri, ignore).split('\n')[2], '# secret-hints-ignore dockerfile-secret-env');
    const dump = diagnostics.filter((d) => d.code === 'env-dumped');
    const names = (await codeActions(session, uri, dump)).find((a) => a.isPreferred);
    assert.ok(names);
    assert.match(apply(DOCKERFILE, uri, names), /RUN env \| cut -d= -f1 \| sort\n/);
  });

  it('the combined action on a Compose finding mounts the secret and rewrites the code that reads it', async () => {
    const codeUri = fileUri(path.join(dir, 'api.py'));
    await openDocument(session, codeUri, 'import os\n\ntoken = os.environ["API_TOKEN"]\n', 'python');
    const uri = fileUri(path.join(dir, 'compose.api.yaml'));
    const text = 'services:\n  api:\n    image: example/api\n    environment:\n      API_TOKEN: ${API_TOKEN}\n';
    const diagnostics = await openDocument(session, uri, text, 'dockercompose');
    const combined = (await codeActions(session, uri, diagnostics)).find((a) =>
      a.title.startsWith('Mount API_TOKEN as a Compose secret and read API_TOKEN through the loader'),
    );
    assert.ok(combined, 'the combined action');
    assert.match(apply(text, uri, combined), /SECRETS_DIR: \/run\/secrets/);
    assert.match(apply('import os\n\ntoken = os.environ["API_TOKEN"]\n', codeUri, combined), /load_secret\("API_TOKEN"\)/);
  });

  it('the workspace view learns from a Compose file on disk: a variable fed from a secret entry is a secret, a plain one is not', async () => {
    const billing = await session.connection.sendRequest<{ source: { kind: string } | null }>('secretHints/envSource', { name: 'BILLING' });
    assert.equal(billing.source?.kind, 'secret');
    const region = await session.connection.sendRequest<{ source: { kind: string } | null }>('secretHints/envSource', { name: 'REGION' });
    assert.equal(region.source?.kind, 'literal');
    const uri = fileUri(path.join(dir, 'billing.py'));
    const diagnostics = await openDocument(session, uri, 'import os\n\nkey = os.environ["BILLING"]\n', 'python');
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['secret-env-read'],
    );
  });
});
