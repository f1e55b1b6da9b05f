// Writes the small YAML structures a fix inserts (volumes, mounts, sources, Secret documents), in the
// block or flow style found around the insertion point. Never `yaml`'s toString: it respaces and
// moves comments, and we only ever produce the new text, never re-serialise what is there.

/** A value to emit: a scalar already formatted as YAML source, a sequence, or an ordered map. */
export type YamlValue = { raw: string } | { seq: YamlValue[] } | { map: [string, YamlValue][] };

export const raw = (text: string): YamlValue => ({ raw: text });
export const str = (text: string): YamlValue => ({ raw: scalar(text) });
export const seq = (...items: YamlValue[]): YamlValue => ({ seq: items });
export const map = (...pairs: [string, YamlValue | undefined][]): YamlValue => ({
  map: pairs.filter((p): p is [string, YamlValue] => p[1] !== undefined),
});

/** How block collections are laid out where we insert. */
export interface BlockStyle {
  /** Spaces a nested map's keys are indented under their parent key (2, 4…). */
  indent: number;
  /** Columns from a key to its sequence's `-` (0 for indentless sequences). */
  seqOffset: number;
  /** Columns from `-` to the item's content (usually 2). */
  dashGap: number;
}

/** Words YAML 1.1 (which Kubernetes reads) or 1.2 would not read as a string when plain. */
const NON_STRING_WORDS = /^(?:y|n|yes|no|on|off|true|false|null|~|\.inf|\.nan|[-+]?\.inf)$/i;
const PLAIN_SAFE = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;

/** A string as a YAML scalar: plain when that reads back as the same string, JSON-quoted otherwise. */
export function scalar(text: string): string {
  return PLAIN_SAFE.test(text) && !NON_STRING_WORDS.test(text) ? text : JSON.stringify(text);
}

/** `{a: b, c: [d]}` — flow style for flow collections. */
export function emitFlow(value: YamlValue): string {
  if ('raw' in value) return value.raw;
  if ('seq' in value) return `[${value.seq.map(emitFlow).join(', ')}]`;
  return `{${value.map.map(([k, v]) => `${scalar(k)}: ${emitFlow(v)}`).join(', ')}}`;
}

/** Lines (without line breaks) of a block map whose keys start at `column`. */
export function emitBlockMap(value: YamlValue, column: number, style: BlockStyle): string[] {
  if (!('map' in value)) throw new Error('emitBlockMap needs a map');
  const pad = ' '.repeat(column);
  const out: string[] = [];
  for (const [key, v] of value.map) {
    const head = `${pad}${scalar(key)}:`;
    if ('raw' in v || isEmpty(v)) {
      out.push(`${head} ${emitFlow(v)}`);
    } else if ('map' in v) {
      out.push(head, ...emitBlockMap(v, column + style.indent, style));
    } else {
      out.push(head, ...emitBlockSeqItems(v.seq, column + style.seqOffset, style));
    }
  }
  return out;
}

/** Lines of block sequence items whose `-` sits at `dashColumn`. */
export function emitBlockSeqItems(items: YamlValue[], dashColumn: number, style: BlockStyle): string[] {
  const out: string[] = [];
  const contentColumn = dashColumn + style.dashGap;
  const dash = `${' '.repeat(dashColumn)}-${' '.repeat(style.dashGap - 1)}`;
  for (const item of items) {
    const lines = 'map' in item && !isEmpty(item) ? emitBlockMap(item, contentColumn, style) : [`${' '.repeat(contentColumn)}${emitFlow(item)}`];
    out.push(dash + lines[0].slice(contentColumn), ...lines.slice(1));
  }
  return out;
}

function isEmpty(v: YamlValue): boolean {
  return ('seq' in v && v.seq.length === 0) || ('map' in v && v.map.length === 0);
}

/** A DNS-1123 label (lower-case alphanumerics and `-`, ≤ 63 characters) derived from `name`. */
export function dns1123Label(name: string, suffix = ''): string {
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+/, '');
  const room = 63 - suffix.length;
  const trimmed = base.slice(0, room).replace(/-+$/, '') || 'c';
  return `${trimmed}${suffix}`;
}

/** A DNS-1123 subdomain (lower-case alphanumerics, `-` and `.`, ≤ 253) for a Secret name. */
export function dns1123Subdomain(name: string): string {
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+/, '');
  return base.slice(0, 253).replace(/[-.]+$/, '') || 'secrets';
}
