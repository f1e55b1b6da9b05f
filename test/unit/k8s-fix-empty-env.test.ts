// When a fix moves the last entry out of a container's `env:` / `envFrom:`, the emptied key goes too —
// no `env: []` left behind — with the comment on its line and those inside it; comments above it and
// around other keys stay. Covers the key first on the item's `- ` line, flow lists and flow containers,
// CRLF, no final line break, the `[]` fallback, and fix-all with several findings in one container.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fix-all';
import type { TextEdit } from '../../server/src/engine/findings';
import { applyEdits } from '../../server/src/engine/text';
import { assertOnlyChange, crlf, objects, type Json, type PodJson, CODE_READS_EVERYTHING } from '../support/k8s-fix';
import { assertSameText } from '../support/snapshot';

const REF = 'secretKeyRef: {name: db, key: password}';
const HEAD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n';

const podOf = (doc: Json) => doc.spec as PodJson;
// The code reads every variable, and the Secret `db` is known to hold the one key `password`.
const fixed = (text: string) => fixAll({ codeReads: CODE_READS_EVERYTHING, secretKeys: () => ['password'], text, path: 'p.yaml' }).text;

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

/** What the secretKeyRef fix appends to the last container (2-space block layout): the mount, then the pod's volume. */
const MOUNT = `      volumeMounts:
        - name: app-secrets
          mountPath: /etc/secrets
          readOnly: true`;
const VOLUME = `  volumes:
    - name: app-secrets
      projected:
        sources:
          - secret:
              name: db
              items:
                - key: password
                  path: DB_PASSWORD`;

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
    assertSameText(
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
      'the fixed file',
    );
    assertOnlyChange(text, after, PASSWORD_FILE, 'reported case');
  });

  it('removes `env:` as the last key of the last container of a CRLF file without a final line break', () => {
    const text = crlf(`${HEAD}    - name: app\n      image: nginx\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            ${REF}`);
    const after = fixed(text);
    // The mount takes the place of env; only CRLF line breaks, and still no final one.
    assertSameText(after, crlf(`${HEAD}    - name: app\n      image: nginx\n${MOUNT}\n${VOLUME}`), 'the fixed file');
    assertOnlyChange(text, after, PASSWORD_FILE, 'last key, CRLF, no final break');
  });

  it('moves the next key onto the `- ` line when `env:` was the first key of the container', () => {
    for (const eol of ['\n', '\r\n']) {
      const text =
        `${HEAD}    - env:  # secrets\n        - name: DB_PASSWORD\n          valueFrom:\n            ${REF}\n      name: app\n      image: nginx\n`.replace(
          /\n/g,
          eol,
        );
      const after = fixed(text);
      assertSameText(after, `${HEAD}    - name: app\n      image: nginx\n${MOUNT}\n${VOLUME}\n`.replace(/\n/g, eol), 'the fixed file');
      assertOnlyChange(text, after, PASSWORD_FILE, 'first key');
    }
  });

  it('moves the next key up in indentless and `-   ` layouts too', () => {
    const indentless = `${HEAD}  - env:\n    - name: DB_PASSWORD\n      valueFrom:\n        ${REF}\n    name: app\n`;
    assertSameText(
      fixed(indentless),
      `${HEAD}  - name: app
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
      'indentless',
    );
    const wideHead = HEAD.replace(/\n {2}/g, '\n    ');
    const wide = `${wideHead}        -   env:\n                -   name: DB_PASSWORD\n                    valueFrom:\n                        ${REF}\n            name: app\n`;
    assertSameText(
      fixed(wide),
      `${wideHead}        -   name: app
            volumeMounts:
                -   name: app-secrets
                    mountPath: /etc/secrets
                    readOnly: true
    volumes:
        -   name: app-secrets
            projected:
                sources:
                    -   secret:
                            name: db
                            items:
                                -   key: password
                                    path: DB_PASSWORD
`,
      '4-space',
    );
    assertOnlyChange(wide, fixed(wide), PASSWORD_FILE, '4-space');
  });

  it('leaves the `-` alone on its line when comments or blank lines come before the next key (they stay)', () => {
    const text = `${HEAD}    - env:\n        - name: DB_PASSWORD\n          valueFrom:\n            ${REF}\n\n      # who we are\n      name: app\n`;
    const after = fixed(text);
    assertSameText(after, `${HEAD}    -\n\n      # who we are\n      name: app\n${MOUNT}\n${VOLUME}\n`, 'the fixed file');
    assertOnlyChange(text, after, PASSWORD_FILE, 'dash alone');
  });

  it('removes a flow `env: […]` in a block container, first or not', () => {
    const flowEnv = `env: [{name: DB_PASSWORD, valueFrom: {${REF}}}]  # one`;
    const multiLine = `env: [\n        {name: DB_PASSWORD, valueFrom: {${REF}}}\n      ]`;
    const texts = [`${HEAD}    - name: app\n      ${flowEnv}\n      image: nginx\n`, `${HEAD}    - ${flowEnv}\n      name: app\n      image: nginx\n`];
    texts.push(`${HEAD}    - name: app\n      ${multiLine}\n      image: nginx\n`, `${HEAD}    - ${multiLine}\n      name: app\n      image: nginx\n`);
    for (const text of texts) {
      const after = fixed(text);
      assertSameText(after, `${HEAD}    - name: app\n      image: nginx\n${MOUNT}\n${VOLUME}\n`, 'the fixed file');
      assertOnlyChange(text, after, PASSWORD_FILE, 'flow env');
    }
  });

  it('removes `env` with its comma from a flow container, wherever it sits', () => {
    const env = `env: [{name: DB_PASSWORD, valueFrom: {${REF}}}]`;
    // The other pairs keep their text; the mount is added as a flow pair, the volume in the pod's block style.
    const mount = 'volumeMounts: [{name: app-secrets, mountPath: /etc/secrets, readOnly: true}]';
    const containers = [
      [`{${env}, name: app, image: nginx}`, `{name: app, image: nginx, ${mount}}`],
      [`{name: app, ${env}, image: nginx}`, `{name: app, image: nginx, ${mount}}`],
      [`{name: app, image: nginx, ${env}}`, `{name: app, image: nginx, ${mount}}`],
      [`{name: app, image: nginx,\n       ${env}\n      }`, `{name: app, image: nginx, ${mount}\n      }`],
    ];
    for (const [container, expected] of containers) {
      const text = `${HEAD}    - ${container}\n`;
      const after = fixed(text);
      assertSameText(after, `${HEAD}    - ${expected}\n${VOLUME}\n`, 'the fixed file');
      assertOnlyChange(text, after, PASSWORD_FILE, 'flow container');
    }
  });

  it('removes an emptied `envFrom:` the same way', () => {
    const text = `${HEAD}    - name: app\n      envFrom:  # everything\n        - secretRef:\n            name: db\n      image: nginx\n`;
    const after = fixed(text);
    assertSameText(
      after,
      `${HEAD}    - name: app
      image: nginx
${MOUNT}
  volumes:
    - name: app-secrets
      projected:
        sources:
          - secret:
              name: db
              items:
                - key: password
                  path: password
`,
      'the fixed file',
    );
    assertOnlyChange(text, after, movedToVolume('envFrom', { secret: { name: 'db', items: [{ key: 'password', path: 'password' }] } }), 'envFrom');
  });

  it('removes `env:` when a literal moves into a Secret', () => {
    const text = `${HEAD}    - name: app\n      env:\n        - name: API_PASSWORD\n          value: "correct-horse-battery-staple-9"\n      image: nginx\n`;
    const after = fixed(text);
    assertSameText(
      after,
      `${HEAD}    - name: app
      image: nginx
${MOUNT}
  volumes:
    - name: app-secrets
      projected:
        sources:
          - secret:
              name: p-secrets
              items:
                - key: API_PASSWORD
                  path: API_PASSWORD
---
apiVersion: v1
kind: Secret
metadata:
  name: p-secrets
type: Opaque
stringData:
  # Moved from the workload's env: better kept out of the repository (kubectl create secret, a sealed or external secret).
  API_PASSWORD: "correct-horse-battery-staple-9"
`,
      'the fixed file',
    );
    const container = podOf(objects(after)[0]).containers[0];
    assert.deepEqual(Object.keys(container), ['name', 'image', 'volumeMounts']);
    assert.equal(after.split('correct-horse-battery-staple-9').length, 2, 'the literal moved: once in the file, in the Secret');
  });

  it('keeps `env: []` when env is the container’s only key (removing it would turn the item into null)', () => {
    const text = `${HEAD}    - env:\n        - name: DB_PASSWORD\n          valueFrom:\n            ${REF}\n`;
    const after = fixed(text);
    // A container without a name: the volume is named after its place in the list.
    assertSameText(
      after,
      `${HEAD}    - env: []
      volumeMounts:
        - name: containers-0-secrets
          mountPath: /etc/secrets
          readOnly: true
  volumes:
    - name: containers-0-secrets
      projected:
        sources:
          - secret:
              name: db
              items:
                - key: password
                  path: DB_PASSWORD
`,
      'the fixed file',
    );
    assert.deepEqual(podOf(objects(after)[0]).containers[0].env, []);
  });

  it('leaves a non-empty env key in place (only the entry goes)', () => {
    const text = `${HEAD}    - env:\n        - name: DB_PASSWORD\n          valueFrom:\n            ${REF}\n        - name: LEVEL\n          value: debug\n      name: app\n`;
    assertSameText(fixed(text), `${HEAD}    - env:\n        - name: LEVEL\n          value: debug\n      name: app\n${MOUNT}\n${VOLUME}\n`, 'the fixed file');
  });
});

/** The edits of one fix must not overlap or touch (an LSP client rejects overlapping edits). */
function disjoint(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  return sorted.every((e, i) => i === 0 || sorted[i - 1].end <= e.start);
}

describe('fix-all with several findings in one container', () => {
  // Both containers lose env / envFrom; `name` moves onto the dash line; one volume per container, each
  // Secret reference a source of it (the literal's new Secret too).
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
  const MIXED_FIXED = `${HEAD}    - name: app
${MOUNT}
    - name: side
      image: side
      volumeMounts:
        - name: side-secrets
          mountPath: /etc/secrets
          readOnly: true
  volumes:
    - name: app-secrets
      projected:
        sources:
          - secret:
              name: db
              items:
                - key: a
                  path: A_PASSWORD
                - key: b
                  path: B_PASSWORD
                - key: password
                  path: password
          - secret:
              name: p-secrets
              items:
                - key: API_PASSWORD
                  path: API_PASSWORD
    - name: side-secrets
      projected:
        sources:
          - secret:
              name: db
              items:
                - key: c
                  path: C_PASSWORD
                - key: d
                  path: D_PASSWORD
---
apiVersion: v1
kind: Secret
metadata:
  name: p-secrets
type: Opaque
stringData:
  # Moved from the workload's env: better kept out of the repository (kubectl create secret, a sealed or external secret).
  API_PASSWORD: "correct-horse-battery-staple-9"
`;

  it('removes each emptied key exactly once, and every fix offered on the way has disjoint edits', () => {
    for (const text of [MIXED, crlf(MIXED)]) {
      assert.equal(analyze({ codeReads: CODE_READS_EVERYTHING, secretKeys: () => ['password'], text, path: 'p.yaml' }).findings.length, 6);
      // One finding at a time, the way a person clicks through the quick fixes.
      let current = text;
      for (let step = 0; step < 6; step++) {
        const analysis = analyze({ codeReads: CODE_READS_EVERYTHING, secretKeys: () => ['password'], text: current, path: 'p.yaml' });
        const fixes = analysis.findings.flatMap((f) => analysis.fixesFor(f));
        for (const fix of fixes) assert.ok(disjoint(fix.edits), `disjoint edits: ${fix.title}`);
        const fix = fixes.find((f) => f.preferred);
        assert.ok(fix, 'a preferred fix');
        current = applyEdits(current, fix.edits);
        objects(current);
      }
      const result = fixAll({ codeReads: CODE_READS_EVERYTHING, secretKeys: () => ['password'], text, path: 'p.yaml' });
      for (const [after, how] of [
        [current, 'one fix at a time'],
        [result.text, 'fix-all'],
      ]) {
        assertSameText(after, text.includes('\r') ? crlf(MIXED_FIXED) : MIXED_FIXED, how);
        assert.equal(analyze({ codeReads: CODE_READS_EVERYTHING, secretKeys: () => ['password'], text: after, path: 'p.yaml' }).findings.length, 0);
        const [app, side] = podOf(objects(after)[0]).containers;
        assert.deepEqual(Object.keys(app), ['name', 'volumeMounts']);
        assert.deepEqual(Object.keys(side), ['name', 'image', 'volumeMounts']);
      }
      assert.equal(result.applied, 6, 'one fix per finding');
    }
  });
});
