// The manifest → code combined fix, composed from the manifest's preferred fix and a read rewriter
// (the real one is the code rule's fix through fixAll; here a stand-in pins down the composition).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../../server/src/engine/analyze';
import { combinedFix, variableOf, type CodeFileInput, type ReadRewriter } from '../../server/src/engine/combined-fix';
import type { Finding, Fix } from '../../server/src/engine/findings';
import { LineIndex } from '../../server/src/engine/text';
import { workspaceEdit } from '../../server/src/lsp/combined-action';

const FINDING: Finding = {
  rule: 'k8s-secret-env-ref',
  severity: 'warning',
  start: 10,
  end: 22,
  message: 'm',
  data: { variable: 'DATABASE_URL', secret: 'db', key: 'url' },
};
const MANIFEST_FIX: Fix = { title: 'Mount', kind: 'quickfix', preferred: true, edits: [{ start: 0, end: 3, newText: 'xyz' }] };

function manifestAnalysis(fixes: Fix[]): Analysis {
  const text = 'abc manifest text';
  return { kind: 'manifest', lines: new LineIndex(text), findings: [FINDING], problems: [], fixesFor: () => fixes };
}

/** Rewrites `env(NAME)` to `load(NAME)` and records which files it was asked about. */
function standIn(asked: string[]): ReadRewriter {
  return (file, variable) => {
    asked.push(file.path);
    const needle = `env("${variable}")`;
    const start = file.text.indexOf(needle);
    if (start < 0) return undefined;
    return {
      edit: { start, end: start + needle.length, newText: `load("${variable}")` },
      createFiles: [{ relativePath: 'loader.py', text: 'def load(n): ...\n' }],
      reads: 1,
    };
  };
}

const FILES: CodeFileInput[] = [
  { path: '/w/app/a.py', text: 'x = env("DATABASE_URL")\n' },
  { path: '/w/app/b.py', text: 'y = env("DATABASE_URL")\n' },
  { path: '/w/app/c.py', text: 'z = env("OTHER")\n' },
  { path: '/w/app/d.py', text: '# mentions DATABASE_URL in a comment only\n' },
];

describe('combinedFix', () => {
  it('takes the manifest preferred fix and rewrites only files that read the variable', () => {
    const asked: string[] = [];
    const fix = combinedFix(manifestAnalysis([{ ...MANIFEST_FIX, preferred: false, title: 'keep pointer' }, MANIFEST_FIX]), FINDING, FILES, standIn(asked));
    assert.ok(fix);
    assert.equal(fix.manifest, MANIFEST_FIX);
    assert.deepEqual(
      fix.code.map((c) => c.path),
      ['/w/app/a.py', '/w/app/b.py'],
    );
    assert.deepEqual(asked, ['/w/app/a.py', '/w/app/b.py', '/w/app/d.py'], 'files that do not mention the name are not analysed');
    assert.match(fix.title, /Secret "db".*DATABASE_URL.*2 reads in 2 code files/);
  });

  it('offers nothing without a preferred manifest fix, without code reads, or for other rules', () => {
    assert.equal(combinedFix(manifestAnalysis([]), FINDING, FILES, standIn([])), undefined);
    assert.equal(combinedFix(manifestAnalysis([MANIFEST_FIX]), FINDING, [FILES[2], FILES[3]], standIn([])), undefined);
    assert.equal(combinedFix(manifestAnalysis([MANIFEST_FIX]), { ...FINDING, rule: 'k8s-secret-env-from' }, FILES, standIn([])), undefined);
  });

  it('reads the variable from `variable` or `name` finding data', () => {
    assert.equal(variableOf(FINDING), 'DATABASE_URL');
    assert.equal(variableOf({ ...FINDING, data: { name: 'X' } }), 'X');
    assert.equal(variableOf({ ...FINDING, data: {} }), undefined);
  });
});

describe('combined fix as a WorkspaceEdit', () => {
  it('versions the manifest and open code edits, and creates a shared loader file once', () => {
    const fix = combinedFix(manifestAnalysis([MANIFEST_FIX]), FINDING, FILES, standIn([]));
    assert.ok(fix);
    const manifest = TextDocument.create('file:///w/deploy/api.yaml', 'yaml', 7, 'abc manifest text');
    const openB = TextDocument.create('file:///w/app/b.py', 'python', 3, FILES[1].text);
    const edit = workspaceEdit(manifest, fix, (uri) => (uri === openB.uri ? openB : undefined));
    const changes = edit.documentChanges ?? [];
    const creates = changes.filter((c) => 'kind' in c && c.kind === 'create');
    assert.equal(creates.length, 1, 'both files sit beside the same loader.py');
    const textEdits = changes.filter((c): c is Extract<typeof c, { textDocument: unknown }> => 'textDocument' in c);
    const versions = Object.fromEntries(textEdits.map((c) => [c.textDocument.uri, c.textDocument.version]));
    assert.deepEqual(versions, { 'file:///w/deploy/api.yaml': 7, 'file:///w/app/loader.py': null, 'file:///w/app/a.py': null, 'file:///w/app/b.py': 3 });
    const a = textEdits.find((c) => c.textDocument.uri === 'file:///w/app/a.py');
    assert.deepEqual(a?.edits, [{ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 23 } }, newText: 'load("DATABASE_URL")' }]);
  });
});
