// The scopes of the data flow: the module and every function, each with the statements that move taint
// (assignments, loops, raise/throw, try, calls) whose innermost enclosing function it is. Scopes come in
// document order, parents first. Only scopes that are replayed turn their nodes into events.
import type { Sink } from '../sinks';
import type { HelperSummary } from './helpers';
import { endOf, type SyntaxNode } from '../syntax';
import type { Taint, Vars } from './taint';

/** One step of the replay: what happens, and where in the text it takes effect. */
export interface FlowEvent {
  node: SyntaxNode;
  kind: 'assign' | 'loop' | 'raise' | 'catch' | 'sink' | 'helper' | 'return';
  at: number;
  /** Inner before outer at the same position (a call inside `x = log(...)` runs first). */
  depthKey: number;
  tryRecord?: TryRecord;
  sink?: Sink;
  /** A call of a file function that logs a parameter (helpers.ts), and how its arguments line up. */
  helper?: { summary: HelperSummary; offset: number };
}

export interface TryRecord {
  bodyStart: number;
  bodyEnd: number;
  raised: Taint | undefined;
  /** The thrown expression that made `raised` a secret, and the variables it read then (for the fix). */
  raise?: { node: SyntaxNode; vars: Vars };
}

export interface Scope {
  fn: SyntaxNode | undefined;
  /** Where the scope's text lies (the whole text for the module). */
  start: number;
  end: number;
  parent: Scope | undefined;
  /** The statements and calls of the scope itself (not of functions nested in it), in document order. */
  nodes: SyntaxNode[];
  vars?: Map<string, Taint>;
}

/** The order effects happen in: by position, inner before outer at the same position. */
export function byEffect(a: FlowEvent, b: FlowEvent): number {
  return a.at - b.at || a.depthKey - b.depthKey;
}

/** Sorts in place (stably), skipping the sort when the items are already in order (the common case). */
export function sortIfNeeded<T>(items: T[], order: (a: T, b: T) => number): void {
  for (let i = 1; i < items.length; i++) {
    if (order(items[i - 1], items[i]) > 0) {
      items.sort(order);
      return;
    }
  }
}

/**
 * Puts each node in its innermost enclosing function (or the module); scopes in document order. A node
 * lies in a function when it starts inside it; only a node that starts where a function does (`function
 * () {}()` is a call starting with its callee) has its end read, to tell whether it contains the function.
 */
export function assignScopes(textLength: number, functions: readonly SyntaxNode[], nodes: readonly SyntaxNode[]): Scope[] {
  const moduleScope: Scope = { fn: undefined, start: 0, end: textLength, parent: undefined, nodes: [] };
  const scopes: Scope[] = [moduleScope];
  const fns = inDocumentOrder(functions);
  const items = inDocumentOrder(nodes);
  const open: Scope[] = [];
  let i = 0;
  let j = 0;
  while (i < fns.length || j < items.length) {
    const takeFunction = i < fns.length && (j >= items.length || fns[i].startIndex <= items[j].startIndex);
    const node = takeFunction ? fns[i++] : items[j++];
    const start = node.startIndex;
    while (open.length > 0) {
      const top = open[open.length - 1];
      if (top.end > start && (top.start !== start || endOf(node) <= top.end)) break;
      open.pop();
    }
    const current = open[open.length - 1] ?? moduleScope;
    if (takeFunction) {
      const scope: Scope = { fn: node, start, end: endOf(node), parent: current, nodes: [] };
      scopes.push(scope);
      open.push(scope);
    } else current.nodes.push(node);
  }
  return scopes;
}

/** The nodes by start, outer before inner; sorts (stably) only when they are not in that order yet. */
function inDocumentOrder(nodes: readonly SyntaxNode[]): readonly SyntaxNode[] {
  const before = (a: SyntaxNode, b: SyntaxNode) => a.startIndex - b.startIndex || endOf(b) - endOf(a);
  for (let k = 1; k < nodes.length; k++) if (nodes[k - 1].startIndex > nodes[k].startIndex) return [...nodes].sort(before);
  return nodes;
}
