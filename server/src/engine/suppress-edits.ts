// Edits that suppress a finding (the editor's "Ignore RULE on this line / in this file" actions).
// An existing directive that covers the same place is extended with the rule id rather than a second
// comment added, and new comments use the file's own comment syntax and line breaks.
import { dialectOf } from './code/dialects';
import { codeLanguageOf } from './code/languages';
import type { TextEdit } from './findings';
import { findDirectives } from './suppress';
import { detectEol, LineIndex } from './text';

export type CommentStyle = '#' | '//';

/** A code file's dialect says (`#` in Python, `//` in TypeScript and JavaScript); manifests are YAML: `#`. */
export function commentStyleFor(path: string | undefined, languageId?: string): CommentStyle {
  const code = codeLanguageOf(path, languageId);
  return code ? dialectOf(code.kind).lineComment : '#';
}

/**
 * Suppresses `rule` on the line holding `offset`. `trailingAllowed` false: never a comment at the end of
 * a line (a Dockerfile reads `#` as a comment only at the start of a line; inside a backslash
 * continuation a comment line is dropped, so the line above is always right there).
 */
export function ignoreOnLineEdit(text: string, rule: string, offset: number, style: CommentStyle, trailingAllowed = true): TextEdit {
  const lines = new LineIndex(text);
  const line = lines.lineAt(offset);
  const existing = findDirectives(text, lines).find((d) => !d.fileWide && d.targetLine === line && d.listEnd !== undefined);
  if (existing?.listEnd !== undefined) return { start: existing.listEnd, end: existing.listEnd, newText: `, ${rule}` };
  const lineText = lines.lineText(line);
  // A comment line above would cut a backslash continuation in two; then the comment trails the line.
  const continuesFromAbove = line > 0 && /\\\s*$/.test(lines.lineText(line - 1));
  if (trailingAllowed && continuesFromAbove && !/\\\s*$/.test(lineText)) {
    const end = lines.lineEnd(line);
    return { start: end, end, newText: `  ${style} secret-hints-ignore ${rule}` };
  }
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  const start = lines.lineStart(line);
  return { start, end: start, newText: `${indent}${style} secret-hints-ignore ${rule}${detectEol(text)}` };
}

/** Suppresses `rule` in the whole file: extends an existing file directive or adds one at the top. */
export function ignoreInFileEdit(text: string, rule: string, style: CommentStyle): TextEdit {
  const lines = new LineIndex(text);
  const existing = findDirectives(text, lines).find((d) => d.fileWide && d.listEnd !== undefined);
  if (existing?.listEnd !== undefined) return { start: existing.listEnd, end: existing.listEnd, newText: `, ${rule}` };
  const at = headerEnd(lines);
  const eol = detectEol(text);
  // Inserting after a last line without a line break needs the break first.
  const newText = at === text.length && at > 0 ? `${eol}${style} secret-hints-ignore-file ${rule}${eol}` : `${style} secret-hints-ignore-file ${rule}${eol}`;
  return { start: at, end: at, newText };
}

/**
 * Where a new first-line comment may go: after a byte-order mark, a shebang and Python's encoding
 * declaration (which must stay on line 1 or 2), so none of them stops working.
 */
function headerEnd(lines: LineIndex): number {
  let line = 0;
  const bom = lines.text.startsWith('\uFEFF') ? 1 : 0;
  if (lines.lineText(0).slice(bom).startsWith('#!')) line = 1;
  // A Dockerfile's parser directives (`# syntax=…`, `# escape=…`) count only before any other comment.
  while (line < lines.lineCount && /^#[ \t]*(?:syntax|escape|check)[ \t]*=/i.test(lines.lineText(line).slice(line === 0 ? bom : 0))) line++;
  while (line < 2 && line < lines.lineCount && /^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+/.test(lines.lineText(line))) line++;
  if (line === 0) return bom;
  return line < lines.lineCount ? lines.lineStart(line) : lines.text.length;
}
