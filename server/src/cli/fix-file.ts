// `--fix` writes atomically: temp file beside the original + rename, the original's mode kept,
// and nothing written if the file changed on disk since it was read. Files a fix adds are created,
// never written over.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export async function writeFixed(file: string, originalBytes: Buffer, fixedText: string): Promise<void> {
  // Write through a symlink to its target (renaming onto the link would replace it with a copy). A
  // symlinked folder on the way needs nothing: the rename happens in the folder it points to.
  const own = await fs.lstat(file);
  const target = own.isSymbolicLink() ? await fs.realpath(file) : file;
  const stat = own.isSymbolicLink() ? await fs.stat(target) : own;
  const current = await fs.readFile(target);
  if (!current.equals(originalBytes)) throw new Error('changed on disk while it was being fixed; left untouched');
  // The decoder dropped the byte-order mark; a file that had one keeps it.
  const hadBom = originalBytes.subarray(0, 3).equals(UTF8_BOM) && !fixedText.startsWith('\uFEFF');
  const bytes = Buffer.concat([hadBom ? UTF8_BOM : Buffer.alloc(0), Buffer.from(fixedText, 'utf8')]);
  // An unpredictable name created exclusively ('wx'): a planted file or symlink there makes us fail, never follow it.
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.secret-hints-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, bytes, { flag: 'wx', mode: stat.mode & 0o7777 });
  } catch (err) {
    // EEXIST: not ours, leave it; anything else (disk full…): remove our partial file.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') await fs.rm(temp, { force: true });
    throw err;
  }
  try {
    await fs.chmod(temp, stat.mode & 0o7777);
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}

/** Creates a file a fix adds (the shared loader module), never over an existing one ('wx'). */
export async function createFixFile(file: string, text: string): Promise<void> {
  await fs.writeFile(file, text, { flag: 'wx' });
}

/** `--output FILE`: the report, written whole (a report cut short by a failed write is an error, exit 2). */
export async function writeReportFile(file: string, text: string): Promise<void> {
  await fs.writeFile(file, text);
}
