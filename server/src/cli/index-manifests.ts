// The CLI's workspace view: every manifest among the walked files is indexed before any code file is
// analysed, so code is judged by where its env vars come from (the `envSource` hook the language server
// passes too). The scan analyses each manifest as it indexes it, from one parse (manifest-pass.ts).
import { fileKindOf, isIndexedKind, isJsonFile, mayBeManifest } from '../engine/analyze';
import type { EngineSettings } from '../engine/settings';
import { CrossFileIndex } from '../engine/cross-file-index';
import { NotUtf8Error, readUtf8File } from '../read-text';

export interface ReadManifest {
  file: string;
  /** The file's bytes as read (`--fix` checks the file is unchanged before writing) and their text. */
  bytes: Buffer;
  text: string;
  /** Within maxFileSizeKb: analysis refuses a larger file with a note, so the index skips it too. */
  indexable: boolean;
}

/**
 * The manifests among the walked files, in walk order, with their text. Files that cannot be read or
 * are not UTF-8 are left out: the analysis pass that follows reports them, once. JSON files that are
 * not manifests (their text decides; one that is not UTF-8 is not JSON) go into `ignored`: nobody
 * analyses, reports or counts them.
 */
export async function* readManifests(
  files: readonly string[],
  settingsOf: (file: string) => EngineSettings,
  ignored?: Set<string>,
): AsyncGenerator<ReadManifest> {
  for (const file of files) {
    if (!mayBeManifest(file)) continue;
    let read: { bytes: Buffer; text: string };
    try {
      read = await readUtf8File(file);
    } catch (err) {
      if (err instanceof NotUtf8Error && isJsonFile(file)) ignored?.add(file);
      continue;
    }
    if (!isIndexedKind(fileKindOf(file, undefined, read.text))) {
      ignored?.add(file);
      continue;
    }
    // The index's limit is on the file's size in bytes (analysis' is on characters), as it always was.
    yield { file, bytes: read.bytes, text: read.text, indexable: read.bytes.length <= settingsOf(file).maxFileSizeKb * 1024 };
  }
}

export async function indexManifests(files: readonly string[], settings: EngineSettings): Promise<CrossFileIndex> {
  const index = new CrossFileIndex();
  for await (const { file, text, indexable } of readManifests(files, () => settings)) if (indexable) index.update(file, text);
  return index;
}
