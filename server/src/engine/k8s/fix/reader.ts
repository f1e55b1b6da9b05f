// Who reads a variable once the fix has turned it into a file, which decides the variant a fix
// prefers: an image that documents a `*_FILE` variable gets that pointer (no code change); a variable
// the workspace's own code reads (or any, with `appsReadSecretFiles`) gets the plain mount (its
// `secret-env-read` fix reads the file);
// anything else would starve the process of its value, so the fix is offered but not preferred, and
// `--fix` leaves it with that reason.
import type { RuleEnv } from '../../rule';
import { fileVariantFor, type FileVariant } from '../images';
import { asString, getSeq, getString } from '../nodes';
import type { ContainerSite } from './site';
import { writtenScalar } from './template-edits';

export type Reader = { kind: 'image'; variant: FileVariant } | { kind: 'code' } | { kind: 'unknown'; why: string };

export function readerOf(site: ContainerSite, variable: string, env: RuleEnv): Reader {
  const image = imageOf(site, env);
  const documented = fileVariantFor(image, variable);
  // The image reads `*_FILE` in its entrypoint: a `command` that replaces the entrypoint skips it.
  const bypassed = documented !== undefined && replacesEntrypoint(site);
  if (documented && !bypassed) return { kind: 'image', variant: documented };
  const code = env.codeReads?.(variable);
  // The workspace's code, once fixed, reads the file a pointer variable names (django-environ's FileAwareEnv).
  if (typeof code === 'object') return { kind: 'image', variant: { variable: code.pointer, imageId: code.reader, source: '', byCode: true } };
  if (code === true || env.settings.appsReadSecretFiles === true) return { kind: 'code' };
  const which = image === undefined ? 'the image' : `image "${image}"`;
  const imageSide = bypassed
    ? `the container's command replaces the entrypoint of ${which}, which is what reads ${documented.variable}`
    : `${which} is not known to read ${variable} from a file`;
  return {
    kind: 'unknown',
    why: `${imageSide}, and no code in the workspace reads ${variable} (if your apps read secret files, say so: secretHints.appsReadSecretFiles, CLI --apps-read-files)`,
  };
}

/** The `*_FILE` variable the container's image reads for `variable` (its entrypoint running), or undefined. */
export function imagePointer(site: ContainerSite, variable: string, env: RuleEnv): FileVariant | undefined {
  const reader = readerOf(site, variable, env);
  return reader.kind === 'image' ? reader.variant : undefined;
}

/** True when `command` runs something other than an entrypoint script (`docker-entrypoint.sh`, `entrypoint.sh`…). */
function replacesEntrypoint(site: ContainerSite): boolean {
  const command = getSeq(site.container.map, 'command', site.document.doc);
  if (!command) return false;
  const program = asString(command.items[0], site.document.doc) ?? '';
  return !/(^|\/)[\w.-]*entrypoint[\w.-]*$/.test(program);
}

/** The container's image; in a Helm template, what it renders with the chart's values.yaml, if known. */
export function imageOf(site: ContainerSite, env: RuleEnv): string | undefined {
  const written = writtenScalar(site.ctx, site.container.map, 'image');
  if (!written?.templated) return getString(site.container.map, 'image', site.document.doc);
  return env.path === undefined ? undefined : env.chartImage?.(env.path, written.text);
}
