// Applies every preferred fix to a folder of workloads, as `secret-hints scan --fix` does (manifests
// indexed, code read first, then each file fixed), and proves for every container that the fix kept it
// running: no env var that something still references was removed (a dangling `$(VAR)` or `$VAR`), every
// variable that went is still delivered (a mounted file the image reads through its documented `*_FILE`
// variable, or that the workspace's code now reads through the loader), and every file still parses
// (Helm templates with their actions masked, every action kept byte for byte). Prints one line per
// container checked and per finding left (with its reason), then the totals; exits 1 on any violation.
// `npm run check:workloads [folder]` (default: test/fixtures/workloads); test/unit/workload-fixes.test.ts.
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { analyze, fileKindOf, prepareAnalysis, type AnalysisInput } from '../server/src/engine/analyze';
import { fixAll } from '../server/src/engine/fix-all';
import { codeReadsOf } from '../server/src/engine/combined-fix';
import { CrossFileIndex } from '../server/src/engine/cross-file-index';
import type { Finding } from '../server/src/engine/findings';
import { parseManifest, type ManifestContext } from '../server/src/engine/k8s/documents';
import { referencesTo } from '../server/src/engine/k8s/env-references';
import { maskTemplates } from '../server/src/engine/k8s/helm';
import { actionKind, balancedKinds } from '../server/src/engine/k8s/template-blocks';
import { fileVariantFor } from '../server/src/engine/k8s/images';
import { asMap, getMap, getSeq, getString } from '../server/src/engine/k8s/nodes';
import { sameFileSecretKeys } from '../server/src/engine/k8s/fix';
import { containerEntries } from '../server/src/engine/k8s/uses';
import { allContainers, type Container } from '../server/src/engine/k8s/workloads';
import { defaultSettings } from '../server/src/engine/settings';
import { readUtf8File } from '../server/src/read-text';
import { collectFiles } from '../server/src/walk';
import { atomsOf, choicesFor, renderTemplate } from './helm-render';

export const WORKLOADS_DIR = path.join(__dirname, '..', 'test', 'fixtures', 'workloads');

export interface Left {
  file: string;
  line: number;
  rule: string;
  reason: string;
}

export interface WorkloadReport {
  /** Containers compared before and after. */
  containers: number;
  findingsBefore: number;
  fixesApplied: number;
  left: Left[];
  violations: string[];
  /** The fixed texts by file (relative to the folder), for callers that look closer. */
  fixed: Map<string, string>;
}

/** Runs the check on a folder (read-only: fixed texts stay in memory). */
export async function checkWorkloadFixes(dir: string): Promise<WorkloadReport> {
  const { files } = await collectFiles([dir], []);
  const texts = new Map<string, string>();
  for (const file of files) texts.set(file, (await readUtf8File(file)).text);
  const settings = defaultSettings();
  const index = new CrossFileIndex();
  for (const [file, text] of texts) if (fileKindOf(file) === 'manifest') index.update(file, text);
  const report: WorkloadReport = { containers: 0, findingsBefore: 0, fixesApplied: 0, left: [], violations: [], fixed: new Map() };
  const codeAfter = new Map<string, string>();
  const order = [...texts.keys()].sort((a, b) => Number(fileKindOf(a) === 'manifest') - Number(fileKindOf(b) === 'manifest'));
  for (const file of order) {
    const text = texts.get(file) as string;
    const input: AnalysisInput = { text, path: file, settings, ...index.hooks };
    await prepareAnalysis(input);
    const analysis = analyze(input);
    if (fileKindOf(file) !== 'manifest') index.noteCodeReads(file, codeReadsOf(analysis));
    report.findingsBefore += analysis.findings.length;
    const result = fixAll(input, { analysis });
    report.fixesApplied += result.applied;
    const relative = path.relative(dir, file);
    report.fixed.set(relative, result.text);
    const after = result.analysis ?? analyze({ ...input, text: result.text });
    for (const f of after.findings) report.left.push(leftOf(relative, f, after.lines.position(f.start).line + 1, after.fixesFor(f)));
    if (fileKindOf(file) === 'manifest') {
      report.violations.push(...checkManifest(relative, text, result.text, (v) => codeReadsFile(codeAfter, v), index.hooks.chartImage, file));
      report.containers += allContainers(parseManifest(text)).length;
    } else {
      codeAfter.set(file, result.text);
    }
  }
  return report;
}

function leftOf(file: string, f: Finding, line: number, fixes: { caveat?: string }[]): Left {
  const blocked = typeof f.data.fixBlocked === 'string' ? f.data.fixBlocked : undefined;
  const caveat = fixes.find((x) => x.caveat !== undefined)?.caveat;
  return { file, line, rule: f.rule, reason: blocked ?? (caveat ? `not preferred: ${caveat}` : fixes.length > 0 ? 'fixes conflict' : 'no fix') };
}

/** The code, as fixed, reads the variable through the loader (so a mounted file reaches it). */
function codeReadsFile(code: ReadonlyMap<string, string>, variable: string): boolean {
  const call = new RegExp(`\\b(?:load_secret|loadSecret)\\(\\s*["'\`]${variable}["'\`]`);
  return [...code.values()].some((text) => call.test(text));
}

/**
 * The violations of one manifest's fix: containers paired in order (fixes add documents only at the
 * end, never pods or containers), each variable that went checked for dangling uses and delivery.
 */
export function checkManifest(
  file: string,
  before: string,
  after: string,
  codeReadsFileOf: (variable: string) => boolean,
  chartImage?: (templatePath: string, image: string) => string | undefined,
  templatePath = file,
): string[] {
  const out: string[] = [];
  const was = parseManifest(before);
  const now = parseManifest(after);
  const broken = (ctx: ManifestContext) => ctx.documents.filter((d) => d.broken).length;
  if (broken(now) > broken(was)) out.push(`${file}: the fixed file no longer parses`);
  const kept = new Set((maskTemplates(after)?.actions ?? []).map((a) => after.slice(a.start, a.end)));
  for (const a of maskTemplates(before)?.actions ?? []) {
    if (!kept.has(before.slice(a.start, a.end))) out.push(`${file}: template action lost: ${before.slice(a.start, a.end)}`);
  }
  // Control flow must balance as it did (copies come in `if` … `end` pairs), and no masked text may be written.
  if (maskTemplates(before) && !balanced(after)) out.push(`${file}: template blocks no longer balance`);
  if (/_{6,}/.test(after) && !/_{6,}/.test(before)) out.push(`${file}: masked template text written into the file`);
  // A template's containers are compared as rendered (a key written once per branch reads as a
  // duplicate in the masked text); a plain manifest's as written.
  if (maskTemplates(before)) return [...out, ...checkRenderings(file, before, after)];
  const oldContainers = allContainers(was);
  const newContainers = allContainers(now);
  if (oldContainers.length !== newContainers.length) return [...out, `${file}: containers changed in number`];
  oldContainers.forEach((old, i) => {
    const fixed = newContainers[i];
    const where = `${file}: container "${old.name}"`;
    const gone = [...definedVariables(old, was)].filter((v) => !definedVariables(fixed, now).has(v));
    for (const variable of gone) {
      for (const ref of referencesTo(fixed, variable, after)) out.push(`${where}: ${variable} removed but still used as ${ref.form} in ${ref.place}`);
      if (!delivered(fixed, variable, codeReadsFileOf, imageOf(fixed, now, chartImage, templatePath))) {
        out.push(`${where}: ${variable} removed and no longer reaches the container (no file the image or the code reads)`);
      }
    }
  });
  return out;
}

/**
 * A template rendered (scripts/helm-render.ts) under each choice of its conditions, before and after the
 * fix: where the original renders valid YAML, the fixed one must too, with the same containers, and
 * every variable that went must be mounted as a file in that same rendering — the proof that copies of
 * `if` conditions put the volume and mount exactly where the entry was.
 */
function checkRenderings(file: string, before: string, after: string): string[] {
  const out = new Set<string>();
  choicesFor(atomsOf(before)).forEach((choice, n) => {
    const was = renderTemplate(before, choice);
    if (!parsesStrictly(was)) return; // conditions the chart never combines
    const now = renderTemplate(after, choice);
    const where = `${file} (rendering ${n + 1})`;
    if (!parsesStrictly(now)) {
      out.add(`${where}: the fixed template renders invalid YAML where the original renders valid YAML`);
      return;
    }
    const wasCtx = parseManifest(was);
    const nowCtx = parseManifest(now);
    const oldContainers = allContainers(wasCtx);
    const newContainers = allContainers(nowCtx);
    if (oldContainers.length !== newContainers.length) {
      out.add(`${where}: containers changed in number`);
      return;
    }
    oldContainers.forEach((old, i) => {
      const fixed = newContainers[i];
      for (const variable of [...definedVariables(old, wasCtx)].filter((v) => !definedVariables(fixed, nowCtx).has(v))) {
        for (const ref of referencesTo(fixed, variable, now)) out.add(`${where}: ${variable} removed but still used as ${ref.form} in ${ref.place}`);
        if (mountedFiles(fixed, variable).length === 0) out.add(`${where}: ${variable} removed and no file of it is mounted in the same rendering`);
      }
    });
  });
  return [...out];
}

function parsesStrictly(text: string): boolean {
  return parseAllDocuments(text, { uniqueKeys: true }).every((d) => d.errors.length === 0);
}

/** `{{ if/with/range/define/block }}` and `{{ end }}` pair up. */
function balanced(text: string): boolean {
  return balancedKinds((maskTemplates(text)?.actions ?? []).map((a) => actionKind(text, a)));
}

function definedVariables(container: Container, ctx: ManifestContext): Set<string> {
  const doc = container.pod.object.document.doc;
  const fromSecrets = containerEntries(container, 'envFrom').flatMap((e) => {
    const secret = getString(getMap(e.entry, 'secretRef', doc), 'name', doc);
    const prefix = getString(e.entry, 'prefix', doc) ?? '';
    return (secret === undefined ? [] : (sameFileSecretKeys(ctx, secret) ?? [])).map((k) => `${prefix}${k}`);
  });
  return new Set([...containerEntries(container, 'env').flatMap((e) => getString(e.entry, 'name', doc) ?? []), ...fromSecrets]);
}

function imageOf(
  container: Container,
  ctx: ManifestContext,
  chartImage: ((p: string, i: string) => string | undefined) | undefined,
  templatePath: string,
): string | undefined {
  const doc = container.pod.object.document.doc;
  const node = container.map.items.find((p) => (p.key as { value?: unknown })?.value === 'image')?.value as { range?: number[] } | undefined;
  const written = node?.range ? ctx.text.slice(node.range[0], node.range[1]) : undefined;
  if (written?.includes('{{')) return chartImage?.(templatePath, written);
  return getString(container.map, 'image', doc);
}

/**
 * The variable still reaches the container: a volume mounted in it projects a file named after it,
 * and either the image reads that file through its documented `*_FILE` variable (set to that path) or
 * the workspace's code reads the variable through the loader.
 */
function delivered(container: Container, variable: string, codeReadsFileOf: (v: string) => boolean, image: string | undefined): boolean {
  const paths = mountedFiles(container, variable);
  if (paths.length === 0) return false;
  const doc = container.pod.object.document.doc;
  const pointer = fileVariantFor(image, variable)?.variable;
  const env = containerEntries(container, 'env').map((e) => [getString(e.entry, 'name', doc), getString(e.entry, 'value', doc)]);
  if (pointer && env.some(([name, value]) => name === pointer && value !== undefined && paths.includes(value))) return true;
  return codeReadsFileOf(variable);
}

/** Paths in the container of files named after the variable, projected by volumes mounted in it. */
function mountedFiles(container: Container, variable: string): string[] {
  const doc = container.pod.object.document.doc;
  const volumes = new Map<string, string[]>();
  for (const v of getSeq(container.pod.spec, 'volumes', doc)?.items ?? []) {
    const volume = asMap(v, doc);
    const files = (getSeq(getMap(volume, 'projected', doc), 'sources', doc)?.items ?? []).flatMap((s) => {
      const secret = getMap(asMap(s, doc), 'secret', doc);
      return (getSeq(secret, 'items', doc)?.items ?? []).flatMap((item) => getString(asMap(item, doc), 'path', doc) ?? []);
    });
    const name = getString(volume, 'name', doc);
    if (name !== undefined) volumes.set(name, files);
  }
  return containerEntries(container, 'volumeMounts').flatMap((m) => {
    const files = volumes.get(getString(m.entry, 'name', doc) ?? '') ?? [];
    const dir = getString(m.entry, 'mountPath', doc) ?? '';
    return files.includes(variable) ? [`${dir.replace(/\/+$/, '')}/${variable}`] : [];
  });
}

async function main(): Promise<number> {
  const dir = path.resolve(process.argv[2] ?? WORKLOADS_DIR);
  const report = await checkWorkloadFixes(dir);
  for (const l of report.left) process.stdout.write(`left   ${l.file}:${l.line} ${l.rule}: ${l.reason}\n`);
  for (const v of report.violations) process.stdout.write(`BROKEN ${v}\n`);
  process.stdout.write(
    `${report.containers} containers, ${report.findingsBefore} findings, ${report.fixesApplied} fixes applied, ` +
      `${report.left.length} left with a reason, ${report.violations.length} violations.\n`,
  );
  return report.violations.length === 0 ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
