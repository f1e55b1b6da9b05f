// Go: os.Getenv / os.LookupEnv / syscall.Getenv reads, os.Environ(), the log / fmt / slog / zap / logrus
// / zerolog sinks, multiple results (`v, ok := os.LookupEnv(…)`), and a loader written as a file of its
// own in the package (secret_loader.go), whose functions are drop-ins for the reads they replace.
import type { Dialect } from '../dialect';
import { field, namedChildren, textOf } from '../syntax';
import { namesDeclaredWithType } from '../typed-names';
import { goEnvModel } from './env-reads';
import { goSecretFields, goSecretInstances } from './structs';
import { caarlos0Env } from './frameworks/caarlos0-env';
import { envconfig } from './frameworks/envconfig';
import { viper } from './frameworks/viper';
import { goLeftUnused } from './unused';
import { GO_LOADER_FILE, GO_LOADER_NAMES, goLoader } from './loader';
import { goSinkLabel, goSinkPayload, goSinkWords } from './sinks';

function isTokenChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** The logger types of log, log/slog, zap, logrus and zerolog (`*zap.SugaredLogger`, `logrus.FieldLogger`…). */
const GO_LOGGER_TYPE = /^\*?(?:zap\.(?:Sugared)?Logger|slog\.Logger|logrus\.(?:Logger|Entry|FieldLogger|Ext1FieldLogger)|zerolog\.Logger|log\.Logger)$/;

/** Readers whose result is `(value, found)`: their replacement is lookupSecret. */
const LOOKUPS = /\.LookupEnv$|^syscall\.Getenv$/;

export const goDialect: Dialect = {
  kind: 'go',
  envModel: goEnvModel,
  envObjectField: 'operand',
  frameworks: [envconfig, caarlos0Env, viper],
  publicEnvPrefixes: [],
  // The names of `os.Environ()` take a loop to write: env-dumped offers no rewrite in Go.
  envIsList: true,
  envNames: () => undefined,

  isTokenChar,
  notExact: /[\\\u0080-\uffff]/g,
  adjacentLiteralsConcatenate: false,
  /** `name := `, `name = `, `name += `… at the start of an assignment. */
  plainAssignment: /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*(:=|=(?!=)|(?:[-+*/%&|^]|<<|>>|&\^)=)/,
  /** A range clause binding one name: `k := range m`. */
  plainLoop: /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:?=[ \t]*range\b/,
  stringInterpolations: () => undefined,
  secretFields: goSecretFields,
  instancesOf: goSecretInstances,
  maskedNames: () => new Set(),

  sinkWords: goSinkWords,
  sinkLabel: goSinkLabel,
  sinkPayload: goSinkPayload,
  logsHandledException: () => false,
  importsBindLoggers: false,
  // The standard log and log/slog packages, and the logging packages whose functions make loggers.
  knownLoggers: ['log', 'slog', 'logrus', 'glog', 'klog', 'zerolog'],
  chainedLoggerCalls: true,
  typedLoggers: (ctx) => namesDeclaredWithType(ctx, GO_LOGGER_TYPE, /\b(?:zap|slog|logrus|zerolog|log)\./),

  loaderName: 'getSecret',
  loaderCalls: GO_LOADER_NAMES,
  loaderCall: (read, quoted) => `${LOOKUPS.test(textOf(field(read.node, 'function')) ?? '') ? 'lookupSecret' : 'getSecret'}(${quoted})`,
  leftUnused: goLeftUnused,
  loaderBeside(ctx, mountPath) {
    const clause = namedChildren(ctx.root).find((s) => s.type === 'package_clause');
    const name = clause && namedChildren(clause)[0];
    return name ? { relativePath: GO_LOADER_FILE, text: goLoader(textOf(name), mountPath) } : undefined;
  },
  isPreambleStatement: (s) => s.type === 'package_clause' || s.type === 'import_declaration',

  lineComment: '//',
};
