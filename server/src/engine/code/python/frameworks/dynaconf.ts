// dynaconf: `settings = Dynaconf(envvar_prefix="MYAPP")` then `settings.DB_PASSWORD`,
// `settings.get("DB_PASSWORD")` or `settings["DB_PASSWORD"]` read MYAPP_DB_PASSWORD (DYNACONF_… without
// a prefix setting; the bare name with `envvar_prefix=False`). dynaconf has no per-variable secret
// files: the fix sets the keys from the mounted files, when they are there, right after the settings
// object is made (file-overrides.ts).
import type { CodeContext } from '../../context';
import type { Framework, FrameworkRead } from '../../frameworks';
import { topLevelStatement } from '../../loader/placement';
import { callArguments, escapeRegExp, field, plainName, stringValue, textOf, typeOf, type SyntaxNode } from '../../syntax';
import { overridableReads } from './file-overrides';
import { fromImports, moduleAliases } from '../imports';
import { nodesAtMatches } from './text-reads';

const FRAMEWORK = 'dynaconf';
/** Attributes of a settings object that are its methods, not settings. */
const METHODS = new Set([
  'get',
  'set',
  'setenv',
  'as_dict',
  'to_dict',
  'reload',
  'configure',
  'from_env',
  'exists',
  'validators',
  'current_env',
  'update',
  'load_file',
  'using_env',
  'fresh',
  'store',
  'keys',
  'values',
  'items',
  'get_fresh',
  'populate_obj',
]);

export const dynaconf: Framework = {
  marker: /\bdynaconf\b/,
  reads(ctx) {
    const instances = instancesOf(ctx);
    const out: FrameworkRead[] = [];
    for (const [instance, { prefix, statement }] of instances) {
      const read = overridableReads(ctx, out, {
        after: statement,
        key: (k) => k.toUpperCase(),
        variable: (key) => (prefix ? `${prefix}_${key}` : key).toUpperCase(),
        assign: `${instance}.set(_secret_key, _secret_value)`,
        framework: FRAMEWORK,
        conflictKey: `dynaconf:${instance}`,
      });
      const at = new RegExp(`(?<![\\w.])(${escapeRegExp(instance)})(?:\\.([A-Za-z]\\w*)(?!\\s*\\()|\\s*\\[)`, 'g');
      for (const { node, match } of nodesAtMatches(ctx, at, ['attribute', 'subscript'])) {
        // A write (`settings.X = …`) sets the value rather than reading the variable.
        const written = node.parent?.type === 'assignment' && field(node.parent, 'left')?.id === node.id;
        if (written) continue;
        if (node.type === 'attribute' && match[2] && !METHODS.has(match[2]) && textOf(field(node, 'object')) === instance) read(node, match[2]);
        if (node.type === 'subscript' && textOf(field(node, 'value')) === instance) {
          const key = stringValue(field(node, 'subscript'));
          if (key !== undefined) read(node, key);
        }
      }
      for (const call of ctx.nodes('call')) {
        if (plainName(field(call, 'function')) !== `${instance}.get`) continue;
        const key = stringValue(callArguments(call)[0]);
        if (key !== undefined) read(call, key);
      }
    }
    return out;
  },
};

interface Instance {
  prefix: string;
  /** The module-level statement that makes (or imports) it, after which the fix's overrides go. */
  statement?: SyntaxNode;
}

/** Settings objects and their env prefix: `x = Dynaconf(envvar_prefix=…)`, `from dynaconf import settings`. */
function instancesOf(ctx: CodeContext): Map<string, Instance> {
  const out = new Map<string, Instance>();
  const constructors = new Set<string>();
  for (const i of fromImports(ctx, ['dynaconf'])) {
    for (const [local, imported] of i.names) {
      if (imported === 'settings') out.set(local, { prefix: 'DYNACONF', statement: topLevelStatement(ctx, i.statement) });
      if (imported === 'Dynaconf' || imported === 'LazySettings') constructors.add(local);
    }
  }
  for (const alias of moduleAliases(ctx, 'dynaconf')) constructors.add(`${alias}.Dynaconf`);
  if (constructors.size === 0) return out;
  for (const a of ctx.nodes('assignment')) {
    const right = field(a, 'right');
    const left = field(a, 'left');
    if (typeOf(right) !== 'call' || typeOf(left) !== 'identifier' || !constructors.has(plainName(field(right, 'function')) ?? '')) continue;
    const setting = callArguments(right!).find(
      (k) => typeOf(k) === 'keyword_argument' && /^(envvar_prefix|ENVVAR_PREFIX_FOR_DYNACONF)$/.test(textOf(field(k, 'name')) ?? ''),
    );
    const value = field(setting, 'value');
    const prefix = value === undefined ? 'DYNACONF' : textOf(value) === 'False' ? '' : stringValue(value);
    const statement = topLevelStatement(ctx, a);
    if (prefix !== undefined) out.set(textOf(left!), { prefix, statement: statement?.namedChild(0)?.id === a.id ? statement : undefined });
  }
  return out;
}
