// Hover over a flagged range: what was found, why it matters, what the fix changes, and the rule doc.
import type { Hover, Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleById } from '../engine/analyze';
import type { Analysis } from '../engine/analyze';
import { ruleDocUrl } from '../docs';
import { toRange } from './convert';

export function hoverAt(doc: TextDocument, analysis: Analysis, position: Position): Hover | null {
  const offset = doc.offsetAt(position);
  const hits = analysis.findings.filter((f) => f.start <= offset && offset <= f.end);
  if (hits.length === 0) return null;
  const sections = hits.map((f) => {
    const rule = ruleById(f.rule);
    return [`**Secret Hints · \`${f.rule}\`**`, '', f.message, '', rule?.explanation ?? '', '', `[Rule documentation](${ruleDocUrl(f.rule)})`].join('\n');
  });
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range: toRange(doc, hits[0]) };
}
