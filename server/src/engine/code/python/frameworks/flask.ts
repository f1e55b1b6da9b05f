// Flask: after `app.config.from_prefixed_env()` (Flask ≥ 2.1), `app.config["SECRET_KEY"]` and
// `app.config.get("SECRET_KEY")` hold FLASK_SECRET_KEY (or `<prefix>_…`). Flask reads no secret files:
// the fix sets the keys from the mounted files, when they are there, right after from_prefixed_env()
// (file-overrides.ts).
import type { Framework, FrameworkRead } from '../../frameworks';
import { callArguments, escapeRegExp, field, plainName, stringValue, textOf, type SyntaxNode } from '../../syntax';
import { overridableReads } from './file-overrides';
import { nodesAtMatches } from './text-reads';

const FRAMEWORK = 'Flask';

export const flask: Framework = {
  marker: /\bfrom_prefixed_env\b/,
  reads(ctx) {
    const prefixes = new Map<string, { prefix: string; statement?: SyntaxNode }>();
    for (const call of ctx.nodes('call')) {
      const fn = plainName(field(call, 'function'));
      if (!fn?.endsWith('.config.from_prefixed_env')) continue;
      const args = callArguments(call);
      const keyword = args.find((a) => a.type === 'keyword_argument' && textOf(field(a, 'name')) === 'prefix');
      const prefix =
        stringValue(keyword ? field(keyword, 'value') : args.find((a) => a.type !== 'keyword_argument')) ?? (args.length === 0 ? 'FLASK' : undefined);
      const statement = call.parent?.type === 'expression_statement' ? call.parent : undefined;
      if (prefix !== undefined) prefixes.set(fn.slice(0, -'.from_prefixed_env'.length), { prefix, statement });
    }
    const out: FrameworkRead[] = [];
    for (const [config, { prefix, statement }] of prefixes) {
      const read = overridableReads(ctx, out, {
        after: statement,
        variable: (key) => `${prefix}_${key}`,
        assign: `${config}[_secret_key] = _secret_value`,
        framework: FRAMEWORK,
        conflictKey: `flask:${statement?.id ?? config}`,
      });
      for (const { node } of nodesAtMatches(ctx, new RegExp(`(?<![\\w.])(${escapeRegExp(config)})\\s*\\[`, 'g'), ['subscript'])) {
        const key = textOf(field(node, 'value')) === config ? stringValue(field(node, 'subscript')) : undefined;
        // A write (`app.config["X"] = …`) sets the value rather than reading the variable.
        const written = node.parent?.type === 'assignment' && field(node.parent, 'left')?.id === node.id;
        if (key !== undefined && !written) read(node, key);
      }
      for (const call of ctx.nodes('call')) {
        if (plainName(field(call, 'function')) !== `${config}.get`) continue;
        const key = stringValue(callArguments(call)[0]);
        if (key !== undefined) read(call, key);
      }
    }
    return out;
  },
};
