// env-var: `env.get("DB_PASSWORD").required().asString()` with `import env from "env-var"` or
// `require("env-var")`. The fix reads through a container the loader fills — `env.from({ DB_PASSWORD:
// loadSecret("DB_PASSWORD") }).get("DB_PASSWORD")` — so env-var's checks and conversions still apply.
import type { CodeContext } from '../../context';
import type { Framework, FrameworkRead } from '../../frameworks';
import { fixesWithLoader } from '../../loader-fix';
import { callee, dottedName, field, memberParts, namedChildren, stringValue, textOf, typeOf, unwrap, walk, type SyntaxNode } from '../../syntax';

const MODULE = /^['"]env-var['"]$/;

export const envVar: Framework = {
  marker: /['"]env-var['"]/,
  reads(ctx) {
    const modules = moduleNames(ctx);
    const out: FrameworkRead[] = [];
    for (const call of ctx.nodes('call_expression')) {
      const m = memberParts(callee(call));
      if (!m || m.property !== 'get' || !isModule(m.object, modules)) continue;
      const name = stringValue(namedChildren(field(call, 'arguments'))[0]);
      if (name === undefined) continue;
      const object = m.object;
      out.push({
        node: call,
        name,
        framework: 'env-var',
        fixedRead: { kind: 'file' },
        fixes: (env) =>
          fixesWithLoader(ctx, env, `Read ${name} from the mounted secret file through env-var`, [
            { start: object.endIndex, end: object.endIndex, newText: `.from({ ${JSON.stringify(name)}: ${ctx.dialect.loaderName}(${JSON.stringify(name)}) })` },
          ]),
      });
    }
    return out;
  },
};

function isModule(node: SyntaxNode, modules: ReadonlySet<string>): boolean {
  const n = unwrap(node);
  if (typeOf(n) === 'identifier') return modules.has(textOf(n!));
  return typeOf(n) === 'call_expression' && dottedName(callee(n!)) === 'require' && MODULE.test(textOf(namedChildren(field(n, 'arguments'))[0]) ?? '');
}

/** `import env from "env-var"`, `import * as env from "env-var"`, `const env = require("env-var")`. */
function moduleNames(ctx: CodeContext): Set<string> {
  const out = new Set<string>();
  for (const s of namedChildren(ctx.root)) {
    if (s.type === 'import_statement' && MODULE.test(textOf(field(s, 'source')) ?? '')) {
      walk(s, (n) => {
        if (n.type === 'import_clause') for (const c of namedChildren(n)) if (c.type === 'identifier') out.add(textOf(c));
        if (n.type === 'namespace_import') for (const c of namedChildren(n)) if (c.type === 'identifier') out.add(textOf(c));
      });
    }
  }
  for (const d of ctx.nodes('variable_declarator')) {
    const value = unwrap(field(d, 'value'));
    if (typeOf(field(d, 'name')) === 'identifier' && value && isModule(value, out)) out.add(textOf(field(d, 'name')!));
  }
  return out;
}
