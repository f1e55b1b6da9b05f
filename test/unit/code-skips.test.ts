// The analysis skips nodes it can tell from the text cannot matter (right-hand sides that carry no
// taint, reads not followed by an assignment, literals without braces). These cases sit on the edges of
// those shortcuts: each must still be found, or still not be found.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { flagged, prepareCodeGrammars } from '../support/code-analysis';

const py = (body: string) => `import os, logging\nlog = logging.getLogger()\n${body}\n`;

describe('text shortcuts never change what is found', () => {
  before(prepareCodeGrammars);

  it('follows taint through innocently named variables, augmented assignments and attributes', () => {
    assert.deepEqual(flagged('a.py', py('a = os.environ["DB_PASSWORD"]\nb = ""\nb += a\nlog.info(b)'), 'secret-logged'), ['log.info(b)']);
    const method = py('class A:\n    def run(self):\n        self.x = os.environ["DB_PASSWORD"]\n        y = self.x\n        log.info(y)');
    assert.deepEqual(flagged('a.py', method, 'secret-logged'), ['log.info(y)']);
  });

  it('follows taint into loop variables and through collections', () => {
    assert.deepEqual(flagged('a.py', py('a = os.environ["DB_PASSWORD"]\nitems = [a]\nfor v in items:\n    log.info(v)'), 'secret-logged'), ['log.info(v)']);
  });

  it('still kills taint on a clean reassignment', () => {
    assert.deepEqual(flagged('a.py', py('a = os.environ["DB_PASSWORD"]\na = 0\nlog.info(a)'), 'secret-logged'), []);
  });

  it('treats quoted keys, escapes and non-ASCII names as possibly secret', () => {
    assert.equal(flagged('a.py', py('cfg = load()\nlog.info(cfg["api key"])'), 'secret-logged').length, 1);
    assert.equal(flagged('a.py', py('clé = os.environ["DB_PASSWORD"]\nlog.info(clé)'), 'secret-logged').length, 1);
  });

  it('reads interpolations only where there are braces', () => {
    assert.equal(flagged('a.py', py('a = os.environ["DB_PASSWORD"]\nlog.info(f"{a}")'), 'secret-logged').length, 1);
    assert.equal(flagged('a.py', py('a = os.environ["DB_PASSWORD"]\nlog.info("{a}")'), 'secret-logged').length, 0);
    assert.equal(flagged('a.ts', 'const k = process.env.API_KEY;\nconsole.log(`${k}`);\nconsole.log(`k`);\n', 'secret-logged').length, 1);
  });

  it('does not take env writes for reads, even behind comments and line breaks', () => {
    const ts =
      'process.env.DB_PASSWORD /* c */ = "x";\nprocess.env.API_TOKEN\n  ??= "d";\ndelete /* c */ process.env.SECRET_KEY;\nconst t = process.env.DB_PASSWORD ?? "";\n';
    assert.deepEqual(flagged('a.ts', ts, 'secret-env-read'), ['process.env.DB_PASSWORD']);
  });
});
