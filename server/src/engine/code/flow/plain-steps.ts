// Most assignments and loops bind a plain name from a value that cannot carry taint (`total = 0`,
// `for item in request.items:`, `count += 1`). Their text says so: the name and where the value starts
// are read off the statement's text, the value is screened by its text, and the step is replayed
// without reading a single node of it. Anything else — other targets, a value that might carry taint,
// a secret-sounding name whose harmless value must be remembered as CLEAN — goes the full way.
import type { FlowEvent } from './scopes';
import { forgetFields } from './fields';
import type { TaintScreen } from './screen';
import type { Taint, TaintOracle } from './taint';
import { endOf, textOf, typeOf } from '../syntax';

/** Assignments whose text starts with the target: `name = ` / `name += ` / Go's `name := `. */
const PLAIN_STEP_TYPES = new Set([
  'assignment',
  'augmented_assignment',
  'variable_declarator',
  'assignment_expression',
  'augmented_assignment_expression',
  'short_var_declaration',
  'assignment_statement',
]);

/**
 * Replays an assignment or loop from its text alone when it binds a plain name to a value the screen
 * rules out; false when the step needs the full replay. The effects are the full replay's: a plain `=`
 * forgets the name (a known-harmless value would mark it CLEAN, which reads the same as forgotten
 * for a name that does not sound secret), an augmented assignment of a harmless value changes nothing,
 * and a loop variable over a harmless iterable is forgotten.
 */
export function replayPlainStep(e: FlowEvent, vars: Map<string, Taint>, screen: TaintScreen, o: TaintOracle): boolean {
  const n = e.node;
  const text = textOf(n);
  if (e.kind === 'loop') {
    // `for name in ` / `for (const name of `: the dialect's loop binding one plain name.
    const loop = o.dialect.plainLoop.exec(text);
    // The iterable's end is the event's position (scopes.ts): it runs from after `in`/`of` to there.
    if (!loop || screen.range(n.startIndex + loop[0].length, e.at, vars)) return false;
    vars.delete(loop[1]);
    return true;
  }
  if (e.kind !== 'assign') return false;
  const type = typeOf(n);
  if (!PLAIN_STEP_TYPES.has(type)) return false;
  // `name = `, `name += `… at the start of the statement (no comment, annotation or pattern).
  const target = o.dialect.plainAssignment.exec(text);
  if (!target) return false;
  const [prefix, name, operator] = target;
  const augmented = operator !== '=' && operator !== ':=';
  if (!augmented && (o.isSecretName(name) || o.maskedNames.has(name))) return false;
  if (screen.range(n.startIndex + prefix.length, endOf(n), vars)) return false;
  if (!augmented) {
    vars.delete(name);
    forgetFields(name, vars);
  }
  return true;
}
