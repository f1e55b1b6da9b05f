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
import { parseCompose } from './model';
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
    // `secrets: [db_password]` mounts `/run/secrets/db_password`; a long entry's `target` names the file.
    for (const m of service.mounts) {
      if (!ENV_NAME.test(m.file)) continue;
      const message = `${m.file} is mounted from Compose secret "${m.secret}" in service "${service.name}" here.`;
      entry.feeds.push({ name: m.file, via: 'volume', kind: 'secret', secret: m.secret, location: at(m.range.start, m.range.end, message) });
    }
  }
  return entry;
}
