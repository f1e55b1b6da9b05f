// A stand-in for `helm template` in checks (no Helm renderer can be installed here): renders a
// template's control flow for one choice of its conditions, so a check can parse what Helm would
// produce and compare containers before and after a fix under the same choice.
//
// Each `if` / `else if` condition is evaluated from its atoms (`not`, `and`, `or` over conditions the
// choice decides: `.Values.auth`, `eq (default "" .Values.x) "sentinel"`), so a fix's copies of a
// condition (`not (A)`, `and (not (A)) (B)`) render exactly when the original does. `with` renders
// like `if`; `range` renders its body once; `define` renders nothing. Lines of actions only render
// nothing (what `toYaml` or `include` would write is unknown); an action inside a line becomes a word,
// and `key: {{- include … | nindent N }}` leaves `key:`.
import { maskTemplates } from '../server/src/engine/k8s/helm';
import { actionBody, actionKind } from '../server/src/engine/k8s/template-blocks';

/** Decides an atomic condition (its text, whitespace normalised). */
export type Choice = (atom: string) => boolean;

interface Frame {
  /** Whether the enclosing blocks render. */
  outer: boolean;
  /** Whether the current branch renders. */
  active: boolean;
  /** Whether an earlier branch (or this one) was taken. */
  taken: boolean;
}

export function renderTemplate(text: string, choose: Choice): string {
  const mask = maskTemplates(text);
  if (!mask) return text;
  const out: string[] = [];
  const stack: Frame[] = [];
  const active = () => stack.length === 0 || stack[stack.length - 1].active;
  let next = 0;
  let lineStart = 0;
  const seen = new Map<string, number>();
  while (lineStart <= text.length) {
    const eol = text.indexOf('\n', lineStart);
    const lineEnd = eol < 0 ? text.length : eol;
    const inLine = [];
    while (next < mask.actions.length && mask.actions[next].start < lineEnd) inLine.push(mask.actions[next++]);
    if (inLine.length > 0 && inLine.every((a) => a.wholeLine)) {
      for (const action of inLine) {
        const source = text.slice(action.start, action.end);
        const kind = actionKind(text, action);
        const body = actionBody(source);
        if (kind === 'if' || kind === 'with') {
          const holds = evaluate(body.replace(/^(if|with)\s+/, '').replace(/^\$\w+\s*:=\s*/, ''), choose);
          stack.push({ outer: active(), active: active() && holds, taken: holds });
        } else if (kind === 'range') {
          stack.push({ outer: active(), active: active(), taken: true });
        } else if (kind === 'define' || kind === 'block') {
          stack.push({ outer: active(), active: false, taken: true });
        } else if (kind === 'else') {
          const top = stack[stack.length - 1];
          if (!top) continue;
          const condition = /^else\s+(?:if|with)\s+(.*)$/s.exec(body)?.[1];
          const holds = !top.taken && (condition === undefined || evaluate(condition, choose));
          top.active = top.outer && holds;
          top.taken ||= holds;
        } else if (kind === 'end') {
          stack.pop();
        }
      }
    } else if (active()) {
      let line = '';
      let at = lineStart;
      for (const action of inLine) {
        line += text.slice(at, action.start) + (action.blockValue ? '' : placeholder(text.slice(action.start, action.end), seen));
        at = Math.min(action.end, lineEnd);
      }
      out.push(line + text.slice(at, lineEnd));
    }
    // An action that runs over several lines: continue after it.
    const last = inLine[inLine.length - 1];
    const resume = last && last.end > lineEnd ? text.indexOf('\n', last.end) : eol;
    if (resume < 0) break;
    lineStart = resume + 1;
  }
  return out.join('\n');
}

/**
 * `x<hash of the action>_<occurrence>`: the same action renders the same text before and after a fix
 * that inserts elsewhere, and generated keys (`{{ $key }}: {{ $value }}` in a range) stay distinct.
 */
function placeholder(action: string, seen: Map<string, number>): string {
  const n = (seen.get(action) ?? 0) + 1;
  seen.set(action, n);
  let hash = 0;
  for (let i = 0; i < action.length; i++) hash = (Math.imul(hash, 31) + action.charCodeAt(i)) >>> 0;
  return `x${hash.toString(36)}_${n}`;
}

/** Evaluates a condition: `not X`, `and X Y…`, `or X Y…` over atoms the choice decides. */
export function evaluate(condition: string, choose: Choice): boolean {
  const tokens = tokenize(condition);
  let i = 0;
  const term = (): string | { group: unknown[] } => {
    if (tokens[i] === '(') {
      i++;
      const group: unknown[] = [];
      while (i < tokens.length && tokens[i] !== ')') group.push(term());
      i++;
      return { group };
    }
    return tokens[i++];
  };
  const terms: unknown[] = [];
  while (i < tokens.length) terms.push(term());
  return evalTerms(terms, choose);
}

function evalTerms(terms: unknown[], choose: Choice): boolean {
  const [head, ...rest] = terms;
  if (head === 'not' && rest.length === 1) return !evalTerm(rest[0], choose);
  if (head === 'and' && rest.length > 0) return rest.every((t) => evalTerm(t, choose));
  if (head === 'or' && rest.length > 0) return rest.some((t) => evalTerm(t, choose));
  if (terms.length === 1) return evalTerm(head, choose);
  return choose(terms.map(show).join(' '));
}

function evalTerm(term: unknown, choose: Choice): boolean {
  return typeof term === 'string' ? choose(term) : evalTerms((term as { group: unknown[] }).group, choose);
}

function show(term: unknown): string {
  return typeof term === 'string' ? term : `(${(term as { group: unknown[] }).group.map(show).join(' ')})`;
}

function tokenize(text: string): string[] {
  return text.match(/"(?:[^"\\]|\\.)*"|`[^`]*`|[()]|[^\s()"`]+/g) ?? [];
}

/** The atomic conditions of a template's `if` / `else if` / `with` actions (whitespace normalised). */
export function atomsOf(text: string): string[] {
  const atoms = new Set<string>();
  for (const action of maskTemplates(text)?.actions ?? []) {
    const body = actionBody(text.slice(action.start, action.end));
    const condition = /^(?:else\s+)?(?:if|with)\s+(.*)$/s.exec(body)?.[1];
    if (condition !== undefined) {
      evaluate(condition.replace(/^\$\w+\s*:=\s*/, ''), (atom) => {
        atoms.add(atom);
        return false;
      });
    }
  }
  return [...atoms].sort();
}

/**
 * Choices to render under: every combination when there are few atoms, else all-true, all-false and
 * a fixed set of pseudo-random ones (the same on every run).
 */
export function choicesFor(atoms: readonly string[], count = 16): Choice[] {
  if (atoms.length <= 4) {
    return Array.from({ length: 2 ** atoms.length }, (_, bits) => (atom: string) => {
      const i = atoms.indexOf(atom);
      return i >= 0 && ((bits >> i) & 1) === 1;
    });
  }
  const choices: Choice[] = [() => true, () => false];
  let seed = 0x9e3779b9;
  for (let n = 2; n < count; n++) {
    const values = new Map<string, boolean>();
    for (const atom of atoms) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      values.set(atom, (seed >>> 16) % 2 === 1);
    }
    choices.push((atom) => values.get(atom) ?? false);
  }
  return choices;
}
