// Rewrites inside a log call's arguments: descend through the shapes that only assemble a message
// (concatenation, f-strings, template literals, %-tuples, .format(), dict/object literals, keyword
// arguments) down to the expressions that carry the taint, and replace those — a secret by a
// redaction, the environment by its names — so the call and the rest of its message stay.
import type { TextEdit } from '../../findings';
import { callArguments, callee, dottedName, endOf, field, memberParts, namedChildren, textOf, typeOf, type SyntaxNode } from '../syntax';
import { taintOf, type Taint, type TaintOracle, type Vars } from './taint';

export type TaintKind = 'secret' | 'env';

export interface Rewriter {
  /** Replacement for a value expression carrying the taint. */
  value(node: SyntaxNode, taint: Taint): string;
  /** Replacement for a whole f-string interpolation / `${…}` substitution, or undefined to rewrite its expression. */
  interpolation?(node: SyntaxNode, taint: Taint): string | undefined;
}

/** Calls that only assemble text from their arguments: rewrite the arguments, keep the call. */
const ASSEMBLERS = new Set(['format', 'join', 'concat', 'str', 'String', 'f']);
/**
 * Calls, by dotted name, that make a message or a log field of their arguments, whose result's type a
 * literal could not stand for (a zap.Field, an error): the tainted argument is rewritten inside them.
 */
const TYPED_ASSEMBLERS = new Set([
  ...['fmt.Sprintf', 'fmt.Sprint', 'fmt.Sprintln', 'fmt.Errorf', 'errors.New'],
  ...['zap.String', 'zap.Any', 'zap.Stringer', 'zap.Reflect', 'zap.Strings', 'slog.String', 'slog.Any'],
  ...['String.format', 'String.valueOf', 'String.join', 'MessageFormat.format'],
]);

export function rewriteEdits(nodes: readonly SyntaxNode[], kind: TaintKind, vars: Vars, o: TaintOracle, rw: Rewriter): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  const carries = (n: SyntaxNode | undefined): Taint | undefined => {
    const t = taintOf(n, vars, o);
    return t?.[kind] ? t : undefined;
  };
  let ok = true;
  const visit = (n: SyntaxNode): void => {
    const t = carries(n);
    if (!t || !ok) return;
    const value = typeOf(n) === 'pair' || typeOf(n) === 'keyword_argument' || typeOf(n) === 'keyed_element' ? field(n, 'value') : undefined;
    if (value && !carries(value)) {
      // { "password": get_password() }: the key says secret, so the value goes.
      edits.push({ start: value.startIndex, end: endOf(value), newText: rw.value(value, t) });
      return;
    }
    const parts = assembledParts(n, o);
    if ((typeOf(n) === 'object' || typeOf(n) === 'dictionary') && parts?.every((p) => typeOf(p) === 'spread_element' || typeOf(p) === 'dictionary_splat')) {
      // { ...process.env } / {**os.environ}: the literal is only a copy; rewrite it as a whole.
      edits.push({ start: n.startIndex, end: endOf(n), newText: rw.value(n, t) });
      return;
    }
    if (parts) {
      for (const p of parts) {
        if (typeOf(p) === 'interpolation' || typeOf(p) === 'template_substitution') {
          const inner = typeOf(p) === 'interpolation' ? field(p, 'expression') : (p.namedChild(0) ?? undefined);
          const it = carries(inner);
          if (!inner || !it) continue;
          const whole = rw.interpolation?.(p, it);
          if (whole !== undefined) edits.push({ start: p.startIndex, end: endOf(p), newText: whole });
          else visit(inner);
        } else if (typeOf(p) === 'shorthand_property_identifier') {
          if (carries(p)) edits.push({ start: p.startIndex, end: endOf(p), newText: `${textOf(p)}: ${rw.value(p, t)}` });
        } else if (typeOf(p) === 'spread_element' || typeOf(p) === 'dictionary_splat') {
          if (carries(p)) ok = false;
        } else visit(p);
      }
      return;
    }
    edits.push({ start: n.startIndex, end: endOf(n), newText: rw.value(n, t) });
  };
  for (const n of nodes) visit(n);
  return ok && edits.length > 0 ? edits : undefined;
}

/** The sub-expressions a message-assembling node is made of, or undefined for a value expression. */
function assembledParts(n: SyntaxNode, o: TaintOracle): readonly SyntaxNode[] | undefined {
  switch (typeOf(n)) {
    case 'binary_operator':
    case 'binary_expression':
    case 'boolean_operator':
      return [field(n, 'left'), field(n, 'right')].filter((x): x is SyntaxNode => x !== undefined);
    case 'string':
      return o.dialect.stringInterpolations(n);
    case 'template_string':
      return namedChildren(n).filter((c) => typeOf(c) === 'template_substitution');
    case 'concatenated_string':
    case 'tuple':
    case 'list':
    case 'array':
    case 'dictionary':
    case 'object':
    case 'parenthesized_expression':
    case 'expression_list':
      return namedChildren(n).filter((c) => typeOf(c) !== 'comment');
    case 'pair':
    case 'keyword_argument':
    case 'keyed_element':
      return [field(n, 'value')].filter((x): x is SyntaxNode => x !== undefined);
    case 'composite_literal':
      return [field(n, 'body')].filter((x): x is SyntaxNode => x !== undefined);
    case 'literal_value':
    case 'literal_element':
      return namedChildren(n).filter((c) => typeOf(c) !== 'comment');
    case 'conditional_expression':
      return [namedChildren(n)[0], namedChildren(n)[2]].filter((x): x is SyntaxNode => x !== undefined);
    case 'ternary_expression':
      return [field(n, 'consequence'), field(n, 'alternative')].filter((x): x is SyntaxNode => x !== undefined);
    case 'call':
    case 'call_expression':
    case 'method_invocation': {
      const fn = callee(n);
      if (TYPED_ASSEMBLERS.has(dottedName(fn) ?? '')) return callArguments(n);
      const m = memberParts(fn);
      const name = m?.property ?? textOf(fn) ?? '';
      // "…".format(token), ", ".join([a, token]), str(token): rewrite inside, keep the call.
      if (ASSEMBLERS.has(name) && (!m || typeOf(m.object) === 'string')) return callArguments(n);
      // RuntimeError(f"… {token}"), new Error("…" + token): the message is rewritten, the exception kept.
      if (/(Error|Exception)$/.test(name)) return callArguments(n);
      return undefined;
    }
    case 'new_expression':
    case 'object_creation_expression': {
      const name = textOf(callee(n)) ?? '';
      return /(Error|Exception)$/.test(name) ? callArguments(n) : undefined;
    }
    default:
      return undefined;
  }
}
