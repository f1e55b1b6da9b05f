// Local data flow. The statements that move taint — assignments and declarations, loops, raise/throw,
// except/catch clauses, log calls — are gathered in one search and replayed per scope (the module,
// then every function with a copy of its enclosing scope's final variables) in the order their effects
// happen: a binding after its right-hand side, a call after its arguments. A clean reassignment kills
// taint; loops over `environ.items()`/`Object.entries(process.env)` bind one entry; an exception raised
// from a secret in a try body flows into its `except … as e` / `catch (e)`. A function that can neither
// carry taint nor log (its text says so: flow/sources.ts, sinks.ts) is passed over without a read.
// What each assignment and loop binds is flow/steps.ts.
import { WORK_COST } from '../../budget';
import type { RuleEnv } from '../../rule';
import { FUNCTION_TYPES, type CodeContext } from '../context';
import { sinkFinder, type Sink, type SinkFinder } from '../sinks';
import { assignScopes, byEffect, sortIfNeeded, type FlowEvent, type Scope, type TryRecord } from './scopes';
import { helperSummaries, parameterFor, parameterIndex, parameterTaint, type Helpers, type Parameter, type Summary } from './helpers';
import { replayPlainStep } from './plain-steps';
import { bind, exceptAlias, javaCatchParameter } from './bindings';
import { ASSIGNMENT_TYPES, LOOP_FIELDS, callbackOverEnvironment, replayAssignment, replayLoop, type StepState } from './steps';
import { oracleFor } from './oracle';
import { taintScreen } from './screen';
import { callArguments, descendants, endOf, field, firstAtOrAfter, namedChildren, textOf, typeOf, type SyntaxNode } from '../syntax';
import { CLEAN, isTainted, taintOf, union, type Taint, type TaintOracle, type Vars } from './taint';

export interface SinkHit {
  sink: Sink;
  /** The taint of each payload expression at the call (none listed when the call's text rules all out). */
  taints: (Taint | undefined)[];
  /** The variables the payload reads, as they were at the call (for the rewriting fixes). */
  vars: Vars;
  /**
   * Set when the value reaches the log call through a file function that logs its parameter: the call
   * of that function. The payload is then the argument there, which is what a fix rewrites.
   */
  via?: { call: SyntaxNode; helper: string };
  /**
   * Set when the call also writes out the exception being handled (`log.exception`) and that exception
   * was raised with a secret: where it was raised, which a fix redacts too.
   */
  handled?: { node: SyntaxNode; vars: Vars };
}

export interface Flow {
  /** The log calls of the replayed scopes (one in a function passed over carries nothing: it has none). */
  hits: SinkHit[];
  /** Where each hit's call starts, in the hits' order (sorted): findings look their hit up by it. */
  hitStarts: number[];
  oracle: TaintOracle;
}

/** Calls whose callee may be a sink or a summarised function of the file (Java `new` is neither). */
const CALL_EVENT_TYPES = new Set(['call', 'call_expression', 'method_invocation']);
const EVENT_TYPES = [
  ...ASSIGNMENT_TYPES,
  ...Object.keys(LOOP_FIELDS),
  'raise_statement',
  'throw_statement',
  'try_statement',
  'return_statement',
  ...CALL_EVENT_TYPES,
];

export function flowOf(ctx: CodeContext, env: RuleEnv): Flow {
  return ctx.memo('flow', () => runFlow(ctx, oracleFor(ctx, env)));
}

/** The log call a finding of a flow rule points at. */
export function hitAt(flow: Flow, finding: { start: number; end: number; data: Record<string, unknown> }): SinkHit | undefined {
  // A binary search, not a scan per fix (quadratic in a file with thousands of log calls).
  const { hits, hitStarts } = flow;
  for (let i = firstAtOrAfter(hitStarts, finding.start); i < hits.length && hitStarts[i] === finding.start; i++)
    if (endOf(hits[i].sink.call) === finding.end && hits[i].via?.call.startIndex === finding.data.via) return hits[i];
  return undefined;
}

function runFlow(ctx: CodeContext, oracle: TaintOracle): Flow {
  const sinks = sinkFinder(ctx);
  const hits: SinkHit[] = [];
  // Instances of the file's classes that hold a secret start taint: the screen must see their names.
  const state: ReplayState = { o: oracle, ctx, tries: [], handlers: new Map(), hits, screen: taintScreen(ctx, oracle, oracle.secretClasses?.() ?? []) };
  const scopes = assignScopes(ctx.text.length, ctx.nodes(...FUNCTION_TYPES), ctx.nodes(...EVENT_TYPES));
  const helpers = helperSummaries(ctx, scopes, sinks, (scope, params) => summarize(scope, params, state, sinks));
  if (helpers.returningSecrets.length > 0 || helpers.passingThrough) {
    oracle.fileCall = fileCallResult(helpers, oracle);
    // Calls of functions that return a secret start taint: the screen must see their names.
    if (helpers.returningSecrets.length > 0) state.screen = taintScreen(ctx, oracle, [...helpers.returningSecrets, ...(oracle.secretClasses?.() ?? [])]);
  }
  for (const scope of scopes) {
    // What a scope binds is only ever seen by log calls in it or in functions nested in it, and a log
    // call names a sink word (or calls a function that logs): a scope whose text has neither is not replayed.
    if (!sinks.mayHoldSink(scope.start, scope.end) && !helpers.calledWithin(scope.start, scope.end)) continue;
    const parentVars = scope.parent?.vars ?? NO_VARS;
    const seeded = scope.fn ? callbackOverEnvironment(scope.fn, oracle) : undefined;
    const inherited = seeded ? new Map([...parentVars, ...seeded]) : parentVars;
    // A function whose text holds no source of taint and no name of a tainted outer variable: nothing in
    // it can carry taint, nor can it forget one (that takes the name). Replaying it would change nothing,
    // and its log calls carry nothing: it keeps its parent's variables and is not read at all.
    if (scope.fn && !state.screen.range(scope.start, scope.end, inherited)) {
      scope.vars = scope.parent?.vars;
      continue;
    }
    const vars = new Map(inherited);
    if (scope.fn && !seeded) shadowParameters(scope.fn, vars);
    scope.vars = vars;
    const events = eventsOf(scope.nodes, sinks, state, helpers);
    // Copying the enclosing variables is work too: deeply nested functions each copy their parents'.
    ctx.budget?.spend((events.length + inherited.size + 1) * WORK_COST.flowStep);
    sortIfNeeded(events, byEffect);
    for (const e of events) replay(e, vars, state);
  }
  const kept = withoutRepeats(hits);
  sortIfNeeded(kept, (a, b) => a.sink.call.startIndex - b.sink.call.startIndex);
  return { hits: kept, hitStarts: kept.map((h) => h.sink.call.startIndex), oracle };
}

/**
 * A log call that leaks on its own (`def log_password(password): log.info(password)`) is reported
 * there, once: the leaks through calls of its function repeat it and are dropped.
 */
function withoutRepeats(hits: SinkHit[]): SinkHit[] {
  if (!hits.some((h) => h.via)) return hits;
  const direct = new Set(hits.filter((h) => !h.via && h.taints.some(isTainted)).map((h) => h.sink.call.id));
  return hits.filter((h) => !h.via || !direct.has(h.sink.call.id));
}

/**
 * Replays a function once with each parameter standing for a value of its own (helpers.ts) and
 * returns the log calls each parameter's value reaches. Its own try records and hits: nothing of the
 * trial run is reported.
 */
function summarize(scope: Scope, params: readonly Parameter[], state: ReplayState, sinks: SinkFinder): Summary {
  const reaches = new Map<number, Sink[]>();
  const passes = new Set<number>();
  let returns: Taint | undefined;
  // One trial per parameter, that parameter standing for a value of its own and the others harmless
  // (taints merge, so one trial for all would show one parameter per log call); the last trial, every
  // parameter harmless, shows what the function returns of its own.
  for (let k = 0; k <= params.length; k++) {
    const vars = new Map<string, Taint>();
    params.forEach((p, i) => vars.set(p.name, i === k ? parameterTaint(i) : CLEAN));
    const trial: ReplayState = { ...state, tries: [], handlers: new Map(), hits: [], returns: [] };
    const events = eventsOf(scope.nodes, sinks, trial, NO_HELPERS);
    state.ctx.budget?.spend((events.length + 1) * WORK_COST.flowStep);
    sortIfNeeded(events, byEffect);
    for (const e of events) replay(e, vars, trial);
    for (const t of trial.returns ?? []) {
      if (parameterIndex(t) === k) passes.add(k);
      else if (k === params.length && isTainted(t) && t.secret !== undefined) returns ??= { secret: t.secret };
    }
    if (k === params.length) break;
    for (const hit of trial.hits) {
      if (!hit.taints.some((t) => parameterIndex(t) === k)) continue;
      const list = reaches.get(k) ?? [];
      if (!list.includes(hit.sink)) list.push(hit.sink);
      reaches.set(k, list);
    }
  }
  return { reaches, returns, passes };
}

/**
 * What a call of a summarised function returns: its own secret, or what it hands back of its
 * arguments (evaluated where the call is).
 */
function fileCallResult(helpers: Helpers, oracle: TaintOracle): (call: SyntaxNode, vars: Vars) => Taint | undefined {
  return (call, vars) => {
    const found = helpers.of(call);
    if (!found) return undefined;
    const { summary, offset } = found;
    if (summary.returns) return summary.returns;
    if (summary.passes.size === 0) return undefined;
    const args = callArguments(call);
    let acc: Taint | undefined;
    args.forEach((arg, i) => {
      const param = parameterFor(summary, offset, args, i);
      if (param !== undefined && summary.passes.has(param))
        acc = union(acc, taintOf(typeOf(arg) === 'keyword_argument' ? field(arg, 'value') : arg, vars, oracle));
    });
    return acc;
  };
}

const NO_HELPERS: Helpers = { of: () => undefined, calledWithin: () => false, returningSecrets: [], passingThrough: false };

/** A scope's steps, read from its nodes (a try statement also records its body for the raises in it). */
function eventsOf(
  nodes: readonly SyntaxNode[],
  sinks: SinkFinder,
  { tries, handlers, returns }: Pick<ReplayState, 'tries' | 'handlers' | 'returns'>,
  helpers: Helpers,
): FlowEvent[] {
  const events: FlowEvent[] = [];
  for (const n of nodes) {
    const type = typeOf(n);
    if (CALL_EVENT_TYPES.has(type)) {
      const sink = sinks.sinkOf(n);
      if (sink) events.push({ node: n, kind: 'sink', at: endOf(n), depthKey: -n.startIndex, sink });
      else {
        const helper = helpers.of(n);
        if (helper) events.push({ node: n, kind: 'helper', at: endOf(n), depthKey: -n.startIndex, helper });
      }
    } else if (ASSIGNMENT_TYPES.has(type)) events.push({ node: n, kind: 'assign', at: endOf(n), depthKey: -n.startIndex });
    else if (LOOP_FIELDS[type]) {
      const right = field(n, LOOP_FIELDS[type][1]);
      if (right) events.push({ node: n, kind: 'loop', at: endOf(right), depthKey: -n.startIndex });
    } else if (type === 'raise_statement' || type === 'throw_statement') events.push({ node: n, kind: 'raise', at: endOf(n), depthKey: -n.startIndex });
    else if (type === 'return_statement') {
      if (returns) events.push({ node: n, kind: 'return', at: endOf(n), depthKey: -n.startIndex });
    } else if (type === 'try_statement') {
      const body = field(n, 'body');
      if (!body) continue;
      const record: TryRecord = { bodyStart: body.startIndex, bodyEnd: endOf(body), raised: undefined };
      tries.push(record);
      for (const c of namedChildren(n)) {
        if (typeOf(c) === 'except_clause' || typeOf(c) === 'catch_clause') {
          events.push({ node: c, kind: 'catch', at: c.startIndex, depthKey: -c.startIndex, tryRecord: record });
          handlers.set(c.id, record);
        }
      }
    }
  }
  return events;
}

const NO_VARS: ReadonlyMap<string, Taint> = new Map();

/** Parameters shadow outer variables (a secret-named parameter is still a secret by its name). */
function shadowParameters(fn: SyntaxNode, vars: Map<string, Taint>): void {
  if (vars.size === 0) return;
  const params = field(fn, 'parameters') ?? field(fn, 'parameter');
  if (!params) return;
  // A parameter named like an outer variable has that name in its text: otherwise skip the search.
  const text = textOf(params);
  if (![...vars.keys()].some((name) => text.includes(name))) return;
  for (const id of descendants(params, ['identifier'])) vars.delete(textOf(id));
  if (typeOf(params) === 'identifier') vars.delete(textOf(params));
}

/** What replaying a scope's events needs besides its variables. */
interface ReplayState extends StepState {
  tries: TryRecord[];
  /** The try statement each `except` / `catch` clause handles, by the clause's node id. */
  handlers: Map<number, TryRecord>;
  /** While a function is summarised: what its return statements return. */
  returns?: (Taint | undefined)[];
  hits: SinkHit[];
}

function replay(e: FlowEvent, vars: Map<string, Taint>, state: ReplayState): void {
  const { o, tries, hits } = state;
  const n = e.node;
  if ((e.kind === 'assign' || e.kind === 'loop') && replayPlainStep(e, vars, state.screen, o)) return;
  switch (e.kind) {
    case 'assign':
      return replayAssignment(n, vars, state);
    case 'loop':
      return replayLoop(n, vars, state);
    case 'raise': {
      const thrown = namedChildren(n)[0];
      const seen = new RecordingVars(vars);
      const t = thrown ? taintOf(thrown, seen, o) : undefined;
      const record = innermostTry(tries, n.startIndex);
      if (record && thrown && t?.secret) {
        record.raised = { secret: t.secret };
        record.raise = { node: thrown, vars: seen.snapshot() };
      }
      return;
    }
    case 'return': {
      const value = namedChildren(n)[0];
      state.returns?.push(value && state.screen(value, vars) ? taintOf(value, vars, o) : undefined);
      return;
    }
    case 'catch': {
      const name = typeOf(n) === 'except_clause' ? exceptAlias(n) : (field(n, 'parameter') ?? javaCatchParameter(n));
      if (name) bind(name, e.tryRecord?.raised, vars, false, o);
      return;
    }
    case 'sink': {
      const seen = new RecordingVars(vars);
      // A screened-out argument reads no tainted variable, so leaving its reads out of the recorded
      // variables changes nothing when a fix evaluates it again. Most calls pass the screen as a whole.
      // Chained loggers take fields before the level call (`log.WithField("k", v).Info(…)`): the whole call is screened.
      const list = o.dialect.chainedLoggerCalls ? e.sink!.call : field(e.sink!.call, 'arguments');
      const anyMayCarry = !list || state.screen(list, vars);
      const taints = anyMayCarry ? e.sink!.payload.map((p) => (state.screen(p, vars) ? taintOf(p, seen, o) : undefined)) : [];
      // log.exception(…) / traceback.print_exc() in an except block also write the exception handled.
      const handled = o.dialect.logsHandledException(e.sink!.call, e.sink!.label) ? handledException(e.sink!.call, state) : undefined;
      if (handled?.raised) taints.push(handled.raised);
      hits.push({ sink: e.sink!, taints, vars: seen.snapshot(), handled: handled?.raise });
      return;
    }
    case 'helper': {
      const { summary, offset } = e.helper!;
      const args = callArguments(n);
      const seen = new RecordingVars(vars);
      args.forEach((arg, i) => {
        const param = parameterFor(summary, offset, args, i);
        const sinksReached = param === undefined ? undefined : summary.reaches.get(param);
        if (!sinksReached) return;
        const t = state.screen(arg, vars) ? taintOf(arg, seen, o) : undefined;
        if (!isTainted(t) || parameterIndex(t) !== undefined) return;
        const value = typeOf(arg) === 'keyword_argument' ? (field(arg, 'value') ?? arg) : arg;
        // A function that hands all its arguments on to a log call (`*values`, `...args`, `arguments`)
        // is a logging function itself: the leak is its call. One that logs a named parameter leaks at
        // its own log call, which is reported there.
        if (summary.params[param!].rest) {
          hits.push({ sink: { call: n, label: summary.name, payload: [value] }, taints: [t], vars: seen.snapshot() });
          return;
        }
        for (const sink of sinksReached) {
          hits.push({
            sink: { call: sink.call, label: sink.label, payload: [value] },
            taints: [t],
            vars: seen.snapshot(),
            via: { call: n, helper: summary.name },
          });
        }
      });
      return;
    }
  }
}

/** Reads through to the live variables and remembers what it read, so a fix can replay it later. */
class RecordingVars implements Vars {
  private readonly read = new Map<string, Taint | undefined>();
  constructor(private readonly live: Map<string, Taint>) {}
  has(name: string): boolean {
    this.read.set(name, this.live.get(name));
    return this.live.has(name);
  }
  get(name: string): Taint | undefined {
    const t = this.live.get(name);
    this.read.set(name, t);
    return t;
  }
  /** The variables read, as they were: a view, not a copy (nothing is read through this recorder later). */
  snapshot(): Vars {
    return new RecordedVars(this.read);
  }
}

/** The variables a log call's payload read, with the values they had then. */
class RecordedVars implements Vars {
  constructor(private readonly read: ReadonlyMap<string, Taint | undefined>) {}
  has(name: string): boolean {
    return this.read.get(name) !== undefined;
  }
  get(name: string): Taint | undefined {
    return this.read.get(name);
  }
}

/** What the exception an except / catch clause around the call handles carries (the try's raise of a secret). */
function handledException(call: SyntaxNode, { handlers }: ReplayState): TryRecord | undefined {
  for (let p = call.parent; p; p = p.parent) {
    const record = handlers.get(p.id);
    if (record) return record;
    if (FUNCTION_TYPES.includes(typeOf(p))) return undefined;
  }
  return undefined;
}

function innermostTry(tries: TryRecord[], at: number): TryRecord | undefined {
  let best: TryRecord | undefined;
  for (const t of tries) {
    if (t.bodyStart <= at && at < t.bodyEnd && (!best || t.bodyStart >= best.bodyStart)) best = t;
  }
  return best;
}
