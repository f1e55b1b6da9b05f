// Every fixture with `# expect:` markers: findings land on exactly the marked lines, one each, for
// every rule — so a missed secret and a false alarm both fail, with line numbers and rule ids only.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { actualFindings, expectedFindings } from '../support/k8s-expect';
import { FIXTURES, readFixture } from '../support/fixtures';

const K8S = path.join(FIXTURES, 'k8s');

function markedFixtures(): string[] {
  const files = readdirSync(K8S, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f));
  return files.filter((f) => expectedFindings(readFixture('k8s', f)).length > 0).sort();
}

describe('k8s fixtures with expectation markers', () => {
  const fixtures = markedFixtures();

  it('finds the marked fixtures', () => {
    assert.ok(fixtures.length >= 10, `only ${fixtures.length} marked fixtures`);
  });

  for (const file of fixtures) {
    it(`${file}: findings exactly on the marked lines`, () => {
      const text = readFixture('k8s', file);
      const analysis = analyze({ text, path: path.join('k8s', file) });
      assert.deepEqual(actualFindings(text, analysis.findings), expectedFindings(text));
      assert.deepEqual(
        analysis.problems.map((p) => p.code),
        [],
        'no parse problems in a valid fixture',
      );
    });

    it(`${file}: the same findings with CRLF line endings and a byte-order mark`, () => {
      const text = '\uFEFF' + readFixture('k8s', file).replace(/\r?\n/g, '\r\n');
      const analysis = analyze({ text, path: path.join('k8s', file) });
      assert.deepEqual(actualFindings(text, analysis.findings), expectedFindings(text));
    });
  }
});
