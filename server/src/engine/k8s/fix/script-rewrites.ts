// Keeps a container's other uses of a variable working once its value is a file: a shell script the
// container runs reads the file where it read the variable (`$(cat /etc/secrets/VAR)`, re-read on
// every run, so a rotated value is picked up). Any other use — `$(VAR)` in args or an env value,
// `${VAR:-default}`, `printenv VAR` — would dangle, so the fix is not offered (the finding says why).
import type { TextEdit } from '../../findings';
import { referencesTo } from '../env-references';
import type { ContainerSite } from './site';

/** Edits for every reference to `variable` in the container, or undefined when one cannot be kept working. */
export function readFileWhereReferenced(site: ContainerSite, variable: string, file: string): TextEdit[] | undefined {
  const refs = referencesTo(site.container, variable, site.ctx.text);
  if (refs.length === 0) return [];
  const path = shellWord(file);
  if (path === undefined || refs.some((r) => !r.rewritable)) return undefined;
  return refs.map((r) => ({ start: r.at.start, end: r.at.end, newText: `$(cat ${path})` }));
}

/** The path as one shell word: bare when it needs no quoting, single-quoted otherwise. */
function shellWord(path: string): string | undefined {
  if (/^[A-Za-z0-9_./-]+$/.test(path)) return path;
  return path.includes("'") ? undefined : `'${path}'`;
}
