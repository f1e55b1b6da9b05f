// Schemas validated against the environment: envalid `cleanEnv(process.env, { DB_PASSWORD: str() })`,
// zod `z.object({ … }).parse(process.env)` and t3-env `createEnv({ server: { … }, runtimeEnv:
// process.env })`. Each key of the schema is a variable read. The framework has no secret-file support
// of its own: the fix feeds it the loader's values — `cleanEnv({ ...process.env, DB_PASSWORD:
// loadSecret("DB_PASSWORD") }, …)` — for every secret of the schema at once, so validation, defaults
// and types stay the framework's.
import type { Fix, TextEdit } from '../../../findings';
import type { RuleEnv } from '../../../rule';
import type { CodeContext } from '../../context';
import type { Framework, FrameworkRead } from '../../frameworks';
import { fixesWithLoader } from '../../loader-fix';
import { envVarSecrecy } from '../../secret-env';
import { callee, dottedName, field, memberParts, namedChildren, stringValue, textOf, typeOf, unwrap, type SyntaxNode } from '../../syntax';

interface Validation {
  framework: string;
  /** The expression the values come from (`process.env`, or an object literal spreading it). */
  source: SyntaxNode;
  /** The schema objects whose keys are the variables. */
  specs: SyntaxNode[];
}

const ZOD_PARSE = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync']);
/** The calls a validation starts with: envalid's, t3-env's and zod's parse methods. */
const ENTRY_POINTS = new Set(['cleanEnv', 'customCleanEnv', 'createEnv', ...ZOD_PARSE]);
const RUNTIME_ENV = new Set(['runtimeEnv', 'runtimeEnvStrict', 'experimental__runtimeEnv']);

export const envSchemas: Framework = {
  marker: /\b(?:envalid|zod|@t3-oss\/env)/,
  reads(ctx) {
    const out: FrameworkRead[] = [];
    for (const v of validations(ctx)) {
      // Variables the source sets itself (`{ ...process.env, X: loadSecret("X") }`) are not read from the environment.
      const given = new Set(propertiesOf(v.source).map(([name]) => name));
      for (const spec of v.specs) {
        for (const [name, pair] of propertiesOf(spec)) {
          if (given.has(name)) continue;
          // import.meta.env is a bundler's substitution (browser code): there is no file to read.
          const browser = /\bimport\.meta\.env\b/.test(textOf(v.source));
          out.push({
            node: pair,
            name,
            framework: v.framework,
            fixedRead: browser ? undefined : { kind: 'file' },
            fixes: (env) => (browser ? [] : feedFix(ctx, v, env)),
          });
        }
      }
    }
    return out;
  },
};

function validations(ctx: CodeContext): Validation[] {
  const out: Validation[] = [];
  for (const call of ctx.nodes('call_expression')) {
    // Files that use zod call it everywhere: only calls named like an entry point go further.
    const last = memberParts(callee(call))?.property ?? dottedName(callee(call)) ?? '';
    if (!ENTRY_POINTS.has(last)) continue;
    const args = namedChildren(field(call, 'arguments'));
    if ((last === 'cleanEnv' || last === 'customCleanEnv') && args.length >= 2 && fromEnvironment(ctx, args[0])) {
      const spec = objectOf(ctx, args[1]);
      if (spec) out.push({ framework: 'envalid', source: unwrap(args[0])!, specs: [spec] });
    } else if (last === 'createEnv' && typeOf(unwrap(args[0])) === 'object') {
      const options = new Map(propertiesOf(unwrap(args[0])!).map(([k, p]) => [k, field(p, 'value')]));
      const key = [...RUNTIME_ENV].find((k) => options.has(k));
      const source = key === undefined ? undefined : unwrap(options.get(key));
      // env-nextjs reads the server's variables from process.env whatever `experimental__runtimeEnv`
      // lists (it only has to list the client's): its server and shared keys are reads either way.
      const merged = key === 'experimental__runtimeEnv' && typeOf(source) === 'object';
      if (!source || !(merged || fromEnvironment(ctx, source))) continue;
      const specs = (merged ? ['server', 'shared'] : ['server', 'shared', 'client'])
        .map((k) => objectOf(ctx, options.get(k)))
        .filter((s): s is SyntaxNode => s !== undefined);
      out.push({ framework: 't3-env', source, specs });
    } else if (ZOD_PARSE.has(last)) {
      const object = field(callee(call), 'object');
      if (args.length !== 1 || !object || !fromEnvironment(ctx, args[0])) continue;
      const spec = zodObject(ctx, object);
      if (spec) out.push({ framework: 'zod', source: unwrap(args[0])!, specs: [spec] });
    }
  }
  return out;
}

/** `process.env` (or an alias), or an object literal that spreads it. */
function fromEnvironment(ctx: CodeContext, node: SyntaxNode | undefined): boolean {
  const n = unwrap(node);
  if (!n) return false;
  if (ctx.env.isEnvObject(n)) return true;
  return typeOf(n) === 'object' && namedChildren(n).some((c) => c.type === 'spread_element' && ctx.env.isEnvObject(namedChildren(c)[0]));
}

/** An object literal, or the one a `const` of the file holds. */
function objectOf(ctx: CodeContext, node: SyntaxNode | undefined): SyntaxNode | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  if (typeOf(n) === 'object') return n;
  if (typeOf(n) !== 'identifier') return undefined;
  const value = declaredValue(ctx, textOf(n));
  return typeOf(value) === 'object' ? value : undefined;
}

function declaredValue(ctx: CodeContext, name: string): SyntaxNode | undefined {
  const d = ctx.nodes('variable_declarator').find((v) => typeOf(field(v, 'name')) === 'identifier' && textOf(field(v, 'name')) === name);
  return unwrap(field(d, 'value'));
}

/** The object of `z.object({ … })` (through `.strict()`, `.extend(…)`… and a `const` holding it). */
function zodObject(ctx: CodeContext, node: SyntaxNode, depth = 0): SyntaxNode | undefined {
  const n = unwrap(node);
  if (!n || depth > 4) return undefined;
  if (typeOf(n) === 'identifier') {
    const value = declaredValue(ctx, textOf(n));
    return value ? zodObject(ctx, value, depth + 1) : undefined;
  }
  if (typeOf(n) !== 'call_expression') return undefined;
  const fn = callee(n);
  if (/(^|\.)object$/.test(dottedName(fn) ?? '')) return objectOf(ctx, namedChildren(field(n, 'arguments'))[0]);
  const object = field(fn, 'object');
  return object ? zodObject(ctx, object, depth) : undefined;
}

/** `[name, pair]` for each `NAME: value` / `"NAME": value` of an object literal. */
function propertiesOf(object: SyntaxNode): [string, SyntaxNode][] {
  if (typeOf(object) !== 'object') return [];
  const out: [string, SyntaxNode][] = [];
  for (const p of namedChildren(object)) {
    if (p.type === 'pair') {
      const key = field(p, 'key');
      const name = typeOf(key) === 'property_identifier' ? textOf(key!) : stringValue(key);
      if (name !== undefined) out.push([name, p]);
    } else if (p.type === 'shorthand_property_identifier') out.push([textOf(p), p]);
  }
  return out;
}

/** One fix for the whole validation: the source gains `NAME: loadSecret("NAME")` for each secret it validates. */
function feedFix(ctx: CodeContext, v: Validation, env: RuleEnv): Fix[] {
  const given = new Set(propertiesOf(v.source).map(([name]) => name));
  const names = [...new Set(v.specs.flatMap((s) => propertiesOf(s).map(([name]) => name)))].filter((n) => !given.has(n) && envVarSecrecy(n, env).secret);
  if (names.length === 0) return [];
  const loads = names.map((n) => `${n}: ${ctx.dialect.loaderName}(${JSON.stringify(n)})`);
  const source = v.source;
  const edit =
    typeOf(source) === 'object'
      ? insertIntoObject(ctx, source, loads)
      : { start: source.startIndex, end: source.endIndex, newText: `{ ...${textOf(source)}, ${loads.join(', ')} }` };
  const fixes = fixesWithLoader(ctx, env, `Feed ${v.framework} ${names.join(', ')} from the mounted secret files`, [edit]);
  return fixes;
}

/**
 * The loads after the object's last member: on its line (`{ a, X: loadSecret("X") }`), or — in an object
 * written one member per line with a trailing comma — one per line at the members' indentation, after
 * the last member's line (and its comment).
 */
function insertIntoObject(ctx: CodeContext, object: SyntaxNode, loads: readonly string[]): TextEdit {
  const members = namedChildren(object).filter((c) => c.type !== 'comment');
  const last = members[members.length - 1];
  if (!last) return { start: object.startIndex + 1, end: object.startIndex + 1, newText: ` ${loads.join(', ')} ` };
  const trailing = /^[ \t]*,[ \t]*(?:\/\/[^\r\n]*|\/\*.*?\*\/[ \t]*)?(\r?\n)/.exec(ctx.text.slice(last.endIndex));
  if (!trailing) return { start: last.endIndex, end: last.endIndex, newText: `, ${loads.join(', ')}` };
  const indent = /^[ \t]*/.exec(ctx.lines.lineText(ctx.lines.lineAt(last.startIndex)))?.[0] ?? '';
  const at = last.endIndex + trailing[0].length;
  return { start: at, end: at, newText: loads.map((l) => `${indent}${l},${trailing[1]}`).join('') };
}
