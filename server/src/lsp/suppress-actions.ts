// Code actions offered on every one of our diagnostics besides its fixes: ignore the rule on this
// line, ignore it in this file (both as suppression comments), and open the rule's documentation.
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isJsonFile } from '../engine/file-kind';
import type { TextEdit } from '../engine/findings';
import { commentStyleFor, ignoreInFileEdit, ignoreOnLineEdit } from '../engine/suppress-edits';
import { fileKindOf } from '../engine/file-kind';
import { toLspEdit } from './convert';
import { SHOW_RULE_DOC_COMMAND } from './protocol';

export interface SuppressTarget {
  rule: string;
  /** Start offset of the finding. */
  start: number;
  diagnostic: Diagnostic;
}

/**
 * For each distinct line and rule one "on this line" action; per rule one "in this file" and one
 * documentation action, however many diagnostics of that rule the range holds. JSON has no comments:
 * a JSON manifest gets the documentation action only (its objects take the `secret-hints/ignore` annotation).
 */
export function suppressActionsFor(doc: TextDocument, path: string | undefined, targets: readonly SuppressTarget[]): CodeAction[] {
  const style = commentStyleFor(path, doc.languageId);
  const comments = !isJsonFile(path, doc.languageId);
  const text = doc.getText();
  const onLine: CodeAction[] = [];
  const perRule: CodeAction[] = [];
  const seenLines = new Set<string>();
  const seenRules = new Set<string>();
  for (const t of targets) {
    const lineKey = `${t.rule}@${doc.positionAt(t.start).line}`;
    if (comments && !seenLines.has(lineKey)) {
      seenLines.add(lineKey);
      onLine.push(
        editAction(
          doc,
          `Ignore ${t.rule} on this line`,
          ignoreOnLineEdit(text, t.rule, t.start, style, fileKindOf(path, doc.languageId) !== 'dockerfile'),
          t.diagnostic,
        ),
      );
    }
    if (seenRules.has(t.rule)) continue;
    seenRules.add(t.rule);
    if (comments) perRule.push(editAction(doc, `Ignore ${t.rule} in this file`, ignoreInFileEdit(text, t.rule, style), t.diagnostic));
    perRule.push({
      title: `Show documentation for ${t.rule}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [t.diagnostic],
      command: { title: `Show documentation for ${t.rule}`, command: SHOW_RULE_DOC_COMMAND, arguments: [t.rule] },
    });
  }
  return [...onLine, ...perRule];
}

function editAction(doc: TextDocument, title: string, edit: TextEdit, diagnostic: Diagnostic): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: [toLspEdit(doc, edit)] }] },
  };
}
