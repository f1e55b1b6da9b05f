// Hover over a flagged range: what was found, why it matters, what the fix changes, and the rule doc.
import type { Hover, Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleById } from '../engine/analyze';
import type { Analysis } from '../engine/analyze';
import { ruleDocUrl } from '../docs';
import { declinedReason } from '../engine/k8s/manifest-fixes';
import { toRange } from './convert';
import type { Finding } from '../engine/findings';
import * as path from 'node:path';
import { URI } from 'vscode-uri';

export function hoverAt(doc: TextDocument, analysis: Analysis, position: Position): Hover | null {
  const offset = doc.offsetAt(position);
  const hits = analysis.findings.filter((f) => f.start <= offset && offset <= f.end);
  if (hits.length === 0) return null;
  const sections = hits.map((f) => {
    const rule = ruleById(f.rule);
    return [
      `**Secret Hints · \`${f.rule}\`**`,
      '',
      escapeMarkdown(f.message),
      ...noFixLines(analysis, f),
      ...relatedLines(f),
      '',
      rule?.explanation ?? '',
      '',
      `[Rule documentation](${ruleDocUrl(f.rule)})`,
    ].join('\n');
  });
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range: toRange(doc, hits[0]) };
}

/** Why the finding has no automatic fix, when it has none and that is known. */
function noFixLines(analysis: Analysis, f: Finding): string[] {
  const why = typeof f.data.fixBlocked === 'string' ? f.data.fixBlocked : analysis.fixesFor(f).length === 0 ? declinedReason(f) : undefined;
  return why === undefined ? [] : ['', `*${escapeMarkdown(capitalized(why))}.*`];
}

/** Where another file explains the finding (e.g. the manifest line feeding the env var from a Secret). */
function relatedLines(f: Finding): string[] {
  return (f.related ?? []).flatMap((r) => [
    '',
    `${escapeMarkdown(r.message)} [${escapeMarkdown(path.basename(r.path))}:${r.start.line + 1}](${URI.file(r.path)
      .with({ fragment: `L${r.start.line + 1}` })
      .toString()})`,
  ]);
}

/**
 * Messages quote names from the file: escape what makes Markdown links, images and HTML, so a hostile
 * name cannot put a link in our hover or make the editor fetch an image from the network.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\[\]<>]/g, (c) => `\\${c}`);
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
