// The parser layer: languages by extension and language id, lazy grammar loading, error recovery.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, fileKindOf, prepareAnalysis } from '../../server/src/engine/analyze';
import { codeLanguageOf } from '../../server/src/engine/code/languages';
import { isGrammarReady, prepareGrammar } from '../../server/src/engine/code/parsers';

describe('code languages', () => {
  const byExtension: [string, string, string][] = [
    ['svc.py', 'python', 'python'],
    ['svc.ts', 'typescript', 'typescript'],
    ['svc.tsx', 'typescript', 'tsx'],
    ['svc.mts', 'typescript', 'typescript'],
    ['svc.cts', 'typescript', 'typescript'],
    ['svc.js', 'javascript', 'javascript'],
    ['svc.jsx', 'javascript', 'javascript'],
    ['svc.mjs', 'javascript', 'javascript'],
    ['svc.cjs', 'javascript', 'javascript'],
  ];
  for (const [file, kind, grammar] of byExtension) {
    it(`${file} is ${kind} (${grammar} grammar)`, () => {
      assert.equal(fileKindOf(file), kind);
      assert.equal(codeLanguageOf(file, undefined)?.grammar, grammar);
    });
  }

  it('the LSP language id decides for unsaved buffers and wins over the extension', () => {
    assert.equal(fileKindOf(undefined, 'python'), 'python');
    assert.equal(codeLanguageOf(undefined, 'typescriptreact')?.grammar, 'tsx');
    assert.equal(codeLanguageOf(undefined, 'javascriptreact')?.kind, 'javascript');
    assert.equal(fileKindOf('notes.txt', 'typescript'), 'typescript');
    assert.equal(fileKindOf('README.md', 'markdown'), 'unsupported');
    assert.equal(fileKindOf('deploy.yaml'), 'manifest');
  });

  it('module system comes from .mjs/.cjs/.mts/.cts only', () => {
    assert.equal(codeLanguageOf('a.mjs', undefined)?.moduleHint, 'esm');
    assert.equal(codeLanguageOf('a.cts', undefined)?.moduleHint, 'cjs');
    assert.equal(codeLanguageOf('a.js', undefined)?.moduleHint, undefined);
    assert.equal(codeLanguageOf('a.cjs', 'javascript')?.moduleHint, 'cjs');
  });
});

describe('grammar loading', () => {
  it('refuses to analyse a code file before its grammar is prepared, then analyses it', async () => {
    assert.equal(isGrammarReady('python'), false);
    assert.throws(() => analyze({ text: 'import os\n', path: 'a.py' }), /prepareGrammar/);
    // Manifests need no preparation.
    assert.equal(analyze({ text: 'a: 1\n', path: 'a.yaml' }).kind, 'manifest');
    await Promise.all([prepareAnalysis({ path: 'a.py' }), prepareAnalysis({ languageId: 'python' })]);
    assert.equal(isGrammarReady('python'), true);
    assert.equal(analyze({ text: 'import os\n', path: 'a.py' }).kind, 'python');
  });

  it('loads each grammar once: concurrent callers share one load', () => {
    const first = prepareGrammar('javascript');
    assert.equal(prepareGrammar('javascript'), first);
    return first;
  });

  it('still finds env reads in files with syntax errors', async () => {
    await prepareAnalysis({ path: 'a.ts' });
    const ts = 'const broken = (;\nconst pw = process.env.DB_PASSWORD;\nfunction f( {\n';
    const tsFindings = analyze({ text: ts, path: 'a.ts' }).findings;
    assert.deepEqual(
      tsFindings.map((f) => ts.slice(f.start, f.end)),
      ['process.env.DB_PASSWORD'],
    );
    const py = 'def broken(:\n    pass\n\npw = os.environ["DB_PASSWORD"]\n';
    const pyFindings = analyze({ text: py, path: 'a.py' }).findings;
    assert.deepEqual(
      pyFindings.map((f) => py.slice(f.start, f.end)),
      ['os.environ["DB_PASSWORD"]'],
    );
  });

  it('offsets are UTF-16 code units (astral characters, CRLF)', async () => {
    await prepareAnalysis({ path: 'a.js' });
    const js = 'const s = "😀 é";\r\nconst pw = process.env.API_KEY;\r\n';
    const [f] = analyze({ text: js, path: 'a.js' }).findings;
    assert.equal(js.slice(f.start, f.end), 'process.env.API_KEY');
  });
});
