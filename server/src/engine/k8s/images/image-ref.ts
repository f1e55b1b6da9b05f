// Container image references (`[registry[:port]/][namespace/]name[:tag][@digest]`) reduced to the
// repository path Docker Hub would show, so that `postgres`, `docker.io/library/postgres:16` and a
// pull-through mirror of it all find the same catalogue entry. Anything that is not plausibly a
// reference (Helm template text, `${VAR}` substitutions, whitespace) is refused rather than guessed at:
// the catalogue changes what a container reads, so an unknown image must stay unknown.

export interface ImageRef {
  /** The registry host as written (lower-cased), or undefined when the reference names none. */
  readonly registry: string | undefined;
  /** The repository path on that registry, e.g. `docker/library/postgres` on public.ecr.aws. */
  readonly path: string;
  /** The path as Docker Hub would see it: `library/postgres`, `bitnami/redis`. */
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

// Docker's own grammar (distribution/reference): path components are lower-case alphanumerics joined
// by `.`, `_`, `__` or runs of `-`; tags are word characters, `.` and `-`; digests are `algo:hex`.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-f]{32,}$/i;
const HOST = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d+)?$/i;
// Any character outside these means template text, a variable, or a typo: not a reference.
const REFERENCE_CHARS = /^[A-Za-z0-9._\-/:@]+$/;

/**
 * Registries that serve Docker Hub's official images under a path prefix of their own. Other mirrors
 * (`mirror.gcr.io`, `registry-1.docker.io`, a private pull-through cache) keep Docker Hub's paths.
 */
const OFFICIAL_IMAGE_PREFIXES: Readonly<Record<string, string>> = {
  'public.ecr.aws': 'docker/library/', // ECR Public's copy of the Docker Official Images
};

export function parseImageRef(reference: string | undefined): ImageRef | undefined {
  if (!reference || !REFERENCE_CHARS.test(reference)) return undefined;

  const at = reference.indexOf('@');
  const digest = at >= 0 ? reference.slice(at + 1) : undefined;
  if (digest !== undefined && !DIGEST.test(digest)) return undefined;
  const named = at >= 0 ? reference.slice(0, at) : reference;

  // A `:` after the last `/` starts the tag; one before it belongs to a registry port.
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  const tag = hasTag ? named.slice(colon + 1) : undefined;
  if (tag !== undefined && !TAG.test(tag)) return undefined;
  const name = hasTag ? named.slice(0, colon) : named;

  const components = name.split('/');
  const first = components[0] ?? '';
  // Docker's rule: the first component is a registry only if it looks like a host.
  const hasRegistry = components.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasRegistry && !HOST.test(first)) return undefined;
  const pathComponents = hasRegistry ? components.slice(1) : components;
  if (!pathComponents.every((c) => PATH_COMPONENT.test(c))) return undefined;

  const registry = hasRegistry ? first.toLowerCase() : undefined;
  const path = pathComponents.join('/');
  return { registry, path, repository: hubRepository(registry, path), tag, digest };
}

/** The Docker Hub view of a reference (`library/postgres`), or undefined when it is not a reference. */
export function normaliseRepository(reference: string | undefined): string | undefined {
  return parseImageRef(reference)?.repository;
}

function hubRepository(registry: string | undefined, path: string): string {
  const prefix = registry ? OFFICIAL_IMAGE_PREFIXES[registry] : undefined;
  if (prefix && path.startsWith(prefix)) return `library/${path.slice(prefix.length)}`;
  // A bare name is an official image: Docker Hub files those under `library/`.
  return path.includes('/') ? path : `library/${path}`;
}
