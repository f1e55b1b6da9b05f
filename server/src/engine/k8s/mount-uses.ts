// Secret volumes and how they are mounted: a `subPath` mount of a Secret volume is never refreshed
// when the Secret rotates, and an explicit file mode that lets others read (or anyone but the owner
// write) weakens the volume's protection. A volume counts when it is a `secret` volume or a
// `projected` volume with at least one `secret` source.
import { isAlias, isScalar, type Scalar, type YAMLMap } from 'yaml';
import { cachedIn } from '../memo';
import type { ManifestContext } from './documents';
import { deref, findPair, getMap, mapsOf, pairsOf, stringOf, type AnyDoc, type Reached } from './nodes';
import { containerEntries, listEntries, nameOf, siteOf, type ListEntry, type SecretUse } from './uses';
import { allPodSpecs, containersOf, type Container, type PodSpec } from './workloads';

export interface SecretVolume extends ListEntry {
  name: string;
  type: 'secret' | 'projected';
}

/** The pod's Secret-backed volumes (duplicate names included: each is checked). */
/** Both volume rules (and their fixers) ask for a pod's Secret volumes. */
const secretVolumesByPod = new WeakMap<PodSpec, readonly SecretVolume[]>();

export function secretVolumesOf(pod: PodSpec): readonly SecretVolume[] {
  return cachedIn(secretVolumesByPod, pod, () => readSecretVolumes(pod));
}

function readSecretVolumes(pod: PodSpec): SecretVolume[] {
  const doc = pod.object.document.doc;
  return listEntries({ node: pod.spec, via: pod.via }, 'volumes', doc).flatMap((e): SecretVolume[] => {
    const volume = { node: e.entry, via: e.via };
    const name = stringOf(volume, 'name', doc);
    if (name === undefined) return [];
    if (mapsOf(volume, 'secret', doc).length > 0) return [{ ...e, name, type: 'secret' }];
    const projectedSecret = mapsOf(volume, 'projected', doc).some((p) => projectedSecretSources(p, doc).length > 0);
    return projectedSecret ? [{ ...e, name, type: 'projected' }] : [];
  });
}

function projectedSecretSources(projected: Reached<YAMLMap>, doc: AnyDoc): Reached<YAMLMap>[] {
  return listEntries(projected, 'sources', doc).flatMap((s) => mapsOf({ node: s.entry, via: s.via }, 'secret', doc));
}

export function subPathUses(ctx: ManifestContext): SecretUse[] {
  return allPodSpecs(ctx).flatMap((pod) => {
    const doc = pod.object.document.doc;
    const volumes = new Set(secretVolumesOf(pod).map((v) => v.name));
    return containersOf(pod).flatMap((container) =>
      containerEntries(container, 'volumeMounts').flatMap((m) => {
        const mount = { node: m.entry, via: m.via };
        const volume = stringOf(mount, 'name', doc);
        if (volume === undefined || !volumes.has(volume)) return [];
        return ['subPath', 'subPathExpr'].flatMap((key) =>
          pairsOf(mount, key, doc).flatMap(({ pair, via }) => {
            const site = siteOf(pair.key, via);
            const subPath = nameOf(ctx, mount, key, doc);
            if (!site || subPath === undefined || subPath === '') return [];
            return [{ pod, container, subject: m.entry, ...site, facts: { volume: nameOf(ctx, mount, 'name', doc) ?? volume, subPath } }];
          }),
        );
      }),
    );
  });
}

/** Bits that are too open for a secret file: other-read, group-write, other-write. */
const TOO_OPEN = 0o004 | 0o022;

export function modeUses(ctx: ManifestContext): SecretUse[] {
  return allPodSpecs(ctx).flatMap((pod) => {
    const doc = pod.object.document.doc;
    const containers = containersOf(pod);
    const hasFsGroup = findPair(getMap(pod.spec, 'securityContext', doc), 'fsGroup') !== undefined;
    return secretVolumesOf(pod).flatMap((v) => {
      const volume = { node: v.entry, via: v.via };
      const container = firstMounting(containers, v.name);
      const sources = v.type === 'secret' ? mapsOf(volume, 'secret', doc) : mapsOf(volume, 'projected', doc);
      const secretMaps = v.type === 'secret' ? sources : sources.flatMap((p) => projectedSecretSources(p, doc));
      const sites = [
        ...sources.flatMap((s) => modeSites(s, 'defaultMode', doc)),
        ...secretMaps.flatMap((s) => listEntries(s, 'items', doc).flatMap((item) => modeSites({ node: item.entry, via: item.via }, 'mode', doc))),
      ];
      return sites.flatMap(({ node, via }) => {
        const mode = fileMode(node);
        const site = siteOf(node, via);
        if (mode === undefined || (mode & TOO_OPEN) === 0 || !site) return [];
        // Without fsGroup the files belong to root: a tighter mode could lock a non-root app out.
        const fixBlocked = hasFsGroup
          ? undefined
          : 'no automatic fix: the pod sets no securityContext.fsGroup, so a tighter mode could lock a non-root app out; set fsGroup, then use 0440';
        return [{ pod, container, subject: v.entry, ...site, facts: { volume: nameOf(ctx, volume, 'name', doc) ?? v.name, mode, fixBlocked } }];
      });
    });
  });
}

function modeSites(owner: Reached<YAMLMap>, key: string, doc: AnyDoc): Reached<Scalar>[] {
  return pairsOf(owner, key, doc).flatMap(({ pair, via }) => {
    const node = deref(pair.value, doc);
    return isScalar(node) ? [{ node, via: via ?? (isAlias(pair.value) ? pair.value : undefined) }] : [];
  });
}

/**
 * A file mode as Kubernetes reads it (YAML 1.1 integers: `0644` and `0o644` are octal, `0x1a4`
 * hex, `420` decimal), from the text as written; undefined when it is not a valid mode.
 */
export function fileMode(node: Scalar): number | undefined {
  let mode: number | undefined;
  if (node.type === 'PLAIN' && typeof node.source === 'string') mode = yaml11Int(node.source);
  else if (typeof node.value === 'number') mode = node.value;
  return mode !== undefined && Number.isInteger(mode) && mode >= 0 && mode <= 0o777 ? mode : undefined;
}

function yaml11Int(source: string): number | undefined {
  const s = source.trim().replace(/_/g, '');
  const m = /^([-+]?)(0b[01]+|0x[0-9a-f]+|0o[0-7]+|0[0-7]*|[1-9][0-9]*)$/i.exec(s);
  if (!m) return undefined;
  const body = m[2].toLowerCase();
  const value = body.startsWith('0b')
    ? parseInt(body.slice(2), 2)
    : body.startsWith('0x')
      ? parseInt(body.slice(2), 16)
      : body.startsWith('0o')
        ? parseInt(body.slice(2), 8)
        : body.length > 1 && body.startsWith('0')
          ? parseInt(body.slice(1), 8)
          : parseInt(body, 10);
  return m[1] === '-' ? -value : value;
}

function firstMounting(containers: readonly Container[], volume: string): Container | undefined {
  return containers.find((c) =>
    containerEntries(c, 'volumeMounts').some((m) => stringOf({ node: m.entry, via: m.via }, 'name', c.pod.object.document.doc) === volume),
  );
}
