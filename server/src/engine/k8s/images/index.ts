// Which `*_FILE` variable an image reads in place of a secret variable, per docs/images.md. The fix only
// swaps `POSTGRES_PASSWORD` for `POSTGRES_PASSWORD_FILE` when this says so; everything unknown (a
// look-alike repository, a templated image, a variable the image does not document) gets undefined.
import { accepts, CATALOGUE, type CatalogueEntry } from './catalogue';
import { normaliseRepository } from './image-ref';

export interface FileVariant {
  /** e.g. POSTGRES_PASSWORD_FILE */
  variable: string;
  /** catalogue entry id */
  imageId: string;
  /** doc URL */
  source: string;
  /** The workspace's code reads the pointer (imageId then names what reads it), not the image. */
  byCode?: boolean;
}

// Only names a shell could export; anything else (templating, `$(VAR)`) cannot be matched safely.
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const byRepository = new Map<string, CatalogueEntry[]>();
for (const entry of CATALOGUE) {
  for (const repository of entry.repositories) byRepository.set(repository, [...(byRepository.get(repository) ?? []), entry]);
}

/** The `*_FILE` variable the image reads instead of `variable`, or undefined when the catalogue does not know one. */
export function fileVariantFor(image: string | undefined, variable: string): FileVariant | undefined {
  if (!VARIABLE_NAME.test(variable)) return undefined;
  const repository = normaliseRepository(image);
  if (!repository) return undefined;
  const entry = byRepository.get(repository)?.find((e) => accepts(e, variable));
  return entry && { variable: entry.fileVariable(variable), imageId: entry.id, source: entry.source };
}

export { CATALOGUE } from './catalogue';
