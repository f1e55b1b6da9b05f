// Block scalars (`|`, `>`) for the plain-YAML fast path (plain-yaml.ts), read as `yaml` 2.x reads them:
// where one ends is its lexer's rule (parseBlockScalar: lines go on while blank or indented at least as
// much as the first content line; trailing blank lines drop out unless the chomping keeps them), and its
// value is its composer's (resolveBlockScalar: indentation trimmed, `>` folded, chomped). Only the case
// without an indentation indicator, and without tabs or CRs (the caller declines those).

/**
 * The end (exclusive) of a block scalar's text starting at `pos` (the line after its header), or -1
 * when it has no content line indented at least `minIndent` before `limit` (the region's end).
 */
export function blockScalarEnd(text: string, pos: number, minIndent: number, keep: boolean, limit: number): number {
  // The first content line sets the indentation.
  let nl = pos - 1;
  let indent = 0;
  let i = pos;
  for (; i < limit; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 32) indent++;
    else if (ch === 10) {
      nl = i;
      indent = 0;
    } else break;
  }
  if (i >= limit || indent < minIndent) return -1;
  // Lines go on while blank or indented at least `indent` (a last line of spaces alone too, at the end
  // of the text, when it has that many).
  for (;;) {
    const start = nl + 1;
    if (start >= limit) break;
    let at = start;
    while (text.charCodeAt(at) === 32) at++;
    if (!(text.charCodeAt(at) === 10 || at - start >= indent)) break;
    const next = text.indexOf('\n', at);
    if (next < 0) {
      nl = text.length;
      break;
    }
    nl = next;
  }
  // Trailing blank lines with no more than `indent` spaces are not the scalar's, unless kept (`+`).
  if (!keep) {
    for (;;) {
      let k = nl - 1;
      const lastChar = k;
      while (text.charCodeAt(k) === 32) k--;
      if (text.charCodeAt(k) === 10 && k >= pos && k + 1 + indent > lastChar) nl = k;
      else break;
    }
  }
  return Math.min(nl + 1, text.length);
}

/**
 * The value of a block scalar whose text (after the header line) is `source`, in a collection at column
 * `parentIndent`; undefined where `yaml` would report an error.
 */
export function blockScalarValue(source: string, folded: boolean, chomp: '' | '-' | '+', parentIndent: number): string | undefined {
  const lines = splitLines(source);
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0; --i) {
    if (lines[i][1] === '') chompStart = i;
    else break;
  }
  if (chompStart === 0) return undefined; // no content: not taken by the caller anyway
  let trimIndent = parentIndent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const [indent, content] = lines[i];
    if (content === '') {
      if (indent.length > trimIndent) trimIndent = indent.length;
    } else {
      if (indent.length < trimIndent) return undefined; // more-indented leading empty lines
      trimIndent = indent.length;
      contentStart = i;
      if (trimIndent === 0) return undefined;
      break;
    }
  }
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if (lines[i][0].length > trimIndent) chompStart = i + 1;
  }
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let i = 0; i < contentStart; ++i) value += lines[i][0].slice(trimIndent) + '\n';
  for (let i = contentStart; i < chompStart; ++i) {
    const [indent, content] = lines[i];
    if (content && indent.length < trimIndent) return undefined;
    if (!folded) {
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
    } else if (indent.length > trimIndent) {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  if (chomp === '+') {
    for (let i = chompStart; i < lines.length; ++i) value += '\n' + lines[i][0].slice(trimIndent);
    if (value[value.length - 1] !== '\n') value += '\n';
  } else if (chomp === '') value += '\n';
  return value;
}

/** `[indentation, content]` per line of `source` (split at line breaks, as `yaml` splits it). */
function splitLines(source: string): [string, string][] {
  const split = source.split(/\n( *)/);
  const first = split[0];
  const m = /^( *)/.exec(first);
  const lines: [string, string][] = [m?.[1] ? [m[1], first.slice(m[1].length)] : ['', first]];
  for (let i = 1; i < split.length; i += 2) lines.push([split[i], split[i + 1]]);
  return lines;
}
