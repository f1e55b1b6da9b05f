// Dockerfiles (issue 21) through the engine's entry point (analyze → fixesFor): file kinds, the rules
// dockerfile-secret-env and dockerfile-secret-arg, env-dumped's Dockerfile part, and their fixes. Each
// heuristic that silences a finding is tested both ways; every fixed Dockerfile is re-parsed with
// dockerfile-ast and must keep, byte for byte, every instruction the fix did not touch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import { analyze, fileKindOf, type Analysis } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fix-all';
import type { Finding, Fix, TextEdit } from '../../server/src/engine/findings';
import { whyDeclined } from '../../server/src/engine/k8s/fix/declines';
import { applyEdits, LineIndex } from '../../server/src/engine/text';

const ENV = 'dockerfile-secret-env';
const ARG = 'dockerfile-secret-arg';
const DUMPED = 'env-dumped';
const PATH = '/w/Dockerfile';

// Fake credentials are assembled at run time so the repository holds no token-shaped strings.
const FAKE_GITHUB_TOKEN = 'ghp_' + 'aB3'.repeat(12);
const FAKE_URL_PASSWORD = 'pa55' + 'w0rdx';

const KEYWORDS = new Set([
  'FROM',
  'RUN',
  'CMD',
  'LABEL',
  'MAINTAINER',
  'EXPOSE',
  'ENV',
  'ADD',
  'COPY',
  'ENTRYPOINT',
  'VOLUME',
  'USER',
  'WORKDIR',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
]);

interface ParsedInstruction {
  keyword: string;
  /** The instruction's whole text, as written. */
  text: string;
  start: number;
  end: number;
  mounts: string[];
}

function instructionsOf(text: string): ParsedInstruction[] {
  const lines = new LineIndex(text);
  const at = (p: { line: number; character: number }) => lines.lineStart(p.line) + p.character;
  return DockerfileParser.parse(text)
    .getInstructions()
    .map((i) => {
      const range = i.getRange();
      const start = at(range.start);
      const end = at(range.end);
      const flags = (i as unknown as { getFlags?(): { getName(): string; getValue(): string | null }[] }).getFlags?.() ?? [];
      return {
        keyword: i.getKeyword().toUpperCase(),
        text: text.slice(start, end),
        start,
        end,
        mounts: flags.filter((f) => f.getName() === 'mount').map((f) => f.getValue() ?? ''),
      };
    });
}

function touches(edit: TextEdit, i: ParsedInstruction): boolean {
  // An insertion at an instruction's end (`env` → `env | cut -d= -f1`) edits it; one at its start does not.
  if (edit.start === edit.end) return edit.start > i.start && edit.start <= i.end;
  return edit.start < i.end && edit.end > i.start;
}

/**
 * The fixed text re-parses; its instructions are the original ones in order, those the fix edited
 * changed or removed, every other one byte for byte the same; every keyword is a Dockerfile keyword.
 */
function assertFixKeepsTheRest(text: string, fix: Fix): string {
  const after = applyEdits(text, fix.edits);
  const before = instructionsOf(text);
  const fixed = instructionsOf(after);
  for (const i of fixed) assert.ok(KEYWORDS.has(i.keyword), `unknown keyword ${i.keyword} after the fix`);
  const untouched = before.filter((i) => !fix.edits.some((e) => touches(e, i)));
  const removed = before.filter((i) => fix.edits.some((e) => e.start <= i.start && e.end >= i.end && e.end > e.start));
  assert.equal(fixed.length, before.length - removed.length, 'only removed instructions go');
  let k = 0;
  for (const i of untouched) {
    while (k < fixed.length && fixed[k].text !== i.text) k++;
    assert.ok(k < fixed.length, `untouched instruction kept as written: ${i.keyword} (at ${i.start})`);
    k++;
  }
  assert.deepEqual(
    fixed.filter((i) => i.keyword === 'FROM').map((i) => i.text),
    before.filter((i) => i.keyword === 'FROM').map((i) => i.text),
    'stages unchanged',
  );
  return after;
}

function analyzeDockerfile(text: string, path = PATH): Analysis {
  const analysis = analyze({ text, path });
  assert.equal(analysis.kind, 'dockerfile');
  assert.deepEqual(analysis.problems, []);
  return analysis;
}

/** `[rule, flagged text]` of every finding. */
function flagged(text: string, rule?: string): [string, string][] {
  return analyzeDockerfile(text)
    .findings.filter((f) => rule === undefined || f.rule === rule)
    .map((f) => [f.rule, text.slice(f.start, f.end)]);
}

function names(text: string, rule: string): string[] {
  return analyzeDockerfile(text)
    .findings.filter((f) => f.rule === rule)
    .map((f) => String(f.data.variable));
}

/** The one finding of `rule` (at `index`) and its fixes, each checked by assertFixKeepsTheRest. */
function fixesOf(text: string, rule: string, index = 0): { finding: Finding; fixes: Fix[]; fixed: string[] } {
  const analysis = analyzeDockerfile(text);
  const finding = analysis.findings.filter((f) => f.rule === rule)[index];
  assert.ok(finding, `finding #${index} of ${rule} expected`);
  const fixes = analysis.fixesFor(finding);
  return { finding, fixes, fixed: fixes.map((fix) => assertFixKeepsTheRest(text, fix)) };
}

function onlyFix(text: string, rule: string, index = 0): { finding: Finding; fix: Fix; fixed: string } {
  const { finding, fixes, fixed } = fixesOf(text, rule, index);
  assert.equal(fixes.length, 1, `one fix expected (declined: ${whyDeclined(finding) ?? '-'})`);
  return { finding, fix: fixes[0], fixed: fixed[0] };
}

describe('Dockerfile: file kinds', () => {
  it('knows Dockerfiles and Containerfiles by name, and by the dockerfile language id', () => {
    for (const path of ['/w/Dockerfile', '/w/Dockerfile.prod', '/w/api.Dockerfile', '/w/build.dockerfile', '/w/Containerfile', 'C:\\w\\Dockerfile'])
      assert.equal(fileKindOf(path), 'dockerfile', path);
    assert.equal(fileKindOf('/w/build/Prod', 'dockerfile'), 'dockerfile');
    assert.equal(fileKindOf(undefined, 'dockerfile'), 'dockerfile');
    assert.equal(fileKindOf('/w/Dockerfile.prod', 'plaintext'), 'dockerfile');
    for (const path of ['/w/Dockerfiles/readme.txt', '/w/ARG', '/w/notes.txt']) assert.equal(fileKindOf(path), 'unsupported', path);
    const text = 'FROM alpine\nARG NPM_TOKEN\nRUN npm ci\n';
    for (const path of ['/w/Dockerfile.prod', '/w/api.Dockerfile', '/w/Containerfile'])
      assert.deepEqual(
        analyze({ text, path }).findings.map((f) => f.rule),
        [ARG],
        path,
      );
    assert.deepEqual(
      analyze({ text, path: '/w/whatever', languageId: 'dockerfile' }).findings.map((f) => f.rule),
      [ARG],
    );
  });
});

describe('Dockerfile: dockerfile-secret-env', () => {
  it('flags a secret name with a real value, from its name to the end of its value', () => {
    const text = 'FROM alpine\nENV API_KEY=abc123secret\nENV LEGACY_TOKEN abc123secret\n';
    assert.deepEqual(flagged(text, ENV), [
      [ENV, 'API_KEY=abc123secret'],
      [ENV, 'LEGACY_TOKEN abc123secret'],
    ]);
    const [finding] = analyzeDockerfile(text).findings;
    assert.equal(finding.severity, 'error');
    assert.equal(finding.data.reason, 'name');
    assert.doesNotMatch(finding.message, /abc123secret/, 'the message never holds the value');
  });

  it('flags any name whose value is credential-shaped (a known token format, a URL with a password)', () => {
    const text = `FROM alpine\nENV GH=${FAKE_GITHUB_TOKEN}\nENV BROKER=amqp://u:${FAKE_URL_PASSWORD}@mq:5672/\nENV HOMEPAGE=https://example.com/app\n`;
    const findings = analyzeDockerfile(text).findings;
    assert.deepEqual(
      findings.map((f) => [f.data.variable, f.data.reason]),
      [
        ['GH', 'value'],
        ['BROKER', 'value'],
      ],
    );
    for (const f of findings) {
      assert.ok(!f.message.includes(FAKE_GITHUB_TOKEN) && !f.message.includes(FAKE_URL_PASSWORD), 'no value in the message');
      assert.ok(!JSON.stringify(f.data).includes(FAKE_GITHUB_TOKEN), 'no value in the data');
    }
  });

  it('flags an ENV that copies a secret build argument of its stage, not one copying a non-secret argument', () => {
    const text = 'FROM alpine\nARG NPM_TOKEN\nARG VERSION\nENV T=$NPM_TOKEN\nENV V=${VERSION}\nENV U=prefix-${NPM_TOKEN}\n';
    const findings = analyzeDockerfile(text).findings.filter((f) => f.rule === ENV);
    assert.deepEqual(
      findings.map((f) => [f.data.variable, f.data.reason]),
      [
        ['T', 'copies'],
        ['U', 'copies'],
      ],
    );
    assert.match(findings[0].message, /copies build argument NPM_TOKEN/);
  });

  it('does not flag empty values, paths, numbers, flags, build-time dummies, pointers or checksums', () => {
    const text = [
      'FROM alpine',
      'ENV API_KEY=',
      'ENV DB_PASSWORD=""',
      'ENV SECRET_PATH=/run/secrets/x',
      'ENV TOKEN_TTL=3600',
      'ENV AUTH_TOKEN_ENABLED=true',
      'ENV SECRET_KEY=dummy',
      'ENV DJANGO_SECRET_KEY="placeholder"',
      'ENV JWT_SECRET=build-only',
      'ENV DB_PASSWORD_FILE=/run/secrets/db_password',
      'ENV GPG_KEY=B42F6819007F00F88E364FD4036A9C25BF357DD4',
      `ENV NODE_SHA256=${'0123456789abcdef'.repeat(4)}`,
      'ENV BUILD_ID=Zq8Lw2Nx7Rt5Vb9Kc3Hm6Pj4',
      'RUN ls',
      '',
    ].join('\n');
    assert.deepEqual(flagged(text), []);
  });

  it('a high-entropy value is flagged only under a secret name', () => {
    assert.deepEqual(names('FROM alpine\nENV DJANGO_SECRET_KEY=Zq8Lw2Nx7Rt5Vb9Kc3Hm6Pj4\n', ENV), ['DJANGO_SECRET_KEY']);
    assert.deepEqual(names('FROM alpine\nENV BUILD_ID=Zq8Lw2Nx7Rt5Vb9Kc3Hm6Pj4\n', ENV), []);
  });

  it('a dummy value is silent, a real one under the same name is not', () => {
    assert.deepEqual(names('FROM alpine\nENV SECRET_KEY=dummy\n', ENV), []);
    assert.deepEqual(names('FROM alpine\nENV SECRET_KEY=s3cr3t-value-here\n', ENV), ['SECRET_KEY']);
  });

  it('`ENV X=${X}` with no ARG X declares nothing secret; with a secret ARG X it copies it', () => {
    assert.deepEqual(names('FROM alpine\nENV GITHUB_TOKEN=${GITHUB_TOKEN}\nENV T=$NPM_TOKEN\nRUN ls\n', ENV), []);
    assert.deepEqual(names('FROM alpine\nARG GITHUB_TOKEN\nENV GITHUB_TOKEN=${GITHUB_TOKEN}\nRUN ls\n', ENV), ['GITHUB_TOKEN']);
  });

  it('a global ARG (before FROM) is not visible in a stage that does not declare it again: an ENV copying it copies nothing', () => {
    assert.deepEqual(names('ARG NPM_TOKEN\nFROM alpine\nENV T=$NPM_TOKEN\n', ENV), []);
    assert.deepEqual(names('ARG NPM_TOKEN\nFROM alpine\nARG NPM_TOKEN\nENV T=$NPM_TOKEN\n', ENV), ['T']);
  });

  it('names the RUN steps, in the stage and in stages built FROM it, that use the value', () => {
    const text =
      'FROM alpine AS base\nENV API_KEY=abc123secret\nRUN ls\nFROM base AS build\nRUN curl -H "k: $API_KEY" https://x\nFROM alpine\nRUN echo $API_KEY\n';
    const [finding] = analyzeDockerfile(text).findings.filter((f) => f.rule === ENV);
    assert.match(finding.message, /RUN on line 5 uses it while building/);
  });
});

describe('Dockerfile: dockerfile-secret-arg', () => {
  it('flags a secret ARG in a stage with a RUN after it, naming the RUN steps that use it', () => {
    const text = 'FROM node:20\nARG NPM_TOKEN\nRUN npm ci\nRUN echo $NPM_TOKEN > .npmrc\n';
    const [finding] = analyzeDockerfile(text).findings;
    assert.equal(finding.rule, ARG);
    assert.equal(finding.severity, 'warning');
    assert.equal(text.slice(finding.start, finding.end), 'NPM_TOKEN');
    assert.match(finding.message, /used by RUN on line 4/);
  });

  it('with no RUN naming it, names every RUN step that runs with it', () => {
    const [finding] = analyzeDockerfile('FROM node:20\nARG NPM_TOKEN\nRUN npm ci\nRUN npm test\n').findings;
    assert.match(finding.message, /in the environment of RUN on line 3, 4/);
  });

  it('flags a credential-shaped default under any name, not a plain default', () => {
    assert.deepEqual(names(`FROM alpine\nARG GH=${FAKE_GITHUB_TOKEN}\nRUN ls\n`, ARG), ['GH']);
    assert.deepEqual(names('FROM alpine\nARG VERSION=1.2.3\nARG BUILD_ID=Zq8Lw2Nx7Rt5Vb9Kc3Hm6Pj4\nRUN ls\n', ARG), []);
  });

  it('a global ARG before FROM is not flagged; declared again inside the stage it is', () => {
    assert.deepEqual(names('ARG NPM_TOKEN\nFROM node:20\nRUN npm ci\n', ARG), []);
    assert.deepEqual(names('ARG NPM_TOKEN\nFROM node:20\nARG NPM_TOKEN\nRUN npm ci\n', ARG), ['NPM_TOKEN']);
  });

  it('is not flagged without a later RUN in its stage or a stage built FROM it; an unrelated stage does not count', () => {
    assert.deepEqual(names('FROM node:20\nRUN npm ci\nARG NPM_TOKEN\n', ARG), []);
    assert.deepEqual(names('FROM node:20 AS a\nARG NPM_TOKEN\nFROM node:20 AS b\nRUN npm ci\n', ARG), []);
    // BuildKit (Docker's default builder) hands a stage's build arguments to the stages built FROM it.
    assert.deepEqual(names('FROM node:20 AS a\nARG NPM_TOKEN\nFROM a\nRUN npm ci\n', ARG), ['NPM_TOKEN']);
    assert.deepEqual(names('FROM node:20 AS a\nARG NPM_TOKEN\nCOPY . .\nRUN npm ci\n', ARG), ['NPM_TOKEN']);
  });

  it('one finding per stage that declares it', () => {
    const text = 'FROM alpine AS a\nARG NPM_TOKEN\nRUN npm ci\nFROM alpine AS b\nARG NPM_TOKEN\nRUN echo ${NPM_TOKEN}\n';
    assert.deepEqual(
      analyzeDockerfile(text)
        .findings.filter((f) => f.rule === ARG)
        .map((f) => new LineIndex(text).lineAt(f.start) + 1),
      [2, 5],
    );
  });

  it('honours a suppression comment on the line above', () => {
    const text = 'FROM alpine\n# secret-hints-ignore dockerfile-secret-arg\nARG NPM_TOKEN\nRUN npm ci\n';
    assert.deepEqual(flagged(text), []);
    assert.deepEqual(flagged(text.replace('# secret-hints-ignore dockerfile-secret-arg\n', '')), [[ARG, 'NPM_TOKEN']]);
  });
});

describe('Dockerfile: ENV inheritance across stages', () => {
  it('an ENV is in the environment of a stage built FROM its stage, not of an unrelated stage', () => {
    const base = 'FROM alpine AS base\nENV API_KEY=abc123secret\n';
    assert.deepEqual(flagged(`${base}FROM base AS build\nRUN env\n`, DUMPED), [[DUMPED, 'env']]);
    assert.deepEqual(flagged(`${base}FROM BASE AS build\nRUN env\n`, DUMPED), [[DUMPED, 'env']], 'stage names compare case-insensitively');
    assert.deepEqual(flagged(`${base}FROM base AS mid\nFROM mid\nRUN env\n`, DUMPED), [[DUMPED, 'env']], 'transitively');
    assert.deepEqual(flagged(`${base}FROM alpine AS other\nRUN env\n`, DUMPED), []);
  });

  it('the ENV fix mounts the secret into a RUN of an inheriting stage that uses it', () => {
    const text = 'FROM alpine AS base\nENV API_KEY=abc123secret\nFROM base AS build\nRUN curl -H "k: $API_KEY" https://x\n';
    const { fix, fixed } = onlyFix(text, ENV);
    assert.equal(
      fixed,
      '# syntax=docker/dockerfile:1\nFROM alpine AS base\n# API_KEY: not in the image; provided at run time as a secret file (/etc/secrets/API_KEY)\nFROM base AS build\nRUN --mount=type=secret,id=api_key,env=API_KEY curl -H "k: $API_KEY" https://x\n',
    );
    assert.match(fix.title, /RUN on line 4 gets it as a BuildKit secret/);
  });
});

describe('Dockerfile: env-dumped', () => {
  it('flags RUN env / printenv with a secret in scope, at the command, with a message naming the secret', () => {
    const findings = analyzeDockerfile('FROM alpine\nARG NPM_TOKEN\nRUN env\n').findings.filter((f) => f.rule === DUMPED);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].severity, 'error');
    assert.match(findings[0].message, /with secret NPM_TOKEN in it/);
    assert.deepEqual(flagged('FROM alpine\nENV API_KEY=abc123secret\nRUN printenv > /tmp/e\n', DUMPED), [[DUMPED, 'printenv']]);
    assert.deepEqual(flagged('FROM alpine\nARG NPM_TOKEN\nRUN npm ci && env | sort\n', DUMPED), [[DUMPED, 'env']]);
  });

  it('no secret in scope: silent; a secret in scope: flagged', () => {
    assert.deepEqual(flagged('FROM alpine\nRUN env\n', DUMPED), []);
    assert.deepEqual(flagged('FROM alpine\nARG NPM_TOKEN\nRUN env\n', DUMPED), [[DUMPED, 'env']]);
  });

  it('a non-secret or dummy declaration does not count; a real secret does', () => {
    assert.deepEqual(flagged('FROM alpine\nARG VERSION\nENV SECRET_KEY=dummy\nRUN env\n', DUMPED), []);
    assert.deepEqual(flagged('FROM alpine\nENV SECRET_KEY=s3cr3t-value-here\nRUN env\n', DUMPED), [[DUMPED, 'env']]);
  });

  it('a global ARG not declared again in the stage does not count; declared again it does', () => {
    assert.deepEqual(flagged('ARG NPM_TOKEN\nFROM alpine\nRUN env\n', DUMPED), []);
    assert.deepEqual(flagged('ARG NPM_TOKEN\nFROM alpine\nARG NPM_TOKEN\nRUN env\n', DUMPED), [[DUMPED, 'env']]);
  });

  it('a RUN before the declaration does not see it; one after does', () => {
    assert.deepEqual(flagged('FROM alpine\nRUN env\nARG NPM_TOKEN\n', DUMPED), []);
    assert.deepEqual(flagged('FROM alpine\nARG NPM_TOKEN\nRUN ls\nRUN env\n', DUMPED), [[DUMPED, 'env']]);
  });

  it('a secret mounted with env= counts; one mounted as a file only does not dump through env', () => {
    assert.deepEqual(flagged('FROM alpine\nRUN --mount=type=secret,id=t,env=TOKEN env\n', DUMPED), [[DUMPED, 'env']]);
    assert.deepEqual(flagged('FROM alpine\nRUN --mount=type=secret,id=t env\n', DUMPED), []);
  });

  it('env / printenv with arguments print or run something else: silent; as a whole command: flagged', () => {
    const scope = 'FROM alpine\nARG NPM_TOKEN\n';
    for (const run of ['RUN printenv HOME', 'RUN env NODE_ENV=production node build.js', 'RUN env -i PATH=/bin sh -c ls', 'RUN echo env', 'RUN cat app.env'])
      assert.deepEqual(flagged(`${scope}${run}\n`, DUMPED), [], run);
    for (const run of ['RUN printenv', 'RUN ls; env', 'RUN env > /tmp/all', 'RUN if true; then env; fi'])
      assert.equal(flagged(`${scope}${run}\n`, DUMPED).length, 1, run);
  });

  it('set -x: flagged when a secret is used after it, silent when it is used only before or not at all', () => {
    const scope = 'FROM alpine\nARG NPM_TOKEN\n';
    assert.deepEqual(flagged(`${scope}RUN set -ex && npm ci --token $NPM_TOKEN\n`, DUMPED), [[DUMPED, 'set -ex']]);
    assert.deepEqual(flagged(`${scope}RUN echo $NPM_TOKEN > .npmrc; set -x; ls\n`, DUMPED), []);
    assert.deepEqual(flagged(`${scope}RUN set -ex && npm ci\n`, DUMPED), []);
    assert.deepEqual(flagged('FROM alpine\nRUN set -x && echo $HOME\n', DUMPED), []);
  });

  it('set -x: a mounted secret file read after it counts; nothing secret after it does not', () => {
    assert.deepEqual(flagged('FROM alpine\nRUN --mount=type=secret,id=t set -x && cat /run/secrets/t\n', DUMPED), [[DUMPED, 'set -x']]);
    assert.deepEqual(flagged('FROM alpine\nRUN --mount=type=secret,id=t cat /run/secrets/t > /tmp/t && set -x && ls\n', DUMPED), []);
  });

  it('knows set -o xtrace, set -euxo and bash -x; set +x is not tracing', () => {
    const scope = 'FROM alpine\nARG NPM_TOKEN\n';
    assert.deepEqual(flagged(`${scope}RUN set -o xtrace && echo $NPM_TOKEN\n`, DUMPED), [[DUMPED, 'set -o xtrace']]);
    assert.deepEqual(flagged(`${scope}RUN set -euxo pipefail; echo $NPM_TOKEN\n`, DUMPED), [[DUMPED, 'set -euxo']]);
    assert.deepEqual(flagged(`${scope}RUN bash -x build.sh $NPM_TOKEN\n`, DUMPED), [[DUMPED, 'bash -x']]);
    assert.deepEqual(flagged(`${scope}RUN set +x && echo $NPM_TOKEN\n`, DUMPED), []);
  });

  it('reads heredoc scripts', () => {
    const text = 'FROM alpine\nARG NPM_TOKEN\nRUN <<EOF\nset -x\nnpm ci --token $NPM_TOKEN\nEOF\n';
    assert.deepEqual(flagged(text, DUMPED), [[DUMPED, 'set -x']]);
  });

  it('an exec-form RUN running `sh -c env` prints the environment too', () => {
    assert.equal(flagged('FROM alpine\nARG NPM_TOKEN\nRUN ["sh", "-c", "env"]\n', DUMPED).length, 1);
  });
});

describe('Dockerfile: the ARG fix (BuildKit secret mount)', () => {
  it('mounts the secret into the RUN steps that reference it, removes the ARG, adds the syntax directive; not preferred', () => {
    const text = 'FROM node:20\nARG NPM_TOKEN\nRUN npm ci\nRUN echo $NPM_TOKEN > .npmrc && npm publish\n';
    const { fix, fixed } = onlyFix(text, ARG);
    assert.equal(
      fixed,
      '# syntax=docker/dockerfile:1\nFROM node:20\nRUN npm ci\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN echo $NPM_TOKEN > .npmrc && npm publish\n',
    );
    assert.equal(fix.preferred, false);
    assert.ok(fix.caveat && /docker build --secret id=npm_token,env=NPM_TOKEN/.test(fix.caveat));
    assert.match(fix.title, /RUN on line 4/);
    const run = instructionsOf(fixed).find((i) => i.text.includes('npm publish'))!;
    assert.deepEqual(run.mounts, ['type=secret,id=npm_token,env=NPM_TOKEN']);
    assert.equal(DockerfileParser.parse(fixed).getDirectives()[0].getValue(), 'docker/dockerfile:1');
  });

  it('with no RUN naming it, mounts it into every RUN in scope (not those of other stages)', () => {
    const text = 'FROM node:20 AS build\nRUN apk add git\nARG NPM_TOKEN\nRUN npm ci\nRUN --mount=type=cache,target=/root/.npm npm test\nFROM nginx\nRUN ls\n';
    const { fixed } = onlyFix(text, ARG);
    assert.equal(
      fixed,
      '# syntax=docker/dockerfile:1\nFROM node:20 AS build\nRUN apk add git\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN --mount=type=cache,target=/root/.npm npm test\nFROM nginx\nRUN ls\n',
    );
  });

  it('leaves a RUN that mounts it already as it is, and keeps an existing modern syntax directive', () => {
    const text =
      '# syntax=docker/dockerfile:1.10\nFROM alpine\nARG NPM_TOKEN\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\nRUN echo $NPM_TOKEN\n';
    const { fixed, fix } = onlyFix(text, ARG);
    assert.equal(
      fixed,
      '# syntax=docker/dockerfile:1.10\nFROM alpine\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN echo $NPM_TOKEN\n',
    );
    assert.doesNotMatch(fix.title, /adds # syntax/);
  });

  it('keeps a BOM first and CRLF line endings', () => {
    const text = '\ufeffFROM alpine\r\nARG NPM_TOKEN\r\nRUN npm ci\r\n';
    const { fixed } = onlyFix(text, ARG);
    assert.equal(fixed, '\ufeff# syntax=docker/dockerfile:1\r\nFROM alpine\r\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\r\n');
    assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /[\r\n]/, 'no bare line break');
  });

  it('the secret id is the name in lower case; a lower-case keyword is kept', () => {
    const { fixed } = onlyFix('FROM alpine\narg GitHub_Token\nrun ./fetch.sh\n', ARG);
    assert.equal(fixed, '# syntax=docker/dockerfile:1\nFROM alpine\nrun --mount=type=secret,id=github_token,env=GitHub_Token ./fetch.sh\n');
  });

  it('declines, without crashing, when the syntax directive pins docker/dockerfile:1.4 or an unknown frontend', () => {
    for (const directive of ['# syntax=docker/dockerfile:1.4', '# syntax=docker/dockerfile:1.9-labs', '# syntax=example.com/frontend:2']) {
      const { finding, fixes } = fixesOf(`${directive}\nFROM alpine\nARG NPM_TOKEN\nRUN npm ci\n`, ARG);
      assert.deepEqual(fixes, [], directive);
      assert.match(whyDeclined(finding) ?? '', /syntax directive/, directive);
    }
  });

  it('declines when another instruction (LABEL, ENV) reads the value, and says which', () => {
    for (const [reader, line] of [
      ['LABEL token=$NPM_TOKEN', 'LABEL on line 3'],
      ['ENV T=${NPM_TOKEN}', 'ENV on line 3'],
    ]) {
      const { finding, fixes } = fixesOf(`FROM alpine\nARG NPM_TOKEN\n${reader}\nRUN npm ci\n`, ARG);
      assert.deepEqual(fixes, [], reader);
      assert.match(whyDeclined(finding) ?? '', new RegExp(line), reader);
    }
  });

  it('a reader in another stage (an ARG is per stage) does not block the fix', () => {
    const text = 'FROM alpine AS a\nARG NPM_TOKEN\nRUN npm ci\nFROM alpine\nLABEL t=$NPM_TOKEN\n';
    const { fixed } = onlyFix(text, ARG);
    assert.match(fixed, /LABEL t=\$NPM_TOKEN/);
  });

  it('removes a default value (and says so)', () => {
    const { fix, fixed } = onlyFix('FROM alpine\nARG NPM_TOKEN=dummy\nRUN npm ci\n', ARG);
    assert.doesNotMatch(fixed, /ARG/);
    assert.match(fix.caveat ?? '', /default value is dropped/);
  });

  it('when the ARG is the last line without a newline, the text stays whole', () => {
    const text = 'FROM alpine\nARG NPM_TOKEN\nRUN npm ci';
    const { fixed } = onlyFix(text, ARG);
    assert.equal(fixed, '# syntax=docker/dockerfile:1\nFROM alpine\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci');
  });
});

describe('Dockerfile: the ENV fix', () => {
  it('removes the ENV with a note in its place; not preferred, with a caveat', () => {
    const { fix, fixed } = onlyFix('FROM alpine\nENV API_KEY=abc123secret\nRUN ls\n', ENV);
    assert.equal(fixed, 'FROM alpine\n# API_KEY: not in the image; provided at run time as a secret file (/etc/secrets/API_KEY)\nRUN ls\n');
    assert.equal(fix.preferred, false);
    assert.ok(fix.caveat);
    assert.doesNotMatch(fixed, /abc123secret/);
  });

  it('removes only that property of a multi-property ENV with line continuations', () => {
    const middle = onlyFix('FROM alpine\nENV A=1 \\\n    API_KEY=abc123secret \\\n    B=2\nRUN ls\n', ENV).fixed;
    assert.equal(
      middle,
      'FROM alpine\n# API_KEY: not in the image; provided at run time as a secret file (/etc/secrets/API_KEY)\nENV A=1 \\\n    B=2\nRUN ls\n',
    );
    const last = onlyFix('FROM alpine\nENV A=1 \\\n    API_KEY=abc123secret\nRUN ls\n', ENV).fixed;
    assert.match(last, /\nENV A=1\nRUN ls\n$/);
    const first = onlyFix('FROM alpine\nENV API_KEY=abc123secret \\\n    B=2\nRUN ls\n', ENV).fixed;
    assert.match(first, /\nENV B=2\nRUN ls\n$/);
    for (const fixed of [middle, last, first]) {
      const env = instructionsOf(fixed).find((i) => i.keyword === 'ENV')!;
      const props = (
        DockerfileParser.parse(fixed)
          .getInstructions()
          .find((i) => i.getKeyword() === 'ENV') as unknown as {
          getProperties(): { getName(): string; getValue(): string | null }[];
        }
      ).getProperties();
      assert.ok(!props.some((p) => p.getName() === 'API_KEY'), env.text);
      assert.ok(props.length >= 1);
    }
  });

  it('keeps CRLF and the escape directive`s continuation character', () => {
    const crlf = onlyFix('FROM alpine\r\nENV A=1 \\\r\n    API_KEY=abc123secret \\\r\n    B=2\r\nRUN ls\r\n', ENV).fixed;
    assert.equal(
      crlf,
      'FROM alpine\r\n# API_KEY: not in the image; provided at run time as a secret file (/etc/secrets/API_KEY)\r\nENV A=1 \\\r\n    B=2\r\nRUN ls\r\n',
    );
    const escaped = onlyFix('# escape=`\nFROM alpine\nENV A=1 `\n    API_KEY=abc123secret `\n    B=2\nRUN ls\n', ENV).fixed;
    assert.match(escaped, /^# escape=`\n/);
    assert.match(escaped, /ENV A=1 `\n {4}B=2\n/);
  });

  it('mounts the secret into RUN steps that use it, only in its scope (a later redeclaration ends it)', () => {
    const text = 'FROM alpine\nENV API_KEY=abc123secret\nRUN curl $API_KEY\nENV API_KEY=other123value\nRUN curl $API_KEY\n';
    const first = onlyFix(text, ENV, 0).fixed;
    assert.equal(
      first,
      '# syntax=docker/dockerfile:1\nFROM alpine\n# API_KEY: not in the image; provided at run time as a secret file (/etc/secrets/API_KEY)\nRUN --mount=type=secret,id=api_key,env=API_KEY curl $API_KEY\nENV API_KEY=other123value\nRUN curl $API_KEY\n',
    );
  });

  it('a pinned old frontend blocks the fix only when a RUN needs the mount', () => {
    const needs = fixesOf('# syntax=docker/dockerfile:1.4\nFROM alpine\nENV API_KEY=abc123secret\nRUN curl -H "$API_KEY" https://x\n', ENV);
    assert.deepEqual(needs.fixes, []);
    assert.match(whyDeclined(needs.finding) ?? '', /1\.10\+/);
    const { fixed } = onlyFix('# syntax=docker/dockerfile:1.4\nFROM alpine\nENV API_KEY=abc123secret\nRUN ls\n', ENV);
    assert.match(fixed, /^# syntax=docker\/dockerfile:1\.4\n/);
  });

  it('declines when a LABEL of the stage reads the value', () => {
    const { finding, fixes } = fixesOf('FROM alpine\nENV API_KEY=abc123secret\nLABEL k=$API_KEY\nRUN ls\n', ENV);
    assert.deepEqual(fixes, []);
    assert.match(whyDeclined(finding) ?? '', /LABEL on line 3/);
  });

  it('declines when an instruction of an inheriting stage with no RUN reads the value', () => {
    const { fixes } = fixesOf('FROM alpine AS base\nENV API_KEY=abc123secret\nFROM base\nLABEL k=$API_KEY\n', ENV);
    assert.deepEqual(fixes, []);
  });

  it('the ENV copying a build argument goes; the ARG stays (the other finding declines while the ENV reads it)', () => {
    const text = 'FROM alpine\nARG NPM_TOKEN\nENV T=$NPM_TOKEN\nRUN npm ci\n';
    const { fixed } = onlyFix(text, ENV);
    assert.equal(fixed, 'FROM alpine\nARG NPM_TOKEN\n# T: not in the image; provided at run time as a secret file (/etc/secrets/T)\nRUN npm ci\n');
    assert.deepEqual(fixesOf(text, ARG).fixes, []);
  });
});

describe('Dockerfile: the env-dumped fixes (preferred)', () => {
  const scope = 'FROM alpine\nARG NPM_TOKEN\n';
  const cases: [string, string, string][] = [
    ['env', 'RUN env\n', 'RUN env | cut -d= -f1\n'],
    ['printenv', 'RUN printenv > /tmp/e\n', 'RUN printenv | cut -d= -f1 > /tmp/e\n'],
    ['set -ex', 'RUN set -ex && npm ci --token $NPM_TOKEN\n', 'RUN set -e && npm ci --token $NPM_TOKEN\n'],
    ['set -euxo', 'RUN set -euxo pipefail; echo $NPM_TOKEN\n', 'RUN set -euo pipefail; echo $NPM_TOKEN\n'],
    ['lone set -x &&', 'RUN set -x && npm ci --token $NPM_TOKEN\n', 'RUN npm ci --token $NPM_TOKEN\n'],
    ['lone set -x; mid-script', 'RUN cd /app; set -x; npm ci --token $NPM_TOKEN\n', 'RUN cd /app; npm ci --token $NPM_TOKEN\n'],
    ['set -x && with continuation', 'RUN set -x && \\\n    npm ci --token $NPM_TOKEN\n', 'RUN npm ci --token $NPM_TOKEN\n'],
    ['set -o xtrace', 'RUN set -o xtrace && echo $NPM_TOKEN\n', 'RUN echo $NPM_TOKEN\n'],
    ['bash -x', 'RUN bash -x build.sh $NPM_TOKEN\n', 'RUN bash build.sh $NPM_TOKEN\n'],
    ['heredoc line', 'RUN <<EOF\nset -x\nnpm ci --token $NPM_TOKEN\nEOF\n', 'RUN <<EOF\nnpm ci --token $NPM_TOKEN\nEOF\n'],
  ];
  for (const [label, run, expected] of cases) {
    it(label, () => {
      const { fix, fixed } = onlyFix(scope + run, DUMPED);
      assert.equal(fix.preferred, true);
      assert.equal(fix.caveat, undefined);
      assert.equal(fixed, scope + expected);
      assert.deepEqual(flagged(fixed, DUMPED), [], 'fixed: no longer dumped');
    });
  }

  it('the names-only pipeline the fix writes is not flagged again, so fix-all applies it once', () => {
    assert.deepEqual(flagged(`${scope}RUN env | cut -d= -f1\n`, DUMPED), []);
    assert.deepEqual(flagged(`${scope}RUN printenv | cut -d= -f1 > /tmp/e\n`, DUMPED), []);
    assert.deepEqual(flagged(`${scope}RUN env | awk -F= '{print $1}'\n`, DUMPED), []);
    assert.equal(fixAll({ text: `${scope}RUN env\n`, path: PATH }).text, `${scope}RUN env | cut -d= -f1\n`);
  });

  it('a pipe that keeps the values still dumps', () => {
    assert.deepEqual(flagged(`${scope}RUN env | sort\n`, DUMPED), [[DUMPED, 'env']]);
    assert.deepEqual(flagged(`${scope}RUN env | grep -i token\n`, DUMPED), [[DUMPED, 'env']]);
    assert.deepEqual(flagged(`${scope}RUN env | cut -d= -f2\n`, DUMPED), [[DUMPED, 'env']]);
  });
});

describe('Dockerfile: every fix re-parses and keeps what it did not touch', () => {
  it('on a multi-stage Dockerfile with every kind of finding', () => {
    const text = [
      'ARG BASE=alpine:3.20',
      'FROM ${BASE} AS deps',
      'LABEL org.opencontainers.image.source=https://example.com/repo',
      'WORKDIR /app',
      'ARG NPM_TOKEN',
      'ENV NODE_ENV=production \\',
      '    API_KEY=abc123secret \\',
      '    PORT=8080',
      'COPY package*.json ./',
      'RUN --mount=type=cache,target=/root/.npm set -ex && \\',
      '    echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && \\',
      '    npm ci',
      'RUN env',
      'FROM deps AS build',
      'COPY . .',
      'RUN npm run build -- --key "$API_KEY"',
      'FROM nginx:1.27',
      'COPY --from=build /app/dist /usr/share/nginx/html',
      'EXPOSE 80',
      'HEALTHCHECK CMD curl -f http://localhost/ || exit 1',
      'CMD ["nginx", "-g", "daemon off;"]',
      '',
    ].join('\n');
    const analysis = analyzeDockerfile(text);
    assert.deepEqual(
      analysis.findings.map((f) => [f.rule, text.slice(f.start, f.end)]),
      [
        [ARG, 'NPM_TOKEN'],
        // On the instruction's first line: from its keyword when the variable is on a continuation line.
        [ENV, 'ENV NODE_ENV=production \\\n    API_KEY=abc123secret'],
        [DUMPED, 'set -ex'],
        [DUMPED, 'env'],
      ],
    );
    let checked = 0;
    for (const finding of analysis.findings) {
      for (const fix of analysis.fixesFor(finding)) {
        const fixed = assertFixKeepsTheRest(text, fix);
        assert.equal(fix.preferred, finding.rule === DUMPED, `${finding.rule}: preferred only for env-dumped`);
        assert.equal(fix.caveat === undefined, finding.rule === DUMPED);
        assert.equal(analyze({ text: fixed, path: PATH }).kind, 'dockerfile');
        checked++;
      }
    }
    assert.equal(checked, 4);
  });
});
