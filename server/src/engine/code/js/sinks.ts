// JavaScript and TypeScript log calls: console, process streams, logger levels and log functions
// bound from `debug(...)` (sinks.ts finds the loggers).
import { isLoggerName, short, splitLast, type LoggerNames } from '../sinks';

const LEVELS = new Set([
  'log',
  'info',
  'warn',
  'warning',
  'error',
  'debug',
  'trace',
  'fatal',
  'verbose',
  'silly',
  'http',
  'success',
  'fail',
  'ready',
  'start',
  'box',
  'critical',
  'notice',
  'alert',
  'emerg',
  'emergency',
]);
const CONSOLE_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'dirxml', 'table', 'group', 'groupCollapsed', 'assert']);

export function jsSinkWords(names: LoggerNames): string[] {
  return [...LEVELS, 'console', 'write', ...[...names.logFunctions].map((f) => f.split('.').pop() ?? f)];
}

export function jsSinkLabel(dotted: string | undefined, names: LoggerNames): string | undefined {
  if (dotted === 'process.stdout.write' || dotted === 'process.stderr.write') return dotted;
  if (dotted !== undefined && names.logFunctions.has(dotted)) return dotted;
  const [object, method] = splitLast(dotted);
  if (object === 'console') return CONSOLE_METHODS.has(method) ? `console.${method}` : undefined;
  if (LEVELS.has(method) && isLoggerName(object, names)) return `${short(object!)}.${method}`;
  return undefined;
}
