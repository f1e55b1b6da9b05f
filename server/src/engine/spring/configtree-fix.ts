// The Spring Boot fix: import the mounted Secret as a config tree — `spring.config.import=optional:
// configtree:/etc/secrets/` — so `${DB_PASSWORD}` resolves from the file /etc/secrets/DB_PASSWORD with no
// code change (Spring Boot 2.4+; `optional:` keeps the app starting where nothing is mounted). The
// environment variable, when still set, wins over the file: the paired manifest fix removes it.
// Minimal text edits: an existing `spring.config.import` gets the location appended, else the property
// is added (properties: a line at the end; YAML: under an existing `spring:` / `config:` block, or a
// new block at the end of the first document). The edited YAML is parsed again and the fix dropped
// unless it now says what it should.
import { isMap, isScalar, isSeq, parseDocument, type Document, type Pair, type YAMLMap } from 'yaml';
import type { Fix, TextEdit } from '../findings';
import { detectEol, applyEdits } from '../text';

/** The location that makes Spring Boot (2.4+) read each file of the mounted Secret as a property of its name. */
export function configtreeLocation(mountPath: string): string {
  return `optional:configtree:${mountPath.replace(/\/+$/, '')}/`;
}

/** The property that imports it, as an application.properties line. */
export function configtreeImport(mountPath: string): string {
  return `spring.config.import=${configtreeLocation(mountPath)}`;
}

/** Does the config import the config tree at this location already (then the placeholder reads the file)? */
export function importsConfigTree(text: string, location: string): boolean {
  return text.includes(location.replace(/^optional:/, ''));
}

export function configTreeFix(text: string, format: 'properties' | 'yaml', location: string, variable: string): Fix | undefined {
  const edits = format === 'properties' ? propertiesEdits(text, location) : yamlEdits(text, location);
  if (!edits) return undefined;
  return {
    title: `Resolve \${${variable}} from the mounted secret files (spring.config.import configtree, Spring Boot 2.4+)`,
    kind: 'quickfix',
    preferred: true,
    edits,
    // Every placeholder's fix adds the same import: fix-all adds it once.
    conflictKey: 'spring-configtree',
  };
}

const PROPERTIES_IMPORT = /^([ \t]*spring\.config\.import[ \t]*[=:][ \t]*)(.*?)([ \t]*)$/m;

function propertiesEdits(text: string, location: string): TextEdit[] | undefined {
  const eol = detectEol(text);
  const existing = PROPERTIES_IMPORT.exec(text);
  if (existing) {
    // A value continued on the next line (`\` at its end) is not edited.
    if (existing[2].endsWith('\\')) return undefined;
    const at = existing.index + existing[1].length + existing[2].length;
    return [{ start: at, end: at, newText: existing[2].trim() === '' ? location : `,${location}` }];
  }
  const line = `spring.config.import=${location}`;
  if (text.length === 0) return [{ start: 0, end: 0, newText: line + eol }];
  // A last line continued with `\` would swallow the new one.
  const lastLine = text.slice(text.lastIndexOf('\n', text.length - 2) + 1);
  if (/\\\r?\n?$/.test(lastLine) && !/^[ \t]*[#!]/.test(lastLine)) return undefined;
  const newline = text.endsWith('\n') ? '' : eol;
  return [{ start: text.length, end: text.length, newText: `${newline}${line}${eol}` }];
}

function yamlEdits(text: string, location: string): TextEdit[] | undefined {
  const eol = detectEol(text);
  const end = firstDocumentEnd(text);
  const doc = parseDocument(text.slice(0, end), { keepSourceTokens: true });
  if (doc.errors.length > 0) return undefined;
  const root = doc.contents;
  if (root !== null && !isMap(root)) return undefined;
  const quoted = JSON.stringify(location);
  const spring = root ? pairOf(root, 'spring') : undefined;
  let edits: TextEdit[] | undefined;
  if (!spring) {
    const indent = indentUnit(text);
    const block = ['spring:', `${indent}config:`, `${indent}${indent}import: ${quoted}`].join(eol);
    const before = text.slice(0, end);
    const gap = before.length === 0 || before.endsWith('\n') ? '' : eol;
    edits = [{ start: end, end, newText: `${gap}${block}${eol}` }];
  } else {
    edits = insertUnder(text, spring, ['config', 'import'], quoted, location, eol);
  }
  if (!edits) return undefined;
  return importsLocation(parseDocument(applyEdits(text, edits).slice(0, end + edits.reduce((n, e) => n + e.newText.length - (e.end - e.start), 0))), location)
    ? edits
    : undefined;
}

/** Inserts `path` (the keys still missing) with `value` under a block mapping pair; appends to an existing import. */
function insertUnder(text: string, pair: Pair, path: string[], quoted: string, location: string, eol: string): TextEdit[] | undefined {
  const value = pair.value;
  if (path.length === 0) {
    // An existing import: a scalar gets the location appended; a block list gets an item.
    if (isScalar(value) && typeof value.value === 'string' && value.range) {
      if (value.type !== 'PLAIN') return undefined;
      return [{ start: value.range[1], end: value.range[1], newText: `,${location}` }];
    }
    if (isSeq(value) && !value.flow && value.items.length > 0) {
      const first = value.items[0] as { range?: [number, number, number] };
      if (!first.range) return undefined;
      const lineStart = text.lastIndexOf('\n', first.range[0] - 1) + 1;
      const prefix = text.slice(lineStart, first.range[0]);
      if (!/^[ \t]*-[ \t]+$/.test(prefix)) return undefined;
      const last = value.items[value.items.length - 1] as { range?: [number, number, number] };
      const at = lineEndAfter(text, last.range![1]);
      return [{ start: at, end: at, newText: `${eol}${prefix}${quoted}` }];
    }
    return undefined;
  }
  if (!isMap(value) || value.flow || value.items.length === 0) return undefined;
  const child = pairOf(value, path[0]);
  if (child) return insertUnder(text, child, path.slice(1), quoted, location, eol);
  // The keys still missing go after the map's last entry, at its first key's indentation.
  const firstKey = value.items[0].key as { range?: [number, number, number] };
  if (!firstKey?.range) return undefined;
  const keyLine = text.lastIndexOf('\n', firstKey.range[0] - 1) + 1;
  const indent = text.slice(keyLine, firstKey.range[0]);
  if (!/^[ \t]+$/.test(indent)) return undefined;
  const unit = indentUnit(text);
  const lines = path.map((key, i) => `${indent}${unit.repeat(i)}${key}:${i === path.length - 1 ? ` ${quoted}` : ''}`);
  const last = value.items[value.items.length - 1];
  const lastEnd = (last.value as { range?: [number, number, number] } | null)?.range?.[1] ?? (last.key as { range?: [number, number, number] }).range?.[1];
  if (lastEnd === undefined) return undefined;
  const at = lineEndAfter(text, lastEnd);
  return [{ start: at, end: at, newText: eol + lines.join(eol) }];
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key);
}

/** The end of the line `offset` is on (before its line break); a value ending at a line break is on that line. */
function lineEndAfter(text: string, offset: number): number {
  let at = offset;
  while (at > 0 && (text[at - 1] === '\n' || text[at - 1] === '\r')) at--;
  const newline = text.indexOf('\n', at);
  const end = newline < 0 ? text.length : newline;
  return text[end - 1] === '\r' ? end - 1 : end;
}

/** Where the first YAML document ends (the next `---` line, else the end). */
function firstDocumentEnd(text: string): number {
  const m = /^---[ \t]*(?:#.*)?$/gm;
  for (let found = m.exec(text); found; found = m.exec(text)) if (found.index > 0 && text.slice(0, found.index).trim() !== '') return found.index;
  return text.length;
}

/** The file's indentation step: the smallest indentation of a key line, else two spaces. */
function indentUnit(text: string): string {
  const indents = [...text.matchAll(/^( +)[^ \t\r\n#-]/gm)].map((m) => m[1].length);
  const step = indents.length > 0 ? Math.min(...indents) : 2;
  return ' '.repeat(step);
}

function importsLocation(doc: Document, location: string): boolean {
  if (doc.errors.length > 0) return false;
  const value = doc.getIn(['spring', 'config', 'import']);
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .includes(location);
  if (isSeq(value)) return value.items.some((i) => isScalar(i) && i.value === location);
  return false;
}
