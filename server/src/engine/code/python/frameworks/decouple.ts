// python-decouple: `config("DB_PASSWORD", default=…, cast=…)` with `from decouple import config`, an
// `AutoConfig(…)` / `Config(…)` instance, or `decouple.config(…)`. Its Config checks os.environ first,
// then its repository (.env / settings.ini). The fix: where the Secret volume is mounted, the
// repository is `RepositorySecret(<mount path>)` (each file's name is the variable, python-decouple
// ≥ 3.4), so the app reads the mounted files once the manifest stops setting the variables.
import { detectEol } from '../../../text';
import type { CodeContext } from '../../context';
import type { Framework, FrameworkRead } from '../../frameworks';
import { insertionAfterStatement, topLevelStatement } from '../../loader/placement';
import { callArguments, field, plainName, stringValue, textOf, typeOf, type SyntaxNode } from '../../syntax';
import { addToFromImport, fromImports, moduleAliases, osImportEdit } from '../imports';

const FRAMEWORK = 'python-decouple';
const CONSTRUCTORS = ['AutoConfig', 'Config'];

interface Callable {
  /** The local name reads call (`config`), or `decouple.config`. */
  name: string;
  /** The statement that binds it, after which the fix rebinds it; undefined when it is not rebindable. */
  binding?: SyntaxNode;
}

export const decouple: Framework = {
  marker: /\bdecouple\b/,
  reads(ctx) {
    // An app that already reads a secrets directory through decouple is what the fix makes.
    if (/\bRepositorySecret\b/.test(ctx.text)) return [];
    const callables = callablesOf(ctx);
    if (callables.size === 0) return [];
    const out: FrameworkRead[] = [];
    for (const call of ctx.nodes('call')) {
      const callable = callables.get(plainName(field(call, 'function')) ?? '');
      if (!callable) continue;
      const args = callArguments(call);
      const option = args.find((a) => typeOf(a) === 'keyword_argument' && textOf(field(a, 'name')) === 'option');
      const name = stringValue(option ? field(option, 'value') : args[0]);
      if (name === undefined) continue;
      const binding = callable.binding;
      out.push({
        node: call,
        name,
        framework: FRAMEWORK,
        fixedRead: binding ? { kind: 'file' } : undefined,
        fixes: (env) => (binding ? [repositorySecretFix(ctx, callable.name, binding, env.settings.mountPath)] : []),
      });
    }
    return out;
  },
};

function callablesOf(ctx: CodeContext): Map<string, Callable> {
  const out = new Map<string, Callable>();
  const imports = fromImports(ctx, ['decouple']);
  const constructors = new Set<string>();
  for (const i of imports) {
    for (const [local, imported] of i.names) {
      if (imported === 'config') out.set(local, { name: local, binding: topLevelStatement(ctx, i.statement) });
      if (CONSTRUCTORS.includes(imported)) constructors.add(local);
    }
  }
  for (const alias of moduleAliases(ctx, 'decouple')) {
    out.set(`${alias}.config`, { name: `${alias}.config` });
    for (const c of CONSTRUCTORS) constructors.add(`${alias}.${c}`);
  }
  if (constructors.size > 0) {
    // config = AutoConfig(search_path=BASE_DIR)
    for (const a of ctx.nodes('assignment')) {
      const left = field(a, 'left');
      const right = field(a, 'right');
      if (typeOf(left) !== 'identifier' || typeOf(right) !== 'call' || !constructors.has(plainName(field(right, 'function')) ?? '')) continue;
      const statement = topLevelStatement(ctx, a);
      const name = textOf(left!);
      out.set(name, { name, binding: statement?.namedChild(0)?.id === a.id ? statement : undefined });
    }
  }
  return out;
}

function repositorySecretFix(ctx: CodeContext, name: string, binding: SyntaxNode, mountPath: string) {
  const eol = detectEol(ctx.text);
  const mount = JSON.stringify(mountPath);
  const edits = [];
  const imports = fromImports(ctx, ['decouple']);
  const missing = ['Config', 'RepositorySecret'].filter((n) => !imports.some((i) => i.names.get(n) === n));
  let block = `if os.path.isdir(${mount}):\n    # The mounted Secret volume: each file is the variable it names (env vars still win).\n    ${name} = Config(RepositorySecret(${mount}))`;
  if (missing.length > 0 && imports.length > 0) edits.push(addToFromImport(imports[0].statement, missing.join(', ')));
  else if (missing.length > 0) block = `from decouple import ${missing.join(', ')}\n${block}`;
  const os = osImportEdit(ctx, eol);
  if (os) edits.push(os);
  edits.push(insertionAfterStatement(ctx, binding, block, eol, 1));
  return {
    title: `Read secrets from the files mounted at ${mountPath} (decouple RepositorySecret, python-decouple ≥ 3.4)`,
    kind: 'quickfix' as const,
    preferred: true,
    edits: edits.sort((a, b) => a.start - b.start),
    conflictKey: 'decouple-repository-secret',
  };
}
