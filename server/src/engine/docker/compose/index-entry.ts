// What a Compose file tells the workspace view (cross-file-index.ts), in the manifests' terms: a
// service's environment entry that holds a secret (by name, interpolated from a secret variable, or a
// secret-looking literal) feeds that variable from a secret; one with a plain value says it is none;
// a Compose secret the service mounts feeds the variable its file is named after (`/run/secrets/NAME`,
// which the loader reads). Names and locations only, never values.
import type { ManifestIndexEntry, EnvFeed } from '../../k8s/index-entry';
import { emptyEntry } from '../../k8s/index-entry';
import type { NameLists } from '../../names';
import { isSecretName } from '../../names';
import type { RelatedLocation } from '../../findings';
import { parseCompose, type ComposeContext } from './model';
import { entrySecrecy } from './secrets';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function indexCompose(path: string, text: string, names?: NameLists): ManifestIndexEntry {
  const entry = emptyEntry(path);
  if (!/\bservices\s*:/.test(text)) return entry;
  const ctx = parseCompose(text);
  const at = (start: number, end: number, message: string): RelatedLocation => ({
    path,
    start: ctx.lines.position(start),
    end: ctx.lines.position(end),
    message,
  });
  for (const service of ctx.services) {
    for (const e of service.entries) {
      if (!ENV_NAME.test(e.name) || e.value.kind === 'passthrough') continue;
      const secrecy = entrySecrecy(e, names ?? { extra: [], ignore: [] });
      const where = `service "${service.name}"`;
      const feed: EnvFeed = secrecy
        ? { name: e.name, via: 'env', kind: 'secret', location: at(e.nameRange.start, e.nameRange.end, `${e.name} gets a secret in Compose ${where} here.`) }
        : {
            name: e.name,
            via: 'env',
            kind: 'literal',
            // A secret name with a harmless value vouches for nothing: the name still decides elsewhere.
            looksSecret: isSecretName(e.name, names),
            location: at(e.nameRange.start, e.nameRange.end, `${e.name} is set to a plain value in Compose ${where} here (not a secret).`),
          };
      entry.feeds.push(feed);
    }
    indexMountedSecrets(ctx, service.name, at, entry);
  }
  return entry;
}

/** `secrets: [db_password]` mounts `/run/secrets/db_password`; a long entry's `target` names the file. */
function indexMountedSecrets(
  ctx: ComposeContext,
  serviceName: string,
  at: (s: number, e: number, m: string) => RelatedLocation,
  entry: ManifestIndexEntry,
): void {
  const service = ctx.services.find((s) => s.name === serviceName);
  for (const item of service?.secrets?.seq.items ?? []) {
    const mounted = mountedFile(item);
    if (!mounted || !ENV_NAME.test(mounted.file)) continue;
    entry.feeds.push({
      name: mounted.file,
      via: 'volume',
      kind: 'secret',
      secret: mounted.secret,
      location: at(mounted.range[0], mounted.range[1], `${mounted.file} is mounted from Compose secret "${mounted.secret}" in service "${serviceName}" here.`),
    });
  }
}

function mountedFile(item: unknown): { secret: string; file: string; range: [number, number] } | undefined {
  const node = item as { value?: unknown; range?: [number, number, number]; items?: { key?: { value?: unknown }; value?: { value?: unknown } }[] };
  if (!node.range) return undefined;
  if (typeof node.value === 'string') return { secret: node.value, file: node.value, range: [node.range[0], node.range[1]] };
  const pairs = new Map((node.items ?? []).map((p) => [p.key?.value, p.value?.value]));
  const secret = pairs.get('source');
  const target = pairs.get('target');
  if (typeof secret !== 'string') return undefined;
  const file = typeof target === 'string' ? (target.split('/').pop() ?? target) : secret;
  return { secret, file, range: [node.range[0], node.range[1]] };
}
