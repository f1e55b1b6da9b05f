// `--fix` puts one secret loader per folder: when several code files of a folder need the loader, they
// import it from the module their fixes' second variant creates (`secret_loader.py`,
// `secret-loader.ts`…) instead of each getting a copy. Not when that module exists already (it is the
// user's), nor for a Python package (`__init__.py`), whose modules import siblings by package path.
import * as path from 'node:path';
import type { Analysis } from '../engine/analyze';
import { LOADER_CONFLICT_KEY } from '../engine/code/loader-fix';
import { pathTaken } from '../read-text';

/** The loader module a code file's fixes would create beside it, when one of them brings the loader. */
function loaderModule(analysis: Pick<Analysis, 'findings' | 'fixesFor'>): string | undefined {
  for (const f of analysis.findings) {
    const preferred = analysis.fixesFor(f).find((x) => x.preferred);
    if (preferred?.conflictKey !== LOADER_CONFLICT_KEY) continue;
    const shared = analysis.fixesFor(f).find((x) => x.conflictKey === LOADER_CONFLICT_KEY && x.createFiles?.length);
    if (shared?.createFiles) return shared.createFiles[0].relativePath;
  }
  return undefined;
}

/** Of these code files to fix, those that share a loader module (by index), and the modules to create (absolute paths). */
export function sharedLoaderPlan(files: readonly { file: string; analysis: Pick<Analysis, 'findings' | 'fixesFor'> }[]): {
  sharing: Set<number>;
} {
  const byModule = new Map<string, number[]>();
  files.forEach(({ file, analysis }, i) => {
    const module = loaderModule(analysis);
    if (module === undefined) return;
    const at = path.join(path.dirname(file), module);
    byModule.set(at, [...(byModule.get(at) ?? []), i]);
  });
  const sharing = new Set<number>();
  for (const [module, users] of byModule) {
    if (users.length < 2 || pathTaken(module)) continue;
    if (module.endsWith('.py') && pathTaken(path.join(path.dirname(module), '__init__.py'))) continue;
    for (const i of users) sharing.add(i);
  }
  return { sharing };
}
