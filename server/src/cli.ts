// `secret-hints scan`: the command-line front end on the same engine as the language server.
import { analyze, fixAll, prepareAnalysis, type AnalysisInput } from './engine/analyze';
import { defaultSettings } from './engine/settings';
import { parseArgs, UsageError, USAGE, type ScanOptions } from './cli/args';
import { writeFixed } from './cli/fix-file';
import { formatSarif } from './cli/format-sarif';
import { formatText, printable } from './cli/format-text';
import { displayPath, fileNotes } from './cli/file-report';
import { analyseAndIndexManifests } from './cli/manifest-pass';
import { reportFindings, type ReportedFinding } from './cli/report';
import { NotUtf8Error, readUtf8File } from './read-text';
import { collectFiles, describe } from './walk';

const VERSION = '0.1.0';

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
  const settings = defaultSettings();
  if (options.mountPath) settings.mountPath = options.mountPath.replace(/\/+$/, '') || '/';
  const { files, errors } = await collectFiles(options.paths, options.exclude);
  // First pass: manifests, analysed and indexed from one parse. Second pass, in walk order: code files
  // (against the complete index), manifests whose first-pass report no longer holds, and --fix.
  const { workspace, reports } = await analyseAndIndexManifests(files, settings, options.rules);
  const findings: ReportedFinding[] = [];
  let fixed = 0;
  for (const file of files) {
    const early = reports.get(file);
    reports.delete(file);
    // A manifest with findings under --fix is read and analysed again: its fixes are computed and written now.
    if (early && !(options.fix && early.findings.length > 0) && early.stillHolds()) {
      writeNotes(early.notes);
      findings.push(...early.findings);
      continue;
    }
    let bytes: Buffer;
    let text: string;
    try {
      ({ bytes, text } = await readUtf8File(file));
    } catch (err) {
      errors.push(`${file}: ${err instanceof NotUtf8Error ? 'not valid UTF-8 text; skipped' : describe(err)}`);
      continue;
    }
    const input: AnalysisInput = { text, path: file, settings, onlyRules: options.rules, ...workspace.hooks };
    await prepareAnalysis(input);
    let analysis = analyze(input);
    writeNotes(fileNotes(file, analysis));
    if (options.fix && analysis.findings.length > 0) {
      const result = fixAll(input);
      if (result.text !== text) {
        try {
          await writeFixed(file, bytes, result.text);
          fixed += result.applied;
          workspace.update(file, result.text); // code files later in the walk see the fixed manifest
          analysis = analyze({ ...input, text: result.text });
        } catch (err) {
          errors.push(`${file}: ${describe(err)}`);
        }
      }
    }
    findings.push(...reportFindings(displayPath(file), analysis));
  }
  for (const e of errors) process.stderr.write(`secret-hints: ${printable(e)}\n`);
  if (options.format === 'json') process.stdout.write(JSON.stringify(findings, null, 2) + '\n');
  else if (options.format === 'sarif') process.stdout.write(formatSarif(findings, VERSION));
  else process.stdout.write(formatText(findings, files.length));
  if (options.fix && options.format === 'text') process.stdout.write(`${fixed} fix${fixed === 1 ? '' : 'es'} applied.\n`);
  if (errors.length > 0) return 2;
  return findings.length > 0 ? 1 : 0;
}

function writeNotes(notes: readonly string[]): void {
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
