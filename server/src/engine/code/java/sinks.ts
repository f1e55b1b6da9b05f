// Java's log and print calls: SLF4J / Logback / Log4j 2 / JUL / Commons Logging levels on loggers (the
// fluent `log.atInfo().addKeyValue("k", v).log(…)` included: the chain's arguments are the payload
// too), System.out / System.err printers, and printStackTrace(), which writes the exception handled.
import { chainedPayload, isLoggerChain, short, splitLast, type LoggerNames } from '../sinks';
import { callee, dottedName, field, typeOf, type SyntaxNode } from '../syntax';

const LEVELS = new Set([
  'trace',
  'debug',
  'info',
  'warn',
  'error',
  'fatal',
  'severe',
  'warning',
  'fine',
  'finer',
  'finest',
  'config',
  'log',
  'entering',
  'exiting',
]);
const PRINTS = new Set(['print', 'println', 'printf', 'format', 'write', 'append']);
const STREAMS = new Set(['System.out', 'System.err']);

export function javaSinkWords(names: LoggerNames): string[] {
  return [...LEVELS, ...PRINTS, 'printStackTrace', ...[...names.logFunctions].map((f) => f.split('.').pop() ?? f)];
}

export function javaSinkLabel(dotted: string | undefined, names: LoggerNames): string | undefined {
  const [object, method] = splitLast(dotted);
  if (object === undefined) return undefined;
  if (STREAMS.has(object)) return PRINTS.has(method) ? `${object}.${method}` : undefined;
  if (method === 'printStackTrace') return 'printStackTrace';
  if (LEVELS.has(method) && isLoggerChain(object, names)) return `${short(object)}.${method}`;
  return undefined;
}

/**
 * The arguments, with the fluent chain's. printStackTrace() writes only the exception being handled,
 * which the flow knows from the try it was raised in (javaLogsHandledException).
 */
export function javaSinkPayload(args: readonly SyntaxNode[], call: SyntaxNode): readonly SyntaxNode[] {
  if (dottedName(callee(call))?.endsWith('.printStackTrace')) return [];
  return chainedPayload(args, call).map(supplied);
}

/** `logger.fine(() -> "token " + token)`, `log.debug("{}", () -> token)`: a supplier logs what its body makes. */
function supplied(arg: SyntaxNode): SyntaxNode {
  if (typeOf(arg) !== 'lambda_expression') return arg;
  const body = field(arg, 'body');
  return body && typeOf(body) !== 'block' ? body : arg;
}

export function javaLogsHandledException(_call: SyntaxNode, label: string): boolean {
  return label === 'printStackTrace';
}
