// JavaScript and TypeScript: `process.env` reads and destructuring, template strings, console and
// logger calls, ES imports that bind loggers, and a `loadSecret` function after the imports — typed
// in TypeScript, ES module or CommonJS as the file is.
import type { CodeContext } from '../context';
import type { Dialect } from '../dialect';
import { jsSecretFields } from './classes';
import { JS_LOADER_NAME, jsLoader } from '../loader/templates';
import { field, isCall, namedChildren, unwrap, type SyntaxNode } from '../syntax';
import { jsEnvModel } from './env-reads';
import { envSchemas } from './frameworks/env-schemas';
import { envVar } from './frameworks/env-var';
import { nestjsConfig } from './frameworks/nestjs-config';
import { jsSinkLabel, jsSinkWords } from './sinks';

function isTokenChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36;
}

/** ESM or CommonJS: the extension decides (`.mjs`, `.cts`…), else TypeScript is ESM and JavaScript is what its own syntax says. */
function moduleSystem(ctx: CodeContext, typescript: boolean): 'esm' | 'cjs' {
  if (ctx.language.moduleHint) return ctx.language.moduleHint;
  if (typescript) return 'esm';
  return ctx.memo('module-system', () => (namedChildren(ctx.root).some((s) => s.type === 'import_statement' || s.type === 'export_statement') ? 'esm' : 'cjs'));
}

/** `require("x")`, `require("x").y`, `require("x")(...)` */
function isRequire(node: SyntaxNode | undefined): boolean {
  const n = unwrap(node);
  if (!n) return false;
  if (isCall(n)) {
    const fn = field(n, 'function');
    return fn?.text === 'require' || isRequire(fn);
  }
  if (n.type === 'member_expression') return isRequire(field(n, 'object'));
  return false;
}

function jsDialect(kind: 'typescript' | 'javascript'): Dialect {
  const typescript = kind === 'typescript';
  return {
    kind,
    envModel: jsEnvModel,
    envObjectField: 'object',
    frameworks: [envSchemas, nestjsConfig, envVar],
    // Next.js, Vite, Create React App, Expo, Nuxt, Gatsby, SvelteKit ($env/static/public), Astro.
    publicEnvPrefixes: ['NEXT_PUBLIC_', 'VITE_', 'REACT_APP_', 'EXPO_PUBLIC_', 'NUXT_PUBLIC_', 'GATSBY_', 'PUBLIC_'],
    envIsList: false,
    envNames: (envText) => `Object.keys(${envText})`,

    isTokenChar,
    notExact: /[\\\u0080-\uffff]/g,
    adjacentLiteralsConcatenate: false,
    /** Declarators (`name = `) and assignment expressions, plain or augmented. */
    plainAssignment: /^([A-Za-z_$][A-Za-z0-9_$]*)[ \t]*(=(?![=>])|(?:[-+*/%&|^]|\*\*|<<|>>>?|&&|\|\||\?\?)=)/,
    plainLoop: /^for\s*\(\s*(?:(?:const|let|var)\s+)?([A-Za-z_$][A-Za-z0-9_$]*)\s+(?:of|in)\b/,
    // Plain strings never interpolate (template strings are their own node type).
    stringInterpolations: () => undefined,
    maskedNames: () => new Set(),
    secretFields: jsSecretFields,

    sinkWords: jsSinkWords,
    sinkLabel: jsSinkLabel,
    sinkPayload: (args) => args,
    // JavaScript loggers print only what they are given: `console.error(e)` passes the error itself.
    logsHandledException: () => false,
    knownLoggers: ['logging', 'console'],
    chainedLoggerCalls: false,
    importsBindLoggers: true,

    loaderName: JS_LOADER_NAME,
    loaderCalls: [JS_LOADER_NAME],
    inlineLoader: (ctx, mountPath) => jsLoader(mountPath, { typescript, module: moduleSystem(ctx, typescript), exported: false }),
    sharedLoader(ctx, mountPath) {
      if (typescript) {
        // `.mts`/`.cts` need explicit extensions whose spelling depends on the project's resolution: inline only.
        if (ctx.language.moduleHint) return undefined;
        return {
          file: { relativePath: 'secret-loader.ts', text: jsLoader(mountPath, { typescript: true, module: 'esm', exported: true }) + '\n' },
          importLine: 'import { loadSecret } from "./secret-loader";',
        };
      }
      const module = moduleSystem(ctx, false);
      const ext = module === 'esm' ? 'mjs' : 'cjs';
      const text = jsLoader(mountPath, { typescript: false, module, exported: true }) + '\n';
      const importLine =
        module === 'esm' ? `import { loadSecret } from "./secret-loader.${ext}";` : `const { loadSecret } = require("./secret-loader.${ext}");`;
      return { file: { relativePath: `secret-loader.${ext}`, text }, importLine };
    },
    loaderBlankLines: 1,
    /** Imports, 'use strict', and declarations that only `require` modules. */
    isPreambleStatement(s) {
      if (s.type === 'import_statement') return true;
      if (s.type === 'expression_statement' && s.namedChild(0)?.type === 'string') return true; // 'use strict'
      if (s.type === 'lexical_declaration' || s.type === 'variable_declaration') {
        const declarators = namedChildren(s).filter((d) => d.type === 'variable_declarator');
        return declarators.length > 0 && declarators.every((d) => isRequire(field(d, 'value')));
      }
      return false;
    },

    lineComment: '//',
  };
}

export const typescriptDialect = jsDialect('typescript');
export const javascriptDialect = jsDialect('javascript');
