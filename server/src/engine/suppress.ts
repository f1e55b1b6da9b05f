// Suppression comments, the same in every language we read:
//   `secret-hints-ignore [rule,…] [-- reason]` at the end of the flagged line or alone on the line above;
//   `secret-hints-ignore-file [rule,…]` anywhere in the file.
// A directive counts only inside a comment (`#`, `//`, `/*`), so a string that mentions it does not.
import type { Finding } from './findings';
import { LineIndex } from './text';

const DIRECTIVE = /(?:#|\/\/|\/\*)[^\n\r]*?\bsecret-hints-ignore(-file)?\b([^\n\r]*)/g;

export interface Suppressions {
  /** Rules ignored in the whole file; `all` for a bare directive. */
  file: Set<string> | 'all' | undefined;
  /** Line number → rules ignored on that line (`all` for a bare directive). */
  lines: Map<number, Set<string> | 'all'>;
}

export function parseSuppressions(text: string, index: LineIndex): Suppressions {
  const result: Suppressions = { file: undefined, lines: new Map() };
  if (!text.includes('secret-hints-ignore')) return result;
  for (const m of text.matchAll(DIRECTIVE)) {
    const rules = parseRuleList(m[2]);
    const at = m.index + m[0].indexOf('secret-hints-ignore');
    if (m[1]) {
      result.file = merge(result.file, rules);
      continue;
    }
    const line = index.lineAt(at);
    const before = index.text.slice(index.lineStart(line), m.index).trim();
    // A directive alone on its line applies to the next line; a trailing one to its own line.
    const target = before === '' ? line + 1 : line;
    result.lines.set(target, merge(result.lines.get(target), rules));
  }
  return result;
}

/** `rule-a, rule-b -- because` → {rule-a, rule-b}; nothing before `--` means all rules. */
function parseRuleList(rest: string): Set<string> | 'all' {
  const head = rest.split('--')[0].replace(/\*\/.*$/, '');
  const ids = head.split(/[\s,]+/).filter((s) => /^[a-z0-9][a-z0-9-]*$/.test(s));
  return ids.length === 0 ? 'all' : new Set(ids);
}

function merge(a: Set<string> | 'all' | undefined, b: Set<string> | 'all'): Set<string> | 'all' {
  if (a === 'all' || b === 'all') return 'all';
  return a ? new Set([...a, ...b]) : b;
}

function covers(set: Set<string> | 'all' | undefined, rule: string): boolean {
  return set === 'all' || (set !== undefined && set.has(rule));
}

export function isSuppressed(s: Suppressions, finding: Finding, index: LineIndex): boolean {
  if (covers(s.file, finding.rule)) return true;
  return covers(s.lines.get(index.lineAt(finding.start)), finding.rule);
}
