// The scopes of the data flow: each event (assignment, loop, raise, catch, log call) belongs to its
// innermost enclosing function or to the module; scopes come in document order, parents first.
import type { Sink } from '../sinks';
import { endOf, type SyntaxNode } from '../syntax';
import type { Taint } from './taint';

/** One step of the replay: what happens, and where in the text it takes effect. */
export interface FlowEvent {
  node: SyntaxNode;
  kind: 'assign' | 'loop' | 'raise' | 'catch' | 'sink';
  at: number;
  /** Inner before outer at the same position (a call inside `x = log(...)` runs first). */
  depthKey: number;
  tryRecord?: TryRecord;
  sink?: Sink;
}

export interface TryRecord {
  bodyStart: number;
  bodyEnd: number;
  raised: Taint | undefined;
}

export interface Scope {
  fn: SyntaxNode | undefined;
  parent: Scope | undefined;
  events: FlowEvent[];
  hasSink: boolean;
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

/** The scopes that contain a sink, themselves or in a nested function (scopes come parents first). */
export function scopesWithSinks(scopes: readonly Scope[]): Set<Scope> {
  const observed = new Set<Scope>();
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i];
    if (!observed.has(scope) && !scope.hasSink) continue;
    observed.add(scope);
    if (scope.parent) observed.add(scope.parent);
  }
  return observed;
}

/** Puts each event in its innermost enclosing function (or the module); scopes in document order. */
export function assignScopes(functions: readonly SyntaxNode[], events: readonly FlowEvent[]): Scope[] {
  const moduleScope: Scope = { fn: undefined, parent: undefined, events: [], hasSink: false };
  const scopes: Scope[] = [moduleScope];
  // Both lists come (nearly) in document order from the shared search: merge them, functions before
  // the events that start with them (an arrow function's body call starts later anyway).
  const fns = inDocumentOrder(functions, (fn) => fn);
  const evs = inDocumentOrder(events, (e) => e.node);
  const open: Scope[] = [];
  const openEnds: number[] = [];
  let i = 0;
  let j = 0;
  while (i < fns.length || j < evs.length) {
    const takeFunction = i < fns.length && (j >= evs.length || fns[i].startIndex <= evs[j].node.startIndex);
    const end = endOf(takeFunction ? fns[i] : evs[j].node);
    while (open.length > 0 && openEnds[openEnds.length - 1] < end) {
      open.pop();
      openEnds.pop();
    }
    const current = open[open.length - 1] ?? moduleScope;
    if (takeFunction) {
      const scope: Scope = { fn: fns[i++], parent: current, events: [], hasSink: false };
      scopes.push(scope);
      open.push(scope);
      openEnds.push(end);
    } else {
      const event = evs[j++];
      current.events.push(event);
      if (event.kind === 'sink') current.hasSink = true;
    }
  }
  return scopes;
}

/** The items by start, outer before inner; sorts (stably) only when they are not in that order yet. */
function inDocumentOrder<T>(items: readonly T[], nodeOf: (item: T) => SyntaxNode): readonly T[] {
  const before = (a: T, b: T) => nodeOf(a).startIndex - nodeOf(b).startIndex || endOf(nodeOf(b)) - endOf(nodeOf(a));
  for (let k = 1; k < items.length; k++) if (before(items[k - 1], items[k]) > 0) return [...items].sort(before);
  return items;
}

