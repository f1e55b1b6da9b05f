// Fix for k8s-secret-mount-subpath: a subPath mount is a copy that never sees Secret rotation, so
// mount the volume's directory instead (or drop the mount when the directory is already mounted).
import type { Finding, Fix, TextEdit } from '../../findings';
import type { RuleEnv } from '../../rule';
import type { ManifestContext } from '../documents';
import { findPair, getString } from '../nodes';
import { removeMapPair, removeSeqItem, replaceScalar } from './edits';
import { dns1123Label, stringScalar } from './emit';
import { readsFile } from './env-entry';
import { freeMountPath, joinPath, mountNamed, siblingDir } from './mount-path';
import { containerSiteFor, directSeq, itemAt } from './site';

export function subPathFixes(ctx: ManifestContext, finding: Finding, env: RuleEnv): Fix[] {
  const site = containerSiteFor(ctx, finding);
  const mountsPair = site && findPair(site.container.map, 'volumeMounts');
  const mounts = site && directSeq(site.container.map, 'volumeMounts');
  const mount = itemAt(mounts, finding.start);
  if (!site || !mountsPair || !mounts || !mount) return [];
  const doc = site.document.doc;
  const subPathPair = findPair(mount, 'subPath');
  const subPath = getString(mount, 'subPath', doc);
  const volume = getString(mount, 'name', doc);
  const mountPath = findPair(mount, 'mountPath');
  if (!subPathPair || !subPath || !volume || !mountPath || subPath.startsWith('/') || subPath.split('/').includes('..')) return [];
  const whole = mountNamed(site, volume).find((m) => m !== mount && !findPair(m, 'subPath') && !findPair(m, 'subPathExpr'));
  let edits: TextEdit[] | undefined;
  let dir: string | undefined;
  if (whole) {
    dir = getString(whole, 'mountPath', doc);
    edits = removeSeqItem(site, mounts, mount, { map: site.container.map, pair: mountsPair });
  } else {
    // `<mountPath>-<volume>` keeps `<mountPath>` itself free for the container's projected Secret volume.
    const label = dns1123Label(volume);
    dir = freeMountPath(site, siblingDir(env.settings.mountPath, label), label, mount);
    const removal = removeMapPair(site, mount, subPathPair);
    const moved = replaceScalar(mountPath.value, stringScalar(dir, site.style));
    edits = removal && moved && [...removal, ...moved];
  }
  if (!edits || dir === undefined) return [];
  // The file moves: whatever reads the old path (args, the app's configuration, other images) breaks
  // until it reads the new one, which nothing here can check — so this is never applied unasked.
  const from = getString(mount, 'mountPath', doc) ?? '(its mount path)';
  const to = joinPath(dir, subPath);
  return [
    {
      title: `Mount the directory instead of subPath${readsFile(to)}`,
      kind: 'quickfix',
      preferred: from === to,
      edits,
      conflictKey: site.conflictKey,
      caveat: from === to ? undefined : `the file moves from ${from} to ${to}: whatever reads ${from} (arguments, configuration) must read ${to}`,
    },
  ];
}
