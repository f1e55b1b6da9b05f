// Java: System.getenv reads (direct, through the map, or a variable holding it), SLF4J / Log4j 2 / JUL
// loggers and System.out / System.err, exceptions printed with printStackTrace(), and a loader class
// written as a file of its own in the package (SecretLoader.java).
import type { Dialect } from '../dialect';
import { namedChildren, textOf } from '../syntax';
import { namesDeclaredWithType } from '../typed-names';
import { javaSecretFields, javaSecretInstances } from './classes';
import { javaEnvModel } from './env-reads';
import { spring } from './frameworks/spring';
import { JAVA_LOADER_CLASS, javaLoader } from './loader';
import { javaLogsHandledException, javaSinkLabel, javaSinkPayload, javaSinkWords } from './sinks';

/** SLF4J's, Log4j 2's, JUL's and Commons Logging's logger types, by simple or qualified name. */
const JAVA_LOGGER_TYPE = /^(?:[\w.]+\.)?(?:Logger|Log|ExtendedLogger|XLogger)$/;

function isTokenChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36;
}

export const javaDialect: Dialect = {
  kind: 'java',
  envModel: javaEnvModel,
  envObjectField: 'object',
  frameworks: [spring],
  publicEnvPrefixes: [],
  envIsList: false,
  envNames: (envText) => `${envText}.keySet()`,

  isTokenChar,
  notExact: /[\\\u0080-\uffff]/g,
  adjacentLiteralsConcatenate: false,
  /** Declarators (`name = `) and assignments, plain or compound. */
  plainAssignment: /^([A-Za-z_$][A-Za-z0-9_$]*)[ \t]*(=(?!=)|(?:[-+*/%&|^]|<<|>>>?)=)/,
  /** `for (Type name : ` with one plain name. */
  plainLoop: /^for\s*\(\s*(?:final\s+)?[\w$.]+(?:<[^;()]*?>)?(?:\[\])*\s+([A-Za-z_$][\w$]*)\s*:/,
  stringInterpolations: () => undefined,
  secretFields: javaSecretFields,
  instancesOf: javaSecretInstances,
  maskedNames: () => new Set(),

  sinkWords: javaSinkWords,
  sinkLabel: javaSinkLabel,
  sinkPayload: javaSinkPayload,
  logsHandledException: javaLogsHandledException,
  importsBindLoggers: false,
  knownLoggers: [],
  chainedLoggerCalls: true,
  typedLoggers: (ctx) => namesDeclaredWithType(ctx, JAVA_LOGGER_TYPE, /\bLog(?:ger)?\b/),

  loaderName: `${JAVA_LOADER_CLASS}.get`,
  loaderCalls: [`${JAVA_LOADER_CLASS}.get`],
  loaderBeside(ctx, mountPath) {
    const declaration = namedChildren(ctx.root).find((s) => s.type === 'package_declaration');
    const name = declaration && namedChildren(declaration).find((c) => c.type === 'scoped_identifier' || c.type === 'identifier');
    return { relativePath: `${JAVA_LOADER_CLASS}.java`, text: javaLoader(name ? textOf(name) : undefined, mountPath) };
  },
  isPreambleStatement: (s) => s.type === 'package_declaration' || s.type === 'import_declaration',

  lineComment: '//',
};
