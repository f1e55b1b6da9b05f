// Names declared with a given type in Go and Java (fields, parameters, variables): a field
// `sugar *zap.SugaredLogger` makes `w.sugar` a logger wherever the file uses it.
import type { CodeContext } from './context';
import { descendants, field, textOf, type SyntaxNode } from './syntax';

/** Declaration node types, and where each keeps its type and its names. */
const DECLARATIONS: Record<string, { names: (n: SyntaxNode) => (SyntaxNode | null)[] }> = {
  // Go
  field_declaration: {
    names: (n) => [...n.childrenForFieldName('name'), ...n.childrenForFieldName('declarator').map((d) => (d ? (field(d, 'name') ?? null) : null))],
  },
  parameter_declaration: { names: (n) => n.childrenForFieldName('name') },
  var_spec: { names: (n) => n.childrenForFieldName('name') },
  // Java (field_declaration above covers its declarators)
  formal_parameter: { names: (n) => [field(n, 'name') ?? null] },
  local_variable_declaration: { names: (n) => n.childrenForFieldName('declarator').map((d) => (d ? (field(d, 'name') ?? null) : null)) },
};

export function namesDeclaredWithType(ctx: CodeContext, type: RegExp, mention: RegExp): string[] {
  // Most files declare nothing of the type: their text says so.
  if (!mention.test(ctx.text)) return [];
  const out: string[] = [];
  for (const n of descendants(ctx.root, Object.keys(DECLARATIONS))) {
    if (!type.test(textOf(field(n, 'type')) ?? '')) continue;
    for (const name of DECLARATIONS[n.type].names(n)) if (name) out.push(textOf(name));
  }
  return out;
}
