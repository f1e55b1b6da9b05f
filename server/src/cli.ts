// `secret-hints scan`: the command-line front end on the same engine as the language server.
import * as path from 'node:path';
import { analyze, mayBeManifest, prepareAnalysis, type Analysis, type AnalysisInput } from './engine/analyze';
import { fixAll } from './engine/fix-all';
import { codeReadsOf } from './engine/combined-fix';
import { leftFindings, leftNotes, type LeftFinding } from './cli/left-findings';
import { atLeast, parseArgs, UsageError, USAGE, type ScanOptions } from './cli/args';
import { createFixFile, writeFixed, writeReportFile } from './cli/fix-file';
import { formatJson } from './cli/format-json';
import { formatSarif } from './cli/format-sarif';
import { formatText, printable, wantsColor } from './cli/format-text';
import { displayPath, fileNotes, fileReport, type FileReport } from './cli/file-report';
import { analyseAndIndexManifests } from './cli/manifest-pass';
import { BaselineError, formatBaseline, parseBaseline } from './engine/baseline';
import { sharedLoaderPlan } from './cli/shared-loader';
import { configErrors, projectConfigs, settingsByFile } from './cli/project-settings';
import type { ReportedFinding, ScanResult } from './cli/report';
import { besideReader, NotUtf8Error, pathTaken, readUtf8File } from './read-text';
import { collectFiles, describe } from './walk';
import { VERSION } from './package-info';

/** A file --fix changes, with the scan's analysis of it (fix-all's first pass). */
interface FileToFix {
  i: number;
  file: string;
  input: AnalysisInput;
  analysis: Analysis;
  bytes: Buffer;
  text: string;
}

async function main(argv: readonly string[]): Promise<number> {
  let options: ScanOptions | 'help';
  try {
    options = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`secret-hints: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let baselined: Set<string> | undefined;
  if (options.baseline !== undefined) {
    try {
      baselined = parseBaseline((await readUtf8File(options.baseline)).text, options.baseline);
    } catch (err) {
      process.stderr.write(
        `secret-hints: ${printable(err instanceof BaselineError ? err.message : `cannot read baseline ${options.baseline}: ${describe(err)}`)}\n`,
      );
      return 2;
    }
  }
  // Each file's project config (the nearest .secret-hints.yaml, or --config) is read as the walk meets
  // it; an invalid one stops the scan before anything is analysed.
  const configs = projectConfigs(options);
  if (options.config !== undefined) await configs.nearest('.');
  const { files, errors } = await collectFiles(options.paths, options.exclude, undefined, { projectExclusions: configs });
  const invalidConfig = await configErrors(configs);
  if (invalidConfig.length > 0) {
    process.stderr.write(`${invalidConfig.map((line) => `secret-hints: ${line}`).join('\n')}\nsecret-hints: invalid project config; nothing was scanned.\n`);
    return 2;
  }
  const settingsOf = await settingsByFile(files, configs, options);
  // First pass: manifests, analysed and indexed from one parse. Second pass, in walk order: code files
  // (against the complete index), manifests whose first-pass report no longer holds, and --fix.
  // JSON files that are not manifests (package.json…) are ignored from here on: not analysed, not counted.
  const { workspace, reports, ignored } = await analyseAndIndexManifests(files, settingsOf, options.rules, options.fix);
  // One slot per file in walk order; a slot of a fixed file is filled in when its write has settled.
  const slots: (Pick<FileReport, 'findings' | 'skipped'> | undefined)[] = files.map(() => undefined);
  const writes: Promise<void>[] = [];
  let fixed = 0;
  const left: LeftFinding[][] = files.map(() => []);
  // Notes (stderr) per file, printed in walk order once every file is done, like the reports.
  const notes: string[][] = files.map(() => []);
  const writeNotes = (i: number, lines: readonly string[]) => notes[i].push(...lines);
  // Code files first: the env vars they read (workspace.noteCodeReads) decide which manifest fixes
  // are preferred, so manifests come after them (an early report asked the codeReads hook too, and is
  // analysed again when the answer changed).
  const order = files.map((file, i) => ({ file, i, manifest: mayBeManifest(file) })).filter((f) => !ignored.has(f.file));
  const codeToFix: FileToFix[] = [];
  const createdModules = new Set<string>();
  /** Fix-all on one file; the fixed text is written while the scan goes on. */
  const fixFile = ({ i, file, input, analysis, bytes, text }: FileToFix, sharedLoader = false): void => {
    // The scan's analysis is fix-all's first pass, and its last pass' analysis is what is reported.
    // Files a fix creates: the shared loader module when asked for, Go's and Java's loader files always.
    const result = fixAll(input, { analysis, createFiles: true, sharedLoader });
    const after = result.text === text ? (result.analysis ?? analyze(input)) : (result.analysis ?? analyze({ ...input, text: result.text }));
    left[i] = leftFindings(file, after);
    slots[i] = fileReport(file, after);
    if (result.text === text) return;
    // The index follows the fixed manifest (indexed from the analysis' own parse).
    workspace.update(file, result.text, after.stream && { text: result.text, stream: after.stream });
    // The loader module the folder's files now import, created once (never over an existing file).
    const modules = result.createFiles
      .map((c) => ({ at: path.join(path.dirname(file), c.relativePath), text: c.text }))
      .filter((m) => !createdModules.has(m.at) && !pathTaken(m.at));
    for (const m of modules) createdModules.add(m.at);
    // Written while the scan goes on (a write waits on the disk, not on the processor). A file that
    // cannot be written is reported as it is on disk, and the index forgets the fix.
    writes.push(
      Promise.all(modules.map((m) => createFixFile(m.at, m.text)))
        .then(() => writeFixed(file, bytes, result.text))
        .then(
          () => {
            fixed += result.applied;
          },
          (err: unknown) => {
            errors.push(`${file}: ${describe(err)}`);
            workspace.update(file, text);
            slots[i] = fileReport(file, analyze(input));
          },
        ),
    );
  };
  const progress = progressLine(order.length, process.stderr.isTTY === true && !options.quiet);
  for (const { file, i } of [...order.filter((f) => !f.manifest), ...order.filter((f) => f.manifest)]) {
    progress.tick();
    const early = reports.get(file);
    reports.delete(file);
    const holds = early?.stillHolds() ?? false;
    if (early && holds && !early.forFix) {
      writeNotes(i, early.notes);
      slots[i] = early;
      continue;
    }
    let bytes: Buffer;
    let text: string;
    let analysed: Analysis | undefined;
    if (early?.forFix && holds) {
      // --fix on a manifest with findings: the first pass' analysis is the fix's starting point.
      ({ bytes, text, analysis: analysed } = early.forFix);
      writeNotes(i, early.notes);
    } else {
      try {
        ({ bytes, text } = await readUtf8File(file));
      } catch (err) {
        if (!(err instanceof NotUtf8Error)) {
          errors.push(`${file}: ${describe(err)}`);
          continue;
        }
        writeNotes(i, [printable(`${displayPath(file)}: not valid UTF-8 text; skipped`)]);
        slots[i] = { findings: [], skipped: { file: displayPath(file), reason: 'not-text', message: 'File is not valid UTF-8 text; not analysed.' } };
        continue;
      }
    }
    const input: AnalysisInput = { text, path: file, settings: settingsOf(file), onlyRules: options.rules, readBeside: besideReader(file), ...workspace.hooks };
    await prepareAnalysis(input);
    const analysis = analysed ?? analyze(input);
    if (!analysed) writeNotes(i, fileNotes(file, analysis));
    workspace.noteCodeReads(file, codeReadsOf(analysis));
    if (!options.fix || analysis.findings.length === 0) {
      slots[i] = fileReport(file, analysis);
      continue;
    }
    // Code is fixed once every code file is analysed: which files share a loader module depends on all of them.
    if (!mayBeManifest(file)) codeToFix.push({ i, file, input, analysis, bytes, text });
    else fixFile({ i, file, input, analysis, bytes, text });
  }
  const { sharing } = sharedLoaderPlan(codeToFix);
  codeToFix.forEach((f, k) => fixFile(f, sharing.has(k)));
  await Promise.all(writes);
  for (const lines of notes) printNotes(lines);
  const scanned = slots.flatMap((s) => s?.findings ?? []);
  // With a baseline, what it holds is neither reported nor counted against the gate.
  const findings = baselined ? scanned.filter((f) => !baselined.has(f.fingerprint)) : scanned;
  const inBaseline = scanned.length - findings.length;
  const skipped = slots.flatMap((s) => (s?.skipped ? [s.skipped] : []));
  progress.done();
  for (const e of errors) process.stderr.write(`secret-hints: ${printable(e)}\n`);
  if (options.writeBaseline !== undefined) {
    const all = scanned;
    try {
      await writeReportFile(options.writeBaseline, formatBaseline(all.map((f) => ({ rule: f.rule, file: f.file, fingerprint: f.fingerprint }))));
    } catch (err) {
      process.stderr.write(`secret-hints: cannot write ${printable(options.writeBaseline)}: ${describe(err)}\n`);
      return 2;
    }
    process.stdout.write(`${all.length} finding${all.length === 1 ? '' : 's'} recorded in ${printable(options.writeBaseline)}.\n`);
    return errors.length > 0 ? 2 : 0;
  }
  // What fails the scan: findings at or above --fail-on, and warnings past --max-warnings.
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  const fails = (f: ReportedFinding) => atLeast(f.severity, options.failOn) || (tooManyWarnings && f.severity === 'warning');
  const reported = options.quiet ? findings.filter(fails) : findings;
  const scan: ScanResult = { findings: reported, skipped, filesScanned: files.length - ignored.size, allowSkipped: options.allowSkipped };
  const exitCode = errors.length > 0 ? 2 : findings.some(fails) ? 1 : skipped.length > 0 && !options.allowSkipped ? 3 : 0;
  const toFile = options.output !== undefined;
  let report =
    options.format === 'json'
      ? formatJson(scan)
      : options.format === 'sarif'
        ? formatSarif(scan, VERSION, exitCode)
        : formatText(scan, { color: wantsColor(toFile ? {} : process.stdout), quiet: options.quiet });
  if (options.fix && options.format === 'text') report += `${fixed} fix${fixed === 1 ? '' : 'es'} applied.\n`;
  if (baselined && options.format === 'text') report += `${inBaseline} finding${inBaseline === 1 ? '' : 's'} in the baseline not shown.\n`;
  if (tooManyWarnings && options.format === 'text') report += `${warnings} warnings, more than --max-warnings ${options.maxWarnings}: the scan fails.\n`;
  if (options.fix) printNotes(leftNotes(left.flat()));
  if (toFile) {
    try {
      await writeReportFile(options.output as string, report);
    } catch (err) {
      process.stderr.write(`secret-hints: cannot write ${printable(options.output as string)}: ${describe(err)}\n`);
      return 2;
    }
  } else process.stdout.write(report);
  return exitCode;
}

/**
 * `files done / total` on stderr while the scan runs, when stderr is a terminal (never in CI logs or
 * pipes) and not --quiet; the line is cleared before anything else is printed.
 */
function progressLine(total: number, enabled: boolean): { tick(): void; done(): void } {
  let done = 0;
  let shown = -1;
  const step = Math.max(1, Math.floor(total / 100));
  return {
    tick() {
      done++;
      if (!enabled || (done - shown < step && done !== total)) return;
      shown = done;
      process.stderr.write(`\rsecret-hints: ${done}/${total} files`);
    },
    done() {
      if (enabled && shown >= 0) process.stderr.write('\r\u001b[K');
    },
  };
}

function printNotes(notes: readonly string[]): void {
  for (const note of notes) process.stderr.write(`${note}\n`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`secret-hints: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
