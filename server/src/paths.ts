// Paths and `secretHints.exclude`-style globs, shared by the CLI's walk (walk.ts), the workspace index
// (lsp/folder-indexer.ts) and the editor's validator, so the three cannot drift apart.
import * as path from 'node:path';
import picomatch from 'picomatch';

/** A platform path with forward slashes, as globs and reports expect. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Matches a forward-slash path against globs (picomatch; dot files included); no globs match nothing. */
export function globMatcher(globs: readonly string[]): (posixPath: string) => boolean {
  return globs.length > 0 ? picomatch([...globs], { dot: true }) : () => false;
}

/** Excluded when the path or any folder it is in matches one of the globs (`vendor` excludes `vendor/a.yaml`). */
export function exclusion(globs: readonly string[]): (relativePosixPath: string) => boolean {
  const matches = globMatcher(globs);
  return (rel) => matches(rel) || ancestors(rel).some((dir) => matches(dir));
}

function ancestors(rel: string): string[] {
  const parts = rel.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}
