// The CLI's workspace view: before analysing, every manifest among the walked files is indexed, so code
// is judged by where its env vars come from (the same `envSource` hook the language server passes).
import { promises as fs } from 'node:fs';
import { fileKindOf } from '../engine/analyze';
import type { EngineSettings } from '../engine/settings';
import { WorkspaceIndex } from '../engine/workspace';
import { readUtf8Text } from '../read-text';

export async function indexManifests(files: readonly string[], settings: EngineSettings): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex();
  const limit = settings.maxFileSizeKb * 1024;
  for (const file of files) {
    if (fileKindOf(file) !== 'manifest') continue;
    try {
      if ((await fs.stat(file)).size > limit) continue; // analysis skips it too, with a note
      const text = await readUtf8Text(file); // not UTF-8: analysis skips it too, with a note
      if (text !== undefined) index.update(file, text);
    } catch {
      // Unreadable files are reported once, by the analysis pass that follows.
    }
  }
  return index;
}
