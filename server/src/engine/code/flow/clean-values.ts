// What takes the secret out of a value, or shows a value never held one: sanitizer calls (hash, mask,
// redact…), masking replaces, literals, lengths and comparisons, and values that say what they hold
// (taint.ts asks these as it follows a value; flow/steps.ts asks isHarmlessValue for a binding).
import { splitWords, withoutNumbering } from '../../names';
import { MASK_TEXT, NOT_A_VALUE, NUMERIC_CONVERSIONS, SANITIZER_WORDS } from './vocabulary';
import { callArguments, callee, field, isCall, memberParts, namedChildren, stringValue, textOf, typeOf, unwrap, type SyntaxNode } from '../syntax';
import type { TaintOracle } from './taint';

const sanitizerNames = new Map<string, boolean>();

export function isSanitizerName(name: string): boolean {
  let answer = sanitizerNames.get(name);
  if (answer === undefined) {
    // Callee names repeat across a file and across files; bounded so a long session cannot grow it.
    if (sanitizerNames.size >= 4096) sanitizerNames.clear();
    answer = splitWords(name).some((w) => SANITIZER_WORDS.has(withoutNumbering(w)));
    sanitizerNames.set(name, answer);
  }
  return answer;
}

/**
 * True for a value that is harmless whatever the variable it is assigned to is called: literals,
 * lengths, hashes and masks, comparisons. (An unknown call is not: `password = get_password()`.)
 */
export function isKnownClean(node: SyntaxNode | undefined): boolean {
  const n = unwrap(node);
  if (!n) return false;
  if (NOT_A_VALUE.has(typeOf(n)) || typeOf(n) === 'comparison_operator' || typeOf(n) === 'not_operator' || typeOf(n) === 'unary_expression') return true;
  if (typeOf(n) === 'string' && (!textOf(n).includes('{') || namedChildren(n).every((c) => typeOf(c) !== 'interpolation'))) return true;
  if (typeOf(n) === 'member_expression' && (textOf(field(n, 'property')) === 'length' || textOf(field(n, 'property')) === 'size')) return true;
  // `shown = password ? null : "(hidden)"`: a choice between harmless values (the condition is not shown).
  if (typeOf(n) === 'ternary_expression') return isKnownClean(field(n, 'consequence')) && isKnownClean(field(n, 'alternative'));
  if (typeOf(n) === 'conditional_expression') {
    const [then, , otherwise] = namedChildren(n);
    return isKnownClean(then) && isKnownClean(otherwise);
  }
  if (isCall(n) && typeOf(n) !== 'new_expression' && typeOf(n) !== 'object_creation_expression') {
    const fn = unwrap(callee(n));
    const last = memberParts(fn)?.property ?? (fn && typeOf(fn) === 'identifier' ? textOf(fn) : '');
    return last !== '' && isSanitizerName(last);
  }
  return false;
}

/**
 * True for an untainted value that says what it holds, so a secret-sounding name bound to it holds no
 * secret: what isKnownClean accepts, a read of an environment variable that is not a secret
 * (`SESSION_COOKIE = process.env.SESSION_COOKIE_NAME || "sid"`), a number made of one, and fallbacks
 * between such values.
 */
export function isHarmlessValue(node: SyntaxNode | undefined, o: TaintOracle): boolean {
  const n = unwrap(node);
  if (!n) return false;
  if (isKnownClean(n) || o.isPlainEnvRead(n)) return true;
  const type = typeOf(n);
  // A field about a secret (`event.get("ClientRequestToken")` is an idempotency id, `token["expires_at"]`).
  const key = fieldName(n);
  if (key !== undefined && o.nameKind(key) === 'about') return true;
  if (type === 'binary_expression' || type === 'boolean_operator') {
    const op = textOf(field(n, 'operator')) ?? '';
    return /^(\|\||\?\?|or)$/.test(op) && isHarmlessValue(field(n, 'left'), o) && isHarmlessValue(field(n, 'right'), o);
  }
  if (type === 'call' || type === 'call_expression' || type === 'method_invocation') {
    const args = callArguments(n);
    return NUMERIC_CONVERSIONS.has(textOf(unwrap(callee(n))) ?? '') && args.length > 0 && isHarmlessValue(args[0], o);
  }
  return false;
}

/** The field a member, subscript or `.get("…")` read names (`x.token_type`, `x["exp"]`, `x.get("scope")`). */
function fieldName(n: SyntaxNode): string | undefined {
  const type = typeOf(n);
  if (type === 'attribute' || type === 'member_expression' || type === 'selector_expression' || type === 'field_access') return memberParts(n)?.property;
  if (type === 'subscript' || type === 'subscript_expression') return stringValue(field(n, type === 'subscript' ? 'subscript' : 'index'));
  if (type === 'call' || type === 'call_expression' || type === 'method_invocation') {
    const m = memberParts(unwrap(callee(n)));
    return m?.property === 'get' ? stringValue(callArguments(n)[0]) : undefined;
  }
  return undefined;
}

/** `.replace(/./g, "*")`-style masking: a pattern that matches every character, global, replaced by a constant. */
export function masksEverything(args: readonly SyntaxNode[]): boolean {
  const [pattern, flags] = regexOf(args[0]);
  return pattern !== undefined && /^(\.|\[\\s\\S\]|\[\^\]|\\S|\\w|\[\^\\s\])$/.test(pattern) && flags.includes('g') && stringValue(args[1]) !== undefined;
}

/**
 * `url.replace(/:[^@]*@/, ":***@")`, `re.sub(r":[^@]*@", ":***@", url)`: a replace whose replacement
 * is a mask hides the part it matched, which is the part a writer means to hide.
 */
export function replacesWithMask(dotted: string, method: string | undefined, args: readonly SyntaxNode[]): boolean {
  const replacement = method === 'replace' || method === 'replaceAll' ? args[1] : dotted === 're.sub' || dotted === 'regex.sub' ? args[1] : undefined;
  const text = stringValue(replacement);
  return text !== undefined && MASK_TEXT.test(text);
}

/** A regex literal's or a `new RegExp("…", "…")`'s pattern and flags (undefined when not written out). */
function regexOf(node: SyntaxNode | undefined): [string | undefined, string] {
  if (typeOf(node) === 'regex') return [textOf(field(node, 'pattern')), textOf(field(node, 'flags')) ?? ''];
  if (typeOf(node) === 'new_expression' && textOf(field(node, 'constructor')) === 'RegExp') {
    const [pattern, flags] = callArguments(node!).map((a) => stringValue(a));
    return [pattern?.replace(/\\\\/g, '\\'), flags ?? ''];
  }
  return [undefined, ''];
}
