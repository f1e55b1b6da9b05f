// Framework reads written as attribute or subscript accesses (`settings.DB_PASSWORD`,
// `app.config["SECRET_KEY"]`), which the node index does not hold: found from where their text
// occurs, then confirmed on the tree.
import type { CodeContext } from '../../context';
import type { SyntaxNode } from '../../syntax';

/** The smallest node of one of `types` spanning each match's group 1 start … match end. */
export function nodesAtMatches(ctx: CodeContext, pattern: RegExp, types: readonly string[]): { node: SyntaxNode; match: RegExpExecArray }[] {
  const out: { node: SyntaxNode; match: RegExpExecArray }[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(ctx.text); m; m = pattern.exec(ctx.text)) {
    const start = m.index + m[0].indexOf(m[1]);
    let n: SyntaxNode | null = ctx.root.descendantForIndex(start, m.index + m[0].length);
    while (n && !(types.includes(n.type) && n.startIndex <= start)) n = n.parent;
    if (n) out.push({ node: n, match: m });
  }
  return out;
}
