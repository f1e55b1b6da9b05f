// The secretKeyRef fix on YAML subtleties: flow pod specs, multi-line flow, no final line break,
// BOM + %YAML directive + `...` + comment after `---`, block scalars containing `---`, tabs after `:`,
// quoted keys. Each result re-parses to the input plus exactly the fix; awkward layouts decline safely.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fix-all';
import { assertOnlyChange, type Json, type PodJson, CODE_READS_EVERYTHING } from '../support/k8s-fix';
import { assertSameText } from '../support/snapshot';

const ENTRY = '        - name: TOKEN\n          valueFrom:\n            secretKeyRef: {name: t, key: v}';
const BLOCK_POD = (containerExtra = '') => `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: c\n${containerExtra}      env:\n${ENTRY}`;

/** The mount and the volume the fix adds to a block container and pod spec (no final line break). */
const VOLUME = [
  '  volumes:',
  '    - name: c-secrets',
  '      projected:',
  '        sources:',
  '          - secret:',
  '              name: t',
  '              items:',
  '                - key: v',
  '                  path: TOKEN',
].join('\n');
const MOUNTED = `      volumeMounts:\n        - name: c-secrets\n          mountPath: /etc/secrets\n          readOnly: true\n${VOLUME}`;

/** [input, the whole text after fix-all] */
const CASES: Record<string, [string, string]> = {
  'flow pod spec and `...` end marker': [
    'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: c, env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: t, key: v}}}]}]}\n...\n',
    'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: c, volumeMounts: [{name: c-secrets, mountPath: /etc/secrets, readOnly: true}]}], volumes: [{name: c-secrets, projected: {sources: [{secret: {name: t, items: [{key: v, path: TOKEN}]}}]}}]}\n...\n',
  ],
  'multi-line flow container list': [
    'apiVersion: v1\nkind: Pod\nspec:\n  containers: [\n    {name: c,\n     env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: t, key: v}}}]\n    }\n  ]\n',
    `apiVersion: v1\nkind: Pod\nspec:\n  containers: [\n    {name: c, volumeMounts: [{name: c-secrets, mountPath: /etc/secrets, readOnly: true}]\n    }\n  ]\n${VOLUME}\n`,
  ],
  'no final line break': [BLOCK_POD(), `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: c\n${MOUNTED}`],
  'BOM, %YAML directive, comment after ---, block scalar holding ---, tab after colon': [
    `\uFEFF%YAML 1.1\n--- # pod\n${BLOCK_POD('      args:\n        - |\n          ---\n          not a document\n').replace('name: TOKEN', 'name:\tTOKEN')}\n...\n`,
    `\uFEFF%YAML 1.1\n--- # pod\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: c\n      args:\n        - |\n          ---\n          not a document\n${MOUNTED}\n...\n`,
  ],
  'quoted keys': [
    'apiVersion: v1\nkind: Pod\nspec:\n  "containers":\n    - "name": "c"\n      \'env\':\n        - name: "TOKEN"\n          valueFrom:\n            "secretKeyRef": {"name": "t", "key": "v"}\n',
    `apiVersion: v1\nkind: Pod\nspec:\n  "containers":\n    - "name": "c"\n${MOUNTED}\n`,
  ],
};

/** The container's only env entry is gone, with its emptied `env:` key; the Secret key is mounted. */
function expectFixed(docs: Json[]): void {
  delete (docs[docs.length - 1].spec as PodJson).containers[0].env;
  expectMounted(docs);
}

function expectMounted(docs: Json[]): void {
  const pod = docs[docs.length - 1].spec as PodJson;
  pod.containers[0].volumeMounts = [{ name: 'c-secrets', mountPath: '/etc/secrets', readOnly: true }];
  pod.volumes = [{ name: 'c-secrets', projected: { sources: [{ secret: { name: 't', items: [{ key: 'v', path: 'TOKEN' }] } }] } }];
}

describe('secretKeyRef fix on YAML subtleties', () => {
  for (const [name, [text, expected]] of Object.entries(CASES)) {
    it(name, () => {
      assert.equal(analyze({ codeReads: CODE_READS_EVERYTHING, text, path: 'x.yaml' }).findings.length, 1);
      const result = fixAll({ codeReads: CODE_READS_EVERYTHING, text, path: 'x.yaml' });
      assert.equal(result.applied, 1);
      // The file ends as it did, keeps its BOM, and gains no blank line.
      assertSameText(result.text, expected, name);
      assertOnlyChange(text, result.text, expectFixed, name);
    });
  }

  it('keeps a NAME_FILE pointer (preferred) when the item starts with a comment after its dash', () => {
    const odd = '        - # odd layout\n          name: TOKEN';
    const text = `${BLOCK_POD().replace('        - name: TOKEN', odd)}\n        - name: LEVEL\n          value: debug\n`;
    const analysis = analyze({ codeReads: CODE_READS_EVERYTHING, text, path: 'x.yaml' });
    const fixes = analysis.fixesFor(analysis.findings[0]);
    assert.deepEqual(
      fixes.map((f) => f.preferred),
      [true],
    );
    assert.match(fixes[0].title, /TOKEN_FILE pointer/);
    assertOnlyChange(
      text,
      fixAll({ codeReads: CODE_READS_EVERYTHING, text, path: 'x.yaml' }).text,
      (docs) => {
        (docs[0].spec as PodJson).containers[0].env = [
          { name: 'TOKEN_FILE', value: '/etc/secrets/TOKEN' },
          { name: 'LEVEL', value: 'debug' },
        ];
        expectMounted(docs);
      },
      'pointer',
    );
  });

  it('removes that odd item with its whole env key when it is the only entry', () => {
    const text = BLOCK_POD().replace('        - name: TOKEN', '        - # odd layout\n          name: TOKEN');
    const analysis = analyze({ codeReads: CODE_READS_EVERYTHING, text, path: 'x.yaml' });
    assert.match(analysis.fixesFor(analysis.findings[0])[0]?.title ?? '', /^Mount Secret key as file — /);
    const after = fixAll({ codeReads: CODE_READS_EVERYTHING, text, path: 'x.yaml' }).text;
    // The comment inside the removed entry went with it.
    assertSameText(after, `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: c\n${MOUNTED}`, 'the fixed file');
    assertOnlyChange(text, after, expectFixed, 'odd item, whole key');
  });

  it('declines when volumeMounts is present but empty (null), rather than guess', () => {
    const text = BLOCK_POD('      volumeMounts:\n');
    const analysis = analyze({ codeReads: CODE_READS_EVERYTHING, text, path: 'x.yaml' });
    assert.equal(analysis.findings.length, 1);
    assert.deepEqual(analysis.fixesFor(analysis.findings[0]), []);
  });
});
