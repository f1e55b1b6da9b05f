// Small helpers over tree-sitter nodes shared by the language adapters: literal values, walking,
// and the few shapes (member access, call) that Python, JS/TS, Go and Java spell differently.
import { firstAtOrAfter } from '../text';
import type { SyntaxNode, SyntaxTree } from './parsers';

export { firstAtOrAfter };

export type { SyntaxNode };

/**
 * What has already been read from a node. Every property of a tree-sitter node is a call into wasm, and
 * every child access builds a fresh JS object, so the passes (env model, sinks, data flow) would read the
 * same few properties of the same nodes again and again. The answers are kept on the node object itself,
 * children included, so a node reached through the shared index (context.ts) and then `field()` is read
 * from wasm once for all passes. A symbol key keeps this out of the library's way.
 */
interface NodeFacts {
  type: string | undefined;
  end: number;
  text: string | undefined;
  /** Field children looked up so far, as name, child, name, child… (a node has few: no Map per node). */
  fields: (string | SyntaxNode | undefined)[] | undefined;
  /** callArguments of this call. */
  args: readonly SyntaxNode[] | undefined;
  /** memberParts / dottedName of this (unwrapped) node; null when it has none. */
  member: MemberParts | null | undefined;
  dotted: string | null | undefined;
}

const FACTS = Symbol('facts');
type WithFacts = SyntaxNode & { [FACTS]?: NodeFacts };

function factsOf(node: SyntaxNode): NodeFacts {
  const n = node as WithFacts;
  return (n[FACTS] ??= { type: undefined, end: -1, text: undefined, fields: undefined, args: undefined, member: undefined, dotted: undefined });
}

/** `node.type`, read from wasm once per node object. */
export function typeOf(node: SyntaxNode): string;
export function typeOf(node: SyntaxNode | null | undefined): string | undefined;
export function typeOf(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  const facts = factsOf(node);
  return (facts.type ??= node.type);
}

/** `node.endIndex`, read from wasm once per node object. */
export function endOf(node: SyntaxNode): number {
  const facts = factsOf(node);
  if (facts.end < 0) facts.end = node.endIndex;
  return facts.end;
}

/** `node.text`, read once per node object. */
export function textOf(node: SyntaxNode): string;
export function textOf(node: SyntaxNode | null | undefined): string | undefined;
export function textOf(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  const facts = factsOf(node);
  if (facts.text === undefined) {
    // Node#text would ask wasm for the end again: slice the registered source with the cached end.
    const source = sources.get(node.tree);
    facts.text = source === undefined ? node.text : source.slice(node.startIndex, endOf(node));
  }
  return facts.text;
}

const sources = new WeakMap<SyntaxTree, string>();

/** Registers the text a tree was parsed from, so node text is a slice of it. */
export function rememberSource(tree: SyntaxTree, text: string): void {
  sources.set(tree, text);
}

export function field(node: SyntaxNode | null | undefined, name: string): SyntaxNode | undefined {
  if (!node) return undefined;
  const facts = factsOf(node);
  const fields = (facts.fields ??= []);
  for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return fields[i + 1] as SyntaxNode | undefined;
  const id = fieldId(node, name);
  const child = id === undefined ? undefined : (node.childForFieldId(id) ?? undefined);
  fields.push(name, child);
  return child;
}

const fieldIds = new WeakMap<object, Map<string, number | undefined>>();

/** The grammar's id of a field name, looked up once per grammar (childForFieldName searches the list each time). */
function fieldId(node: SyntaxNode, name: string): number | undefined {
  const language = node.tree.language;
  let ids = fieldIds.get(language);
  if (!ids) fieldIds.set(language, (ids = new Map<string, number | undefined>()));
  if (!ids.has(name)) ids.set(name, language.fieldIdForName(name) ?? undefined);
  return ids.get(name);
}

/** The named children, fetched from wasm in one call (and kept by the library on the node object). */
export function namedChildren(node: SyntaxNode | null | undefined): readonly SyntaxNode[] {
  if (!node) return [];
  const children = node.namedChildren;
  // The library never yields null children of a live node; filter only if it ever does.
  return children.includes(null) ? children.filter((c): c is SyntaxNode => c !== null) : (children as SyntaxNode[]);
}

const WRAPPERS = new Set(['parenthesized_expression', 'non_null_expression', 'as_expression', 'satisfies_expression', 'type_assertion']);

/** Skips parentheses, `await`, TS `as`/`!`/`satisfies` and type assertions that do not change a value. */
export function unwrap(node: SyntaxNode | undefined): SyntaxNode | undefined {
  let n = node;
  while (n && WRAPPERS.has(typeOf(n))) n = namedChildren(n)[0];
  return n;
}

/** String literal nodes: Python/JS `string`, JS template strings, Go's interpreted and raw literals, Java's. */
const STRING_TYPES = new Set(['string', 'template_string', 'interpreted_string_literal', 'raw_string_literal', 'string_literal']);
/**
 * The parts of a literal that are its text as written. Java's text blocks (`multiline_string_fragment`)
 * are not among them: their indentation is stripped by rules a literal reading would get wrong.
 */
const STRING_CONTENT_TYPES = new Set(['string_content', 'string_fragment', 'interpreted_string_literal_content', 'raw_string_literal_content']);

/** `"X"`, `'X'`, `` `X` `` and Python's `r"X"`, `b'X'`… with no quote, backslash, brace or newline inside. */
const PLAIN_LITERAL = /^(?:[rRbBuU]{0,2}(?:"([^"'\\{}\n\r]*)"|'([^"'\\{}\n\r]*)')|`([^`\\$\n\r]*)`)$/;

/**
 * The value of a plain string literal (no interpolation), or undefined. Python: `"X"`, `'X'`, `r"X"`;
 * JS/TS: `"X"`, `'X'`, and a template literal without substitutions; Go: `"X"` and `` `X` ``; Java: `"X"`.
 */
export function stringValue(node: SyntaxNode | undefined): string | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  const type = typeOf(n);
  if (STRING_TYPES.has(type)) {
    // A one-line literal without escapes or braces is its content; anything else is read part by part.
    const plain = PLAIN_LITERAL.exec(textOf(n));
    if (plain) return plain[1] ?? plain[2] ?? plain[3];
    let value = '';
    for (const part of namedChildren(n)) {
      const partType = typeOf(part);
      if (STRING_CONTENT_TYPES.has(partType)) value += textOf(part);
      else if (partType === 'string_start' || partType === 'string_end') {
        if (/[fF]/.test(textOf(part))) return undefined;
      } else if (partType === 'escape_sequence') value += unescape(textOf(part));
      else return undefined;
    }
    return value;
  }
  if (type === 'concatenated_string') {
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
  const found = node.descendantsOfType(types as string[]);
  return found.includes(null) ? found.filter((n): n is SyntaxNode => n !== null) : (found as SyntaxNode[]);
}

/** A name as a regular expression that matches it literally. */
export function escapeRegExp(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where each whole-word occurrence (identifier boundaries) of these words starts in the text, in order. */
export function wordPositions(text: string, words: Iterable<string>): number[] {
  const list = [...words].filter((w) => w.length > 0).map(escapeRegExp);
  const positions: number[] = [];
  if (list.length === 0) return positions;
  const pattern = new RegExp(`(?<![\\w$])(?:${list.join('|')})(?![\\w$])`, 'g');
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) positions.push(m.index);
  return positions;
}

/**
 * "Does this node's text contain one of these words?" without touching the tree: the words are found
 * once in the source, each node is then a binary search over their positions. Used to skip the many
 * nodes a pass could never match before asking the tree (every node access crosses into wasm).
 */
export function mentionTest(text: string, words: Iterable<string>): (node: SyntaxNode) => boolean {
  return positionTest(wordPositions(text, words));
}

/** The same test over positions already found (wordPositions). */
export function positionTest(positions: readonly number[]): (node: SyntaxNode) => boolean {
  if (positions.length === 0) return () => false;
  return (node) => hasPositionWithin(positions, node);
}

export interface WordUse {
  /** `env` itself, `process.env`, `os.environ`, with any parentheses or type assertions around it. */
  expression: SyntaxNode;
  /** What the expression is part of (`process.env.X`, `os.environ["X"]`), if anything. */
  parent: SyntaxNode | undefined;
}

/**
 * The expressions that end with a word (at these positions, from wordPositions) used as a name or a
 * property, and what each is part of. Found from the words' places in the text, so a pass looking for uses of a few names asks the
 * tree about those places only, instead of searching the whole tree for every member access.
 * `followedBy` (a sticky pattern tried right after the word) skips, without asking the tree, the places
 * where what follows rules the use out: it must accept everything that can follow a use of interest.
 */
export function wordUses(root: SyntaxNode, text: string, positions: readonly number[], followedBy: RegExp): WordUse[] {
  const uses: WordUse[] = [];
  const identifier = /[\w$]+/y;
  for (const at of positions) {
    identifier.lastIndex = at;
    const end = at + (identifier.exec(text)?.[0].length ?? 0);
    followedBy.lastIndex = end;
    if (!followedBy.test(text)) continue;
    const token = root.descendantForIndex(at, end);
    if (!token || token.startIndex !== at || endOf(token) !== end) continue; // part of a string or comment
    let expression = token;
    let parent = token.parent ?? undefined;
    // `x.env`: a member access that ends with the word has it as its property.
    if (parent && (typeOf(parent) === 'member_expression' || typeOf(parent) === 'attribute') && endOf(parent) === end) {
      expression = parent;
      parent = parent.parent ?? undefined;
    }
    while (parent && WRAPPERS.has(typeOf(parent))) {
      expression = parent;
      parent = parent.parent ?? undefined;
    }
    uses.push({ expression, parent });
  }
  return uses;
}

/** True when one of these sorted text positions lies inside the node (its end is read only if needed). */
export function hasPositionWithin(sorted: readonly number[], node: SyntaxNode): boolean {
  const i = firstAtOrAfter(sorted, node.startIndex);
  return i < sorted.length && sorted[i] < endOf(node);
}

/** True when one of these sorted text positions lies in [start, end). */
export function anyPositionIn(sorted: readonly number[], start: number, end: number): boolean {
  const i = firstAtOrAfter(sorted, start);
  return i < sorted.length && sorted[i] < end;
}

/** Depth-first, document order; `visit` returns false to skip a node's children. */
export function walk(node: SyntaxNode, visit: (n: SyntaxNode) => boolean | void): void {
  const stack: SyntaxNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (visit(n) === false) continue;
    const children = namedChildren(n);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

export interface MemberParts {
  object: SyntaxNode;
  property: string;
  propertyNode: SyntaxNode;
}

/** The object's and the property's fields of each language's member access. */
const MEMBER_SHAPES: Record<string, readonly [string, string]> = {
  attribute: ['object', 'attribute'], // Python
  member_expression: ['object', 'property'], // JS/TS
  selector_expression: ['operand', 'field'], // Go
  field_access: ['object', 'field'], // Java
};

/** `a.b` in any language: the object and the property name, or undefined for other shapes. */
export function memberParts(node: SyntaxNode | undefined): MemberParts | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  const facts = factsOf(n);
  if (facts.member === undefined) {
    const type = typeOf(n);
    facts.member = null;
    const shape = MEMBER_SHAPES[type];
    if (shape) {
      const object = field(n, shape[0]);
      const prop = field(n, shape[1]);
      if (object && prop) facts.member = { object, property: textOf(prop), propertyNode: prop };
    }
  }
  return facts.member ?? undefined;
}

/** The dotted text of a name chain (`os.environ`, `process.env`, `self.logger`), or undefined. */
export function dottedName(node: SyntaxNode | undefined): string | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  const facts = factsOf(n);
  if (facts.dotted === undefined) facts.dotted = dottedNameOf(n) ?? null;
  return facts.dotted ?? undefined;
}

/** A name or member chain written without spaces, comments or anything but names. */
const PLAIN_NAME = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;
/** Heads of such a text that are not names (`super.x`, `new.target`, `None.x`): those chains go part by part. */
const NOT_A_NAME = new Set(['super', 'new', 'true', 'false', 'null', 'undefined', 'True', 'False', 'None']);

/**
 * The text of a name or name chain (`getenv`, `os.environ.get`) written plainly — no parentheses,
 * spaces or comments inside — which is then its dotted name, read from one slice of the source instead
 * of link by link from the tree; undefined for anything else.
 */
export function plainName(node: SyntaxNode | undefined): string | undefined {
  if (!node) return undefined;
  const text = textOf(node);
  if (!PLAIN_NAME.test(text)) return undefined;
  const dot = text.indexOf('.');
  return NOT_A_NAME.has(dot < 0 ? text : text.slice(0, dot)) ? undefined : text;
}

function dottedNameOf(n: SyntaxNode): string | undefined {
  const type = typeOf(n);
  if (type === 'identifier' || type === 'this' || type === 'self') return textOf(n);
  if (type === 'meta_property') return 'import.meta';
  if (MEMBER_SHAPES[type]) {
    const plain = plainName(n);
    if (plain !== undefined) return plain;
  }
  const m = memberParts(n);
  if (!m) return undefined;
  const head = dottedName(m.object);
  return head === undefined ? undefined : `${head}.${m.property}`;
}

/** The arguments of a call (any language), including Python keyword arguments. */
export function callArguments(call: SyntaxNode): readonly SyntaxNode[] {
  const facts = factsOf(call);
  return (facts.args ??= namedChildren(field(call, 'arguments')).filter((a) => typeOf(a) !== 'comment'));
}

/** Calls and object creations: Python `call`, JS/TS and Go `call_expression`, `new`, Java's method invocations and `new`. */
export const CALL_TYPES = ['call', 'call_expression', 'new_expression', 'method_invocation', 'object_creation_expression'] as const;
const CALLS = new Set<string>(CALL_TYPES);

export function isCall(node: SyntaxNode | undefined): boolean {
  return CALLS.has(typeOf(node) ?? '');
}

/**
 * The callee of a call or `new` (`function` in Python, JS/TS and Go, `constructor` for `new`, Java's
 * created `type`). A Java method invocation has no node for `object.name`: its callee is the `name`
 * node, made to read as that member access (memberParts / dottedName answer `object.name`), so every
 * pass that asks what a call calls reads `System.getenv` as it reads `os.getenv`.
 */
export function callee(call: SyntaxNode): SyntaxNode | undefined {
  const type = typeOf(call);
  if (type === 'method_invocation') return invokedName(call);
  if (type === 'object_creation_expression') return field(call, 'type');
  return field(call, 'function') ?? field(call, 'constructor');
}

function invokedName(call: SyntaxNode): SyntaxNode | undefined {
  const name = field(call, 'name');
  const object = field(call, 'object');
  if (!name || !object) return name;
  const facts = factsOf(name);
  if (facts.member === undefined) {
    facts.member = { object, property: textOf(name), propertyNode: name };
    const head = dottedName(object);
    facts.dotted = head === undefined ? null : `${head}.${textOf(name)}`;
  }
  return name;
}
