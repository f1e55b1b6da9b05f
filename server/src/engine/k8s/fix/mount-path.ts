// Mount paths: which directories a container already uses, and a free one that shadows nothing.
import type { YAMLMap } from 'yaml';
import { asMap, getString } from '../nodes';
import type { ContainerSite } from './site';
import { listFor } from './site';

/** The container's directly written volume mounts. */
export function mountsOf(site: ContainerSite): YAMLMap[] {
  const doc = site.document.doc;
  const seq = listFor(site, site.container.map, 'volumeMounts');
  return (seq?.items ?? []).map((m) => asMap(m, doc)).filter((m): m is YAMLMap => m !== undefined);
}

/** True when mounting at `a` would shadow, or be shadowed by, a mount at `b`. */
export function pathsCollide(a: string, b: string): boolean {
  const x = normalize(a);
  const y = normalize(b);
  return x === y || x.startsWith(y === '/' ? '/' : `${y}/`) || y.startsWith(x === '/' ? '/' : `${x}/`);
}

/**
 * The configured mount path when it is free in this container, else `<mountPath>-<name>`, `-2`, `-3`…
 * `except` is a mount being moved (its current path does not count as taken).
 */
export function freeMountPath(site: ContainerSite, preferred: string, name: string, except?: YAMLMap): string {
  const doc = site.document.doc;
  const taken = mountsOf(site)
    .filter((m) => m !== except)
    .map((m) => getString(m, 'mountPath', doc))
    .filter((p): p is string => p !== undefined);
  const base = normalize(preferred);
  const candidates = [base, siblingDir(base, name)];
  for (let n = 2; n < 100; n++) candidates.push(`${candidates[1]}-${n}`);
  return candidates.find((c) => !taken.some((t) => pathsCollide(c, t))) ?? candidates[candidates.length - 1];
}

/** `<dir>-<name>`: a directory beside `dir` (under `/` when `dir` is the root). */
export function siblingDir(dir: string, name: string): string {
  const base = normalize(dir);
  return base === '/' ? `/${name}` : `${base}-${name}`;
}

/** `<dir>/<file>` without a doubled slash. */
export function joinPath(dir: string, file: string): string {
  return `${dir.replace(/\/+$/, '')}/${file}`;
}

function normalize(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

export function mountNamed(site: ContainerSite, volume: string): YAMLMap[] {
  const doc = site.document.doc;
  return mountsOf(site).filter((m) => getString(m, 'name', doc) === volume);
}
