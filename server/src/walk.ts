// Expands paths into analysable files: directories are walked honouring every .gitignore on the way
// (the `ignore` package has git's exact semantics), plus exclude globs relative to the walked root;
// explicit files are kept. Shared by the CLI (`scan`) and the language server's workspace scan.
// A JSON file is listed only when its start may be a manifest (engine/k8s/json-manifest.ts): the
// package.json, tsconfig.json and data files of a repository are not analysed, counted or read in full.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { fileKindOf, isJsonFile } from './engine/file-kind';
import { springConfigFormat } from './engine/spring/placeholders';
import { JSON_HEAD_BYTES, jsonHeadMayBeManifest } from './engine/k8s/json-manifest';
import { globMatcher, toPosix } from './paths';
import { PROJECT_CONFIG_NAMES } from './engine/project-config/schema';
import { inPool } from './pool';
import { readHead } from './read-text';

const ANALYSABLE = /\.(ya?ml|json|py|[cm]?[jt]sx?|go|java)$/i;
/** Never walked: version control, installed packages, and the project config files (settings, not content). */
const ALWAYS_SKIPPED = new Set<string>(['.git', 'node_modules', '.hg', '.svn', ...PROJECT_CONFIG_NAMES]);

export interface WalkResult {
  files: string[];
  errors: string[];
  /** True when `maxFiles` stopped the walk early. */
  truncated?: boolean;
}

export interface WalkOptions {
  /** Stop after this many files (the language server bounds its workspace index with it). */
  maxFiles?: number;
  /** What the project config files exclude (project-configs.ts), for paths named and entries walked. */
  projectExclusions?: ProjectExclusions;
}

export interface ProjectExclusions {
  /** A path named outright: its own config and every config above decide. */
  excluded(full: string, isDir: boolean): Promise<boolean>;
  /** An entry of a folder being walked: its folder's config decides (the ones above already did). */
  excludedInWalk(full: string, isDir: boolean): Promise<boolean>;
}

interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

/** Stops the walk early (the editor's scan can be cancelled); checked once per directory. */
export type IsCancelled = () => boolean;

export async function collectFiles(
  inputs: readonly string[],
  exclude: readonly string[],
  cancelled: IsCancelled = () => false,
  options: WalkOptions = {},
): Promise<WalkResult> {
  const excluded = globMatcher(exclude);
  const result: WalkResult = { files: [], errors: [] };
  const max = options.maxFiles ?? Infinity;
  const isCancelled = () => {
    if (result.files.length >= max) result.truncated = true;
    return result.truncated === true || cancelled();
  };
  for (const input of inputs) {
    if (isCancelled()) break;
    let stat;
    try {
      stat = await fs.stat(input);
    } catch (err) {
      result.errors.push(`${input}: ${describe(err)}`);
      continue;
    }
    const project = options.projectExclusions;
    if ((stat.isDirectory() || stat.isFile()) && project && (await project.excluded(input, stat.isDirectory()))) continue;
    if (stat.isDirectory()) await walkDir(input, input, [], { excluded, isCancelled, project }, result);
    else if (stat.isFile()) {
      // A named file that cannot be read is kept, so reading it reports why.
      if (await listable(input, true)) result.files.push(input);
    } else result.errors.push(`${input}: not a regular file or directory`);
  }
  return result;
}

interface WalkFilters {
  excluded: (relativePath: string) => boolean;
  isCancelled: IsCancelled;
  project: ProjectExclusions | undefined;
}

async function walkDir(root: string, dir: string, layers: IgnoreLayer[], filters: WalkFilters, out: WalkResult): Promise<void> {
  if (filters.isCancelled()) return;
  const { excluded } = filters;
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    out.errors.push(`${dir}: ${describe(err)}`);
    return;
  }
  const own = entries.find((e) => e.isFile() && e.name === '.gitignore');
  const active = own ? [...layers, await loadIgnore(dir)] : layers;
  entries.sort((a, b) => a.name.localeCompare(b.name));
  // The heads of the directory's JSON files are read a few at a time, before its entries are listed in order.
  const jsonFiles = entries
    .filter((e) => e.isFile() && isJsonFile(e.name))
    .map((e) => path.join(dir, e.name))
    .filter((full) => !isIgnored(active, full, false) && !excluded(toPosix(path.relative(root, full))));
  const listableJson = await listableAll(jsonFiles);
  for (const entry of entries) {
    if (filters.isCancelled()) return; // per entry too, so maxFiles is exact
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    const isDir = entry.isDirectory();
    if (isIgnored(active, full, isDir)) continue;
    const rel = toPosix(path.relative(root, full));
    if (excluded(rel) || (isDir && excluded(`${rel}/`))) continue;
    if (filters.project && (await filters.project.excludedInWalk(full, isDir))) continue;
    if (isDir && entry.name === 'vendor' && (await isGoVendor(full))) continue;
    if (isDir) await walkDir(root, full, active, filters, out);
    else if (
      entry.isFile() &&
      (ANALYSABLE.test(entry.name) || springConfigFormat(entry.name) || fileKindOf(entry.name) === 'dockerfile') &&
      (listableJson.get(full) ?? true)
    )
      out.files.push(full);
  }
}

/**
 * Go's `vendor/` (its `modules.txt` lists the modules copied in): other people's code, whose env reads
 * and log calls are not the project's to fix. Other `vendor/` folders are walked.
 */
async function isGoVendor(dir: string): Promise<boolean> {
  try {
    return (await fs.stat(path.join(dir, 'modules.txt'))).isFile();
  } catch {
    return false;
  }
}

/** listable() for each file (a walked file that cannot be read is left out), READ_CONCURRENCY at a time. */
async function listableAll(files: readonly string[]): Promise<Map<string, boolean>> {
  const verdicts = new Map<string, boolean>();
  let next = 0;
  await inPool(
    () => (next < files.length ? files[next++] : undefined),
    async (file) => {
      verdicts.set(file, await listable(file, false));
    },
  );
  return verdicts;
}

/** Every analysable file but a JSON file whose start rules out a manifest; `unreadable`: whether to list a JSON file that cannot be read. */
async function listable(file: string, unreadable: boolean): Promise<boolean> {
  if (!isJsonFile(file)) return true;
  const head = await readHead(file, JSON_HEAD_BYTES);
  return head === undefined ? unreadable : jsonHeadMayBeManifest(head);
}

/**
 * Whether `.gitignore` files between `root` and `file` (inclusive) ignore `file`, for a single file
 * reported later (a watched-file event) that the walk never saw.
 */
export async function isGitIgnored(root: string, file: string): Promise<boolean> {
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  const parts = rel.split(path.sep);
  if (parts.some((p) => ALWAYS_SKIPPED.has(p))) return true;
  const layers: IgnoreLayer[] = [];
  let dir = root;
  for (const part of parts.slice(0, -1)) {
    layers.push(await loadIgnore(dir));
    dir = path.join(dir, part);
  }
  layers.push(await loadIgnore(dir));
  return isIgnored(layers, file, false);
}

async function loadIgnore(dir: string): Promise<IgnoreLayer> {
  const rules = ignore();
  try {
    rules.add(await fs.readFile(path.join(dir, '.gitignore'), 'utf8'));
  } catch {
    // An unreadable .gitignore ignores nothing, as git does.
  }
  return { base: dir, rules };
}

function isIgnored(layers: IgnoreLayer[], full: string, isDir: boolean): boolean {
  return layers.some((l) => {
    const rel = toPosix(path.relative(l.base, full));
    return rel !== '' && !rel.startsWith('..') && l.rules.ignores(isDir ? `${rel}/` : rel);
  });
}

export function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return 'no such file or directory';
  if (e?.code === 'EACCES') return 'permission denied';
  if (e?.code === 'EISDIR') return 'is a directory';
  return e?.message ?? String(err);
}
