// The edits behind "Ignore RULE on this line / in this file": checked by parsing the edited text with
// the engine's own suppression parser, in each language's comment syntax.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../server/src/engine/findings';
import { isSuppressed, parseSuppressions } from '../../server/src/engine/suppress';
import { commentStyleFor, ignoreInFileEdit, ignoreOnLineEdit } from '../../server/src/engine/suppress-edits';
import { applyEdits, LineIndex } from '../../server/src/engine/text';

const RULE = 'secret-env-read';

/** Whether a finding of RULE at the first occurrence of `needle` is suppressed in `text`. */
function suppressedAt(text: string, needle: string, rule = RULE): boolean {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, 'needle present');
  const finding: Finding = { rule, severity: 'warning', start, end: start + needle.length, message: '', data: {} };
  const lines = new LineIndex(text);
  return isSuppressed(parseSuppressions(text, lines), finding, lines);
}

function ignoreLine(text: string, needle: string, style = commentStyleFor('x.ts', 'typescript')): string {
  return applyEdits(text, [ignoreOnLineEdit(text, RULE, text.indexOf(needle), style)]);
}

describe('suppression edits', () => {
  it('picks the comment syntax from the language id, else from the file name', () => {
    assert.equal(commentStyleFor(undefined, 'yaml'), '#');
    assert.equal(commentStyleFor(undefined, 'python'), '#');
    assert.equal(commentStyleFor(undefined, 'typescriptreact'), '//');
    assert.equal(commentStyleFor('/w/app.py'), '#');
    assert.equal(commentStyleFor('/w/values.yml'), '#');
    assert.equal(commentStyleFor('/w/app.mjs'), '//');
  });

  it('adds a `//` line with the same indentation above a TypeScript line', () => {
    const text = 'function f() {\n  const key = process.env.API_KEY;\n  return key;\n}\n';
    const fixed = ignoreLine(text, 'process.env');
    assert.equal(fixed.split('\n')[1], `  // secret-hints-ignore ${RULE}`);
    assert.equal(suppressedAt(text, 'process.env'), false);
    assert.equal(suppressedAt(fixed, 'process.env'), true);
    assert.equal(suppressedAt(fixed, 'return key'), false, 'the next line is not suppressed');
  });

  it('extends a trailing directive on the same line, keeping its reason', () => {
    const text = 'key = os.environ["API_KEY"]  # secret-hints-ignore secret-logged -- test fixture\n';
    const fixed = ignoreLine(text, 'os.environ', '#');
    assert.equal(fixed, `key = os.environ["API_KEY"]  # secret-hints-ignore secret-logged, ${RULE} -- test fixture\n`);
    assert.equal(suppressedAt(fixed, 'os.environ'), true);
    assert.equal(suppressedAt(fixed, 'os.environ', 'secret-logged'), true, 'the earlier rule stays suppressed');
  });

  it('extends a block-comment directive before its closing marker', () => {
    const text = `/* secret-hints-ignore env-dumped */\nconsole.log(process.env.TOKEN);\n`;
    const fixed = ignoreLine(text, 'process.env');
    assert.equal(fixed.split('\n')[0], `/* secret-hints-ignore env-dumped, ${RULE} */`);
    assert.equal(suppressedAt(fixed, 'process.env'), true);
  });

  it('trails the line instead of splitting a backslash continuation', () => {
    const text = 'token = \\\n    os.getenv("TOKEN")\n';
    const fixed = ignoreLine(text, 'os.getenv', '#');
    assert.equal(fixed, `token = \\\n    os.getenv("TOKEN")  # secret-hints-ignore ${RULE}\n`);
    assert.equal(suppressedAt(fixed, 'os.getenv'), true);
  });

  it('keeps CRLF line breaks', () => {
    const text = 'a = 1\r\nb = os.environ["B_SECRET"]\r\n';
    const fixed = ignoreLine(text, 'os.environ', '#');
    assert.equal(fixed, `a = 1\r\n# secret-hints-ignore ${RULE}\r\nb = os.environ["B_SECRET"]\r\n`);
  });

  it('puts a file directive below a shebang and a Python encoding line, which must stay first', () => {
    const text = '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nimport os\nkey = os.environ["KEY"]\n';
    const fixed = applyEdits(text, [ignoreInFileEdit(text, RULE, '#')]);
    assert.deepEqual(fixed.split('\n').slice(0, 3), ['#!/usr/bin/env python3', '# -*- coding: utf-8 -*-', `# secret-hints-ignore-file ${RULE}`]);
    assert.equal(suppressedAt(fixed, 'os.environ'), true);
  });

  it('adds a file directive after a byte-order mark and to a file without a final line break', () => {
    const withBom = '\uFEFFconst k = process.env.K;\n';
    assert.equal(applyEdits(withBom, [ignoreInFileEdit(withBom, RULE, '//')]), `\uFEFF// secret-hints-ignore-file ${RULE}\nconst k = process.env.K;\n`);
    const shebangOnly = '#!/usr/bin/env node';
    assert.equal(applyEdits(shebangOnly, [ignoreInFileEdit(shebangOnly, RULE, '//')]), `#!/usr/bin/env node\n// secret-hints-ignore-file ${RULE}\n`);
  });
});
