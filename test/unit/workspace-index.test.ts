// The workspace index: env var names fed by Secrets / ConfigMaps / literals, Secret keys, conflicts,
// updates and removal — over the fixture workspace's manifests.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { indexManifests } from '../../server/src/cli/index-manifests';
import { analyze } from '../../server/src/engine/analyze';
import { defaultSettings } from '../../server/src/engine/settings';
import { indexManifest, CrossFileIndex } from '../../server/src/engine/cross-file-index';
import { fixturePath, readFixture } from '../support/fixtures';

const API = fixturePath('workspace', 'deploy', 'api.yaml');
const SECRETS = fixturePath('workspace', 'deploy', 'secrets.yaml');
const WORKER = fixturePath('workspace', 'deploy', 'worker.yaml');

function fixtureIndex(): CrossFileIndex {
  const index = new CrossFileIndex();
  for (const [path, ...parts] of [
    [API, 'deploy', 'api.yaml'],
    [SECRETS, 'deploy', 'secrets.yaml'],
    [WORKER, 'deploy', 'worker.yaml'],
  ]) {
    index.update(path, readFixture('workspace', ...parts));
  }
  return index;
}

describe('indexManifest', () => {
  it('records each env entry by kind with the env name as location', () => {
    const entry = indexManifest(API, readFixture('workspace', 'deploy', 'api.yaml'));
    const byName = new Map(entry.feeds.map((f) => [f.name, f]));
    assert.deepEqual(
      entry.feeds.map((f) => [f.name, f.kind]),
      [
        ['DATABASE_URL', 'secret'],
        ['STRIPE', 'secret'],
        ['TOKEN_AUDIENCE', 'literal'],
        ['LOG_LEVEL', 'configmap'],
        ['ADMIN_PASSWORD', 'literal'],
        ['POD_NAME', 'literal'],
        ['SENTRY_DSN', 'configmap'],
      ],
    );
    const db = byName.get('DATABASE_URL');
    assert.equal(db?.secret, 'db');
    assert.equal(db?.key, 'url');
    // `- name: DATABASE_URL` is line 12 (0-based 11); the location is the name's value.
    assert.deepEqual(db?.location && { path: db.location.path, start: db.location.start, end: db.location.end }, {
      path: API,
      start: { line: 11, character: 20 },
      end: { line: 11, character: 32 },
    });
    assert.equal(byName.get('STRIPE')?.key, 'stripe-key');
    assert.equal(byName.get('LOG_LEVEL')?.configMap, 'api-config');
    assert.equal(byName.get('TOKEN_AUDIENCE')?.looksSecret, false);
    assert.equal(byName.get('ADMIN_PASSWORD')?.looksSecret, true);
    assert.deepEqual(
      entry.wholeRefs.map((r) => [r.kind, r.ref, r.prefix, r.via]),
      [
        ['secret', 'api-extra', 'EXTRA_', 'envFrom'],
        ['configmap', 'api-config', '', 'envFrom'],
      ],
    );
  });

  it('keeps Secret and ConfigMap key names, never their values', () => {
    const text = readFixture('workspace', 'deploy', 'secrets.yaml');
    const entry = indexManifest(SECRETS, text);
    assert.deepEqual(entry.secrets, [{ name: 'api-extra', namespace: undefined, keys: ['SIGNING_KEY', 'WEBHOOK'] }]);
    assert.deepEqual(entry.configMaps, [{ name: 'api-config', namespace: undefined, keys: ['FEATURE_FLAGS', 'level'] }]);
    const serialized = JSON.stringify(entry);
    assert.equal(serialized.includes('placeholder-fixture-value'), false, 'a Secret value reached the index');
    assert.equal(serialized.includes('cGxhY2Vob2xkZXI='), false, 'a Secret data value reached the index');
    const api = JSON.stringify(indexManifest(API, readFixture('workspace', 'deploy', 'api.yaml')));
    assert.equal(api.includes('placeholder-fixture-value') || api.includes('api://orders'), false, 'a literal value reached the index');
  });

  it('records files of mounted Secret volumes by their file name (the loader convention)', () => {
    const entry = indexManifest(WORKER, readFixture('workspace', 'deploy', 'worker.yaml'));
    assert.deepEqual(
      entry.feeds.map((f) => [f.name, f.kind, f.via, f.secret, f.key]),
      [['QUEUE_CREDENTIAL', 'secret', 'volume', 'queue', 'password']],
    );
  });

  it('ignores volumes the container does not mount, and non-manifests', () => {
    const text = readFixture('workspace', 'deploy', 'worker.yaml').replace(
      '- name: worker-secrets\n                  mountPath',
      '- name: other\n                  mountPath',
    );
    assert.deepEqual(indexManifest(WORKER, text).feeds, []);
    assert.deepEqual(indexManifest('/x/values.yaml', 'env:\n  - name: A_TOKEN\n').feeds, []);
  });

  it('lets the caller decide when a literal looks secret', () => {
    const entry = indexManifest(API, readFixture('workspace', 'deploy', 'api.yaml'), { literalLooksSecret: (name) => name === 'TOKEN_AUDIENCE' });
    assert.equal(entry.feeds.find((f) => f.name === 'TOKEN_AUDIENCE')?.looksSecret, true);
    assert.equal(entry.feeds.find((f) => f.name === 'ADMIN_PASSWORD')?.looksSecret, false);
  });
});

describe('CrossFileIndex', () => {
  it('answers envSource: Secret whatever the name, ConfigMap/literal as not secret', () => {
    const index = fixtureIndex();
    assert.deepEqual(pick(index.envSource('DATABASE_URL')), { kind: 'secret', secret: 'db', key: 'url' });
    assert.deepEqual(pick(index.envSource('STRIPE')), { kind: 'secret', secret: 'payments', key: 'stripe-key' });
    assert.deepEqual(pick(index.envSource('TOKEN_AUDIENCE')), { kind: 'literal', secret: undefined, key: undefined });
    assert.deepEqual(pick(index.envSource('LOG_LEVEL')), { kind: 'configmap', secret: undefined, key: undefined });
    assert.equal(index.envSource('SENTRY_DSN')?.kind, 'configmap', 'a secret-looking name fed by a ConfigMap is not a secret');
    assert.deepEqual(pick(index.envSource('QUEUE_CREDENTIAL')), { kind: 'secret', secret: 'queue', key: 'password' });
    assert.equal(index.envSource('ADMIN_PASSWORD'), undefined, 'a secret-looking literal must not vouch for the name');
    assert.equal(index.envSource('NOT_IN_ANY_MANIFEST'), undefined);
    assert.match(index.envSource('DATABASE_URL')?.location?.message ?? '', /Secret "db" key "url"/);
  });

  it('expands envFrom through the Secrets and ConfigMaps the workspace defines, honouring the prefix', () => {
    const index = fixtureIndex();
    assert.deepEqual(pick(index.envSource('EXTRA_SIGNING_KEY')), { kind: 'secret', secret: 'api-extra', key: 'SIGNING_KEY' });
    assert.deepEqual(pick(index.envSource('EXTRA_WEBHOOK')), { kind: 'secret', secret: 'api-extra', key: 'WEBHOOK' });
    assert.equal(index.envSource('SIGNING_KEY'), undefined, 'the prefix is part of the name');
    assert.equal(index.envSource('FEATURE_FLAGS')?.kind, 'configmap');
    const location = index.envSource('EXTRA_WEBHOOK')?.location;
    assert.equal(location?.path, API);
    assert.equal(location?.start.line, 34, 'points at the secretRef key');
  });

  it('a Secret anywhere wins over a ConfigMap or literal elsewhere', () => {
    const index = fixtureIndex();
    index.update('/w/other.yaml', podWithEnv('- name: LOG_LEVEL\n          valueFrom:\n            secretKeyRef: {name: odd, key: level}'));
    assert.deepEqual(pick(index.envSource('LOG_LEVEL')), { kind: 'secret', secret: 'odd', key: 'level' });
    assert.equal(index.sourcesOf('LOG_LEVEL').length, 2);
  });

  it('secretKeys gives sorted key names, undefined when unknown or ambiguous', () => {
    const index = fixtureIndex();
    assert.deepEqual(index.secretKeys('api-extra'), ['SIGNING_KEY', 'WEBHOOK']);
    assert.deepEqual(index.hooks.secretKeys('api-extra'), ['SIGNING_KEY', 'WEBHOOK'], 'the analysis hook answers the same');
    assert.equal(index.secretKeys('db'), undefined);
    index.update('/w/dup.yaml', 'apiVersion: v1\nkind: Secret\nmetadata: {name: api-extra, namespace: prod}\nstringData: {ONLY: x}\n');
    assert.equal(index.secretKeys('api-extra'), undefined, 'two same-named Secrets with different keys');
    assert.deepEqual(index.secretKeys('api-extra', 'prod'), ['ONLY']);
    assert.equal(index.envSource('EXTRA_SIGNING_KEY'), undefined, 'ambiguous keys are not expanded');
  });

  it('reports changes only when the answers change, and forgets removed files', () => {
    const index = fixtureIndex();
    const text = readFixture('workspace', 'deploy', 'api.yaml');
    const before = index.version;
    assert.equal(index.update(API, text), false);
    assert.equal(index.update(API, text.replace('image: example/api:1', 'image: example/api:2')), false, 'an unrelated edit changes nothing');
    assert.equal(index.version, before);
    assert.equal(index.update(API, text.replace('secretKeyRef: {name: db, key: url}', 'configMapKeyRef: {name: db, key: url}')), true);
    assert.equal(index.envSource('DATABASE_URL')?.kind, 'configmap');
    assert.equal(index.remove(API), true);
    assert.equal(index.remove(API), false);
    assert.equal(index.envSource('DATABASE_URL'), undefined);
    assert.equal(index.envSource('EXTRA_WEBHOOK'), undefined);
    assert.equal(index.size, 2);
  });

  it('tolerates broken YAML and files that are not manifests', () => {
    const index = new CrossFileIndex();
    assert.equal(index.update('/w/broken.yaml', 'apiVersion: v1\nkind: Pod\nspec: {containers: [\n'), false);
    assert.equal(index.update('/w/notes.yaml', '- just\n- a list\n'), false);
    assert.equal(index.hooks.envSource('ANY'), undefined);
    assert.equal(index.hooks.secretKeys('ANY'), undefined);
  });
});

describe('CLI indexManifests', () => {
  it('indexes the manifests among walked files, skipping code and files over maxFileSizeKb', async () => {
    const code = fixturePath('workspace', 'app', 'src', 'main.py');
    const index = await indexManifests([API, SECRETS, code, '/no/such/file.yaml'], defaultSettings());
    assert.equal(index.size, 2);
    assert.equal(index.envSource('DATABASE_URL')?.kind, 'secret');
    const small = { ...defaultSettings(), maxFileSizeKb: 0.5 };
    const bounded = await indexManifests([API, SECRETS], small);
    assert.deepEqual(bounded.paths(), [SECRETS], 'api.yaml is larger than 0.5 KiB');
  });
});

function pick(s: { kind: string; secret?: string; key?: string } | undefined) {
  return s && { kind: s.kind, secret: s.secret, key: s.key };
}

function podWithEnv(envItems: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      env:\n        ${envItems}\n`;
}

describe('indexManifest with the editor’s parse', () => {
  const text = readFixture('workspace', 'deploy', 'api.yaml') + '---\n' + readFixture('workspace', 'deploy', 'secrets.yaml');

  it('indexes the same entry from an analysis’ parse of the same text, without parsing again', () => {
    const analysis = analyze({ text, path: API });
    assert.ok(analysis.stream && analysis.stream.docs.length > 1);
    assert.deepEqual(indexManifest(API, text, {}, { text, stream: analysis.stream }), indexManifest(API, text));
    // Proof that the given parse is what gets indexed: a parse of other manifests, claimed to be this
    // text's, yields their entries rather than this text's.
    const other = readFixture('workspace', 'deploy', 'worker.yaml') + '---\n' + readFixture('workspace', 'deploy', 'secrets.yaml');
    const otherParse = analyze({ text: other, path: WORKER }).stream;
    assert.ok(otherParse && otherParse.docs.length > 1);
    const claimed = { text, stream: { text, docs: otherParse.docs } };
    assert.notDeepEqual(indexManifest(API, text, {}, claimed).feeds, indexManifest(API, text).feeds);
  });

  it('reuses the parse of a one-document manifest too', () => {
    const single = readFixture('workspace', 'deploy', 'api.yaml');
    const analysis = analyze({ text: single, path: API });
    assert.ok(analysis.stream && analysis.stream.docs.length === 1);
    assert.deepEqual(indexManifest(API, single, {}, { text: single, stream: analysis.stream }), indexManifest(API, single));
    const otherParse = analyze({ text: readFixture('workspace', 'deploy', 'worker.yaml'), path: WORKER }).stream;
    assert.ok(otherParse && otherParse.docs.length === 1);
    const claimed = { text: single, stream: { text: single, docs: otherParse.docs } };
    assert.notDeepEqual(indexManifest(API, single, {}, claimed).feeds, indexManifest(API, single).feeds);
  });

  it('ignores a parse of another text and leaves that parse untouched', () => {
    const analysis = analyze({ text, path: API });
    assert.ok(analysis.stream);
    const ranges = JSON.stringify(analysis.stream.docs.map((d) => d.range));
    const edited = `# a comment that shifts every offset\n${text}`;
    assert.deepEqual(indexManifest(API, edited, {}, { text, stream: analysis.stream }), indexManifest(API, edited));
    assert.equal(JSON.stringify(analysis.stream.docs.map((d) => d.range)), ranges, 'no document of the other parse moved');
  });
});

describe('indexManifests (CLI)', () => {
  it('indexes manifests that are UTF-8 text and skips one that is not, as analysis does', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'secret-hints-index-'));
    try {
      const manifestText = readFixture('workspace', 'deploy', 'api.yaml');
      const good = path.join(dir, 'good.yaml');
      const latin1 = path.join(dir, 'latin1.yaml');
      writeFileSync(good, manifestText);
      // The same manifest with one Latin-1 byte (é) in a comment: not valid UTF-8.
      writeFileSync(latin1, Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\n${manifestText}`)]));
      const index = await indexManifests([good, latin1], defaultSettings());
      assert.deepEqual(index.paths(), [good]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the index and Helm templates', () => {
  it('never matches or shows a name a template writes (masked text of equal length would match)', () => {
    const index = new CrossFileIndex();
    index.update('chart/templates/secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ include "a.fullname" . }}\nstringData:\n  TOKEN: x\n');
    index.update(
      'chart/templates/deploy.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      env:\n        - name: API_KEY\n          valueFrom:\n            secretKeyRef:\n              name: {{ include "b.fullname" . }}\n              key: token\n',
    );
    assert.equal(index.secretKeys('{{ include "b.fullname" . }}'), undefined);
    assert.equal(index.secretKeys('_'.repeat('{{ include "a.fullname" . }}'.length)), undefined, 'the masked name is not a name');
    const source = index.envSource('API_KEY');
    assert.equal(source?.kind, 'secret', 'still fed by a Secret');
    assert.match(source?.location?.message ?? '', /Secret "\(templated\)" key "token"/);
  });
});
