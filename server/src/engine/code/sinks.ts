// Log and print calls (the sinks of secret-logged and env-dumped), recognised per language from the
// callee's shape: well-known objects (console, logging, sys.stdout), loggers the file creates or
// imports (getLogger, createLogger, pino(), loguru, NestJS Logger…), and conventional logger names.
import type { CodeContext } from './context';
import type { Dialect } from './dialect';
import {
  anyPositionIn,
  callArguments,
  callee,
  dottedName,
  endOf,
  field,
  isCall,
  memberParts,
  namedChildren,
  positionTest,
  stringValue,
  textOf,
  typeOf,
  unwrap,
  walk,
  wordPositions,
  type SyntaxNode,
} from './syntax';

export interface Sink {
  call: SyntaxNode;
  /** Short callee text for messages (`logger.info`, `console.log`, `print`). */
  label: string;
  /** The expressions whose values are written out. */
  payload: readonly SyntaxNode[];
}

/** Conventional logger names: log, logger, LOG, _logger, appLogger, request_log, self.logger, req.log… */
const LOGGER_NAME = /^_*(log|logger|LOG|LOGGER|Log|Logger)$|(_log|_logger|Logger|Log)$/;

/** Calls that create a logger, by the last segment of the callee (child loggers: any call on a logger). */
const LOGGER_FACTORIES = new Set(['getLogger', 'get_logger', 'LoggerAdapter', 'createLogger', 'pino', 'bunyan', 'Logger', 'wrap_logger']);
/** Modules whose import is a logger (or a namespace of logging calls) itself. */
const LOGGER_MODULES = new Set([
  'loguru',
  'structlog',
  'winston',
  'loglevel',
  'consola',
  'npmlog',
  'signale',
  'log4js',
  'pino',
  'bunyan',
  '@nestjs/common',
  'logging',
]);
const DEBUG_MODULES = new Set(['debug']);

export interface LoggerNames {
  loggers: Set<string>;
  /** Variables that are themselves log functions (`const dbg = debug("app")`). */
  logFunctions: Set<string>;
  debugFactories: Set<string>;
  /** Functions of this file that return a logger (`def get_logger(): return LOGGER`). */
  loggerGetters: Set<string>;
  /** Fields, parameters and variables declared with a logger type (Go's `sugar *zap.SugaredLogger`): `w.sugar` is a logger. */
  typedLoggers: Set<string>;
}

/** The target and value of a binding in any grammar (Go's `logger, _ := zap.NewProduction()`: the first of each). */
function bindingParts(n: SyntaxNode): { target: SyntaxNode | undefined; value: SyntaxNode | undefined } {
  switch (typeOf(n)) {
    case 'variable_declarator':
      return { target: field(n, 'name'), value: unwrap(field(n, 'value')) };
    case 'var_spec':
      return { target: field(n, 'name'), value: namedChildren(field(n, 'value'))[0] };
    case 'short_var_declaration':
    case 'assignment_statement':
      return { target: namedChildren(field(n, 'left'))[0], value: namedChildren(field(n, 'right'))[0] };
    default:
      return { target: field(n, 'left'), value: unwrap(field(n, 'right')) };
  }
}

const BINDING_TYPES = ['variable_declarator', 'assignment', 'short_var_declaration', 'assignment_statement', 'var_spec'];

function collectLoggers(ctx: CodeContext): LoggerNames {
  const names: LoggerNames = {
    loggers: new Set(ctx.dialect.knownLoggers),
    logFunctions: new Set(),
    debugFactories: new Set(),
    loggerGetters: new Set(),
    typedLoggers: new Set(ctx.dialect.typedLoggers?.(ctx) ?? []),
  };
  for (const n of ctx.nodes('import_from_statement', 'import_statement', ...BINDING_TYPES)) {
    if (typeOf(n) === 'import_from_statement') {
      const module = (textOf(field(n, 'module_name')) ?? '').split('.')[0];
      if (!LOGGER_MODULES.has(module)) continue;
      for (const c of n.childrenForFieldName('name')) if (c) names.loggers.add(typeOf(c) === 'aliased_import' ? (textOf(field(c, 'alias')) ?? '') : textOf(c));
    } else if (typeOf(n) === 'import_statement' && ctx.dialect.importsBindLoggers) {
      const module = stringValue(field(n, 'source')) ?? '';
      walk(n, (s) => {
        if (typeOf(s) !== 'identifier') return;
        if (DEBUG_MODULES.has(module)) names.debugFactories.add(textOf(s));
        else if (LOGGER_MODULES.has(module)) names.loggers.add(textOf(s));
      });
    } else if (BINDING_TYPES.includes(typeOf(n)) && mayBindLogger(textOf(n), names)) {
      const { target, value } = bindingParts(n);
      if (!target || !value) continue;
      // foo = LOGGER / const log = this.logger: another name for a logger is a logger.
      if (!isCall(value)) {
        if (isLoggerName(dottedName(value), names)) names.loggers.add(bindingKey(target));
        continue;
      }
      const required = requiredModule(value);
      if (required !== undefined) {
        // const log = require("loglevel") / const { consola } = require("consola")
        const bound: string[] = [];
        walk(target, (c) => void ((typeOf(c) === 'identifier' || typeOf(c) === 'shorthand_property_identifier_pattern') && bound.push(textOf(c))));
        for (const b of bound) {
          if (DEBUG_MODULES.has(required)) names.debugFactories.add(b);
          else if (LOGGER_MODULES.has(required)) names.loggers.add(b);
        }
        continue;
      }
      const fn = unwrap(callee(value));
      // Go: `wlog := log.With().Str("component", "sync").Logger()` — a chain on a logger.
      const base = dottedName(fn) ?? (ctx.dialect.chainedLoggerCalls ? chainName(fn) : undefined) ?? '';
      const [receiver, last] = splitLast(base);
      if (names.debugFactories.has(base) || (fn && isCall(fn) && DEBUG_MODULES.has(requiredModule(fn) ?? ''))) names.logFunctions.add(bindingKey(target));
      // A factory (getLogger…), or any call on a logger (logger.child(), log.bind()).
      else if (LOGGER_FACTORIES.has(receiver === undefined ? base : last) || isLoggerName(receiver, names)) names.loggers.add(bindingKey(target));
    }
  }
  // def get_logger(): return LOGGER — a function of this file that hands out a logger.
  // Only a return of a logger's name or of a logger factory's call can hand out a logger.
  const returnsLogger = /\breturn[ \t]+[\w$.]*(?:log|Log|LOG|pino|bunyan|consola|signale)/.test(ctx.text);
  for (const ret of returnsLogger ? ctx.nodes('return_statement') : []) {
    // Every logger's name or factory mentions a log (`LOGGER`, `get_logger()`, `pino()` aside).
    if (!/log|pino|bunyan|consola|signale/i.test(ctx.text.slice(ret.startIndex, endOf(ret)))) continue;
    const value = unwrap(namedChildren(ret)[0]);
    if (!value || !isLoggerName(isCall(value) ? loggerCallName(value, names) : dottedName(value), names)) continue;
    const fn = enclosingFunctionName(ret);
    if (fn !== undefined) names.loggerGetters.add(fn);
  }
  return names;
}

/** The name of the function (declaration or definition) a node is directly in. */
function enclosingFunctionName(node: SyntaxNode): string | undefined {
  for (let p = node.parent; p; p = p.parent) {
    const type = typeOf(p);
    if (type === 'function_definition' || type === 'function_declaration' || type === 'method_definition') return textOf(field(p, 'name')) || undefined;
    if (type === 'arrow_function' || type === 'function_expression' || type === 'lambda' || type === 'class_definition' || type === 'class_declaration')
      return undefined;
  }
  return undefined;
}

/**
 * `get_logger()`, `logging.getLogger(__name__)`: a call that returns a logger reads as the logger name
 * `<callee>()`, so `get_logger().info(…)` is a logger's level call.
 */
function loggerCallName(call: SyntaxNode, names: LoggerNames): string | undefined {
  const base = dottedName(unwrap(callee(call)));
  if (base === undefined) return undefined;
  const [receiver, last] = splitLast(base);
  const fn = receiver === undefined ? base : last;
  // A factory, a function of this file that returns a logger, or any call on a logger (`logger.opt(…)`,
  // `log.child(…)`, `logger.bind(…)`: loguru, pino and structlog hand back a logger).
  return LOGGER_FACTORIES.has(fn) || names.loggerGetters.has(base) || (receiver !== undefined && isLoggerName(receiver, names)) ? `${base}()` : undefined;
}

/** `name = callee(`: a plain name bound to what a call on a plainly written callee returns. */
/** `name = other.name`: a plain name bound to another plainly written one. */
const PLAIN_ALIAS = /^(?:(?:const|let|var)\s+)?[A-Za-z_$][\w$.]*[ \t]*=[ \t]*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)[ \t;]*$/;
const PLAIN_CALL_ASSIGNMENT = /^[A-Za-z_$][\w$]*[ \t]*=[ \t]*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)[ \t]*\(/;

/**
 * False when the statement's text rules out binding a logger: only a call makes one (a factory,
 * require(), a call on a logger), and a plainly written callee that is none of those makes none
 * whatever the rest of the value is. True sends the statement to the full reading below.
 */
function mayBindLogger(text: string, names: LoggerNames): boolean {
  if (!text.includes('(')) {
    // Only another logger's name makes an alias one, and such names mention a log (or are known).
    if (!/log/i.test(text) && ![...names.loggers].some((l) => text.includes(l))) return false;
    const alias = PLAIN_ALIAS.exec(text);
    return alias !== null && isLoggerName(alias[1], names);
  }
  const call = PLAIN_CALL_ASSIGNMENT.exec(text);
  if (!call) return true;
  const base = call[1];
  if (base === 'require' || names.debugFactories.has(base)) return true;
  const [receiver, last] = splitLast(base);
  return LOGGER_FACTORIES.has(receiver === undefined ? base : last) || isLoggerName(receiver, names);
}

/** The name a logger is bound to: `log`, `self.logger`, or the target's text. */
function bindingKey(target: SyntaxNode): string {
  return dottedName(target) ?? textOf(target);
}

/** `require("x")` → "x". */
function requiredModule(node: SyntaxNode): string | undefined {
  if (typeOf(node) !== 'call_expression' || textOf(field(node, 'function')) !== 'require') return undefined;
  return stringValue(callArguments(node)[0]);
}

/** `logger.child(...)`, `log.bind(...)`, `consola.withTag(...)`: a call on a logger makes a logger. */

/** True for the dotted name of a logger (`log`, `self.logger`, a name bound to one). */
export function isLoggerName(dotted: string | undefined, names: LoggerNames): boolean {
  if (dotted === undefined) return false;
  if (names.loggers.has(dotted) || dotted === 'logging.root' || dotted.endsWith('()')) return true;
  const last = dotted.split('.').pop() ?? '';
  return LOGGER_NAME.test(last) || names.typedLoggers.has(last);
}

export interface SinkFinder {
  /** Might the text in [start, end) hold a sink? Every sink's text names one of the sink words. */
  mayHoldSink(start: number, end: number): boolean;
  /** The sink this call is, if it is one (asked per call, only of calls the data flow replays). */
  sinkOf(call: SyntaxNode): Sink | undefined;
}

export function sinkFinder(ctx: CodeContext): SinkFinder {
  return ctx.memo('sinks', () => {
    const names = collectLoggers(ctx);
    const dialect = ctx.dialect;
    // Every sink's callee ends in one of these words (a level, print, write, console, a debug
    // function): calls that do not mention one are skipped without reading their callee.
    const words = dialect.sinkWords(names);
    const positions = wordPositions(ctx.text, words);
    const mentions = positionTest(positions);
    // The callee's dotted name alone decides, and a file calls the same few names again and again.
    const labels = new Map<string | undefined, string | null>();
    return {
      mayHoldSink: (start, end) => anyPositionIn(positions, start, end),
      sinkOf(call) {
        if (!mentions(call)) return undefined;
        const dotted = calleeName(unwrap(callee(call)), names, dialect.chainedLoggerCalls);
        let label = labels.get(dotted);
        if (label === undefined) labels.set(dotted, (label = dialect.sinkLabel(dotted, names) ?? null));
        if (label !== null) return sinkAt(call, label, dialect);
        // console.log.apply(this, arguments) / log.info.call(log, msg): the method itself, called indirectly.
        const [method, how] = splitLast(dotted);
        if ((how !== 'apply' && how !== 'call') || method === undefined) return undefined;
        const inner = dialect.sinkLabel(method, names);
        return inner === undefined ? undefined : sinkAt(call, inner, dialect, 1);
      },
    };
  });
}

/**
 * The callee's dotted name; a method of a call that returns a logger reads `get_logger().info`. Where
 * loggers are built by chains (Go, Java), a chain of names and calls reads with its arguments left out
 * (`log.WithField().Info`, `log.Info().Str().Msg`).
 */
function calleeName(fn: SyntaxNode | undefined, names: LoggerNames, chained: boolean): string | undefined {
  const dotted = dottedName(fn);
  if (dotted !== undefined || !fn) return dotted;
  if (chained) return chainName(fn);
  const parts = memberParts(fn);
  const object = parts && unwrap(parts.object);
  if (!parts || !object || !isCall(object)) return undefined;
  const logger = loggerCallName(object, names);
  return logger && `${logger}.${parts.property}`;
}

/** `a.b().c` for a chain of names and calls, arguments left out; undefined for any other shape. */
function chainName(node: SyntaxNode | undefined, depth = 0): string | undefined {
  const n = unwrap(node);
  if (!n || depth > 16) return undefined;
  if (isCall(n)) {
    const inner = chainName(callee(n), depth + 1);
    return inner === undefined ? undefined : `${inner}()`;
  }
  const m = memberParts(n);
  if (!m) return dottedName(n);
  const head = chainName(m.object, depth + 1);
  return head === undefined ? undefined : `${head}.${m.property}`;
}

/**
 * A logger, or a chain of calls on one (`log.WithField()`, `log.atInfo().addKeyValue()`, `zap.L()`
 * when `isRoot` says so): what a chained level call is made on.
 */
export function isLoggerChain(object: string, names: LoggerNames, isRoot: (o: string) => boolean = () => false): boolean {
  if (isRoot(object)) return true;
  const call = /^(.*)\.\w+\(\)$/.exec(object);
  if (call) return isLoggerChain(call[1], names, isRoot);
  return !object.endsWith('()') && isLoggerName(object, names);
}

/** The call's arguments and those of the calls chained before it (`log.WithField("k", v).Info(msg)`). */
export function chainedPayload(args: readonly SyntaxNode[], call: SyntaxNode): readonly SyntaxNode[] {
  const chained: SyntaxNode[] = [];
  let object = memberParts(callee(call))?.object;
  for (let depth = 0; object && isCall(unwrap(object)) && depth < 16; depth++) {
    const inner = unwrap(object)!;
    chained.unshift(...callArguments(inner));
    object = memberParts(callee(inner))?.object;
  }
  return chained.length === 0 ? args : [...chained, ...args];
}

/** `a.b.c` → [`a.b`, `c`]; a bare name or no name has no object. */
export function splitLast(dotted: string | undefined): [string | undefined, string] {
  const dot = dotted?.lastIndexOf('.') ?? -1;
  return dot < 0 ? [undefined, ''] : [dotted!.slice(0, dot), dotted!.slice(dot + 1)];
}

export function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** The payload is read only when needed: the data flow skips most calls by their text alone. */
function sinkAt(call: SyntaxNode, label: string, dialect: Dialect, skip = 0): Sink {
  let payload: readonly SyntaxNode[] | undefined;
  return {
    call,
    label,
    get payload() {
      return (payload ??= dialect.sinkPayload(callArguments(call).slice(skip), call));
    },
  };
}
