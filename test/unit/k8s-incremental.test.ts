// Incremental re-parsing must be indistinguishable from a full parse, whatever the edit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { visit, type Document } from 'yaml';
import { analyze } from '../../server/src/engine/analyze';
import { parseStream } from '../../server/src/engine/k8s/incremental';
import { manifest } from '../../bench/generate';
import { PROPERTY_SEED } from '../support/property-seed';

/** Everything observable about a parse: per document its value, its errors and every node range. */
function fingerprint(docs: Document.Parsed[]): string {
  return JSON.stringify(
    docs.map((d) => {
      const ranges: number[][] = [d.range];
      visit(d, (_k, n) => {
        const r = (n as { range?: number[] | null } | null)?.range;
        if (r) ranges.push(r);
      });
      return { value: valueOf(d), errors: d.errors.map((e) => [e.code, e.pos]), ranges };
    }),
  );
}

/** The document as plain data, or the reason it has none (e.g. an alias left dangling by an edit). */
function valueOf(d: Document.Parsed): unknown {
  try {
    return d.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (err) {
    return `toJS failed: ${String(err)}`;
  }
}

const BASE = manifest(160, 7);
const SNIPPETS = ['---\n', '\n', 'x', ': ', '  - name: A\n', '{', '"', '# c\n', '...\n', 'apiVersion: v1\nkind: Pod\n', '\r\n', '%YAML 1.1\n', '  '];

const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 40 }),
  insert: fc.constantFrom(...SNIPPETS),
});

function applyEdit(text: string, e: { at: number; remove: number; insert: string }): string {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

describe('incremental manifest parsing', () => {
  it('re-parses only what changed and matches a full parse after any sequence of edits', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        let text = BASE;
        let stream = parseStream(text);
        for (const e of edits) {
          text = applyEdit(text, e);
          stream = parseStream(text, stream);
          const full = parseStream(text);
          if (fingerprint(stream.docs) !== fingerprint(full.docs)) return false;
        }
        return true;
      }),
      { numRuns: 300, seed: PROPERTY_SEED },
    );
  });

  it('matches a full parse after valid edits, reusing documents most of the time', () => {
    let reused = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.array(fc.record({ line: fc.nat(), insert: fc.constantFrom('# note\n', '---\n', 'extra: 1\n', '\n') }), { minLength: 1, maxLength: 6 }),
        (edits) => {
          let text = BASE;
          let stream = parseStream(text);
          for (const e of edits) {
            const lines = text.split('\n');
            // Insert at the start of a top-level line, where each of these snippets keeps the YAML valid.
            const topLevel = lines.map((l, i) => (/^[a-z#-]/.test(l) ? i : -1)).filter((i) => i >= 0);
            const at = topLevel[e.line % topLevel.length];
            text = [...lines.slice(0, at), e.insert.replace(/\n$/, ''), ...lines.slice(at)].join('\n');
            const before = new Set(stream.docs);
            stream = parseStream(text, stream);
            runs++;
            if (stream.docs.some((d) => before.has(d))) reused++;
            if (fingerprint(stream.docs) !== fingerprint(parseStream(text).docs)) return false;
          }
          return true;
        },
      ),
      { numRuns: 100, seed: PROPERTY_SEED },
    );
    assert.ok(reused > runs / 2, `documents were reused in only ${reused} of ${runs} re-parses`);
  });

  it('reuses the unchanged documents instead of parsing them again', () => {
    const first = parseStream(BASE);
    const at = BASE.indexOf('---', BASE.length / 2);
    const edited = BASE.slice(0, at - 1) + 'x' + BASE.slice(at - 1);
    const next = parseStream(edited, parseStream(BASE));
    assert.ok(next.docs.length === first.docs.length);
    const again = parseStream(edited + '', next);
    assert.equal(again, next, 'identical text reuses the whole parse');
    const fresh = parseStream(BASE);
    const reparsed = parseStream(BASE.replace('# workload 0', '# workload zero'), fresh);
    assert.equal(reparsed.docs[reparsed.docs.length - 1], fresh.docs[fresh.docs.length - 1], 'a later document object is reused');
  });

  it('re-parses only the document an edit is in when its `---` line is intact, and the one before when not', () => {
    const before = parseStream(BASE);
    assert.ok(before.docs.length >= 4);
    const k = 2;
    const marker = before.docs[k].range[0];
    assert.ok(BASE.startsWith('---\n', marker));
    // Inside document k, below its marker line: its neighbours are the same objects (the later one shifted).
    const inside = BASE.indexOf('\n', marker + 4) + 1;
    const edited = parseStream(BASE.slice(0, inside) + '# note\n' + BASE.slice(inside), before);
    assert.equal(edited.docs[k - 1], before.docs[k - 1]);
    assert.notEqual(edited.docs[k], before.docs[k]);
    assert.equal(edited.docs[k + 1], before.docs[k + 1]);
    // On the marker line itself: the document before is parsed again (the marker could have gone).
    const fresh = parseStream(BASE);
    const onMarker = parseStream(BASE.slice(0, marker + 3) + ' # x' + BASE.slice(marker + 3), fresh);
    assert.notEqual(onMarker.docs[k - 1], fresh.docs[k - 1]);
    assert.equal(fingerprint(onMarker.docs), fingerprint(parseStream(BASE.slice(0, marker + 3) + ' # x' + BASE.slice(marker + 3)).docs));
  });

  it('gives the same findings with and without the previous analysis', () => {
    let text = BASE;
    let previous = analyze({ text, path: 'm.yaml' });
    for (const e of [
      { at: 900, remove: 0, insert: '\n' },
      { at: 3000, remove: 10, insert: '---\n' },
      { at: 50, remove: 5, insert: 'x' },
    ]) {
      text = applyEdit(text, e);
      const incremental = analyze({ text, path: 'm.yaml', previous });
      const full = analyze({ text, path: 'm.yaml' });
      assert.deepEqual(
        incremental.findings.map((f) => [f.rule, f.start, f.end, f.message]),
        full.findings.map((f) => [f.rule, f.start, f.end, f.message]),
      );
      previous = incremental;
    }
  });
});
