// django-environ: `env = environ.Env(…)` then `env("SECRET_KEY")`, `env.str("X")`, `env.db()` (reads
// DATABASE_URL)… The fix: `environ.FileAwareEnv` (django-environ ≥ 0.10), which reads `X` from the file
// `X_FILE` names when that variable is set — so the paired manifest fix sets `X_FILE` to the mounted
// file instead of dropping the variable.
import type { TextEdit } from '../../../findings';
import type { CodeContext } from '../../context';
import type { Framework, FrameworkRead } from '../../frameworks';
import { callArguments, field, plainName, stringValue, textOf, typeOf, type SyntaxNode } from '../../syntax';
import { addToFromImport, fromImports, importedAs, moduleAliases } from '../imports';

const FRAMEWORK = 'django-environ';

/** The typed getters, and the variable those that parse a URL read when given none. */
const GETTERS = new Set(['str', 'bytes', 'bool', 'int', 'float', 'json', 'list', 'tuple', 'dict', 'url', 'path', 'get_value']);
const URL_GETTERS: Record<string, string> = {
  db: 'DATABASE_URL',
  db_url: 'DATABASE_URL',
  cache: 'CACHE_URL',
  cache_url: 'CACHE_URL',
  email: 'EMAIL_URL',
  email_url: 'EMAIL_URL',
  search_url: 'SEARCH_URL',
};

interface Instance {
  /** The constructor call's callee (`environ.Env`), which the fix renames; undefined for an instance imported from another settings module. */
  maker?: SyntaxNode;
  fileAware: boolean;
}

/** A typed getter called on a name (`env.bool(`, `env.db(`): how django-environ's instance is used. */
const TYPED_GETTER = /\b([A-Za-z_]\w*)\.(?:str|bool|int|float|json|list|tuple|dict|url|db_url|db|cache_url|cache|email_url|email|search_url|path)\(/g;

export const djangoEnviron: Framework = {
  marker: /\benviron\b|\bimport\s+env\b/,
  reads(ctx) {
    const instances = instancesOf(ctx);
    if (instances.size === 0) return [];
    const out: FrameworkRead[] = [];
    for (const call of ctx.nodes('call')) {
      const fn = plainName(field(call, 'function'));
      if (fn === undefined) continue;
      const dot = fn.lastIndexOf('.');
      const instance = instances.get(fn) ?? (dot > 0 ? instances.get(fn.slice(0, dot)) : undefined);
      if (!instance || instance.fileAware) continue;
      const method = instances.has(fn) ? '' : fn.slice(dot + 1);
      if (method !== '' && !GETTERS.has(method) && !Object.hasOwn(URL_GETTERS, method)) continue;
      const name = variableOf(call, method);
      if (name === undefined) continue;
      const maker = instance.maker;
      out.push({
        node: call,
        name,
        framework: FRAMEWORK,
        // An instance made in another module (cookiecutter-django's `from .base import env`) is fixed there.
        fixedRead: maker && { kind: 'pointer', variable: `${name}_FILE`, reader: 'django-environ FileAwareEnv' },
        fixes: () => {
          if (!maker) return [];
          const edits = fileAwareEdits(ctx, maker);
          return edits
            ? [
                {
                  title: `Read ${name} from the file ${name}_FILE names (environ.FileAwareEnv, django-environ ≥ 0.10)`,
                  kind: 'quickfix',
                  preferred: true,
                  edits,
                  conflictKey: `django-environ:${maker.id}`,
                },
              ]
            : [];
        },
      });
    }
    return out;
  },
};

/** `env("X")`, `env.str("X", default=…)`, `env.db_url(var="X")`, `env.db()` → DATABASE_URL. */
function variableOf(call: SyntaxNode, method: string): string | undefined {
  const args = callArguments(call);
  const keyword = args.find((a) => typeOf(a) === 'keyword_argument' && textOf(field(a, 'name')) === 'var');
  const first = keyword ? field(keyword, 'value') : args.find((a) => typeOf(a) !== 'keyword_argument');
  if (first) return stringValue(first);
  return Object.hasOwn(URL_GETTERS, method) ? URL_GETTERS[method] : undefined;
}

/** `env = environ.Env(DEBUG=(bool, False))`, `env = Env()` after `from environ import Env`. */
function instancesOf(ctx: CodeContext): Map<string, Instance> {
  const constructors = new Map<string, boolean>();
  for (const alias of moduleAliases(ctx, 'environ')) {
    constructors.set(`${alias}.Env`, false);
    constructors.set(`${alias}.FileAwareEnv`, true);
  }
  for (const i of fromImports(ctx, ['environ'])) {
    for (const [local, imported] of i.names) {
      if (imported === 'Env') constructors.set(local, false);
      if (imported === 'FileAwareEnv') constructors.set(local, true);
    }
  }
  const out = new Map<string, Instance>();
  // `from .base import env` in a settings module split in several files, used with django-environ's getters.
  const getters = new Set([...ctx.text.matchAll(TYPED_GETTER)].map((m) => m[1]));
  for (const i of fromImports(ctx)) {
    if (/^(environ|os|decouple)$/.test(i.module)) continue;
    for (const local of importedAs([i], 'env')) if (getters.has(local)) out.set(local, { fileAware: false });
  }
  if (constructors.size === 0) return out;
  for (const a of ctx.nodes('assignment')) {
    const left = field(a, 'left');
    const right = field(a, 'right');
    const callee = typeOf(right) === 'call' ? field(right, 'function') : undefined;
    const fileAware = constructors.get(plainName(callee) ?? '');
    if (fileAware === undefined || typeOf(left) !== 'identifier' || !callee) continue;
    out.set(textOf(left!), { maker: callee, fileAware });
  }
  return out;
}

/** `environ.Env` → `environ.FileAwareEnv`; `Env` (imported) → `FileAwareEnv`, imported beside it. */
function fileAwareEdits(ctx: CodeContext, constructor: SyntaxNode): TextEdit[] | undefined {
  const text = textOf(constructor);
  if (text.includes('.')) return [{ start: constructor.endIndex - 'Env'.length, end: constructor.endIndex, newText: 'FileAwareEnv' }];
  const statement = fromImports(ctx, ['environ']).find((i) => i.names.get(text) === 'Env')?.statement;
  if (!statement || text !== 'Env') return undefined;
  const imported = fromImports(ctx, ['environ']).some((i) => i.names.get('FileAwareEnv') === 'FileAwareEnv');
  const rename = { start: constructor.startIndex, end: constructor.endIndex, newText: 'FileAwareEnv' };
  return imported ? [rename] : [addToFromImport(statement, 'FileAwareEnv'), rename].sort((a, b) => a.start - b.start);
}
