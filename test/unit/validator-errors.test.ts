// The validator when the engine throws (a bug, a parser that failed to load): the file gets no findings
// rather than failing every request, every failure is logged with its stack, and the user is told once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Connection } from 'vscode-languageserver/node';
import { analyze } from '../../server/src/engine/analyze';
import { toResourceSettings } from '../../server/src/lsp/settings';
import { Validator } from '../../server/src/lsp/validator';

function fakeConnection() {
  const errors: string[] = [];
  const shown: string[] = [];
  const connection = {
    console: { error: (m: string) => errors.push(m), log: () => {}, info: () => {} },
    window: { showErrorMessage: (m: string) => shown.push(m) },
    sendDiagnostics: async () => {},
  } as unknown as Connection;
  return { connection, errors, shown };
}

const settings = { get: () => Promise.resolve(toResourceSettings({})), forget: () => {} };
const POD =
  'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      env:\n        - name: API_TOKEN\n          valueFrom:\n            secretKeyRef: {name: s, key: k}\n';

describe('validator when the engine throws', () => {
  it('logs every failure with its stack, shows one message, and leaves the file without findings', async () => {
    const { connection, errors, shown } = fakeConnection();
    const docs = new Map(['file:///a.yaml', 'file:///b.yaml'].map((uri) => [uri, TextDocument.create(uri, 'yaml', 1, POD)]));
    const failing: typeof analyze = () => {
      throw new Error('planted engine failure at 12-34');
    };
    const validator = new Validator(connection, settings, (uri) => docs.get(uri), failing);
    for (const uri of docs.keys()) {
      const cached = await validator.current(uri);
      assert.deepEqual(cached?.analysis.findings, []);
    }
    assert.equal(errors.length, 2);
    assert.match(errors[0], /^Analysis of file:\/\/\/a\.yaml failed; .*Error: planted engine failure at 12-34\n\s+at /s);
    assert.equal(shown.length, 1, 'the user is told once per session');
    assert.ok(
      errors.every((e) => !e.includes('API_TOKEN')),
      'the log never carries the file’s text',
    );
  });

  it('logs nothing when the engine works', async () => {
    const { connection, errors, shown } = fakeConnection();
    const doc = TextDocument.create('file:///a.yaml', 'yaml', 1, POD);
    const validator = new Validator(connection, settings, () => doc);
    const cached = await validator.current(doc.uri);
    assert.equal(cached?.analysis.findings.length, 1);
    assert.deepEqual([errors, shown], [[], []]);
  });
});
