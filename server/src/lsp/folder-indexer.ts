// Keeps the engine's CrossFileIndex current for the language server: indexes every workspace folder's
// manifests once at start (honouring .gitignore, secretHints.exclude and files.exclude, bounded in files
// and bytes), then follows watched-file events and open-document edits one file at a time. Whenever an
// answer of the index changes, `onChange` runs (the server re-validates open code documents).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { exclusion, toPosix } from '../paths';
import { FileChangeType, type Connection, type FileEvent } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { readUtf8Text } from '../read-text';
import { collectFiles, isGitIgnored } from '../walk';
import { CrossFileIndex, type ParseOfText } from '../engine/cross-file-index';
import { mayBeManifest } from '../engine/file-kind';
import type { ResourceSettings, SettingsCache } from './settings';
import { inPool } from '../pool';

/** Bounds on the start-up index; a workspace beyond them is indexed partially, with one log line. */
export interface IndexLimits {
  /** Files walked (manifests and code together). */
  maxWalkedFiles: number;
  /** Manifests parsed into the index. */
  maxManifests: number;
  /** Total manifest bytes read. */
  maxBytes: number;
}

export const DEFAULT_INDEX_LIMITS: IndexLimits = { maxWalkedFiles: 50_000, maxManifests: 10_000, maxBytes: 64 * 1024 * 1024 };

/** Pause after the last keystroke before an open manifest is re-indexed from its text. */
const EDIT_DEBOUNCE_MS = 300;
/** Files read at once during the start-up index. */

interface Folder {
  root: string;
  /** secretHints.exclude and files.exclude globs, relative to the folder. */
  globs: string[];
  excluded: (relativePath: string) => boolean;
  /** The folder's editor settings (each file's project config applies on top: maxFileSizeKb). */
  settings: ResourceSettings;
}

export class FolderIndexer {
  readonly index = new CrossFileIndex();
  /** Code files seen by the walk (the combined fix looks for env reads in them). */
  readonly codeFiles = new Set<string>();
  private folders: Folder[] = [];
  private readonly editTimers = new Map<string, NodeJS.Timeout>();
  private initial: Promise<void> = Promise.resolve();
  private events: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly settings: SettingsCache,
    private readonly canPullConfiguration: () => boolean,
    private readonly onChange: () => void,
    /** The editor's text of an open document (it wins over the file on disk), or undefined. */
    private readonly openText: (uri: string) => string | undefined,
    /** The validator's parse of an open document's current text, if it has one (saves a second parse). */
    private readonly openParse: (uri: string) => ParseOfText | undefined,
    private readonly limits: IndexLimits = DEFAULT_INDEX_LIMITS,
  ) {}

  /** Resolves when the start-up index is complete (requests that need the full view await it). */
  get ready(): Promise<void> {
    return this.initial;
  }

  /** Indexes the folders from scratch (at `initialized`, and when folders or settings change). */
  start(folderUris: readonly string[]): Promise<void> {
    this.initial = this.initial
      .then(() => this.indexAll(folderUris))
      .catch((err: unknown) => {
        this.connection.console.error(`Workspace index failed: ${err instanceof Error ? err.message : String(err)}`);
      });
    return this.initial;
  }

  private async indexAll(folderUris: readonly string[]): Promise<void> {
    const started = Date.now();
    this.folders = await Promise.all(folderUris.filter((u) => URI.parse(u).scheme === 'file').map((u) => this.folderOf(u)));
    this.codeFiles.clear();
    const manifests: { file: string; folder: Folder }[] = [];
    let walkTruncated = false;
    for (const folder of this.folders) {
      const room = this.limits.maxWalkedFiles - manifests.length - this.codeFiles.size;
      const walked = await collectFiles([folder.root], folder.globs, undefined, {
        maxFiles: Math.max(0, room),
        projectExclusions: this.settings.projectConfigs,
      });
      walkTruncated ||= walked.truncated === true;
      for (const file of walked.files) {
        // YAML, and JSON files whose start may be a manifest (the walk leaves out the rest); the index
        // keeps a JSON file only when its whole text is a manifest (engine/k8s/index-entry.ts).
        if (mayBeManifest(file)) manifests.push({ file, folder });
        else this.codeFiles.add(file);
      }
    }
    const walked = Date.now();
    const { indexed, bytes, skipped, seen } = await this.readAndIndex(manifests);
    // Re-indexing (folders or settings changed) keeps answering from the old entries until here.
    let changed = seen.changed;
    for (const stale of this.index.paths().filter((p) => !seen.paths.has(p))) changed = this.index.remove(stale) || changed;
    if (walkTruncated || skipped > 0) {
      this.connection.console.log(
        `Workspace index bound reached: ${indexed} manifests (${Math.round(bytes / 1024)} KiB) indexed, ${skipped} not indexed` +
          `${walkTruncated ? `, walk stopped at ${this.limits.maxWalkedFiles} files` : ''} (limits: ${this.limits.maxManifests} manifests, ` +
          `${Math.round(this.limits.maxBytes / 1048576)} MiB). Env vars fed only by unindexed manifests are judged by their names.`,
      );
    }
    this.connection.console.info(
      `Workspace index: ${indexed} manifests, ${this.codeFiles.size} code files in ${Date.now() - started} ms (walk ${walked - started} ms).`,
    );
    if (changed) this.onChange();
  }

  private async readAndIndex(manifests: { file: string; folder: Folder }[]) {
    const seen = { paths: new Set<string>(), changed: false };
    let indexed = 0;
    let bytes = 0;
    let next = 0;
    let overBudget = 0;
    // Slots and bytes are reserved before each await, so concurrent reads cannot overshoot a bound.
    const take = () => (next < manifests.length && indexed < this.limits.maxManifests && overBudget === 0 ? manifests[next++] : undefined);
    await inPool(take, async ({ file, folder }) => {
      indexed++;
      const size = await sizeOf(file);
      if (size === undefined || size > (await this.maxFileBytes(file, folder))) {
        indexed--; // unreadable, or skipped by maxFileSizeKb as analysis skips it
        return;
      }
      if (bytes + size > this.limits.maxBytes) {
        indexed--;
        overBudget++;
        return;
      }
      bytes += size;
      const text = await readUtf8Text(file);
      if (text === undefined) return;
      seen.paths.add(file);
      seen.changed = this.index.update(file, text) || seen.changed;
    });
    return { indexed, bytes, skipped: manifests.length - next + overBudget, seen };
  }

  /**
   * Watched files were created, changed or deleted on disk. Batches are applied one after another, so
   * a slow read of an older batch never overwrites a newer one; an open manifest keeps its editor text.
   */
  filesChanged(events: readonly FileEvent[]): Promise<void> {
    this.events = this.events.then(() => this.applyEvents(events));
    return this.events;
  }

  private async applyEvents(events: readonly FileEvent[]): Promise<void> {
    await this.initial;
    let changed = false;
    for (const event of events) {
      const file = URI.parse(event.uri).fsPath;
      if (event.type === FileChangeType.Deleted) {
        // A deleted folder may be reported alone: drop every manifest below it too.
        const below = file + path.sep;
        for (const p of this.index.paths()) if (p === file || p.startsWith(below)) changed = this.index.remove(p) || changed;
        continue;
      }
      if (!mayBeManifest(file) || !(await this.isIndexable(file))) continue;
      const text = this.openText(event.uri) ?? (await this.read(file));
      changed = (text === undefined ? this.index.remove(file) : this.index.update(file, text)) || changed;
    }
    if (changed) this.onChange();
  }

  /** An open manifest changed in the editor: re-index just it from its text, after a pause in typing. */
  documentChanged(doc: TextDocument): void {
    const file = fileOf(doc.uri);
    if (!file || !mayBeManifest(file)) return;
    const pending = this.editTimers.get(doc.uri);
    if (pending) clearTimeout(pending);
    this.editTimers.set(
      doc.uri,
      setTimeout(() => {
        this.editTimers.delete(doc.uri);
        void this.reindexOpen(file, doc);
      }, EDIT_DEBOUNCE_MS),
    );
  }

  /** An open manifest was closed without saving: the file on disk is the truth again. */
  documentClosed(uri: string): void {
    const pending = this.editTimers.get(uri);
    if (pending) clearTimeout(pending);
    this.editTimers.delete(uri);
    void this.filesChanged([{ uri, type: FileChangeType.Changed }]);
  }

  private async reindexOpen(file: string, doc: TextDocument): Promise<void> {
    await this.initial;
    if (!(await this.isIndexable(file))) return;
    if (this.index.update(file, doc.getText(), this.openParse(doc.uri))) this.onChange();
  }

  /** Inside a workspace folder and excluded by neither settings, the project config nor .gitignore. */
  private async isIndexable(file: string): Promise<boolean> {
    const folder = this.folders.find((f) => isInside(f.root, file));
    if (!folder) return false;
    if (folder.excluded(toPosix(path.relative(folder.root, file))) || (await this.settings.projectConfigs?.excluded(file, false))) return false;
    return !(await isGitIgnored(folder.root, file));
  }

  private async read(file: string): Promise<string | undefined> {
    const folder = this.folders.find((f) => isInside(f.root, file));
    const size = await sizeOf(file);
    if (!folder || size === undefined || size > (await this.maxFileBytes(file, folder)) || size > this.limits.maxBytes) return undefined;
    return readUtf8Text(file);
  }

  /** maxFileSizeKb for the file: larger manifests are not analysed, so they are not indexed either. */
  private async maxFileBytes(file: string, folder: Folder): Promise<number> {
    return (await this.settings.forFile(folder.settings, file)).engine.maxFileSizeKb * 1024;
  }

  /** A folder with its exclusions: secretHints.exclude and the `true` globs of files.exclude. */
  private async folderOf(uri: string): Promise<Folder> {
    const settings = await this.settings.editorSettings(uri);
    const globs = [...settings.exclude, ...(await this.filesExclude(uri))];
    return { root: URI.parse(uri).fsPath, globs, settings, excluded: exclusion(globs) };
  }

  private async filesExclude(uri: string): Promise<string[]> {
    if (!this.canPullConfiguration()) return [];
    try {
      const files = (await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'files' })) as { exclude?: unknown } | null;
      const exclude = files?.exclude;
      if (typeof exclude !== 'object' || exclude === null) return [];
      return Object.entries(exclude as Record<string, unknown>)
        .filter(([, on]) => on === true)
        .map(([glob]) => glob);
    } catch {
      return [];
    }
  }
}

/** `a/b/c.yaml` → [`a`, `a/b`]: a glob naming a directory excludes everything below it. */
function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    const stat = await fs.stat(file);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined; // deleted or unreadable between the walk (or event) and the read
  }
}

function fileOf(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}
