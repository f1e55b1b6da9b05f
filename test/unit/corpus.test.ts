// The code rules against the labelled corpus (test/fixtures/corpus, scripts/score-corpus.ts): the
// precision and recall issue #15 asks for. A failure lists every miss and false alarm by file and line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONTAINERS_DIR, LANGUAGES_DIR, precision, recall, report, scoreCorpus } from '../../scripts/score-corpus';

describe('the labelled corpus', () => {
  it('has enough labelled lines, half of them traps', async () => {
    const s = await scoreCorpus();
    assert.ok(s.expectLines + s.trapLines >= 150, `${s.expectLines + s.trapLines} labelled lines`);
    assert.ok(s.trapLines >= s.expectLines, `${s.trapLines} traps for ${s.expectLines} expected findings`);
  });

  it('scores precision ≥ 0.95 and recall ≥ 0.9', async () => {
    const s = await scoreCorpus();
    assert.ok(precision(s) >= 0.95 && recall(s) >= 0.9, report(s));
  });
});

// Go and Java (test/fixtures/languages, `npm run corpus:languages`): services written the way real ones
// are, Spring's application.properties / .yml included. The thresholds are the target.
describe('the Go and Java corpus', () => {
  it('has Go, Java and Spring config files, at least as many traps as expected findings', async () => {
    const s = await scoreCorpus(LANGUAGES_DIR);
    assert.ok(s.files >= 15, `${s.files} files`);
    assert.ok(s.expectLines + s.trapLines >= 200, `${s.expectLines + s.trapLines} labelled lines`);
    assert.ok(s.trapLines >= s.expectLines, `${s.trapLines} traps for ${s.expectLines} expected findings`);
  });

  it('scores precision ≥ 0.95 and recall ≥ 0.95', async () => {
    const s = await scoreCorpus(LANGUAGES_DIR);
    assert.ok(precision(s) >= 0.95 && recall(s) >= 0.95, report(s));
  });
});

// Dockerfiles and Compose files (test/fixtures/containers, `npm run corpus:containers`): multi-stage
// builds, global ARGs, heredoc RUN, Compose v2/v3 and versionless files, profiles, extends, shared x-
// blocks, env files. The thresholds are issue 21's.
describe('the containers corpus', () => {
  it('has Dockerfiles and Compose files, at least as many traps as expected findings', async () => {
    const s = await scoreCorpus(CONTAINERS_DIR);
    assert.ok(s.files >= 24, `${s.files} files`);
    assert.ok(s.trapLines >= s.expectLines, `${s.trapLines} traps for ${s.expectLines} expected findings`);
  });

  it('scores precision ≥ 0.95 and recall ≥ 0.95', async () => {
    const s = await scoreCorpus(CONTAINERS_DIR);
    assert.ok(precision(s) >= 0.95 && recall(s) >= 0.95, report(s));
  });
});
