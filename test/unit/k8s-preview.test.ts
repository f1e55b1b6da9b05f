// The preview of a large manifest (engine/k8s/preview.ts) shows the findings of its leading documents
// while the full analysis runs: it must never show a finding the full analysis would not make.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { manifest } from '../../bench/generate';
import { analyze } from '../../server/src/engine/analyze';
import { previewManifest } from '../../server/src/engine/k8s/preview';

/** A slice of 0 characters stops after the first document; a slice this long covers any test input whole. */
const FIRST_DOCUMENT_ONLY = 0;
const WHOLE_STREAM = 100_000_000;

const TEXT = manifest(600, 11);

function fullFindingsIn(text: string, documents: number) {
  const full = analyze({ text, path: 'big.yaml' });
  const docs = full.stream?.docs ?? [];
  const end = documents < docs.length ? docs[documents].range[0] : text.length;
  return { full, covered: full.findings.filter((f) => f.start < end) };
}

describe('previewManifest', () => {
  it('reports exactly the full analysis’ findings inside the documents it covers', () => {
    let compared = 0;
    for (const slice of [FIRST_DOCUMENT_ONLY, 1, 3_000, 10_000]) {
      const preview = previewManifest({ text: TEXT, path: 'big.yaml' }, slice);
      assert.ok(preview, `no preview with a ${slice}-character slice`);
      const { full, covered } = fullFindingsIn(TEXT, preview.documents);
      assert.ok(preview.documents < (full.stream?.docs.length ?? 0), 'the preview covers only leading documents');
      const docs = full.stream?.docs ?? [];
      assert.ok(docs[preview.documents - 1].range[2] >= slice, 'the covered documents reach the slice');
      assert.ok(preview.documents === 1 || docs[preview.documents - 2].range[2] < slice, 'and stop at the first document that does');
      assert.deepEqual(preview.findings, covered);
      compared += covered.length;
    }
    assert.ok(compared > 0, 'the comparisons above involved findings');
    const first = previewManifest({ text: TEXT, path: 'big.yaml' }, FIRST_DOCUMENT_ONLY);
    assert.equal(first?.documents, 1);
  });

  it('lets the full analysis continue its parse: same result as a fresh analysis, leading documents reused', () => {
    const preview = previewManifest({ text: TEXT, path: 'big.yaml' }, 3_000);
    assert.ok(preview);
    const leading = [...preview.parse.documents];
    const continued = analyze({ text: TEXT, path: 'big.yaml', preview });
    const fresh = analyze({ text: TEXT, path: 'big.yaml' });
    assert.deepEqual(continued.findings, fresh.findings);
    assert.deepEqual(continued.problems, fresh.problems);
    assert.equal(continued.stream?.docs.length, fresh.stream?.docs.length);
    assert.ok(
      leading.every((d, i) => continued.stream?.docs[i] === d),
      'the preview’s documents are the analysis’ first documents',
    );
    assert.deepEqual(
      continued.stream?.docs.map((d) => d.range),
      fresh.stream?.docs.map((d) => d.range),
    );
  });

  it('is ignored by the analysis of another text', () => {
    const preview = previewManifest({ text: TEXT, path: 'big.yaml' }, 3_000);
    assert.ok(preview);
    const other = `# one more line\n${TEXT}`;
    const analysed = analyze({ text: other, path: 'big.yaml', preview });
    assert.deepEqual(analysed.findings, analyze({ text: other, path: 'big.yaml' }).findings);
    assert.ok(analysed.stream?.docs.every((d) => !preview.parse.documents.includes(d)));
  });

  it('honours a file-wide ignore comment at the very end of the file', () => {
    const text = `${TEXT}# secret-hints-ignore-file k8s-secret-env-ref\n`;
    const preview = previewManifest({ text, path: 'big.yaml' }, 5_000);
    assert.ok(preview);
    assert.equal(preview.findings.filter((f) => f.rule === 'k8s-secret-env-ref').length, 0);
    assert.deepEqual(preview.findings, fullFindingsIn(text, preview.documents).covered);
  });

  it('offers nothing when the stream parses whole within the slice, for code files, or for refused files', () => {
    assert.equal(previewManifest({ text: TEXT, path: 'big.yaml' }, WHOLE_STREAM), undefined);
    assert.equal(previewManifest({ text: 'import os\nos.environ["A_TOKEN"]\n', path: 'app.py' }, FIRST_DOCUMENT_ONLY), undefined);
    assert.equal(previewManifest({ text: `${TEXT}\u0000`, path: 'big.yaml' }, FIRST_DOCUMENT_ONLY), undefined);
  });

  it('offers nothing when a covered document has a syntax error (the full analysis reports it)', () => {
    const broken = `apiVersion: v1\nkind: Pod\nmetadata: {name: [x\n---\n${TEXT}`;
    assert.equal(previewManifest({ text: broken, path: 'big.yaml' }, FIRST_DOCUMENT_ONLY), undefined);
  });

  it('respects onlyRules and severities "off" like the full analysis', () => {
    const input = { text: TEXT, path: 'big.yaml', onlyRules: ['k8s-secret-env-from'] };
    const preview = previewManifest(input, 3_000);
    assert.ok(preview);
    assert.ok(preview.findings.every((f) => f.rule === 'k8s-secret-env-from'));
  });
});
