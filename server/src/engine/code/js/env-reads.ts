// JS/TS environment sources: process.env.X, process.env["X"], destructuring from process.env (with
// rename and defaults), `const env = process.env; env.X`, `const { env } = process`, import.meta.env.X.
import type { NodeIndex } from '../context';
import { envModel, type EnvModel, type EnvRead } from '../env-reads';
import { dottedName, field, mentionTest, namedChildren, stringValue, unwrap, walk, type SyntaxNode } from '../syntax';

const ENV_OBJECTS = new Set(['process.env', 'import.meta.env', 'globalThis.process.env', 'Deno.env']);

function collectAliases(nodes: NodeIndex, text: string): Set<string> {
  const aliases = new Set<string>();
  const mentionsEnv = mentionTest(text, ['env']);
  for (const n of nodes('variable_declarator', 'import_statement')) {
    if (!mentionsEnv(n)) continue;
    if (n.type === 'variable_declarator') {
      const name = field(n, 'name');
      const value = unwrap(field(n, 'value'));
      if (name?.type === 'identifier' && value && ENV_OBJECTS.has(dottedName(value) ?? '')) aliases.add(name.text);
      // const { env } = process  /  const { env: e } = process
      if (name?.type === 'object_pattern' && dottedName(value) === 'process') {
        for (const p of namedChildren(name)) {
          if (p.type === 'shorthand_property_identifier_pattern' && p.text === 'env') aliases.add('env');
          if (p.type === 'pair_pattern' && field(p, 'key')?.text === 'env' && field(p, 'value')?.type === 'identifier') aliases.add(field(p, 'value')!.text);
        }
      }
    } else if (n.type === 'import_statement' && /^['"](node:)?process['"]$/.test(field(n, 'source')?.text ?? '')) {
      walk(n, (s) => {
        if (s.type === 'import_specifier' && field(s, 'name')?.text === 'env') aliases.add(field(s, 'alias')?.text ?? 'env');
      });
    }
  }
  return aliases;
}

export function jsEnvModel(nodes: NodeIndex, text: string): EnvModel {
  const aliases = collectAliases(nodes, text);
  const mentionsEnv = mentionTest(text, ['env', ...aliases]);
  const isEnvObject = (node: SyntaxNode | undefined): boolean => {
    const n = unwrap(node);
    if (!n) return false;
    if (n.type === 'identifier') return aliases.has(n.text);
    return ENV_OBJECTS.has(dottedName(n) ?? '');
  };
  const reads: EnvRead[] = [];
  for (const n of nodes('member_expression', 'subscript_expression', 'variable_declarator')) {
    if (!mentionsEnv(n)) continue;
    if (n.type === 'member_expression' && isEnvObject(field(n, 'object'))) {
      const prop = field(n, 'property');
      if (prop?.type === 'property_identifier' && !isWrite(n)) reads.push({ node: n, name: prop.text, form: 'member' });
    } else if (n.type === 'subscript_expression' && isEnvObject(field(n, 'object'))) {
      const name = stringValue(field(n, 'index'));
      if (name !== undefined && !isWrite(n)) reads.push({ node: n, name, form: 'subscript' });
    } else if (n.type === 'variable_declarator' && field(n, 'name')?.type === 'object_pattern' && isEnvObject(field(n, 'value'))) {
      reads.push(...destructured(field(n, 'name')!, n.parent ?? n));
    }
  }
  return envModel(reads, (node) => isEnvObject(node));
}

/** Each property of `{ X, Y: y, Z = "d", "W-V": w }` bound from the environment. */
function destructured(pattern: SyntaxNode, declaration: SyntaxNode): EnvRead[] {
  const out: EnvRead[] = [];
  for (const p of namedChildren(pattern)) {
    if (p.type === 'shorthand_property_identifier_pattern') {
      out.push({ node: p, name: p.text, form: 'destructure', binding: p.text, declaration, patternId: pattern.id });
    } else if (p.type === 'object_assignment_pattern') {
      const left = field(p, 'left');
      if (left) out.push({ node: p, name: left.text, form: 'destructure', binding: left.text, fallback: field(p, 'right'), declaration, patternId: pattern.id });
    } else if (p.type === 'pair_pattern') {
      const key = field(p, 'key');
      const name = key?.type === 'property_identifier' ? key.text : stringValue(key);
      let value = field(p, 'value');
      let fallback: SyntaxNode | undefined;
      if (value?.type === 'assignment_pattern') {
        fallback = field(value, 'right');
        value = field(value, 'left');
      }
      if (name !== undefined && value?.type === 'identifier') out.push({ node: p, name, form: 'destructure', binding: value.text, fallback, declaration, patternId: pattern.id });
    }
  }
  return out;
}

function isWrite(n: SyntaxNode): boolean {
  const parent = n.parent;
  if (!parent) return false;
  if ((parent.type === 'assignment_expression' || parent.type === 'augmented_assignment_expression') && field(parent, 'left')?.id === n.id) return true;
  return parent.type === 'unary_expression' && parent.child(0)?.text === 'delete';
}
