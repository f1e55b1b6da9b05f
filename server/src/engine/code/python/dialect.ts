// Python: `os.environ` / `os.getenv` reads, f-strings, adjacent literals, logging and print, pydantic
// SecretStr fields, and a `load_secret` function after the module's imports.
import type { CodeContext } from '../context';
import type { Dialect } from '../dialect';
import { preambleEnd } from '../loader/placement';
import { PYTHON_LOADER_NAME, pythonLoader } from '../loader/templates';
import { field, namedChildren, stringValue, textOf, typeOf } from '../syntax';
import { pythonSecretFields } from './classes';
import { pythonEnvModel } from './env-reads';
import { decouple } from './frameworks/decouple';
import { djangoEnviron } from './frameworks/django-environ';
import { dynaconf } from './frameworks/dynaconf';
import { flask } from './frameworks/flask';
import { pydanticSettings } from './frameworks/pydantic-settings';
import { pythonSinkLabel, pythonSinkPayload, pythonLogsHandledException, pythonSinkWords } from './sinks';

function isTokenChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** The name a plain `import os` / `import os as o` of the preamble binds (the loader reuses it), if any. */
function preambleOs(ctx: CodeContext): string | undefined {
  const end = preambleEnd(ctx);
  for (const s of namedChildren(ctx.root)) {
    if (s.startIndex >= end) break;
    if (s.type !== 'import_statement') continue;
    for (const c of s.childrenForFieldName('name')) {
      if (c?.type === 'dotted_name' && c.text === 'os') return 'os';
      if (c?.type === 'aliased_import' && textOf(field(c, 'name')) === 'os') return textOf(field(c, 'alias'));
    }
  }
  return undefined;
}

export const pythonDialect: Dialect = {
  kind: 'python',
  envModel: pythonEnvModel,
  envObjectField: 'value',
  frameworks: [djangoEnviron, decouple, pydanticSettings, dynaconf, flask],
  publicEnvPrefixes: [],
  envIsList: false,
  envNames: (envText) => `sorted(${envText})`,

  isTokenChar,
  notExact: /[\\$\u0080-\uffff]/g,
  adjacentLiteralsConcatenate: true,
  /** `name = `, `name += `… at the start of an assignment — no comment, annotation or pattern. */
  plainAssignment: /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*(=(?!=)|(?:[-+*/%@&|^]|\/\/|\*\*|<<|>>)=)/,
  plainLoop: /^for[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]+in\b/,
  stringInterpolations: (node) => namedChildren(node).filter((c) => typeOf(c) === 'interpolation'),
  secretFields: pythonSecretFields,
  /** Fields and parameters annotated SecretStr/SecretBytes (their str() is `**********`). */
  maskedNames(ctx) {
    const names = new Set<string>();
    // Most files never mention them: then no annotation needs reading.
    if (!ctx.text.includes('SecretStr') && !ctx.text.includes('SecretBytes')) return names;
    for (const n of ctx.nodes('typed_parameter', 'typed_default_parameter', 'assignment')) {
      const type = field(n, 'type');
      if (!type || !/\bSecret(Str|Bytes)\b/.test(textOf(type))) continue;
      const target = field(n, 'left') ?? namedChildren(n).find((c) => typeOf(c) === 'identifier');
      if (target) names.add(textOf(target));
    }
    return names;
  },

  sinkWords: pythonSinkWords,
  sinkLabel: pythonSinkLabel,
  sinkPayload: pythonSinkPayload,
  logsHandledException: pythonLogsHandledException,
  knownLoggers: ['logging', 'console'],
  chainedLoggerCalls: false,
  importsBindLoggers: false,

  loaderName: PYTHON_LOADER_NAME,
  loaderCalls: [PYTHON_LOADER_NAME],
  inlineLoader: (ctx, mountPath) => pythonLoader(mountPath, preambleOs(ctx)),
  sharedLoader: (_ctx, mountPath) => ({
    file: { relativePath: 'secret_loader.py', text: pythonLoader(mountPath) + '\n' },
    importLine: 'from secret_loader import load_secret',
  }),
  loaderBlankLines: 2,
  /** `from __future__`, imports, and a module docstring as the first statement. */
  isPreambleStatement(s, first) {
    if (s.type === 'future_import_statement' || s.type === 'import_statement' || s.type === 'import_from_statement') return true;
    return first && s.type === 'expression_statement' && stringValue(s.namedChild(0) ?? undefined) !== undefined;
  },

  lineComment: '#',
};
