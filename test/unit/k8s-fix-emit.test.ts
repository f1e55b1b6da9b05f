// The text the fixes write: scalars that read back as the same string under YAML 1.1 (Kubernetes) and
// 1.2, DNS-1123 names, and block/flow layouts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { dns1123Label, dns1123Subdomain, emitBlockMap, emitFlow, map, raw, scalar, seq, str } from '../../server/src/engine/k8s/fix/emit';

describe('fix text emitters', () => {
  it('quotes exactly the strings that would not read back as themselves', () => {
    const plain = ['db', 'tls.crt', 'DB_PASSWORD', '/etc/secrets', 'key-1'];
    const quoted = ['yes', 'No', 'on', 'OFF', 'true', 'null', '~', '0440', '1e3', '.dockerconfigjson', 'a: b', '#x', 'sp ace', ''];
    for (const s of plain) assert.equal(scalar(s), s);
    for (const s of quoted) {
      assert.notEqual(scalar(s), s, `quoted: ${s}`);
      assert.equal(parse(scalar(s), { version: '1.1' }), s);
      assert.equal(parse(scalar(s)), s);
    }
  });

  it('makes DNS-1123 labels (≤ 63, lower-case, no edge hyphens) and subdomains', () => {
    assert.equal(dns1123Label('API_Server.v2', '-secrets'), 'api-server-v2-secrets');
    const long = dns1123Label('x'.repeat(80), '-secrets-2');
    assert.equal(long.length, 63);
    assert.ok(long.endsWith('-secrets-2'));
    assert.equal(dns1123Label('--', '-secrets'), 'c-secrets');
    assert.equal(dns1123Subdomain('My_App.Prod-secrets'), 'my-app.prod-secrets');
  });

  it('emits block maps and sequences in the requested style and flow text that parses back', () => {
    const value = map(['name', str('v')], ['projected', map(['sources', seq(map(['secret', map(['name', str('db')])]))])], ['readOnly', raw('true')]);
    assert.deepEqual(emitBlockMap(value, 2, { indent: 4, seqOffset: 0, dashGap: 4 }), [
      '  name: v',
      '  projected:',
      '      sources:',
      '      -   secret:',
      '              name: db',
      '  readOnly: true',
    ]);
    assert.equal(emitFlow(value), '{name: v, projected: {sources: [{secret: {name: db}}]}, readOnly: true}');
    assert.deepEqual(parse(emitFlow(value)), { name: 'v', projected: { sources: [{ secret: { name: 'db' } }] }, readOnly: true });
  });
});
