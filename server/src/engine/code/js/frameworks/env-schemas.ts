// Schemas validated against the environment: envalid `cleanEnv(process.env, { DB_PASSWORD: str() })`,
// zod `z.object({ … }).parse(process.env)` and t3-env `createEnv({ server: { … }, runtimeEnv:
// process.env })`. Each key of the schema is a variable read. The framework has no secret-file support
// of its own: the fix feeds it the loader's values — `cleanEnv({ ...process.env, DB_PASSWORD:
// loadSecret("DB_PASSWORD") }, …)` — for every secret of the schema at once, so validation, defaults
// and types stay the framework's.
import type { Fix } from '../../../findings';
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

const ZOD_PARSE = /\.(?:safeParse|parse|parseAsync|safeParseAsync)$/;
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
          out.push({ node: pair, name, framework: v.framework, fixedRead: { kind: 'file' }, fixes: (env) => feedFix(ctx, v, env) });
        }
      }
    }
    return out;
  },
};

function validations(ctx: CodeContext): Validation[] {
  const out: Validation[] = [];
  for (const call of ctx.nodes('call_expression')) {
    const fn = dottedName(callee(call)) ?? '';
    const args = namedChildren(field(call, 'arguments'));
    const last = memberParts(callee(call))?.property ?? fn;
    if ((last === 'cleanEnv' || last === 'customCleanEnv') && args.length >= 2 && fromEnvironment(ctx, args[0])) {
      const spec = objectOf(ctx, args[1]);
      if (spec) out.push({ framework: 'envalid', source: unwrap(args[0])!, specs: [spec] });
    } else if (last === 'createEnv' && typeOf(unwrap(args[0])) === 'object') {
      const options = new Map(propertiesOf(unwrap(args[0])!).map(([k, p]) => [k, field(p, 'value')]));
      const source = [...RUNTIME_ENV].map((k) => options.get(k)).find((s) => s !== undefined);
      if (!source || !fromEnvironment(ctx, source)) continue;
      const specs = ['server', 'shared', 'client'].map((k) => objectOf(ctx, options.get(k))).filter((s): s is SyntaxNode => s !== undefined);
      out.push({ framework: 't3-env', source: unwrap(source)!, specs });
    } else if (ZOD_PARSE.test(`.${last}`)) {
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
  const loads = names.map((n) => `${n}: ${ctx.dialect.loaderName}(${JSON.stringify(n)})`).join(', ');
  const source = v.source;
  const edit =
    typeOf(source) === 'object'
      ? insertIntoObject(source, loads)
      : { start: source.startIndex, end: source.endIndex, newText: `{ ...${textOf(source)}, ${loads} }` };
  const fixes = fixesWithLoader(ctx, env, `Feed ${v.framework} ${names.join(', ')} from the mounted secret files`, [edit]);
  return fixes;
}

function insertIntoObject(object: SyntaxNode, loads: string) {
  const members = namedChildren(object).filter((c) => c.type !== 'comment');
  const last = members[members.length - 1];
  const after = object.text.slice((last?.endIndex ?? object.startIndex + 1) - object.startIndex).trimStart();
  const comma = after.startsWith(',') ? '' : ',';
  return last
    ? { start: last.endIndex, end: last.endIndex, newText: `${comma} ${loads}` }
    : { start: object.startIndex + 1, end: object.startIndex + 1, newText: ` ${loads} ` };
}
