// The emptied `env:` / `envFrom:` key removed in every block layout (2/4-space, indentless, `-   `),
// with the key first (on the item's `- ` line), in the middle or last, as a block or flow list, LF or
// CRLF, with or without a final line break — for each fix that takes an entry out (secretKeyRef,
// envFrom, literal). Every kept line survives byte for byte and in order; the key's own comments go.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixAll } from '../../server/src/engine/fix-all';
import { parseManifest } from '../../server/src/engine/k8s/documents';
import { documentStyle } from '../../server/src/engine/k8s/fix/style';
import { assertOnlyChange, onlyCrlf, type Json, type PodJson, CODE_READS_EVERYTHING } from '../support/k8s-fix';
import { assertSameText } from '../support/snapshot';

interface Layout {
  indent: number;
  indentless: boolean;
  gap: number;
}
const LAYOUTS: Layout[] = [
  { indent: 2, indentless: false, gap: 2 },
  { indent: 2, indentless: true, gap: 2 },
  { indent: 4, indentless: false, gap: 4 },
  { indent: 4, indentless: true, gap: 2 },
];
type Rule = 'env-ref' | 'env-from' | 'env-literal';
type Position = 'first' | 'middle' | 'last';

/** Comments that belong to the removed key (on its line, inside it) and must go with it. */
const OWN_COMMENTS = ['# moved to files', '# entry comment'];

interface Line {
  text: string;
  /** Part of the `env:` / `envFrom:` pair the fix removes. */
  removed: boolean;
}

/** The list pair under test, its key at column `k`; `so` columns to the dash, `gap` after it. */
function listPair(rule: Rule, flow: boolean, k: number, so: number, layout: Layout): Line[] {
  const key = rule === 'env-from' ? 'envFrom' : 'env';
  const pad = (n: number) => ' '.repeat(n);
  if (flow) {
    const entry = {
      'env-ref': '{name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}',
      'env-from': '{secretRef: {name: db}}',
      'env-literal': '{name: DB_PASSWORD, value: "correct-horse-battery-staple-9"}',
    }[rule];
    return [{ text: `${pad(k)}${key}: [${entry}]  # moved to files`, removed: true }];
  }
  const c = k + so + layout.gap;
  const dash = `${pad(k + so)}-${pad(layout.gap - 1)}`;
  const body = {
    'env-ref': [
      `${dash}name: DB_PASSWORD`,
      `${pad(c)}valueFrom:`,
      `${pad(c + layout.indent)}secretKeyRef:`,
      `${pad(c + 2 * layout.indent)}name: db`,
      `${pad(c + 2 * layout.indent)}key: password`,
    ],
    'env-from': [`${dash}secretRef:`, `${pad(c + layout.indent)}name: db`],
    'env-literal': [`${dash}name: DB_PASSWORD`, `${pad(c)}value: "correct-horse-battery-staple-9"`],
  }[rule];
  return [`${pad(k)}${key}:  # moved to files`, `${pad(k + so)}# entry comment`, ...body].map((text) => ({ text, removed: true }));
}

interface Generated {
  text: string;
  /** The lines the fix must keep, as they must read afterwards. */
  kept: string[];
}

function render(layout: Layout, rule: Rule, position: Position, flow: boolean, eol: string, finalBreak: boolean): Generated {
  const pad = (n: number) => ' '.repeat(n);
  const so = layout.indentless ? 0 : layout.indent;
  const d = layout.indent + so;
  const k = d + layout.gap;
  const kept = (...texts: string[]): Line[] => texts.map((text) => ({ text, removed: false }));
  const pairs: Record<string, Line[]> = {
    name: kept(`${pad(k)}name: app`),
    image: kept(`${pad(k)}image: nginx`),
    ports: kept('', `${pad(k)}# http`, `${pad(k)}ports:`, `${pad(k + so)}-${pad(layout.gap - 1)}containerPort: 80`),
    list: [...(position === 'first' ? [] : kept(`${pad(k)}# from vault`)), ...listPair(rule, flow, k, so, layout)],
  };
  const order = { first: ['list', 'name', 'image', 'ports'], middle: ['name', 'list', 'ports', 'image'], last: ['name', 'image', 'ports', 'list'] }[position];
  const container = order.flatMap((key) => pairs[key]);
  container[0] = { ...container[0], text: `${pad(d)}-${pad(layout.gap - 1)}${container[0].text.slice(k)}` };
  const head = kept('apiVersion: v1', 'kind: Pod', 'metadata:', `${pad(layout.indent)}name: p`, 'spec:', `${pad(layout.indent)}containers:`);
  const lines = [...head, ...container];
  const keptLines = lines.filter((l) => !l.removed).map((l) => l.text);
  // `env:` first on the `- ` line: the next key moves up onto that line.
  if (position === 'first') keptLines[head.length] = `${pad(d)}-${pad(layout.gap - 1)}${keptLines[head.length].slice(k)}`;
  return { text: lines.map((l) => l.text).join(eol) + (finalBreak ? eol : ''), kept: keptLines };
}

function expectedChange(rule: Rule) {
  return (docs: Json[]) => {
    const pod = docs[0].spec as PodJson;
    delete pod.containers[0][rule === 'env-from' ? 'envFrom' : 'env'];
    pod.containers[0].volumeMounts = [{ name: 'app-secrets', mountPath: '/etc/secrets', readOnly: true }];
    const source = {
      'env-ref': { secret: { name: 'db', items: [{ key: 'password', path: 'DB_PASSWORD' }] } },
      'env-from': { secret: { name: 'db', items: [{ key: 'password', path: 'password' }] } },
      'env-literal': { secret: { name: 'p-secrets', items: [{ key: 'DB_PASSWORD', path: 'DB_PASSWORD' }] } },
    }[rule];
    pod.volumes = [{ name: 'app-secrets', projected: { sources: [source] } }];
    if (rule === 'env-literal')
      docs.push({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'p-secrets' },
        type: 'Opaque',
        stringData: { DB_PASSWORD: 'correct-horse-battery-staple-9' },
      });
  };
}

/**
 * What the fix appends after the kept lines, per layout (the container is the pod's last key): the
 * mount, the pod's volume with the Secret source, and for a literal the new Secret document.
 */
const APPENDED: Record<string, string[]> = {
  '2-space, gap 2': [
    '      volumeMounts:',
    '        - name: app-secrets',
    '          mountPath: /etc/secrets',
    '          readOnly: true',
    '  volumes:',
    '    - name: app-secrets',
    '      projected:',
    '        sources:',
    '          - secret:',
    '              name: db',
    '              items:',
    '                - key: password',
    '                  path: DB_PASSWORD',
  ],
  '2-space indentless, gap 2': [
    '    volumeMounts:',
    '    - name: app-secrets',
    '      mountPath: /etc/secrets',
    '      readOnly: true',
    '  volumes:',
    '  - name: app-secrets',
    '    projected:',
    '      sources:',
    '      - secret:',
    '          name: db',
    '          items:',
    '          - key: password',
    '            path: DB_PASSWORD',
  ],
  '4-space, gap 4': [
    '            volumeMounts:',
    '                -   name: app-secrets',
    '                    mountPath: /etc/secrets',
    '                    readOnly: true',
    '    volumes:',
    '        -   name: app-secrets',
    '            projected:',
    '                sources:',
    '                    -   secret:',
    '                            name: db',
    '                            items:',
    '                                -   key: password',
    '                                    path: DB_PASSWORD',
  ],
  '4-space indentless, gap 2': [
    '      volumeMounts:',
    '      - name: app-secrets',
    '        mountPath: /etc/secrets',
    '        readOnly: true',
    '    volumes:',
    '    - name: app-secrets',
    '      projected:',
    '          sources:',
    '          - secret:',
    '                name: db',
    '                items:',
    '                - key: password',
    '                  path: DB_PASSWORD',
  ],
};

/** The appended lines for `rule`: env-from mounts the Secret's known key; a literal moves (with its value) to a new Secret. */
function appended(style: string, layout: Layout, rule: Rule): string[] {
  const lines = APPENDED[style];
  if (rule === 'env-ref') return lines;
  if (rule === 'env-from') return lines.map((l) => l.replace('path: DB_PASSWORD', 'path: password'));
  const pad = ' '.repeat(layout.indent);
  return [
    ...lines.map((l) => l.replace('name: db', 'name: p-secrets').replace('key: password', 'key: DB_PASSWORD')),
    '---',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `${pad}name: p-secrets`,
    'type: Opaque',
    'stringData:',
    `${pad}# Moved from the workload's env: better kept out of the repository (kubectl create secret, a sealed or external secret).`,
    `${pad}DB_PASSWORD: "correct-horse-battery-staple-9"`,
  ];
}

describe('an emptied env / envFrom key is removed in every layout', () => {
  for (const layout of LAYOUTS) {
    const style = `${layout.indent}-space${layout.indentless ? ' indentless' : ''}, gap ${layout.gap}`;
    for (const rule of ['env-ref', 'env-from', 'env-literal'] as const) {
      it(`${rule} [${style}]`, () => {
        let cases = 0;
        for (const position of ['first', 'middle', 'last'] as const) {
          for (const flow of [false, true]) {
            for (const eol of ['\n', '\r\n']) {
              for (const finalBreak of [true, false]) {
                const where = `${position}, ${flow ? 'flow' : 'block'} list, ${eol === '\n' ? 'LF' : 'CRLF'}, ${finalBreak ? '' : 'no '}final break`;
                const { text, kept } = render(layout, rule, position, flow, eol, finalBreak);
                const result = fixAll({
                  codeReads: CODE_READS_EVERYTHING,
                  secretKeys: () => ['password'],
                  text,
                  path: 'p.yaml',
                  onlyRules: [`k8s-secret-${rule}`],
                });
                assert.equal(result.applied, 1, `one fix applied (${where})`);
                const after = result.text;
                // Every kept line survives byte for byte and in order (the key's own comments went with it),
                // then what the fix appends; the file ends as it did.
                assertSameText(after, [...kept, ...appended(style, layout, rule)].join(eol) + (finalBreak ? eol : ''), where);
                assertOnlyChange(text, after, expectedChange(rule), where);
                const lines = after.split(/\r?\n/);
                for (const comment of OWN_COMMENTS) assert.ok(!after.includes(comment), `the key's own comment went with it (${where})`);
                assert.equal(
                  lines.filter((l) => l.trim() === '').length,
                  text.split(/\r?\n/).filter((l) => l.trim() === '').length,
                  `blank lines kept (${where})`,
                );
                assert.equal(onlyCrlf(after), eol === '\r\n', `line breaks kept (${where})`);
                assert.equal(/\n$/.test(after), finalBreak, `the file ends as it did (${where})`);
                const before = parseManifest(text);
                const fixed = parseManifest(after);
                assert.deepEqual(
                  documentStyle(fixed.documents[0].doc, fixed.lines),
                  documentStyle(before.documents[0].doc, before.lines),
                  `layout style kept (${where})`,
                );
                cases++;
              }
            }
          }
        }
        assert.equal(cases, 24);
      });
    }
  }
});
