import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';

const entry = (name: string, comment = '') => `        - name: ${name}\n          valueFrom:\n            secretKeyRef: {name: s, key: k}${comment}\n`;
const manifest = (body: string, header = '') => `${header}apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: c\n      env:\n${body}`;
const flagged = (text: string) => analyze({ text, path: 'p.yaml' }).findings.map((f) => f.data.variable);

describe('suppression comments', () => {
  it('a trailing comment on the flagged line suppresses that finding only', () => {
    const text = manifest(entry('A', ' # secret-hints-ignore k8s-secret-env-ref -- legacy app reads env') + entry('B'));
    assert.deepEqual(flagged(text), ['B']);
  });

  it('a comment alone on the line above suppresses the next line', () => {
    const body = entry('A').replace('            secretKeyRef', '            # secret-hints-ignore\n            secretKeyRef') + entry('B');
    assert.deepEqual(flagged(manifest(body)), ['B']);
  });

  it('a directive naming another rule does not suppress', () => {
    const text = manifest(entry('A', ' # secret-hints-ignore secret-logged'));
    assert.deepEqual(flagged(text), ['A']);
  });

  it('secret-hints-ignore-file anywhere suppresses the whole file', () => {
    assert.deepEqual(flagged(manifest(entry('A') + entry('B'), '# secret-hints-ignore-file\n')), []);
    assert.deepEqual(flagged(manifest(entry('A'), '# secret-hints-ignore-file env-dumped\n')), ['A']);
  });

  it('the directive inside a string value is not a comment', () => {
    const text = manifest(`        - name: NOTE\n          value: "secret-hints-ignore"\n` + entry('A'));
    assert.deepEqual(flagged(text), ['A']);
  });
});
