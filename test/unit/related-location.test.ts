// A finding fed by a manifest: its related location becomes the diagnostic's relatedInformation and
// a line of the hover that names the Secret and key and links the manifest line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../../server/src/engine/analyze';
import type { Finding } from '../../server/src/engine/findings';
import { LineIndex } from '../../server/src/engine/text';
import { CrossFileIndex } from '../../server/src/engine/cross-file-index';
import { findingToDiagnostic } from '../../server/src/lsp/convert';
import { hoverAt } from '../../server/src/lsp/hover';
import { fixturePath, readFixture } from '../support/fixtures';

const CODE = 'const databaseUrl = process.env.DATABASE_URL;\n';

function codeFinding(): Finding {
  const index = new CrossFileIndex();
  index.update(fixturePath('workspace', 'deploy', 'api.yaml'), readFixture('workspace', 'deploy', 'api.yaml'));
  const source = index.envSource('DATABASE_URL');
  assert.ok(source?.location);
  const start = CODE.indexOf('process.env');
  return {
    rule: 'secret-env-read',
    severity: 'warning',
    start,
    end: start + 'process.env.DATABASE_URL'.length,
    message: 'm',
    data: { variable: 'DATABASE_URL' },
    related: [source.location],
  };
}

describe('related manifest location', () => {
  it('maps to relatedInformation pointing at the manifest line', () => {
    const doc = TextDocument.create('file:///w/app/server.ts', 'typescript', 1, CODE);
    const d = findingToDiagnostic(doc, codeFinding());
    assert.equal(d.relatedInformation?.length, 1);
    const [info] = d.relatedInformation ?? [];
    assert.match(info.location.uri, /^file:\/\/.*\/workspace\/deploy\/api\.yaml$/);
    assert.deepEqual(info.location.range, { start: { line: 11, character: 20 }, end: { line: 11, character: 32 } });
    assert.match(info.message, /Secret "db" key "url"/);
  });

  it('shows up in the hover with the Secret, the key and a link to the line', () => {
    const doc = TextDocument.create('file:///w/app/server.ts', 'typescript', 1, CODE);
    const analysis: Analysis = { kind: 'manifest', lines: new LineIndex(CODE), findings: [codeFinding()], problems: [], fixesFor: () => [] };
    const hover = hoverAt(doc, analysis, { line: 0, character: 25 });
    const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.match(value, /Secret "db" key "url" here\. \[api\.yaml:12\]\(file:\/\/.*api\.yaml#L12\)/);
  });
});
