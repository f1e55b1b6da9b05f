// The file's own classes, read off the text (no tree walk): a class runs from its `class` line to the
// next line that starts at column 0 with anything but a closing bracket. Enough for what is asked of
// them — does the class keep the environment (env-reads.ts), does it hold a secret field (dialects) —
// and cheap in files with none.

export interface ClassText {
  name: string;
  /** The text from the `class` keyword's line (its decorators excluded) to the class's end. */
  body: string;
  /** Where the body starts in the file. */
  start: number;
}

/** `classLine` is global and multi-line, its first group the class's name. */
export function classBodies(text: string, classLine: RegExp): ClassText[] {
  const found: ClassText[] = [];
  classLine.lastIndex = 0;
  for (let m = classLine.exec(text); m; m = classLine.exec(text)) {
    const start = m.index;
    const next = /\n(?=\S)/g;
    next.lastIndex = start + m[0].length;
    let end = text.length;
    for (let n = next.exec(text); n; n = next.exec(text)) {
      // A closing brace at the start of a line still belongs to the class before it.
      if (!/^[})\]]/.test(text.slice(n.index + 1, n.index + 2))) {
        end = n.index;
        break;
      }
    }
    found.push({ name: m[1], body: text.slice(start, end), start });
  }
  return found;
}

/** The decorator lines just above a class (`@dataclass`, `@dataclass(frozen=True)`). */
export function decoratorsBefore(text: string, start: number): string {
  const before = text.slice(Math.max(0, start - 400), start).split(/\r?\n/);
  const lines: string[] = [];
  for (let i = before.length - 2; i >= 0 && /^\s*@/.test(before[i]); i--) lines.unshift(before[i]);
  return lines.join('\n');
}
