// NestJS: `this.configService.get<string>("JWT_SECRET")` / `getOrThrow(…)` on a ConfigService, which
// reads process.env (and the .env files ConfigModule loads into it). Dotted keys (`database.password`)
// are the app's own configuration namespaces, not variables. ConfigService has no secret files: the
// fix asks the loader first — `(loadSecret("JWT_SECRET") ?? this.configService.get("JWT_SECRET"))` —
// so the value comes from the mounted file, else from where it came before.
import type { CodeContext } from '../../context';
import type { Framework, FrameworkRead } from '../../frameworks';
import { fixesWithLoader } from '../../loader-fix';
import { callee, field, memberParts, namedChildren, stringValue, textOf, type SyntaxNode } from '../../syntax';

/** `configService: ConfigService`, `private readonly config: ConfigService<Env, true>`, `= app.get(ConfigService)`. */
const TYPED = /([A-Za-z_$][\w$]*)\s*[?!]?\s*:\s*ConfigService\b|([A-Za-z_$][\w$]*)\s*=\s*(?:await\s+)?[\w$.]+\.get\(\s*ConfigService\s*\)/g;
const VARIABLE = /^[A-Z][A-Z0-9_]*$/;
/** Parents in which `a ?? b` needs no parentheses. */
const BARE = new Set(['arguments', 'variable_declarator', 'pair', 'return_statement', 'expression_statement']);

export const nestjsConfig: Framework = {
  marker: /\bConfigService\b/,
  reads(ctx) {
    const services = new Set<string>();
    TYPED.lastIndex = 0;
    for (let m = TYPED.exec(ctx.text); m; m = TYPED.exec(ctx.text)) services.add(m[1] ?? m[2]);
    const out: FrameworkRead[] = [];
    for (const call of ctx.nodes('call_expression')) {
      const m = memberParts(callee(call));
      if (!m || (m.property !== 'get' && m.property !== 'getOrThrow')) continue;
      const receiver = memberParts(m.object)?.property ?? (m.object.type === 'identifier' ? textOf(m.object) : undefined);
      if (receiver === undefined || !services.has(receiver)) continue;
      const name = stringValue(namedChildren(field(call, 'arguments'))[0]);
      if (name === undefined || !VARIABLE.test(name) || loaderAsksFirst(ctx, call)) continue;
      out.push({ node: call, name, framework: 'NestJS ConfigService', fixedRead: { kind: 'file' }, fixes: (env) => loaderFirst(ctx, call, name, env) });
    }
    return out;
  },
};

/** `loadSecret("X") ?? <call>`: what the fix writes, where the file is read first. */
function loaderAsksFirst(ctx: CodeContext, call: SyntaxNode): boolean {
  const parent = call.parent;
  if (parent?.type !== 'binary_expression' || field(parent, 'right')?.id !== call.id) return false;
  const left = field(parent, 'left');
  return left?.type === 'call_expression' && textOf(callee(left)) === ctx.dialect.loaderName;
}

function loaderFirst(ctx: CodeContext, call: SyntaxNode, name: string, env: Parameters<FrameworkRead['fixes']>[0]) {
  const expression = `${ctx.dialect.loaderName}(${JSON.stringify(name)}) ?? ${textOf(call)}`;
  const bare = BARE.has(call.parent?.type ?? '');
  const edit = { start: call.startIndex, end: call.endIndex, newText: bare ? expression : `(${expression})` };
  return fixesWithLoader(ctx, env, `Read ${name} from the mounted secret file before ConfigService`, [edit]);
}
