// Reading files from disk as text, with one policy for every reader (CLI scan and index, the
// language server's workspace scan and index): a file that is not valid UTF-8 is not text, so it is
// neither analysed nor indexed; a byte-order mark is dropped, as editors drop it from the text.
import { close, existsSync, fstat, open, openSync, closeSync, fstatSync, readSync, statSync, promises as fs, read, type Stats } from 'node:fs';
import * as path from 'node:path';

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

const lenientUtf8 = new TextDecoder('utf-8');

/**
 * The first `bytes` bytes of a file as text (a BOM dropped, a character cut at the end or bytes that are
 * not UTF-8 replaced), for a look at how the file starts; undefined when it cannot be read. (The callback
 * API: FileHandle's costs about three times as much per small file.)
 */
export async function readHead(file: string, bytes: number): Promise<string | undefined> {
  let fd: number | undefined;
  try {
    fd = await settle<number>((done) => open(file, 'r', done));
    const opened = fd;
    const size = Math.min(bytes, (await settle<Stats>((done) => fstat(opened, done))).size);
    const buffer = Buffer.allocUnsafe(size);
    const bytesRead = size === 0 ? 0 : await settle<number>((done) => read(opened, buffer, 0, size, 0, done));
    return lenientUtf8.decode(buffer.subarray(0, bytesRead));
  } catch {
    return undefined;
  } finally {
    const opened = fd;
    if (opened !== undefined) await settle<void>((done) => close(opened, done)).catch(() => undefined);
  }
}

/** A callback-style call as a promise (its first result). */
function settle<T>(call: (done: (err: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => call((err, value) => (err ? reject(err) : resolve(value))));
}

/**
 * Is there already something at this path? A fix that creates a file (a loader module, Go's
 * secret_loader.go, Java's SecretLoader.java) leaves an existing one alone: the CLI does not write it,
 * the editor's edit does not create or fill it.
 */
export function pathTaken(file: string): boolean {
  return existsSync(file);
}

/** Files beside an analysed one larger than this are not read (an env file is a few lines). */
const BESIDE_MAX_BYTES = 256 * 1024;

/**
 * The `readBeside` hook (RuleEnv): the UTF-8 text of a small file relative to `file`'s folder (a Compose
 * `env_file`), read when analysis asks; undefined when it is missing, large, not a file or not UTF-8.
 * Synchronous: analysis is, and the file is a few hundred bytes.
 */
export function besideReader(file: string | undefined): ((relativePath: string) => string | undefined) | undefined {
  if (file === undefined) return undefined;
  return (relativePath) => readSmallText(path.resolve(path.dirname(file), relativePath));
}

/** A small file's UTF-8 text (BOM dropped), read synchronously; undefined when missing, large, not a file or not UTF-8. */
export function readSmallText(file: string, maxBytes = BESIDE_MAX_BYTES): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > maxBytes) return undefined;
    const bytes = Buffer.alloc(stats.size);
    const n = readSync(fd, bytes, 0, stats.size, 0);
    return strictUtf8.decode(bytes.subarray(0, n)).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A file's size and modification time as one string (undefined when it is missing): tells a re-read apart from a read of the same file. */
export function fileStamp(file: string): string | undefined {
  try {
    const stats = statSync(file);
    return stats.isFile() ? `${stats.size}:${stats.mtimeMs}` : undefined;
  } catch {
    return undefined;
  }
}
