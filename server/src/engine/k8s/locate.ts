// From a finding back to its nodes, for fixers: every manifest finding starts inside the list entry
// it is about (the env / envFrom entry, the volumeMount, the volume), so the entry whose range holds
// the finding's start is the one to edit. Entries reached through an alias are never returned: the
// text that holds them is shared, and such findings (data `aliased: true`) start at the alias anyway.
import type { ManifestContext } from './documents';
import { secretVolumesOf, type SecretVolume } from './mount-uses';
import { rangeOf } from './nodes';
import { containerEntries, type ListEntry } from './uses';
import { allContainers, allPodSpecs, type Container, type PodSpec } from './workloads';

export interface ContainerEntryLocation extends ListEntry {
  container: Container;
  /** Position of the item in `seq.items`. */
  index: number;
}

export interface VolumeLocation {
  pod: PodSpec;
  volume: SecretVolume;
  /** Position of the volume in `volume.seq.items`. */
  index: number;
}

/** The `env[]` entry holding `offset` (a k8s-secret-env-ref or k8s-secret-env-literal finding's start). */
export function locateEnvEntry(ctx: ManifestContext, offset: number): ContainerEntryLocation | undefined {
  return locateIn(ctx, 'env', offset);
}

/** The `envFrom[]` entry holding `offset` (a k8s-secret-env-from finding's start). */
export function locateEnvFromEntry(ctx: ManifestContext, offset: number): ContainerEntryLocation | undefined {
  return locateIn(ctx, 'envFrom', offset);
}

/** The `volumeMounts[]` entry holding `offset` (a k8s-secret-mount-subpath finding's start). */
export function locateVolumeMount(ctx: ManifestContext, offset: number): ContainerEntryLocation | undefined {
  return locateIn(ctx, 'volumeMounts', offset);
}

/** The Secret-backed volume holding `offset` (a k8s-secret-mount-mode finding's start). */
export function locateSecretVolume(ctx: ManifestContext, offset: number): VolumeLocation | undefined {
  for (const pod of allPodSpecs(ctx)) {
    for (const volume of secretVolumesOf(pod)) {
      if (volume.via === undefined && holds(volume.entry, offset)) return { pod, volume, index: volume.seq.items.indexOf(volume.item) };
    }
  }
  return undefined;
}

function locateIn(ctx: ManifestContext, key: 'env' | 'envFrom' | 'volumeMounts', offset: number): ContainerEntryLocation | undefined {
  for (const container of allContainers(ctx)) {
    for (const entry of containerEntries(container, key)) {
      if (entry.via === undefined && holds(entry.entry, offset)) return { ...entry, container, index: entry.seq.items.indexOf(entry.item) };
    }
  }
  return undefined;
}

function holds(node: unknown, offset: number): boolean {
  const r = rangeOf(node);
  return r !== undefined && r.start <= offset && offset < r.end;
}
