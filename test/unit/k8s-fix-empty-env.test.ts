// When a fix moves the last entry out of a container's `env:` / `envFrom:`, the emptied key goes too —
// no `env: []` left behind — with the comment on its line and those inside it; comments above it and
// around other keys stay. Covers the key first on the item's `- ` line, flow lists and flow containers,
// CRLF, no final line break, the `[]` fallback, and fix-all with several findings in one container.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, fixAll } from '../../server/src/engine/analyze';
import type { TextEdit } from '../../server/src/engine/findings';
import { applyEdits } from '../../server/src/engine/text';
import { assertOnlyChange, crlf, objects, onlyCrlf, type Json, type PodJson } from '../support/k8s-fix';

const REF = 'secretKeyRef: {name: db, key: password}';
const HEAD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n';

const podOf = (doc: Json) => doc.spec as PodJson;
const fixed = (text: string) => fixAll({ text, path: 'p.yaml' }).text;

/** The container lost `key`; it gained the `app-secrets` mount and the pod the volume with `source`. */
function movedToVolume(key: 'env' | 'envFrom', source: Json) {
  return (docs: Json[]) => {
    const pod = podOf(docs[0]);
    delete pod.containers[0][key];
    pod.containers[0].volumeMounts = [...(pod.containers[0].volumeMounts ?? []), { name: 'app-secrets', mountPath: '/etc/secrets', readOnly: true }];
    pod.volumes = [{ name: 'app-secrets', projected: { sources: [source] } }];
  };
}
const PASSWORD_FILE = movedToVolume('env', { secret: { name: 'db', items: [{ key: 'password', path: 'DB_PASSWORD' }] } });

/** The text without its first `after` line — the lines the fix inserts after the container are not compared. */
function headOf(text: string, after: string): string {
  const at = text.indexOf(after);
  assert.ok(at >= 0, 'the marker line is present');
  return text.slice(0, at);
}

describe('an emptied env / envFrom key is removed', () => {
  it('removes `env:` with its own comments and keeps the comments of other keys (the reported case, exact text)', () => {
    const text = `${HEAD}    - name: app
      image: nginx
      # from vault
      env:  # secrets
        # the database password
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: db
              key: password   # rotated monthly
      # http
      ports:
        - containerPort: 80
`;
    const after = fixed(text);
    assert.equal(
      after,
      `${HEAD}    - name: app
      image: nginx
      # from vault
      # http
      ports:
        - containerPort: 80
      volumeMounts:
        - name: app-secrets
          mountPath: /etc/secrets
          readOnly: true
  volumes:
    - name: app-secrets
      projected:
        sources:
          - secret:
              name: db
              items:
                - key: password
                  path: DB_PASSWORD
`,
    );
    assertOnlyChange(text, after, PASSWORD_FILE, 'reported case');
  });

  it('removes `env:` as the last key of the last container of a CRLF file without a final line break', () => {
    const text = crlf(`${HEAD}    - name: app\n      image: nginx\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            ${REF}`);
    const after = fixed(text);
    assertOnlyChange(text, after, PASSWORD_FILE, 'last key, CRLF, no final break');
    assert.ok(onlyCrlf(after), 'only CRLF line breaks');
    assert.ok(!/\n$/.test(after), 'still no final line break');
    assert.ok(after.startsWith(crlf(`${HEAD}    - name: app\n      image: nginx\n      volumeMounts:\n`)), 'the mount takes the place of env');
  });

  it('moves the next key onto the `- ` line when `env:` was the first key of the container', () => {
    for (const eol of ['\n', '\r\n']) {
      const text =
        `${HEAD}    - env:  # secrets\n        - name: DB_PASSWORD\n          valueFrom:\n            ${REF}\n      name: app\n      image: nginx\n`.replace(
          /\n/g,
          eol,
        );
      const after = fixed(text);
      assertOnlyChange(text, after, PASSWORD_FILE, 'first key');
      assert.equal(headOf(after, 'volumeMounts:'), `${HEAD}    - name: app\n      image: nginx\n      `.replace(/\n/g, eol));
    }
  });

  it('moves the next key up in indentless and `-   ` layouts too', () => {
    const indentless = `${HEAD}  - env:\n    - name: DB_PASSWORD\n      valueFrom:\n        ${REF}\n    name: app\n`;
    assert.equal(headOf(fixed(indentless), 'volumeMounts:'), `${HEAD}  - name: app\n    `);
    const wide = `${HEAD.replace(/\n {2}/g, '\n    ')}        -   env:\n                -   name: DB_PASSWORD\n                    valueFrom:\n                        ${REF}\n            name: app\n`;
    assertOnlyChange(wide, fixed(wide), PASSWORD_FILE, '4-space');
    assert.ok(fixed(wide).includes('\n        -   name: app\n'), 'next key on the `-   ` line');
  });

  it('leaves the `-` alone on its line when comments or blank lines come before the next key (they stay)', () => {
    const text = `${HEAD}    - env:\n        - name: DB_PASSWORD\n          valueFrom:\n            ${REF}\n\n      # who we are\n      name: app\n`;
    const after = fixed(text);
    assertOnlyChange(text, after, PASSWORD_FILE, 'dash alone');
    assert.equal(headOf(after, '      volumeMounts:'), `${HEAD}    -\n\n      # who we are\n      name: app\n`);
  });

  it('removes a flow `env: […]` in a block container, first or not', () => {
    const flowEnv = `env: [{name: DB_PASSWORD, valueFrom: {${REF}}}]  # one`;
    const multiLine = `env: [\n        {name: DB_PASSWORD, valueFrom: {${REF}}}\n      ]`;
    const texts = [`${HEAD}    - name: app\n      ${flowEnv}\n      image: nginx\n`, `${HEAD}    - ${flowEnv}\n      name: app\n      image: nginx\n`];
    texts.push(`${HEAD}    - name: app\n      ${multiLine}\n      image: nginx\n`, `${HEAD}    - ${multiLine}\n      name: app\n      image: nginx\n`);
    for (const text of texts) {
      const after = fixed(text);
      assertOnlyChange(text, after, PASSWORD_FILE, 'flow env');
      assert.equal(headOf(after, '      volumeMounts:'), `${HEAD}    - name: app\n      image: nginx\n`);
    }
  });

  it('removes `env` with its comma from a flow container, wherever it sits', () => {
    const env = `env: [{name: DB_PASSWORD, valueFrom: {${REF}}}]`;
    const containers = [
      `{${env}, name: app, image: nginx}`,
      `{name: app, ${env}, image: nginx}`,
      `{name: app, image: nginx, ${env}}`,
      `{name: app, image: nginx,\n       ${env}\n      }`,
    ];
    for (const container of containers) {
      const text = `${HEAD}    - ${container}\n`;
      const after = fixed(text);
      assertOnlyChange(text, after, PASSWORD_FILE, 'flow container');
      assert.ok(after.includes('{name: app, image: nginx'), 'the other pairs keep their text');
      assert.ok(!after.includes('env'), 'env is gone');
    }
  });

  it('removes an emptied `envFrom:` the same way', () => {
    const text = `${HEAD}    - name: app\n      envFrom:  # everything\n        - secretRef:\n            name: db\n      image: nginx\n`;
    const after = fixed(text);
    assertOnlyChange(text, after, movedToVolume('envFrom', { secret: { name: 'db' } }), 'envFrom');
    assert.equal(headOf(after, '      volumeMounts:'), `${HEAD}    - name: app\n      image: nginx\n`);
  });

  it('removes `env:` when a literal moves into a Secret', () => {
    const text = `${HEAD}    - name: app\n      env:\n        - name: API_PASSWORD\n          value: "correct-horse-battery-staple-9"\n      image: nginx\n`;
    const after = fixed(text);
    const container = podOf(objects(after)[0]).containers[0];
    assert.ok(!('env' in container), 'env is gone');
    assert.deepEqual(Object.keys(container), ['name', 'image', 'volumeMounts']);
    assert.ok(!after.includes('correct-horse'), 'the literal is not copied anywhere');
  });

  it('keeps `env: []` when env is the container’s only key (removing it would turn the item into null)', () => {
    const text = `${HEAD}    - env:\n        - name: DB_PASSWORD\n          valueFrom:\n            ${REF}\n`;
    const after = fixed(text);
    assert.deepEqual(podOf(objects(after)[0]).containers[0].env, []);
    assert.ok(after.includes('    - env: []\n'));
  });

  it('leaves a non-empty env key in place (only the entry goes)', () => {
    const text = `${HEAD}    - env:\n        - name: DB_PASSWORD\n          valueFrom:\n            ${REF}\n        - name: LEVEL\n          value: debug\n      name: app\n`;
    assert.equal(headOf(fixed(text), '      name: app'), `${HEAD}    - env:\n        - name: LEVEL\n          value: debug\n`);
  });
});

/** The edits of one fix must not overlap or touch (an LSP client rejects overlapping edits). */
function disjoint(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  return sorted.every((e, i) => i === 0 || sorted[i - 1].end <= e.start);
}

describe('fix-all with several findings in one container', () => {
  const MIXED = `${HEAD}    - env:  # all secret
        - name: A_PASSWORD
          valueFrom:
            secretKeyRef: {name: db, key: a}
        - name: API_PASSWORD
          value: "correct-horse-battery-staple-9"
        - name: B_PASSWORD
          valueFrom:
            secretKeyRef:
              name: db
              key: b
      envFrom:
        - secretRef: {name: db}
      name: app
    - name: side
      env: [{name: C_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: c}}}, {name: D_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: d}}}]
      image: side
`;

  it('removes each emptied key exactly once, and every fix offered on the way has disjoint edits', () => {
    for (const text of [MIXED, crlf(MIXED)]) {
      assert.equal(analyze({ text, path: 'p.yaml' }).findings.length, 6);
      // One finding at a time, the way a person clicks through the quick fixes.
      let current = text;
      for (let step = 0; step < 6; step++) {
        const analysis = analyze({ text: current, path: 'p.yaml' });
        const fixes = analysis.findings.flatMap((f) => analysis.fixesFor(f));
        for (const fix of fixes) assert.ok(disjoint(fix.edits), `disjoint edits: ${fix.title}`);
        const fix = fixes.find((f) => f.preferred);
        assert.ok(fix, 'a preferred fix');
        current = applyEdits(current, fix.edits);
        objects(current);
      }
      const result = fixAll({ text, path: 'p.yaml' });
      for (const after of [current, result.text]) {
        assert.equal(analyze({ text: after, path: 'p.yaml' }).findings.length, 0);
        const [app, side] = podOf(objects(after)[0]).containers;
        assert.deepEqual(Object.keys(app), ['name', 'volumeMounts']);
        assert.deepEqual(Object.keys(side), ['name', 'image', 'volumeMounts']);
        assert.ok(!/\benv(From)?:/.test(after), 'no env or envFrom key left');
        assert.ok(after.includes(text.includes('\r') ? '    - name: app\r\n' : '    - name: app\n'), 'name moved onto the dash line');
        assert.equal(onlyCrlf(after), text.includes('\r'), 'line breaks kept');
      }
      assert.equal(result.applied, 6, 'one fix per finding');
    }
  });
});
