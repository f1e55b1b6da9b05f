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

/** One `secret-hints-ignore…` comment, located so an editor action can extend its rule list. */
export interface Directive {
  fileWide: boolean;
  /** The line it applies to (its own line if trailing code, the next one if alone on its line). */
  targetLine: number;
  rules: Set<string> | 'all';
  /** Offset just after the last rule id, where another id can be appended (undefined for a bare directive). */
  listEnd: number | undefined;
}

export function findDirectives(text: string, index: LineIndex): Directive[] {
  const found: Directive[] = [];
  if (!text.includes('secret-hints-ignore')) return found;
  for (const m of text.matchAll(DIRECTIVE)) {
    const rules = parseRuleList(m[2]);
    const at = m.index + m[0].indexOf('secret-hints-ignore');
    const restStart = m.index + m[0].length - m[2].length;
    const listEnd = rules === 'all' ? undefined : restStart + lastRuleIdEnd(m[2]);
    const line = index.lineAt(at);
    const before = index.text.slice(index.lineStart(line), m.index).trim();
    // A directive alone on its line applies to the next line; a trailing one to its own line.
    found.push({ fileWide: m[1] !== undefined, targetLine: before === '' ? line + 1 : line, rules, listEnd });
  }
  return found;
}

export function parseSuppressions(text: string, index: LineIndex): Suppressions {
  const result: Suppressions = { file: undefined, lines: new Map() };
  for (const d of findDirectives(text, index)) {
    if (d.fileWide) result.file = merge(result.file, d.rules);
    else result.lines.set(d.targetLine, merge(result.lines.get(d.targetLine), d.rules));
  }
  return result;
}

/** `rule-a, rule-b -- because` → {rule-a, rule-b}; nothing before `--` means all rules. */
function parseRuleList(rest: string): Set<string> | 'all' {
  const ids = ruleListHead(rest)
    .split(/[\s,]+/)
    .filter((s) => RULE_ID.test(s));
  return ids.length === 0 ? 'all' : new Set(ids);
}

const RULE_ID = /^[a-z0-9][a-z0-9-]*$/;

/** The rule-list part of a directive's rest: before ` -- reason` and before a block comment's end. */
function ruleListHead(rest: string): string {
  return rest.split('--')[0].replace(/\*\/.*$/, '');
}

/** Offset within `rest` just after its last rule id. */
function lastRuleIdEnd(rest: string): number {
  let end = 0;
  for (const m of ruleListHead(rest).matchAll(/[^\s,]+/g)) if (RULE_ID.test(m[0])) end = m.index + m[0].length;
  return end;
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
