// The Compose fix for a secret in a service's `environment:`: a top-level `secrets:` entry holding the
// value (`environment: VAR` for an interpolated or passed-through value — Compose 2.23+ — or `file:
// ./secrets/<name>` for a literal, whose file is written only by this explicit action and kept out of
// git), the service's `secrets:` list mounting it under /run/secrets, and the env entry retired the way
// whoever reads it needs: an image that documents a `*_FILE` variable gets that pointer; the
// workspace's own code (its loader reads `$SECRETS_DIR/NAME`) gets the entry removed and SECRETS_DIR
// set; anyone else gets both variants, not preferred. Every fix is re-parsed before it is offered.
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { FileCreation, Finding, Fix, TextEdit } from '../../findings';
import { declined } from '../../k8s/fix/declines';
import { addMapPair, appendSeqItems, removeMapPair, removeSeqItem, type EditSite } from '../../k8s/fix/edits';
import { emitBlockMap, map, str, type YamlValue } from '../../k8s/fix/emit';
import { fileVariantFor } from '../../k8s/images';
import { findPair } from '../../k8s/nodes';
import type { RuleEnv } from '../../rule';
import { applyEdits } from '../../text';
import type { ComposeContext, ComposeService, EnvEntry } from './model';

/** Where Compose mounts a service's secrets. */
export const COMPOSE_SECRETS_DIR = '/run/secrets';
/** The loader's variable for the directory it reads (code/loader). */
const SECRETS_DIR_VARIABLE = 'SECRETS_DIR';

export function entryOf(ctx: ComposeContext, finding: Finding): { service: ComposeService; entry: EnvEntry } | undefined {
  const service = ctx.services.find((s) => s.name === finding.data.service);
  const entry = service?.entries.find((e) => e.name === finding.data.variable && e.nameRange.start === finding.start);
  return service && entry ? { service, entry } : undefined;
}

export function composeSecretFixes(ctx: ComposeContext, finding: Finding, env: RuleEnv): Fix[] {
  const found = entryOf(ctx, finding);
  if (!found) return [];
  const { service, entry } = found;
  const value = entry.value;
  if (value.kind === 'composed')
    return declined(
      finding,
      `${entry.name} is composed from other text and variables; store the whole value as a secret and have the service read it from a file`,
    );
  if (service.environment?.collection.flow)
    return declined(finding, 'the environment is written in flow style ({…} / […]); write it as a block to let the fix edit it');
  const secretName = secretNameFor(ctx, service, entry);
  if (secretName === undefined) return declined(finding, `a top-level secret named like ${entry.name.toLowerCase()} already holds another value`);
  const source: [string, YamlValue] =
    value.kind === 'literal' ? ['file', str(`./secrets/${secretName}`)] : ['environment', str(value.kind === 'interpolated' ? value.source : entry.name)];
  const site: EditSite = { lines: ctx.lines, eol: ctx.eol, style: ctx.style };
  const top = topSecretEdits(ctx, site, secretName, source);
  if (!top) return declined(finding, 'the top-level secrets: is written in a way no edit can extend');
  const needsVersion = source[0] === 'environment' ? ' (Compose 2.23+)' : '';
  const caveats: string[] = [];
  if (value.kind === 'interpolated' && value.fallback)
    caveats.push(`the default in ${entry.name}'s interpolation is dropped: the secret needs the variable set when Compose runs`);
  if (value.kind === 'literal') caveats.push(`writes the value to ./secrets/${secretName} (added to .gitignore); rotate it: it was committed in this file`);
  const files: FileCreation[] = value.kind === 'literal' ? literalFiles(secretName, value.text, ctx.eol) : [];

  const image = service.entrypoint !== undefined && !/entrypoint/i.test(service.entrypoint) ? undefined : fileVariantFor(service.image, entry.name);
  const code = env.codeReads?.(entry.name);
  const pointer = image?.variable ?? (typeof code === 'object' ? code.pointer : undefined);
  const variants: { title: string; edits: TextEdit[] | undefined; preferred: boolean; why?: string }[] = [];
  // The top-level definition goes last: at the end of the file it must follow a service's new lines there.
  const pointerEdits = (p: string) =>
    combine(mountEdits(site, service, secretName, undefined), replaceEntry(service, entry, p, `${COMPOSE_SECRETS_DIR}/${secretName}`), top);
  // The loader reads `$SECRETS_DIR/NAME`: a service that sets SECRETS_DIR already gets the file there.
  const dir = secretsDirOf(service);
  const custom = dir === undefined || dir === null || dir.replace(/\/+$/, '') === COMPOSE_SECRETS_DIR ? undefined : dir.replace(/\/+$/, '');
  const target = custom === undefined ? entry.name : `${custom}/${entry.name}`;
  const mountedAs = custom === undefined ? `${COMPOSE_SECRETS_DIR}/${entry.name}` : target;
  const loaderEdits = () =>
    dir === null
      ? undefined
      : combine(mountEdits(site, service, secretName, target === secretName ? undefined : target), retireForLoader(site, service, entry, env), top);
  if (pointer !== undefined) {
    const reader = image ? `image ${image.imageId}` : typeof code === 'object' ? code.reader : 'the app';
    variants.push({
      title: `Mount ${entry.name} as Compose secret "${secretName}"${needsVersion} and point ${pointer} at it (read by ${reader})`,
      edits: pointerEdits(pointer),
      preferred: true,
    });
  } else {
    const known = code === true || env.settings.appsReadSecretFiles === true;
    const why = known
      ? undefined
      : `${service.image === undefined ? 'the service’s image' : `image "${service.image}"`} is not known to read ${entry.name} from a file, and no code in the workspace reads it (if your apps read secret files, say so: secretHints.appsReadSecretFiles, CLI --apps-read-files)`;
    variants.push({
      title: `Mount ${entry.name} as Compose secret "${secretName}"${needsVersion}, read from ${mountedAs}`,
      edits: loaderEdits(),
      preferred: known,
      why,
    });
    if (!known)
      variants.push({
        title: `Mount ${entry.name} as Compose secret "${secretName}"${needsVersion} and set ${entry.name}_FILE to its path`,
        edits: pointerEdits(`${entry.name}_FILE`),
        preferred: false,
        why,
      });
  }
  const fixes = variants.flatMap((v): Fix[] => {
    if (!v.edits || !stillCompose(ctx, v.edits, service.name, secretName)) return [];
    const caveat = [v.why, ...caveats].filter((c) => c !== undefined).join('; ') || undefined;
    return [
      {
        title: v.title,
        kind: 'quickfix',
        preferred: v.preferred && caveat === undefined,
        edits: v.edits,
        createFiles: files.length > 0 ? files : undefined,
        caveat,
        conflictKey: 'compose',
      },
    ];
  });
  return fixes.length > 0 ? fixes : declined(finding, 'the service’s environment, secrets: list or the top-level secrets: cannot be edited exactly here');
}

/** The directory a service's SECRETS_DIR names (undefined: not set; null: set in a way no mount can follow, e.g. interpolated). */
function secretsDirOf(service: ComposeService): string | null | undefined {
  const entry = service.entries.find((e) => e.name === SECRETS_DIR_VARIABLE);
  if (!entry) return undefined;
  return entry.value.kind === 'literal' && entry.value.text.startsWith('/') ? entry.value.text : null;
}

/** The secret's name: the variable's in lower case (a service prefix when another value has it already). */
function secretNameFor(ctx: ComposeContext, service: ComposeService, entry: EnvEntry): string | undefined {
  const wanted = sourceOf(entry);
  for (const name of [entry.name.toLowerCase(), `${service.name}_${entry.name}`.toLowerCase().replace(/[^a-z0-9_.-]/g, '_')]) {
    const defined = ctx.definedSecrets.get(name);
    if (!defined) return name;
    if (wanted.environment !== undefined && defined.environment === wanted.environment) return name;
  }
  return undefined;
}

function sourceOf(entry: EnvEntry): { environment?: string } {
  if (entry.value.kind === 'interpolated') return { environment: entry.value.source };
  if (entry.value.kind === 'passthrough') return { environment: entry.name };
  return {};
}

/** Adds the secret's definition to the top-level `secrets:` (created at the end of the file when missing); [] when it is there already. */
function topSecretEdits(ctx: ComposeContext, site: EditSite, name: string, source: [string, YamlValue]): TextEdit[] | undefined {
  if (ctx.definedSecrets.has(name)) return [];
  const definition = map(source);
  if (ctx.topSecrets) {
    const top = ctx.topSecrets.map;
    if (top && top.items.length > 0) return addMapPair(site, top, name, definition);
    return undefined;
  }
  const lines = emitBlockMap(map(['secrets', map([name, definition])]), 0, ctx.style);
  const text = ctx.text;
  const lead = text.length === 0 || /[\r\n]$/.test(text) ? '' : ctx.eol;
  return [{ start: text.length, end: text.length, newText: `${lead}${lines.join(ctx.eol)}${ctx.eol}` }];
}

/** Mounts the secret in the service: its `secrets:` list gets the item (short form, or long with `target`). */
function mountEdits(site: EditSite, service: ComposeService, secret: string, target: string | undefined): TextEdit[] | undefined {
  if (service.mounts.some((m) => m.secret === secret) && target === undefined) return [];
  const item: YamlValue = target === undefined ? str(secret) : map(['source', str(secret)], ['target', str(target)]);
  if (service.secrets) return appendSeqItems(site, service.secrets.seq, [item]);
  if (findPair(service.map, 'secrets')) return undefined;
  return addMapPair(site, service.map, 'secrets', { seq: [item] });
}

/** The entry becomes `POINTER: path`, in its own form (`KEY: value` or `- KEY=value`). */
function replaceEntry(service: ComposeService, entry: EnvEntry, pointer: string, path: string): TextEdit[] | undefined {
  if (service.entries.some((e) => e.name === pointer)) return undefined;
  const text = entry.form === 'map' ? `${pointer}: ${path}` : `${pointer}=${path}`;
  return [{ start: entry.range.start, end: entry.range.end, newText: text }];
}

/** For the loader: the entry goes, and SECRETS_DIR says where Compose mounts (unless the mount path setting is that already). */
function retireForLoader(site: EditSite, service: ComposeService, entry: EnvEntry, env: RuleEnv): TextEdit[] | undefined {
  const needsDir = env.settings.mountPath.replace(/\/+$/, '') !== COMPOSE_SECRETS_DIR && !service.entries.some((e) => e.name === SECRETS_DIR_VARIABLE);
  if (needsDir) return replaceEntry(service, entry, SECRETS_DIR_VARIABLE, COMPOSE_SECRETS_DIR);
  const environment = service.environment!;
  if (environment.collection.items.length === 1) return removeMapPair(site, service.map, environment.pair);
  return isMap(environment.collection)
    ? removeMapPair(site, environment.collection, entry.node as never)
    : removeSeqItem(site, environment.collection, entry.node, { map: service.map, pair: environment.pair });
}

function combine(...parts: (TextEdit[] | undefined)[]): TextEdit[] | undefined {
  if (parts.some((p) => p === undefined)) return undefined;
  const edits = parts.flat() as TextEdit[];
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i);
  for (let k = 1; k < sorted.length; k++) if (sorted[k].e.start < sorted[k - 1].e.end) return undefined;
  return sorted.map((x) => x.e);
}

/**
 * Compose files up to this size are re-parsed with each fix before it is offered (real ones are a few
 * KiB), until the parse has re-read this much text: past either, the fix relies on the edits alone (as
 * manifests' do, checked by the tests), so asking every finding of a huge generated file for its fixes
 * (the CLI's `fixable`) stays linear. Counted, never timed: the same fixes on every machine.
 */
const VERIFIED_MAX_CHARS = 64 * 1024;
const VERIFIED_TOTAL_CHARS = 8_000_000;

/** The fixed text still parses, defines the secret at the top and mounts it in the service. */
function stillCompose(ctx: ComposeContext, edits: TextEdit[], serviceName: string, secret: string): boolean {
  if (ctx.text.length > VERIFIED_MAX_CHARS || ctx.verifiedChars + ctx.text.length > VERIFIED_TOTAL_CHARS) return true;
  ctx.verifiedChars += ctx.text.length;
  const doc = parseDocument(applyEdits(ctx.text, edits), { uniqueKeys: false });
  if (doc.errors.length > 0) return false;
  const mounted: unknown = doc.getIn(['services', serviceName, 'secrets']);
  if (!doc.hasIn(['secrets', secret]) || !isSeq(mounted)) return false;
  return mounted.items.some((m) => (isScalar(m) && m.value === secret) || (isMap(m) && m.get('source') === secret));
}

/** The literal's file and the .gitignore line that keeps it out of the repository. */
function literalFiles(secret: string, value: string, eol: string): FileCreation[] {
  return [
    { relativePath: `secrets/${secret}`, text: value },
    { relativePath: '.gitignore', text: `/secrets/${secret}${eol}`, appendLine: true },
  ];
}
