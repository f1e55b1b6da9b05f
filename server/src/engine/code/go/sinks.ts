// Go's log and print calls: the standard `log` package and *log.Logger values, fmt's printers (Fprint*
// only to os.Stdout / os.Stderr), log/slog, zap (and its sugared logger), logrus, zerolog. Structured
// loggers take their fields in the chain before the level call (`log.WithField("k", v).Info(…)`,
// `log.Info().Str("k", v).Msg(…)`), so the chain's arguments are the payload too.
import { chainedPayload, isLoggerChain, short, splitLast, type LoggerNames } from '../sinks';
import { callee, dottedName, type SyntaxNode } from '../syntax';

/** Level methods of log, slog, zap, logrus, zerolog: `Info`, `Infof`, `Infow`, `Infoln`, `InfoContext`… */
const LEVEL = /^(Print|Fatal|Panic|Info|Debug|Warn|Warning|Error|Trace|DPanic|Log)(f|ln|w|S|Context)?$/;
/** zerolog's chain ends: `log.Info().Str("k", v).Msg("…")`. */
const ZEROLOG_ENDS = new Set(['Msg', 'Msgf', 'Send', 'MsgFunc']);
/** A zerolog event started by a level call on a logger (`log.Info()`, `logger.Error()`, `log.Err(err)`). */
const ZEROLOG_START = /^(.+)\.(Info|Debug|Warn|Error|Fatal|Panic|Trace|Log|Print|Err)\(\)(?:\.\w+\(\))*$/;
const FMT_PRINTS = new Set(['fmt.Print', 'fmt.Printf', 'fmt.Println']);
const FMT_FPRINTS = new Set(['fmt.Fprint', 'fmt.Fprintf', 'fmt.Fprintln']);
const STD_STREAMS = new Set(['os.Stdout', 'os.Stderr']);
/** zap's global loggers (`zap.L().Info(…)`, `zap.S().Infow(…)`). */
const ZAP_GLOBALS = new Set(['zap.L()', 'zap.S()']);

export function goSinkWords(names: LoggerNames): string[] {
  const levels = ['Print', 'Fatal', 'Panic', 'Info', 'Debug', 'Warn', 'Warning', 'Error', 'Trace', 'DPanic', 'Log'];
  const words = levels.flatMap((l) => [l, `${l}f`, `${l}ln`, `${l}w`, `${l}S`, `${l}Context`]);
  return [...words, 'Fprint', 'Fprintf', 'Fprintln', ...ZEROLOG_ENDS, ...[...names.logFunctions].map((f) => f.split('.').pop() ?? f)];
}

export function goSinkLabel(dotted: string | undefined, names: LoggerNames): string | undefined {
  if (dotted === undefined) return undefined;
  if (FMT_PRINTS.has(dotted) || FMT_FPRINTS.has(dotted)) return dotted;
  const [object, method] = splitLast(dotted);
  if (object === undefined) return undefined;
  if (ZEROLOG_ENDS.has(method)) {
    const start = ZEROLOG_START.exec(object);
    return start && isGoLogger(start[1], names) ? `${short(start[1])}.${start[2]}().${method}` : undefined;
  }
  if (LEVEL.test(method) && isGoLogger(object, names)) return `${short(object)}.${method}`;
  return undefined;
}

/** A logger, a call on one (`log.WithField(…)`, `logger.With(…)`, `logger.Sugar()`), or zap's globals. */
function isGoLogger(object: string, names: LoggerNames): boolean {
  return isLoggerChain(object, names, (o) => ZAP_GLOBALS.has(o));
}

/** What the call writes: its arguments (Fprint*: after the writer, and nothing unless the writer is os.Stdout / os.Stderr), with the chain's. */
export function goSinkPayload(args: readonly SyntaxNode[], call: SyntaxNode): readonly SyntaxNode[] {
  const dotted = dottedName(callee(call));
  if (dotted !== undefined && FMT_FPRINTS.has(dotted)) return STD_STREAMS.has(dottedName(args[0]) ?? '') ? args.slice(1) : [];
  return chainedPayload(args, call);
}
