// Property: over generated manifests (workload kinds, containers, env entries, layouts, comments,
// CRLF), fix-all leaves text that re-parses cleanly, keeps the layout style and line breaks, has no
// secretKeyRef left, and parses to exactly the input's objects changed as DESIGN §5 says — computed
// here independently on plain objects.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { analyze } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fix-all';
import { parseManifest } from '../../server/src/engine/k8s/documents';
import { documentStyle } from '../../server/src/engine/k8s/fix/style';
import { assertOnlyChange, onlyCrlf, type ContainerJson, type Json, type PodJson, CODE_READS_EVERYTHING } from '../support/k8s-fix';
import { manifestArb } from '../support/manifest-gen';
import { readFixture } from '../support/fixtures';
import { PROPERTY_SEED } from '../support/property-seed';

const RULE = 'k8s-secret-env-ref';
const MOUNT_PATH = '/etc/secrets';
const MODE_0440 = parse('0440') as number;
/**
 * Runs of the property (each manifest: 1–3 documents × 1–3 containers × 0–5 env entries). The default
 * keeps the suite fast; set SECRET_HINTS_PROPERTY_RUNS for a deeper local run.
 */
const PROPERTY_RUNS = Number(process.env.SECRET_HINTS_PROPERTY_RUNS) || 100;

interface SecretKeyRef {
  name: string;
  key: string;
  optional?: boolean;
}
interface Source {
  secret: { name: string; items: { key: string; path: string }[]; optional?: boolean };
}

function podSpecOf(doc: Json): PodJson {
  const spec = doc.spec as Json;
  if (doc.kind === 'Pod') return spec as PodJson;
  if (doc.kind === 'CronJob') return ((spec.jobTemplate as Json).spec as { template: { spec: PodJson } }).template.spec;
  return (spec.template as { spec: PodJson }).spec;
}

const label = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
const collide = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
const refOf = (entry: Json) => (entry.valueFrom as { secretKeyRef?: SecretKeyRef } | undefined)?.secretKeyRef;

/** DESIGN §5 on plain objects: entries out; per container one projected volume, merged per Secret. */
function expectFixed(docs: Json[]): void {
  for (const pod of docs.map(podSpecOf)) {
    const groups = Object.keys(pod).filter((k): k is 'containers' | 'initContainers' => k === 'containers' || k === 'initContainers');
    for (const container of groups.flatMap((g) => pod[g] ?? [])) {
      const refs = (container.env ?? []).filter((e) => refOf(e) !== undefined);
      if (refs.length === 0) continue;
      const kept = (container.env ?? []).filter((e) => refOf(e) === undefined);
      // An emptied list goes with its key: no `env: []` left behind.
      if (kept.length > 0) container.env = kept;
      else delete container.env;
      const sources = addVolume(pod, container);
      for (const entry of refs) addItem(sources, entry.name as string, refOf(entry) as SecretKeyRef);
    }
  }
}

function addVolume(pod: PodJson, container: ContainerJson): Source[] {
  const base = label(container.name);
  const taken = new Set((pod.volumes ?? []).map((v) => v.name));
  const name = [`${base}-secrets`, ...[2, 3, 4, 5].map((n) => `${base}-secrets-${n}`)].find((n) => !taken.has(n)) as string;
  const mounted = (container.volumeMounts ?? []).map((m) => m.mountPath as string);
  const mountPath = [MOUNT_PATH, `${MOUNT_PATH}-${base}`, `${MOUNT_PATH}-${base}-2`].find((p) => !mounted.some((m) => collide(p, m))) as string;
  const sources: Source[] = [];
  pod.volumes = [...(pod.volumes ?? []), { name, projected: 'securityContext' in pod ? { defaultMode: MODE_0440, sources } : { sources } }];
  container.volumeMounts = [...(container.volumeMounts ?? []), { name, mountPath, readOnly: true }];
  return sources;
}

function addItem(sources: Source[], variable: string, ref: SecretKeyRef): void {
  const item = { key: ref.key, path: variable };
  if (sources.some((s) => s.secret.items.some((i) => i.path === variable))) return;
  const same = sources.find((s) => s.secret.name === ref.name && (s.secret.optional === true) === (ref.optional === true));
  if (same) same.secret.items.push(item);
  else sources.push({ secret: { name: ref.name, items: [item], ...(ref.optional === undefined ? {} : { optional: ref.optional }) } });
}

describe('fix-all over generated manifests (property)', () => {
  it(`converts every secretKeyRef exactly (${PROPERTY_RUNS} runs)`, () => {
    let entries = 0;
    fc.assert(
      fc.property(manifestArb, ({ style, text }) => {
        const before = analyze({ codeReads: CODE_READS_EVERYTHING, text, path: 'gen.yaml', onlyRules: [RULE] }).findings.length;
        entries += before;
        const result = fixAll({ codeReads: CODE_READS_EVERYTHING, text, path: 'gen.yaml', onlyRules: [RULE] });
        assert.equal(
          analyze({ codeReads: CODE_READS_EVERYTHING, text: result.text, path: 'gen.yaml' }).findings.filter((f) => f.rule === RULE).length,
          0,
          'no env-ref finding left',
        );
        assert.equal(result.applied, before, 'one fix per finding');
        assert.ok(!result.text.includes('secretKeyRef'), 'no secretKeyRef left');
        assert.ok(style.eol === '\r\n' ? onlyCrlf(result.text) : !result.text.includes('\r'), 'line breaks kept');
        assertOnlyChange(text, result.text, expectFixed, 'fix-all');
        const parsed = parseManifest(result.text);
        const expectedStyle = { indent: style.indent, seqOffset: style.seqOffset, dashGap: style.dashGap };
        for (const d of parsed.documents) assert.deepEqual(documentStyle(d.doc, parsed.lines), expectedStyle, 'layout style kept');
      }),
      { numRuns: PROPERTY_RUNS, seed: PROPERTY_SEED },
    );
    assert.ok(entries > PROPERTY_RUNS, `generated enough secretKeyRef entries (${entries})`);
  });
});

describe('fix-all batches a container’s fixes exactly as one by one', () => {
  it('gives the same text, fix count and findings left on every fixture and generated manifest', () => {
    const texts = [
      ...['block', 'four-space', 'indentless', 'flow'].map((s) => readFixture('k8s-fix', `${s}.yaml`)),
      ...['all-workloads', 'env-from', 'crds', 'yaml-forms'].map((f) => readFixture('k8s', `${f}.yaml`)),
    ];
    fc.assert(
      fc.property(manifestArb, (generated) => {
        for (const text of [...texts, generated.text]) {
          const input = { text, path: 'm.yaml', codeReads: CODE_READS_EVERYTHING };
          const batched = fixAll(input);
          const oneByOne = fixAll(input, { oneByOne: true });
          assert.equal(batched.applied, oneByOne.applied);
          // The passes differ, so fixes that wait for a pass (a literal's Secret appended at the end of the
          // file) may come in another order: the same documents, volume sources and items, maybe reordered;
          // without literals, the same text.
          assert.deepEqual(normalized(batched.text), normalized(oneByOne.text));
          const noLiterals = { ...input, onlyRules: ['k8s-secret-env-ref', 'k8s-secret-env-from'] };
          assert.equal(fixAll(noLiterals).text, fixAll(noLiterals, { oneByOne: true }).text);
        }
      }),
      { numRuns: 20, seed: PROPERTY_SEED },
    );
  });
});

/** The documents of a text, sorted, with the order of projected `sources` and `items` ignored. */
function normalized(text: string): string[] {
  const sortLists = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) {
      const items = value.map((v) => sortLists(v));
      return key === 'sources' || key === 'items' ? items.map((v) => JSON.stringify(v)).sort() : items;
    }
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sortLists(v, k)]));
    return value;
  };
  return parseAllDocuments(text)
    .map((d) => JSON.stringify(sortLists(d.toJS())))
    .sort();
}
