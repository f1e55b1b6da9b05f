// The scan's first pass: each manifest is read and parsed once, and that one parse serves both its
// analysis and the workspace index. The reports wait for the second pass (which analyses code against
// the finished index, and prints every file in walk order); each is used there only if the analysis'
// questions to the index (recorded-hooks.ts) still get the same answers, else the file is analysed again.
// Only reports (plain data) are kept, never a parse, so memory does not grow with the files' YAML trees;
// under --fix, manifests with findings keep their analysis, which the fix starts from.
import { analyzeFile, type Analysis } from '../engine/analyze';
import type { EngineSettings } from '../engine/settings';
import { CrossFileIndex } from '../engine/cross-file-index';
import { besideReader } from '../read-text';
import { fileNotes, fileReport, type FileReport } from './file-report';
import { readManifests } from './index-manifests';
import { recordHooks } from './recorded-hooks';

export interface EarlyReport extends FileReport {
  /** Whether the report is what an analysis against the index as it is now would give. */
  stillHolds: () => boolean;
  /**
   * `--fix` only, for a manifest with findings: the analysis itself and the file as read, so the
   * second pass fixes from it instead of reading and parsing the file again. Only these are kept.
   */
  forFix?: { analysis: Analysis; bytes: Buffer; text: string };
}

export interface ManifestPass {
  workspace: CrossFileIndex;
  /** By file, for each manifest read and analysed. */
  reports: Map<string, EarlyReport>;
  /** JSON files that are not manifests: not analysed, reported or counted. */
  ignored: Set<string>;
}

export async function analyseAndIndexManifests(
  files: readonly string[],
  settingsOf: (file: string) => EngineSettings,
  onlyRules: readonly string[] | undefined,
  fix = false,
): Promise<ManifestPass> {
  const workspace = new CrossFileIndex();
  const reports = new Map<string, EarlyReport>();
  const ignored = new Set<string>();
  for await (const { file, bytes, text, indexable } of readManifests(files, settingsOf, ignored)) {
    const recorder = recordHooks(workspace.hooks);
    const input = { text, path: file, settings: settingsOf(file), onlyRules, readBeside: besideReader(file), ...recorder.hooks };
    const analysis = await analyzeFile(input);
    // Indexed before the report asks for fixes: the env-from fix looks up this file's own Secrets too.
    if (indexable) workspace.update(file, text, analysis.stream && { text, stream: analysis.stream });
    const forFix = fix && analysis.findings.length > 0 ? { analysis, bytes, text } : undefined;
    // Under --fix the findings' fixes are asked for in the second pass, against the finished index.
    const report = forFix ? { notes: fileNotes(file, analysis), findings: [], skipped: undefined } : fileReport(file, analysis);
    reports.set(file, { ...report, stillHolds: recorder.answersStillHold, forFix });
  }
  return { workspace, reports, ignored };
}
