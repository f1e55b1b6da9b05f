// How a binding gives names their taint: a name, an attribute chain, a pattern taken field by field
// (`const { keyId, apiKey } = …`), a tuple written out on both sides, an `except … as e` alias. The
// replay (replay.ts) decides what value a binding gets; this decides where it goes.
import { dottedName, field, memberParts, namedChildren, textOf, typeOf, walk, type SyntaxNode } from '../syntax';
import { forgetFields } from './fields';
import { CLEAN, isTainted, type Taint, type TaintOracle } from './taint';

/** Targets and values of a tuple assignment written out on both sides, paired, when they line up. */
export function elementwise(left: SyntaxNode, right: SyntaxNode): [SyntaxNode, SyntaxNode][] | undefined {
  const tuple = (n: SyntaxNode) => ['pattern_list', 'tuple_pattern', 'expression_list', 'tuple'].includes(typeOf(n));
  if (!tuple(left) || !tuple(right)) return undefined;
  const targets = namedChildren(left).filter((c) => typeOf(c) !== 'comment');
  const values = namedChildren(right).filter((c) => typeOf(c) !== 'comment');
  if (targets.length !== values.length || targets.some((t) => typeOf(t) === 'list_splat_pattern')) return undefined;
  return targets.map((t, i) => [t, values[i]]);
}

/** Binds every name in a target (identifier, attribute chain, tuple/array/object pattern). */
export function bind(target: SyntaxNode | undefined, taint: Taint | undefined, vars: Map<string, Taint>, augmented: boolean, o: TaintOracle): void {
  if (!target) return;
  const dotted = memberParts(target) !== undefined ? dottedName(target) : undefined;
  if (typeOf(target) === 'identifier' || dotted !== undefined) {
    const key = dotted ?? textOf(target);
    if (dotted === undefined && !augmented) forgetFields(key, vars);
    // A name about a secret (`password_hash`, `token_expires_at`) holds something computed from it.
    const about = o.nameKind(key.slice(key.lastIndexOf('.') + 1)) === 'about';
    const next = about ? CLEAN : augmented && !isTainted(taint) ? vars.get(key) : taint;
    if (next) vars.set(key, next);
    else vars.delete(key);
    return;
  }
  if (typeOf(target) === 'object_pattern' && bindProperties(target, taint, vars, o)) return;
  walk(target, (c) => {
    if (typeOf(c) === 'identifier' || typeOf(c) === 'shorthand_property_identifier_pattern') {
      if (taint) vars.set(textOf(c), taint);
      else vars.delete(textOf(c));
    }
  });
}

/**
 * `const { keyId, apiKey } = issueKey(owner)`: each property takes what that field of the value holds,
 * as `value.keyId` would read (flow/taint.ts fieldTaint): a secret-named one the secret, one about a
 * secret nothing, another the value's whole-environment taint. False for patterns read the coarse way.
 */
function bindProperties(pattern: SyntaxNode, taint: Taint | undefined, vars: Map<string, Taint>, o: TaintOracle): boolean {
  const properties: [string, string][] = [];
  for (const p of namedChildren(pattern)) {
    const type = typeOf(p);
    if (type === 'shorthand_property_identifier_pattern') properties.push([textOf(p), textOf(p)]);
    else if (type === 'pair_pattern' && typeOf(field(p, 'value')) === 'identifier')
      properties.push([textOf(field(p, 'key')) ?? '', textOf(field(p, 'value')) ?? '']);
    else if (type === 'comment') continue;
    else return false;
  }
  for (const [key, name] of properties) {
    const kind = o.nameKind(key);
    const t = kind === 'about' ? CLEAN : kind === 'secret' ? (taint?.secret ? { secret: taint.secret } : { secret: key }) : taint?.env ? taint : undefined;
    if (t) vars.set(name, t);
    else vars.delete(name);
  }
  return true;
}

/** `except ValueError as e` → e (Python 3.11+ grammar: as_pattern with an alias). */
export function exceptAlias(clause: SyntaxNode): SyntaxNode | undefined {
  let found: SyntaxNode | undefined;
  walk(clause, (c) => {
    if (found || typeOf(c) === 'block') return false;
    if (typeOf(c) === 'as_pattern_target') found = c.namedChild(0) ?? undefined;
    return undefined;
  });
  return found;
}

/** `catch (IOException | SQLException e)`: Java's caught exception's name. */
export function javaCatchParameter(clause: SyntaxNode): SyntaxNode | undefined {
  const parameter = namedChildren(clause).find((c) => typeOf(c) === 'catch_formal_parameter');
  return field(parameter, 'name');
}
