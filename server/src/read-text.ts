// Reading files from disk as text, with one policy for every reader (CLI scan and index, the
// language server's workspace scan and index): a file that is not valid UTF-8 is not text, so it is
// neither analysed nor indexed; a byte-order mark is dropped, as editors drop it from the text.
import { promises as fs } from 'node:fs';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The file is not valid UTF-8 text. */
export class NotUtf8Error extends Error {
  constructor(readonly file: string) {
    super(`${file}: not valid UTF-8 text`);
  }
}

/** The file's bytes (`--fix` keeps its BOM from them) and its text; throws NotUtf8Error or the read's error. */
export async function readUtf8File(file: string): Promise<{ bytes: Buffer; text: string }> {
  const bytes = await fs.readFile(file);
  try {
    return { bytes, text: strictUtf8.decode(bytes) };
  } catch {
    throw new NotUtf8Error(file);
  }
}

/** The file's text, or undefined when it cannot be read or is not UTF-8 text. */
export async function readUtf8Text(file: string): Promise<string | undefined> {
  try {
    return (await readUtf8File(file)).text;
  } catch {
    return undefined;
  }
}
