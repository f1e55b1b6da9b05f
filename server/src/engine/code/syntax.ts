// Small helpers over tree-sitter nodes shared by both language adapters: literal values, walking,
// and the few shapes (member access, call) that Python and JS/TS spell differently.
import type { SyntaxNode } from './parsers';

export type { SyntaxNode };

export function field(node: SyntaxNode | null | undefined, name: string): SyntaxNode | undefined {
  return node?.childForFieldName(name) ?? undefined;
}

export function namedChildren(node: SyntaxNode | null | undefined): SyntaxNode[] {
  if (!node) return [];
  const out: SyntaxNode[] = [];
  for (let i = 0; i < node.namedChildCount; i++) {
    const c = node.namedChild(i);
    if (c) out.push(c);
  }
  return out;
}

/** Skips parentheses, `await`, TS `as`/`!`/`satisfies` and type assertions that do not change a value. */
export function unwrap(node: SyntaxNode | undefined): SyntaxNode | undefined {
  let n = node;
  while (n && (n.type === 'parenthesized_expression' || n.type === 'non_null_expression' || n.type === 'as_expression' || n.type === 'satisfies_expression' || n.type === 'type_assertion')) {
    n = n.namedChild(0) ?? undefined;
  }
  return n;
}

/**
 * The value of a plain string literal (no interpolation), or undefined. Python: `"X"`, `'X'`, `r"X"`;
 * JS/TS: `"X"`, `'X'`, and a template literal without substitutions.
 */
export function stringValue(node: SyntaxNode | undefined): string | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  if (n.type === 'string' || n.type === 'template_string') {
    let value = '';
    for (const part of namedChildren(n)) {
      if (part.type === 'string_content' || part.type === 'string_fragment') value += part.text;
      else if (part.type === 'string_start' || part.type === 'string_end') {
        if (/[fF]/.test(part.text)) return undefined;
      } else if (part.type === 'escape_sequence') value += unescape(part.text);
      else return undefined;
    }
    return value;
  }
  if (n.type === 'concatenated_string') {
    const parts = namedChildren(n).map(stringValue);
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  return undefined;
}

function unescape(seq: string): string {
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '0': '\0' };
  return simple[seq.slice(1)] ?? seq.slice(1);
}

/**
 * Every descendant of these types, in document order. Much cheaper than walking: the search runs
 * inside the wasm module and only the matches are turned into JS objects.
 */
export function descendants(node: SyntaxNode, types: readonly string[]): SyntaxNode[] {
  return node.descendantsOfType(types as string[]).filter((n): n is SyntaxNode => n !== null);
}

/**
 * "Does this node's text contain one of these words?" without touching the tree: the words are found
 * once in the source, each node is then a binary search over their positions. Used to skip the many
 * nodes a pass could never match before asking the tree (every node access crosses into wasm).
 */
export function mentionTest(text: string, words: Iterable<string>): (node: SyntaxNode) => boolean {
  const list = [...words].filter((w) => w.length > 0).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (list.length === 0) return () => false;
  const positions: number[] = [];
  for (const m of text.matchAll(new RegExp(`(?<![\\w$])(?:${list.join('|')})(?![\\w$])`, 'g'))) positions.push(m.index);
  if (positions.length === 0) return () => false;
  return (node) => {
    const start = node.startIndex;
    let lo = 0;
    let hi = positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (positions[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < positions.length && positions[lo] < node.endIndex;
  };
}

/** Depth-first, document order; `visit` returns false to skip a node's children. */
export function walk(node: SyntaxNode, visit: (n: SyntaxNode) => boolean | void): void {
  const stack: SyntaxNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (visit(n) === false) continue;
    for (let i = n.namedChildCount - 1; i >= 0; i--) {
      const c = n.namedChild(i);
      if (c) stack.push(c);
    }
  }
}

/** `a.b` in either language: the object and the property name, or undefined for other shapes. */
export function memberParts(node: SyntaxNode | undefined): { object: SyntaxNode; property: string; propertyNode: SyntaxNode } | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  if (n.type === 'attribute' || n.type === 'member_expression') {
    const object = field(n, 'object');
    const prop = field(n, n.type === 'attribute' ? 'attribute' : 'property');
    if (object && prop) return { object, property: prop.text, propertyNode: prop };
  }
  return undefined;
}

/** The dotted text of a name chain (`os.environ`, `process.env`, `self.logger`), or undefined. */
export function dottedName(node: SyntaxNode | undefined): string | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  if (n.type === 'identifier' || n.type === 'this' || n.type === 'self') return n.text;
  if (n.type === 'meta_property') return 'import.meta';
  const m = memberParts(n);
  if (!m) return undefined;
  const head = dottedName(m.object);
  return head === undefined ? undefined : `${head}.${m.property}`;
}

/** The arguments of a call (either language), including Python keyword arguments. */
export function callArguments(call: SyntaxNode): SyntaxNode[] {
  return namedChildren(field(call, 'arguments')).filter((a) => a.type !== 'comment');
}

export function isCall(node: SyntaxNode | undefined): boolean {
  return node?.type === 'call' || node?.type === 'call_expression' || node?.type === 'new_expression';
}

/** The callee of a call or `new` (`function` in both grammars, `constructor` for `new`). */
export function callee(call: SyntaxNode): SyntaxNode | undefined {
  return field(call, 'function') ?? field(call, 'constructor');
}
