// Python's log and print calls: print-like callees and logger levels (sinks.ts finds the loggers).
import { isLoggerName, short, splitLast, type LoggerNames } from '../sinks';
import { field, textOf, typeOf, type SyntaxNode } from '../syntax';

/** Print-like callees, by their last segment (`print`, `pprint.pp`, `sys.stdout.write`). */
const PRINTS = ['print', 'pprint', 'pp', 'write'];
const LEVELS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log', 'msg', 'trace', 'success']);
/** Keyword arguments that configure the call rather than carry data. */
const CONTROL_KEYWORDS = new Set(['exc_info', 'stack_info', 'stacklevel', 'file', 'flush', 'sep', 'end', 'stream', 'indent', 'width', 'depth']);

export function pythonSinkWords(): string[] {
  return [...LEVELS, ...PRINTS];
}

/**
 * A sink's callee is a name chain (`print`, `logger.info`, `self.log.debug`); any other callee
 * (`get_logger().info`) is not one. So the chain's dotted name decides, split at its last dot.
 */
export function pythonSinkLabel(dotted: string | undefined, names: LoggerNames): string | undefined {
  if (dotted === 'print' || dotted === 'pprint' || dotted === 'pp' || dotted === 'pprint.pprint' || dotted === 'pprint.pp') return dotted;
  if (dotted === 'sys.stdout.write' || dotted === 'sys.stderr.write') return dotted;
  const [object, method] = splitLast(dotted);
  if (LEVELS.has(method) && isLoggerName(object, names)) return `${short(object!)}.${method}`;
  return undefined;
}

export function pythonSinkPayload(args: readonly SyntaxNode[]): readonly SyntaxNode[] {
  return args.filter((a) => !(typeOf(a) === 'keyword_argument' && CONTROL_KEYWORDS.has(textOf(field(a, 'name')) ?? '')));
}
