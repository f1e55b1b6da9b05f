// `--fix` writes atomically: temp file beside the original + rename, the original's mode kept,
// and nothing written if the file changed on disk since it was read.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export async function writeFixed(file: string, originalBytes: Buffer, fixedText: string): Promise<void> {
  const stat = await fs.stat(file);
  const current = await fs.readFile(file);
  if (!current.equals(originalBytes)) throw new Error('changed on disk while it was being fixed; left untouched');
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.secret-hints-${process.pid}.tmp`);
  try {
    await fs.writeFile(temp, fixedText, { encoding: 'utf8', mode: stat.mode & 0o7777 });
    await fs.chmod(temp, stat.mode & 0o7777);
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}
