// Python's log and print calls: print-like callees and logger levels (sinks.ts finds the loggers).
import { isLoggerName, short, splitLast, type LoggerNames } from '../sinks';
import { callArguments, field, textOf, typeOf, type SyntaxNode } from '../syntax';

/** Print-like callees, by their last segment (`print`, `pprint.pp`, `sys.stdout.write`). */
const PRINTS = ['print', 'pprint', 'pp', 'write'];
const LEVELS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log', 'msg', 'trace', 'success']);
/** Keyword arguments that configure the call rather than carry data. */
const CONTROL_KEYWORDS = new Set([
  'exc_info',
  'stack_info',
  'stacklevel',
  'file',
  'flush',
  'sep',
  'end',
  'stream',
  'indent',
  'width',
  'depth',
  'err',
  'nl',
  'fg',
  'bg',
  'bold',
]);

/** CLI frameworks' printers (to stdout, or stderr with err=True). */
const CLI_ECHOES = new Set(['click.echo', 'click.secho', 'typer.echo', 'typer.secho']);

/** traceback's printers of the exception being handled (they write it to stderr). */
const TRACEBACK_PRINTS = new Set(['traceback.print_exc', 'traceback.print_exception']);

export function pythonSinkWords(): string[] {
  return [...LEVELS, ...PRINTS, 'print_exc', 'print_exception', 'echo', 'secho'];
}

/** `log.exception(…)`, any level with `exc_info=True` (or a truthy value), `traceback.print_exc()`. */
export function pythonLogsHandledException(call: SyntaxNode, label: string): boolean {
  if (TRACEBACK_PRINTS.has(label) || label.endsWith('.exception')) return true;
  return callArguments(call).some(
    (a) => typeOf(a) === 'keyword_argument' && textOf(field(a, 'name')) === 'exc_info' && !/^(False|None|0)$/.test(textOf(field(a, 'value')) ?? ''),
  );
}

/**
 * A sink's callee is a name chain (`print`, `logger.info`, `self.log.debug`); any other callee
 * (`get_logger().info`) is not one. So the chain's dotted name decides, split at its last dot.
 */
export function pythonSinkLabel(dotted: string | undefined, names: LoggerNames): string | undefined {
  if (dotted === 'print' || dotted === 'pprint' || dotted === 'pp' || dotted === 'pprint.pprint' || dotted === 'pprint.pp') return dotted;
  if (dotted === 'sys.stdout.write' || dotted === 'sys.stderr.write' || (dotted !== undefined && (TRACEBACK_PRINTS.has(dotted) || CLI_ECHOES.has(dotted))))
    return dotted;
  const [object, method] = splitLast(dotted);
  if (LEVELS.has(method) && isLoggerName(object, names)) return `${short(object!)}.${method}`;
  return undefined;
}

export function pythonSinkPayload(args: readonly SyntaxNode[]): readonly SyntaxNode[] {
  return args.filter((a) => !(typeOf(a) === 'keyword_argument' && CONTROL_KEYWORDS.has(textOf(field(a, 'name')) ?? '')));
}
