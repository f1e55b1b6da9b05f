// The scan's first pass: each manifest is read and parsed once, and that one parse serves both its
// analysis and the workspace index. The reports wait for the second pass (which analyses code against
// the finished index, and prints every file in walk order); each is used there only if the analysis'
// questions to the index (recorded-hooks.ts) still get the same answers, else the file is analysed again.
// Only reports (plain data) are kept, never a parse: memory does not grow with the files' YAML trees.
import { analyze, prepareAnalysis } from '../engine/analyze';
import type { EngineSettings } from '../engine/settings';
import { WorkspaceIndex } from '../engine/workspace';
import { fileReport, type FileReport } from './file-report';
import { readManifests } from './index-manifests';
import { recordHooks } from './recorded-hooks';

export interface EarlyReport extends FileReport {
  /** Whether the report is what an analysis against the index as it is now would give. */
  stillHolds: () => boolean;
}

export interface ManifestPass {
  workspace: WorkspaceIndex;
  /** By file, for each manifest read and analysed. */
  reports: Map<string, EarlyReport>;
}

export async function analyseAndIndexManifests(files: readonly string[], settings: EngineSettings, onlyRules: readonly string[] | undefined): Promise<ManifestPass> {
  const workspace = new WorkspaceIndex();
  const reports = new Map<string, EarlyReport>();
  for await (const { file, text, indexable } of readManifests(files, settings)) {
    const recorder = recordHooks(workspace.hooks);
    const input = { text, path: file, settings, onlyRules, ...recorder.hooks };
    await prepareAnalysis(input);
    const analysis = analyze(input);
    // Indexed before the report asks for fixes: the env-from fix looks up this file's own Secrets too.
    if (indexable) workspace.update(file, text, analysis.stream && { text, stream: analysis.stream });
    reports.set(file, { ...fileReport(file, analysis), stillHolds: recorder.answersStillHold });
  }
  return { workspace, reports };
}
