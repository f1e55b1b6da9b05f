import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isHighEntropy, isNonSecretLiteral, secretValueKind } from '../../server/src/engine/k8s/values';

// Fake credentials are assembled at run time so the repository holds no token-shaped strings.
const repeat = (s: string, n: number) => s.repeat(n);

describe('secret-looking values', () => {
  const cases: [string, string, string | undefined][] = [
    ['PEM private key', '-----BEGIN PRIVATE KEY-----\nMIIfake\n-----END PRIVATE KEY-----', 'private-key'],
    ['OpenSSH private key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n', 'private-key'],
    ['certificate (public)', '-----BEGIN CERTIFICATE-----\nMIIfake\n-----END CERTIFICATE-----', undefined],
    ['AWS access key id', 'AKIA' + repeat('Z', 16), 'aws-access-key'],
    ['GitHub token', 'ghp_' + repeat('aB3', 12), 'github-token'],
    ['GitHub fine-grained token', 'github_pat_' + repeat('aB3_', 6), 'github-token'],
    ['Slack token', 'xoxp-' + repeat('12345-', 3) + 'abc', 'slack-token'],
    ['JWT', 'eyJ' + repeat('hbGci', 3) + '.eyJ' + repeat('zdWIi', 3) + '.' + repeat('sig', 5), 'jwt'],
    ['URL with a password', 'amqp://user:' + 'pa55' + 'word@broker:5672/', 'url-credentials'],
    ['URL with a referenced password', 'amqp://user:$(AMQP_PASSWORD)@broker/', undefined],
    ['URL without credentials', 'https://api.example.com/v1', undefined],
    ['random base62', 'Zq8' + 'Lw2Nx7Rt5Vb9Kc3Hm6Pj4', 'high-entropy'],
    ['$(VAR)', '$(DB_PASSWORD)', undefined],
    ['${VAR}', '${DB_PASSWORD}', undefined],
    ['path', '/var/run/secrets/db/password', undefined],
    ['boolean', 'true', undefined],
    ['number', '5432', undefined],
    ['empty', '', undefined],
    ['sha256 digest', repeat('0123456789abcdef', 4), undefined],
    ['UUID', '123e4567-e89b-12d3-a456-426614174000', undefined],
    ['words', 'MyApplicationName-Production2', undefined],
    ['short word', 'hunter2', undefined],
    ['image reference', 'registry.example.com/team/app:1.2.3', undefined],
  ];
  for (const [label, value, kind] of cases) {
    it(`${label} → ${kind ?? 'not a secret'}`, () => assert.equal(secretValueKind(value), kind));
  }

  it('recognises non-secret literals whatever the name says', () => {
    for (const v of ['', '  ', '$(X)', '${X}', '$X', 'false', 'No', '42', '3.14', '/etc/x', './x']) assert.equal(isNonSecretLiteral(v), true);
    for (const v of ['hunter2', 'changeme', 'p@ss']) assert.equal(isNonSecretLiteral(v), false);
  });

  it('requires length, mixed case and digits for entropy alone', () => {
    assert.equal(isHighEntropy('abcdefghijklmnopqrstuvwxyz'), false);
    assert.equal(isHighEntropy('Ab1'), false);
    assert.equal(isHighEntropy('Zq8Lw2Nx7Rt5Vb9Kc3Hm6Pj4Yd1'), true);
  });
});
