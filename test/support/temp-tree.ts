// Temporary file trees for tests that run the CLI or walk folders: one helper instead of a copy per file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** Writes `files` (relative path → content) under a new temporary folder and returns the folder. */
export function writeTree(files: Record<string, string | Buffer>, prefix = 'secret-hints-'): string {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return root;
}

/** Folders to remove when the test file is done (register `after(trees.removeAll)`). */
export class TempTrees {
  private readonly roots: string[] = [];

  write(files: Record<string, string | Buffer>, prefix?: string): string {
    const root = writeTree(files, prefix);
    this.roots.push(root);
    return root;
  }

  removeAll = (): void => {
    for (const r of this.roots.splice(0)) rmSync(r, { recursive: true, force: true });
  };
}
