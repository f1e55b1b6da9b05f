// Fixture expectations written in the fixture itself: a line with `# expect: <rule>` carries exactly
// one finding of that rule (`# expect: <rule> (templated)` also expects data.templated), and no other
// line carries one. Comparing line lists keeps failure output free of secret values.
import type { Finding } from '../../server/src/engine/findings';
import { LineIndex } from '../../server/src/engine/text';

const MARKER = /# expect: ([a-z0-9-]+)( \(templated\))?/;

export interface Expected {
  line: number;
  rule: string;
  templated: boolean;
}

export function expectedFindings(text: string): Expected[] {
  const out: Expected[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const m = MARKER.exec(line);
    if (m) out.push({ line: i, rule: m[1], templated: m[2] !== undefined });
  });
  return out;
}

/** The findings as `{line, rule, templated}`, comparable with expectedFindings. */
export function actualFindings(text: string, findings: readonly Finding[]): Expected[] {
  const lines = new LineIndex(text);
  return findings
    .map((f) => ({ line: lines.lineAt(f.start), rule: f.rule, templated: f.data.templated === true }))
    .sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
}
