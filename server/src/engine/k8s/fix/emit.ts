// Writes the small YAML structures a fix inserts (volumes, mounts, sources, Secret documents), in the
// block or flow style found around the insertion point. Never `yaml`'s toString: it respaces and
// moves comments, and we only ever produce the new text, never re-serialise what is there.

/**
 * A value to emit: a scalar already formatted as YAML source (with its JSON text when it is a string),
 * a sequence, or an ordered map.
 */
export type YamlValue = { raw: string; json?: string } | { seq: YamlValue[] } | { map: [string, YamlValue][] } | BranchedValue | RangedItem;

/**
 * A list item a Helm `{{ range }}` repeats, copied with its `range` and `end` as written: in a block
 * list, each on its own line at the dash's column around the item. Block lists only (planSecretSource
 * declines a flow one).
 */
export interface RangedItem {
  ranged: { open: string; close: string; item: YamlValue };
}

/**
 * A map key whose one-line value a Helm `if` chain chooses, copied with its actions as written: in a
 * block map, each action on its own line at the key's column, followed by `key: value`; then the `end`.
 * As the first key of a sequence item (which shares the `-` line) it is written on one line instead.
 */
export interface BranchedValue {
  branches: { action: string; value: string }[];
  end: string;
}

export const raw = (text: string): YamlValue => ({ raw: text });
export const str = (text: string): YamlValue => ({ raw: scalar(text), json: JSON.stringify(text) });
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
  /** Set when the document is written as JSON: what a fix inserts is JSON too, laid out like it. */
  json?: JsonStyle;
}

/** How a document written as JSON (its root a flow map, every key double-quoted) lays out its collections. */
export interface JsonStyle {
  /** One level of indentation (`"  "`, `"    "`, `"\t"`) when pretty-printed; undefined when written on one line. */
  indent: string | undefined;
  /** `"key":value` and `a,b` (minified) rather than `"key": value` and `a, b`. */
  compact: boolean;
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
  if ('ranged' in value) return emitFlow(value.ranged.item); // never asked for: planSecretSource declines flow lists
  if ('branches' in value) return oneLine(value);
  if ('seq' in value) return `[${value.seq.map(emitFlow).join(', ')}]`;
  return `{${value.map.map(([k, v]) => `${scalar(k)}: ${emitFlow(v)}`).join(', ')}}`;
}

/**
 * JSON text of `value`. Pretty-printed when the style has an indent (as JSON.stringify with that indent
 * does it: every non-empty collection one entry per line), the lines after the first starting with
 * `indent` (the indentation of the line the value starts on); on one line otherwise.
 */
export function emitJson(value: YamlValue, style: JsonStyle, indent: string, eol: string): string {
  if ('raw' in value) return value.json ?? jsonScalar(value.raw);
  if ('ranged' in value) return emitJson(value.ranged.item, style, indent, eol); // templates are never JSON
  if ('branches' in value) return JSON.stringify(oneLine(value));
  const inner = style.indent === undefined ? '' : indent + style.indent;
  const entries = 'seq' in value ? value.seq.map((v) => emitJson(v, style, inner, eol)) : value.map.map(([k, v]) => emitJsonPair(k, v, style, inner, eol));
  const [open, close] = 'seq' in value ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return `${open}${close}`;
  if (style.indent === undefined) return `${open}${entries.join(style.compact ? ',' : ', ')}${close}`;
  return `${open}${eol}${inner}${entries.join(`,${eol}${inner}`)}${eol}${indent}${close}`;
}

/** One `"key": value` pair of a JSON object, as emitJson writes it. */
export function emitJsonPair(key: string, value: YamlValue, style: JsonStyle, indent: string, eol: string): string {
  return `${JSON.stringify(key)}${style.compact ? ':' : ': '}${emitJson(value, style, indent, eol)}`;
}

/**
 * A scalar written as YAML source, as JSON: what Kubernetes reads it as (YAML 1.1), so an octal mode
 * `0440` becomes `288` (JSON has no octal); `true`/`false`/`null` and JSON numbers stay; a
 * double-quoted string is JSON already; any other plain scalar is a string.
 */
export function jsonScalar(source: string): string {
  if (/^(?:true|false|null)$/.test(source) || /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/.test(source)) return source;
  if (/^0[0-7]+$/.test(source)) return String(parseInt(source, 8));
  if (/^0o[0-7]+$/.test(source)) return String(parseInt(source.slice(2), 8));
  if (source.startsWith('"') && isJsonString(source)) return source;
  return JSON.stringify(source);
}

function isJsonString(source: string): boolean {
  try {
    return typeof JSON.parse(source) === 'string';
  } catch {
    return false;
  }
}

/** A string as a scalar of the document: JSON-quoted in a document written as JSON, else as scalar() writes it. */
export function stringScalar(text: string, style: BlockStyle): string {
  return style.json ? JSON.stringify(text) : scalar(text);
}

/** Lines (without line breaks) of a block map whose keys start at `column`. */
export function emitBlockMap(value: YamlValue, column: number, style: BlockStyle): string[] {
  if (!('map' in value)) throw new Error('emitBlockMap needs a map');
  const pad = ' '.repeat(column);
  const out: string[] = [];
  for (const [key, v] of value.map) {
    const head = `${pad}${scalar(key)}:`;
    if ('branches' in v) {
      for (const b of v.branches) out.push(`${pad}${b.action}`, `${head} ${b.value}`);
      out.push(`${pad}${v.end}`);
    } else if ('raw' in v || isEmpty(v)) {
      out.push(`${head} ${emitFlow(v)}`);
    } else if ('map' in v) {
      out.push(head, ...emitBlockMap(v, column + style.indent, style));
    } else if ('seq' in v) {
      out.push(head, ...emitBlockSeqItems(v.seq, column + style.seqOffset, style));
    } else {
      out.push(head, ...emitBlockSeqItems([v], column + style.seqOffset, style));
    }
  }
  return out;
}

/** Lines of block sequence items whose `-` sits at `dashColumn`. */
export function emitBlockSeqItems(items: YamlValue[], dashColumn: number, style: BlockStyle): string[] {
  const out: string[] = [];
  const contentColumn = dashColumn + style.dashGap;
  const dash = `${' '.repeat(dashColumn)}-${' '.repeat(style.dashGap - 1)}`;
  for (const listed of items) {
    if ('ranged' in listed) {
      const pad = ' '.repeat(dashColumn);
      out.push(`${pad}${listed.ranged.open}`, ...emitBlockSeqItems([listed.ranged.item], dashColumn, style), `${pad}${listed.ranged.close}`);
      continue;
    }
    const given = listed;
    // The first key of an item shares the `-` line, so a branched one is written on one line.
    const first = 'map' in given ? given.map[0] : undefined;
    const item: YamlValue = first && 'branches' in first[1] && 'map' in given ? { map: [[first[0], raw(oneLine(first[1]))], ...given.map.slice(1)] } : given;
    const lines = 'map' in item && !isEmpty(item) ? emitBlockMap(item, contentColumn, style) : [`${' '.repeat(contentColumn)}${emitFlow(item)}`];
    out.push(dash + lines[0].slice(contentColumn), ...lines.slice(1));
  }
  return out;
}

/** The chain on one line: `{{ if A }}x{{ else }}y{{ end }}` renders what the written chain does. */
function oneLine(value: BranchedValue): string {
  const bare = (action: string) => action.replace(/^\{\{-?\s*/, '{{ ').replace(/\s*-?\}\}$/, ' }}');
  return `${value.branches.map((b) => `${bare(b.action)}${b.value}`).join('')}${bare(value.end)}`;
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
