// Every manifest fix on the same workload written four ways (2-space block, 4-space, indentless,
// flow), with LF and CRLF: the result re-parses to the input's objects plus exactly the intended
// change, in key order, keeping comments, blank lines, quotes, line breaks and the layout style.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { Finding, Fix } from '../../server/src/engine/findings';
import { parseManifest, type ManifestContext } from '../../server/src/engine/k8s/documents';
import { envFromFixes, envRefFixes, literalFixes, modeFixes, subPathFixes } from '../../server/src/engine/k8s/fix';
import { documentStyle } from '../../server/src/engine/k8s/fix/style';
import type { RuleEnv } from '../../server/src/engine/rule';
import { readFixture } from '../support/fixtures';
import { applyFix, assertOnlyChange, crlf, deploymentPod, findingAt, FIX_STYLES, offsetOf, onlyCrlf, ruleEnv, type Json } from '../support/k8s-fix';
import { assertMatchesSnapshot, assertSameText } from '../support/snapshot';

/** The whole fixed file per layout and fix (LF; the CRLF run expects the same with CRLF). `UPDATE_SNAPSHOTS=1` rewrites them. */
const SNAPSHOTS = path.join(__dirname, '..', 'snapshots', 'k8s-fix-styles');

type Fixer = (ctx: ManifestContext, finding: Finding, env: RuleEnv) => Fix[];

/** The mode the fix writes, read the way this test's parser reads it. */
const MODE_0440 = parse('0440') as number;
const MOUNT = { name: 'api-secrets', mountPath: '/etc/secrets', readOnly: true };

function addOwnVolume(docs: Json[], source: Json): void {
  const pod = deploymentPod(docs[0]);
  pod.containers[0].volumeMounts?.push({ ...MOUNT });
  pod.volumes?.push({ name: 'api-secrets', projected: { defaultMode: MODE_0440, sources: [source] } });
}

interface Case {
  name: string;
  /** Names the case's snapshot file. */
  id: string;
  fixer: Fixer;
  finding: (text: string) => Finding;
  /** Which of the returned fixes to apply, and whether it must be the preferred one. */
  pick: number;
  preferred: boolean;
  title: RegExp;
  change: (docs: Json[]) => void;
}

const CASES: Case[] = [
  {
    name: 'env-ref: mount Secret key as file',
    id: 'env-ref',
    fixer: envRefFixes,
    finding: (t) =>
      findingAt('k8s-secret-env-ref', offsetOf(t, 'DB_PASSWORD', 'secretKeyRef'), { variable: 'DB_PASSWORD', secret: 'db', key: 'password', optional: true }),
    pick: 0,
    preferred: true,
    title: /^Mount Secret key as file — app must read \/etc\/secrets\/DB_PASSWORD$/,
    change(docs) {
      deploymentPod(docs[0]).containers[0].env?.splice(0, 1);
      addOwnVolume(docs, { secret: { name: 'db', items: [{ key: 'password', path: 'DB_PASSWORD' }], optional: true } });
    },
  },
  {
    name: 'env-ref: keep a NAME_FILE pointer',
    id: 'env-ref-pointer',
    fixer: envRefFixes,
    finding: (t) =>
      findingAt('k8s-secret-env-ref', offsetOf(t, 'DB_PASSWORD', 'secretKeyRef'), { variable: 'DB_PASSWORD', secret: 'db', key: 'password', optional: true }),
    pick: 1,
    preferred: false,
    title: /DB_PASSWORD_FILE pointer — app must read \/etc\/secrets\/DB_PASSWORD$/,
    change(docs) {
      const env = deploymentPod(docs[0]).containers[0].env;
      if (env) env[0] = { name: 'DB_PASSWORD_FILE', value: '/etc/secrets/DB_PASSWORD' };
      addOwnVolume(docs, { secret: { name: 'db', items: [{ key: 'password', path: 'DB_PASSWORD' }], optional: true } });
    },
  },
  {
    name: 'env-ref: flow-style secretKeyRef in the middle of the list',
    id: 'env-ref-flow',
    fixer: envRefFixes,
    finding: (t) => findingAt('k8s-secret-env-ref', offsetOf(t, 'API_TOKEN', 'secretKeyRef'), { variable: 'API_TOKEN', secret: 'api', key: 'token' }),
    pick: 0,
    preferred: true,
    title: /\/etc\/secrets\/API_TOKEN$/,
    change(docs) {
      deploymentPod(docs[0]).containers[0].env?.splice(2, 1);
      addOwnVolume(docs, { secret: { name: 'api', items: [{ key: 'token', path: 'API_TOKEN' }] } });
    },
  },
  {
    name: 'env-from: whole Secret, keys known from the Secret in the file, prefix honoured',
    id: 'env-from',
    fixer: envFromFixes,
    finding: (t) => findingAt('k8s-secret-env-from', offsetOf(t, 'envFrom', 'secretRef'), { secret: 'db', prefix: 'DB_' }),
    pick: 0,
    preferred: true,
    title: /^Mount whole Secret "db" as files — app must read \/etc\/secrets\/DB_password and 1 more$/,
    change(docs) {
      delete deploymentPod(docs[0]).containers[0].envFrom;
      addOwnVolume(docs, {
        secret: {
          name: 'db',
          items: [
            { key: 'password', path: 'DB_password' },
            { key: 'user', path: 'DB_user' },
          ],
        },
      });
    },
  },
  {
    name: 'env-literal: move to a new Secret document and mount it',
    id: 'env-literal',
    fixer: literalFixes,
    finding: (t) => findingAt('k8s-secret-env-literal', offsetOf(t, 'STRIPE_KEY', '"fixture'), { variable: 'STRIPE_KEY' }),
    pick: 0,
    preferred: true,
    title: /^Move literal to Secret "shop-secrets" and mount it — app must read \/etc\/secrets\/STRIPE_KEY$/,
    change(docs) {
      deploymentPod(docs[0]).containers[0].env?.splice(3, 1);
      addOwnVolume(docs, { secret: { name: 'shop-secrets', items: [{ key: 'STRIPE_KEY', path: 'STRIPE_KEY' }] } });
      docs.push({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'shop-secrets', namespace: 'prod' },
        type: 'Opaque',
        stringData: { STRIPE_KEY: 'fixture-placeholder' },
      });
    },
  },
  {
    name: 'mount-subpath: mount the directory instead',
    id: 'mount-subpath',
    fixer: subPathFixes,
    finding: (t) => findingAt('k8s-secret-mount-subpath', offsetOf(t, 'volumeMounts', 'subPath'), { volume: 'tls', subPath: 'tls.crt' }),
    pick: 0,
    preferred: false,
    title: /^Mount the directory instead of subPath — app must read \/etc\/secrets-tls\/tls\.crt$/,
    change(docs) {
      const mounts = deploymentPod(docs[0]).containers[0].volumeMounts;
      if (mounts) mounts[0] = { name: 'tls', mountPath: '/etc/secrets-tls' };
    },
  },
  {
    name: 'mount-mode: tighten defaultMode (the pod sets fsGroup)',
    id: 'mount-mode',
    fixer: modeFixes,
    finding: (t) => findingAt('k8s-secret-mount-mode', offsetOf(t, 'defaultMode: ', '0644'), { volume: 'tls', mode: 420, container: 'api' }),
    pick: 0,
    preferred: true,
    title: /^Tighten defaultMode to 0440/,
    change(docs) {
      const volume = deploymentPod(docs[0]).volumes?.[0] as { secret: Json } | undefined;
      if (volume) volume.secret.defaultMode = MODE_0440;
    },
  },
];

const KEPT = ['# database credentials', '# pinned', '"shop/api:1.4"', "'info'"];

function comments(text: string): string[] {
  return text.split(/\r?\n/).flatMap((l) => /(^|\s)(#.*)$/.exec(l)?.[2] ?? []);
}

describe('manifest fixes keep the file exact in every layout', () => {
  for (const style of FIX_STYLES) {
    for (const eol of ['LF', 'CRLF'] as const) {
      for (const c of CASES) {
        it(`${c.name} [${style}, ${eol}]`, () => {
          const raw = readFixture('k8s-fix', `${style}.yaml`);
          const text = eol === 'CRLF' ? crlf(raw) : raw;
          const fixes = c.fixer(parseManifest(text), c.finding(text), ruleEnv());
          const fix = fixes[c.pick];
          assert.ok(fix, `fix #${c.pick} offered (got ${fixes.length})`);
          assert.equal(fix.preferred, c.preferred);
          assert.match(fix.title, c.title);
          assert.equal(fix.kind, 'quickfix');
          assert.match(fix.conflictKey ?? '', /^k8s-pod:0:\d+$/);
          assert.equal(fixes.filter((f) => f.preferred).length, c.preferred || c.pick > 0 ? 1 : 0, 'one preferred fix at most');
          const after = applyFix(text, fix);
          const snapshot = path.join(SNAPSHOTS, `${style}.${c.id}.yaml.fixed`);
          if (eol === 'LF') assertMatchesSnapshot(after, snapshot);
          else assertSameText(after, crlf(readFileSync(snapshot, 'utf8')), `${path.basename(snapshot)}, with CRLF`);
          assertOnlyChange(text, after, c.change, c.name);
          for (const kept of KEPT) assert.ok(!text.includes(kept) || after.includes(kept), `kept: ${kept}`);
          assert.deepEqual(
            comments(after).filter((x) => comments(text).includes(x)),
            comments(text),
            'comments kept, in order',
          );
          assert.equal(
            after.split(/\r?\n/).filter((l) => l.trim() === '').length,
            text.split(/\r?\n/).filter((l) => l.trim() === '').length,
            'blank lines kept',
          );
          if (eol === 'CRLF') assert.ok(onlyCrlf(after), 'only CRLF line breaks');
          const before = parseManifest(text);
          const fixed = parseManifest(after);
          before.documents.forEach((d, i) =>
            assert.deepEqual(documentStyle(fixed.documents[i].doc, fixed.lines), documentStyle(d.doc, before.lines), 'layout style kept'),
          );
        });
      }
    }
  }
});

describe('manifest fixes write the exact text a person would', () => {
  it('inserts indentless blocks at the parent key column', () => {
    const text = readFixture('k8s-fix', 'indentless.yaml');
    const after = applyFix(text, envRefFixes(parseManifest(text), CASES[0].finding(text), ruleEnv())[0]);
    assertSameText(
      after,
      [
        "# 2-space block style, indentless sequences (`- ` at the parent key's column), as kubectl prints.",
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: shop',
        '  namespace: prod',
        'spec:',
        '  template:',
        '    spec:',
        '      securityContext:',
        '        fsGroup: 2000',
        '      containers:',
        '      - name: api',
        '        image: "shop/api:1.4"   # pinned',
        '',
        '        env:',
        '        # database credentials',
        '        - name: LOG_LEVEL',
        "          value: 'info'",
        '        - name: API_TOKEN',
        '          valueFrom:',
        '            secretKeyRef: {name: api, key: token}',
        '        - name: STRIPE_KEY',
        '          value: "fixture-placeholder"',
        '        envFrom:',
        '        - prefix: DB_',
        '          secretRef:',
        '            name: db',
        '        volumeMounts:',
        '        - name: tls',
        '          mountPath: /etc/tls/tls.crt',
        '          subPath: tls.crt',
        '        - name: api-secrets',
        '          mountPath: /etc/secrets',
        '          readOnly: true',
        '      volumes:',
        '      - name: tls',
        '        secret:',
        '          secretName: tls',
        '          defaultMode: 0644',
        '      - name: api-secrets',
        '        projected:',
        '          defaultMode: 0440',
        '          sources:',
        '          - secret:',
        '              name: db',
        '              items:',
        '              - key: password',
        '                path: DB_PASSWORD',
        '              optional: true',
        '---',
        '# the Secret the envFrom reads; its keys become explicit items',
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: db',
        '  namespace: prod',
        'stringData:',
        '  password: ""',
        '  user: ""',
        '',
      ].join('\n'),
      'indentless.yaml',
    );
  });

  it('inserts 4-space blocks with `-   ` items like the rest of the file', () => {
    const text = readFixture('k8s-fix', 'four-space.yaml');
    const after = applyFix(text, envRefFixes(parseManifest(text), CASES[0].finding(text), ruleEnv())[0]);
    assertSameText(
      after,
      [
        '# 4-space block style, sequences indented by 4.',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '    name: shop',
        '    namespace: prod',
        'spec:',
        '    template:',
        '        spec:',
        '            securityContext:',
        '                fsGroup: 2000',
        '            containers:',
        '                -   name: api',
        '                    image: "shop/api:1.4"   # pinned',
        '',
        '                    env:',
        '                        # database credentials',
        '                        -   name: LOG_LEVEL',
        "                            value: 'info'",
        '                        -   name: API_TOKEN',
        '                            valueFrom:',
        '                                secretKeyRef: {name: api, key: token}',
        '                        -   name: STRIPE_KEY',
        '                            value: "fixture-placeholder"',
        '                    envFrom:',
        '                        -   prefix: DB_',
        '                            secretRef:',
        '                                name: db',
        '                    volumeMounts:',
        '                        -   name: tls',
        '                            mountPath: /etc/tls/tls.crt',
        '                            subPath: tls.crt',
        '                        -   name: api-secrets',
        '                            mountPath: /etc/secrets',
        '                            readOnly: true',
        '            volumes:',
        '                -   name: tls',
        '                    secret:',
        '                        secretName: tls',
        '                        defaultMode: 0644',
        '                -   name: api-secrets',
        '                    projected:',
        '                        defaultMode: 0440',
        '                        sources:',
        '                            -   secret:',
        '                                    name: db',
        '                                    items:',
        '                                        -   key: password',
        '                                            path: DB_PASSWORD',
        '                                    optional: true',
        '---',
        '# the Secret the envFrom reads; its keys become explicit items',
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '    name: db',
        '    namespace: prod',
        'stringData:',
        '    password: ""',
        '    user: ""',
        '',
      ].join('\n'),
      'four-space.yaml',
    );
  });

  it('appends flow items to flow lists on the same line', () => {
    const text = readFixture('k8s-fix', 'flow.yaml');
    const after = applyFix(text, envRefFixes(parseManifest(text), CASES[0].finding(text), ruleEnv())[0]);
    assertSameText(
      after,
      [
        '# Flow collections: the container, its lists and the volumes are written in {…} / […] style.',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: shop, namespace: prod}',
        'spec:',
        '  template:',
        '    spec:',
        '      securityContext: {fsGroup: 2000}',
        '      containers:',
        '        - {name: api, image: "shop/api:1.4",',
        '           env: [',
        "             {name: LOG_LEVEL, value: 'info'},",
        '             {name: API_TOKEN, valueFrom: {secretKeyRef: {name: api, key: token}}},',
        '             {name: STRIPE_KEY, value: "fixture-placeholder"}',
        '           ],',
        '           envFrom: [{prefix: DB_, secretRef: {name: db}}],',
        '           volumeMounts: [{name: tls, mountPath: /etc/tls/tls.crt, subPath: tls.crt}, {name: api-secrets, mountPath: /etc/secrets, readOnly: true}]}',
        '      volumes: [{name: tls, secret: {secretName: tls, defaultMode: 0644}}, {name: api-secrets, projected: {defaultMode: 0440, sources: [{secret: {name: db, items: [{key: password, path: DB_PASSWORD}], optional: true}}]}}]',
        '---',
        'apiVersion: v1',
        'kind: Secret',
        'metadata: {name: db, namespace: prod}',
        'stringData: {password: "", user: ""}',
        '',
      ].join('\n'),
      'flow.yaml',
    );
  });
});
