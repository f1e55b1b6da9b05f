import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileNameLists, CREDENTIAL_URL_SERVICES, isSecretName, SECRET_PAIRS, SECRET_WORDS, splitWords } from '../../server/src/engine/names';

describe('secret names', () => {
  it('splits snake, kebab, camel and SCREAMING identifiers', () => {
    assert.deepEqual(splitWords('dbPassword'), ['db', 'password']);
    assert.deepEqual(splitWords('API_KEY'), ['api', 'key']);
    assert.deepEqual(splitWords('client-secret'), ['client', 'secret']);
    assert.deepEqual(splitWords('HTTPProxyToken'), ['http', 'proxy', 'token']);
  });

  for (const name of [
    'DB_PASSWORD',
    'apiKey',
    'GITHUB_TOKEN',
    'PRIVATE_KEY',
    'CLIENT_SECRET',
    'PGPASSWORD',
    'DB_PASS',
    'pwd',
    'stripe_secret_key',
    'DATABASE_URL',
    'refreshToken',
    'AWS_SECRET_ACCESS_KEY',
  ]) {
    it(`${name} is a secret`, () => assert.equal(isSecretName(name), true));
  }
  for (const name of [
    'SECRETS_DIR',
    'TOKEN_TTL',
    'KEY_ID',
    'PASSWORD_FILE',
    'PRIMARY_KEY',
    'KEYBOARD',
    'secretary',
    'next_token',
    'page_token',
    'is_secret',
    'has_password',
    'password_count',
    'secret_name',
    'LOG_LEVEL',
    'AWS_ACCESS_KEY_ID',
    'TOKEN_AUDIENCE',
  ]) {
    it(`${name} is not a secret`, () => assert.equal(isSecretName(name), false));
  }

  it('every built-in secret word, pair and credential URL name is a secret in each spelling (the quick pre-check misses none)', () => {
    const spellings = (words: string[]) => [
      words.join('_'),
      words.join('-'),
      words.map((w) => w.toUpperCase()).join('_'),
      words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join(''),
    ];
    const missed: string[] = [];
    const credentialUrls = [...CREDENTIAL_URL_SERVICES].flatMap((service) => [`${service} url`, `${service} uri`, `${service} replica url`]);
    for (const phrase of [...SECRET_WORDS, ...SECRET_PAIRS, ...credentialUrls]) {
      for (const name of spellings(phrase.split(' '))) if (!isSecretName(name) || !isSecretName(`my_${name}`)) missed.push(name);
    }
    assert.deepEqual(missed, []);
  });

  it('user lists extend and override the built-in words', () => {
    const lists = compileNameLists(['^STRIPE$'], ['^GITHUB_TOKEN$', '(invalid']);
    assert.equal(isSecretName('STRIPE', lists), true);
    assert.equal(isSecretName('GITHUB_TOKEN', lists), false);
    assert.equal(isSecretName('DB_PASSWORD', lists), true);
  });
});
