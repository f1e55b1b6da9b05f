// JSON manifests (`kubectl apply -f x.json`): a JSON file is a manifest when its text is an object (a
// `kind: List` too) with string `apiVersion` and `kind` at its top level. Every other JSON file
// (package.json, tsconfig.json, schemas, data) is neither analysed nor indexed nor counted. Decided from
// the text alone and cheaply: a bounded look at its start, which most JSON files fail, then a real check
// (JSON.parse) of the few that pass. A manifest is then parsed as YAML (JSON is YAML 1.2 flow syntax).

/** Characters at the start of the text (after a byte-order mark) that the bounded look reads. */
export const JSON_HEAD_CHARS = 64 * 1024;

/** Bytes that always hold the first JSON_HEAD_CHARS characters: at most 3 UTF-8 bytes per UTF-16 unit, plus a BOM. */
export const JSON_HEAD_BYTES = 3 * JSON_HEAD_CHARS + 3;

/** Above this the real check is not made (JSON.parse of tens of MiB is not cheap): the bounded look decides. */
const FULL_CHECK_MAX_CHARS = 16 * 1024 * 1024;

/** Which of `apiVersion` / `kind` the bounded look found as top-level keys with string values. */
interface HeadKeys {
  apiVersion: boolean;
  kind: boolean;
}

/**
 * The bounded look, for callers that read only the start of a file (the directory walk): false when
 * the text cannot be a manifest, so the file need not be read. `head` is the file's start, at least
 * JSON_HEAD_CHARS characters of it (JSON_HEAD_BYTES bytes) when the file is that long.
 */
export function jsonHeadMayBeManifest(head: string): boolean {
  const keys = headKeys(head);
  return keys !== undefined && (keys.apiVersion || keys.kind);
}

/**
 * True when the text of a JSON file is a Kubernetes manifest: the bounded look finds a top-level
 * `apiVersion` or `kind` with a string value, and the text parses as JSON to an object with string
 * `apiVersion` and `kind`. Text that does not parse (being edited, or with comments) is a manifest
 * when the bounded look found both, so its syntax error is reported rather than the file ignored.
 */
export function isJsonManifest(text: string): boolean {
  const keys = headKeys(text);
  if (!keys || !(keys.apiVersion || keys.kind)) return false;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    if (body.length > FULL_CHECK_MAX_CHARS) throw new RangeError('too large to check in full');
    value = JSON.parse(body);
  } catch {
    return keys.apiVersion && keys.kind;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const object = value as Record<string, unknown>;
  return typeof object.apiVersion === 'string' && typeof object.kind === 'string';
}

/**
 * Scans the first JSON_HEAD_CHARS characters: undefined unless the text (after a BOM and whitespace)
 * starts an object; otherwise which of the keys it found at depth 1 followed by a string value.
 * Strings are skipped with their escapes, and `//` / `/* … *\/` comments (JSONC) are skipped too.
 */
function headKeys(text: string): HeadKeys | undefined {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const end = Math.min(text.length, i + JSON_HEAD_CHARS);
  i = skipBlank(text, i, end);
  if (text[i] !== '{') return undefined;
  const found: HeadKeys = { apiVersion: false, kind: false };
  let depth = 0;
  let expectKey = false;
  while (i < end) {
    const c = text[i];
    if (c === '"') {
      const close = stringEnd(text, i, end);
      if (close === undefined) break;
      if (depth === 1 && expectKey) {
        const key = text.slice(i + 1, close);
        let j = skipBlank(text, close + 1, end);
        if ((key === 'apiVersion' || key === 'kind') && text[j] === ':') {
          j = skipBlank(text, j + 1, end);
          if (j < end && text[j] === '"') found[key] = true;
        }
      }
      expectKey = false;
      i = close + 1;
      continue;
    }
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      i = skipBlank(text, i, end);
      continue;
    }
    if (c === '{' || c === '[') {
      depth++;
      expectKey = c === '{' && depth === 1;
    } else if (c === '}' || c === ']') {
      if (--depth <= 0) break;
    } else if (c === ',') {
      expectKey = depth === 1;
    }
    i++;
  }
  return found;
}

/** Offset of the quote closing the string opened at `open`, or undefined when the window ends first. */
function stringEnd(text: string, open: number, end: number): number | undefined {
  for (let i = open + 1; i < end; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i;
    else if (c === '\n') return undefined;
  }
  return undefined;
}

/** Skips JSON whitespace and comments from `i`. */
function skipBlank(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? end : eol + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? end : close + 2;
    } else {
      break;
    }
  }
  return Math.min(i, end);
}
