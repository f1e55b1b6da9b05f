// Where else a container uses one of its env vars. A fix that removes a variable must not leave a
// reference dangling: Kubernetes leaves an undefined `$(VAR)` in `command`, `args`, env values and
// `subPathExpr` as literal text (so Redis would require the password "$(REDIS_PASSWORD)"), and a
// shell script the container runs (`sh -c …`, in command/args or an exec probe or lifecycle hook)
// reads `$VAR` / `${VAR}` as "". Plain references inside a script can read the mounted file instead
// (`$(cat /etc/secrets/VAR)`); every other kind stops the fix (the finding says why).
import { isScalar, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextRange } from '../findings';
import { cachedIn } from '../memo';
import { asString, getMap, getSeq, getString, rangeOf, type AnyDoc } from './nodes';
import { containerEntries } from './uses';
import type { Container } from './workloads';

export interface VariableReference {
  variable: string;
  /** The reference as the runtime reads it (`$(VAR)`, `${VAR}`, `$VAR`, `${VAR:-x}`, `printenv VAR`). */
  form: string;
  /** Where it is written (the whole string when the source spells it differently, e.g. with escapes). */
  at: TextRange;
  /** Where it is, for messages: `args`, `command`, `env DATABASE_URL`, `livenessProbe`… */
  place: string;
  /** A shell script reads it, and `$(cat FILE)` can stand in for it exactly. */
  rewritable: boolean;
}

/** A string the container's runtime reads: the scalar, what it is, and how it is read. */
interface Place {
  scalar: Scalar;
  label: string;
  /** Kubernetes expands `$(VAR)` in it (command, args, env values, subPathExpr). */
  expands: boolean;
  /** A shell runs it as a script (`sh -c <this>`). */
  script: boolean;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);
const NAME = '[A-Za-z_][A-Za-z0-9_]*';

const BY_CONTAINER = new WeakMap<Container, ReadonlyMap<string, readonly VariableReference[]>>();

/** Every reference to `variable` in the container, except its own definition. */
export function referencesTo(container: Container, variable: string, text: string): readonly VariableReference[] {
  return (cachedIn(BY_CONTAINER, container, () => collect(container, text)).get(variable) ?? []).filter(
    (r) => r.place !== `env ${variable}`, // a variable's own value cannot use it
  );
}

/** Every variable the container's commands, scripts and values refer to. */
export function referencedVariables(container: Container, text: string): readonly string[] {
  return [...cachedIn(BY_CONTAINER, container, () => collect(container, text)).keys()];
}

function collect(container: Container, text: string): Map<string, VariableReference[]> {
  const out = new Map<string, VariableReference[]>();
  for (const place of placesOf(container)) {
    for (const ref of referencesIn(place, text)) {
      const list = out.get(ref.variable);
      if (list) list.push(ref);
      else out.set(ref.variable, [ref]);
    }
  }
  return out;
}

function placesOf(container: Container): Place[] {
  const doc = container.pod.object.document.doc;
  const map = container.map;
  const out: Place[] = [];
  out.push(...argvPlaces(doc, [getSeq(map, 'command', doc), getSeq(map, 'args', doc)], ['command', 'args'], true));
  for (const e of containerEntries(container, 'env')) {
    const value = e.entry.items.find((p) => isScalar(p.key) && p.key.value === 'value')?.value;
    if (isScalar(value)) out.push({ scalar: value, label: `env ${getString(e.entry, 'name', doc) ?? ''}`, expands: true, script: false });
  }
  for (const e of containerEntries(container, 'volumeMounts')) {
    const value = e.entry.items.find((p) => isScalar(p.key) && p.key.value === 'subPathExpr')?.value;
    if (isScalar(value)) out.push({ scalar: value, label: 'volumeMounts subPathExpr', expands: true, script: false });
  }
  // Exec handlers run in the container's environment; Kubernetes does not expand `$(VAR)` in them.
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) out.push(...execPlaces(doc, getMap(map, probe, doc), probe));
  const lifecycle = getMap(map, 'lifecycle', doc);
  for (const hook of ['postStart', 'preStop']) out.push(...execPlaces(doc, getMap(lifecycle, hook, doc), `lifecycle.${hook}`));
  return out;
}

function execPlaces(doc: AnyDoc, handler: YAMLMap | undefined, label: string): Place[] {
  return argvPlaces(doc, [getSeq(getMap(handler, 'exec', doc), 'command', doc)], [label], false);
}

/**
 * The items of an argv (command + args), each marked as a shell script or not: a script is the
 * operand after an option cluster holding `c` when the program is a shell (`sh -c`, `bash -ec`,
 * `/bin/sh -o pipefail -c`).
 */
function argvPlaces(doc: AnyDoc, parts: (YAMLSeq | undefined)[], labels: string[], expands: boolean): Place[] {
  const items: { scalar: Scalar; label: string }[] = [];
  parts.forEach((seq, i) => {
    for (const item of seq?.items ?? []) if (isScalar(item)) items.push({ scalar: item, label: labels[i] });
  });
  // Without `command`, `args` follow the image's entrypoint; they are a shell command only when they say so.
  const argv = items.map((i) => asString(i.scalar, doc) ?? '');
  const script = scriptIndex(argv);
  return items.map((item, i) => ({ ...item, expands, script: i === script }));
}

function scriptIndex(argv: string[]): number | undefined {
  let start = 0;
  if (argv[0] !== undefined && /(^|\/)busybox$/.test(argv[0])) start = 1;
  const program = argv[start]?.split('/').pop() ?? '';
  if (!SHELLS.has(program)) return undefined;
  let command = false;
  for (let i = start + 1; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-o' || arg === '+o') {
      i++;
      continue;
    }
    if (/^[-+][A-Za-z]+$/.test(arg)) {
      if (arg.startsWith('-') && arg.includes('c')) command = true;
      continue;
    }
    return command ? i : undefined;
  }
  return undefined;
}

/**
 * References in one string. Found in the parsed value (shell quoting is about the value), then
 * matched to the source text occurrence by occurrence; when the source does not show the same
 * occurrences (escapes), the reference cannot be edited there and counts as not rewritable.
 */
function referencesIn(place: Place, text: string): VariableReference[] {
  const value = typeof place.scalar.value === 'string' ? place.scalar.value : undefined;
  const range = rangeOf(place.scalar);
  if (value === undefined || !range || (!value.includes('$') && !(place.script && value.includes('printenv')))) return [];
  const found: { variable: string; form: string; index: number; rewritable: boolean }[] = [];
  if (place.expands) found.push(...kubernetesReferences(value, place.script));
  if (place.script) found.push(...shellReferences(value));
  const source = text.slice(range.start, range.end);
  const out: VariableReference[] = [];
  for (const ref of found) {
    const at = sourceOccurrence(source, value, ref.form, ref.index);
    out.push({
      variable: ref.variable,
      form: ref.form,
      at: at === undefined ? range : { start: range.start + at, end: range.start + at + ref.form.length },
      place: place.label,
      rewritable: ref.rewritable && at !== undefined,
    });
  }
  return out;
}

/** `$(VAR)` (not `$$(VAR)`, Kubernetes' escape); inside a script `$(cat FILE)` can replace it. */
function kubernetesReferences(value: string, script: boolean): { variable: string; form: string; index: number; rewritable: boolean }[] {
  const out: { variable: string; form: string; index: number; rewritable: boolean }[] = [];
  for (let i = value.indexOf('$'); i >= 0; i = value.indexOf('$', i + 1)) {
    if (value[i + 1] === '$') {
      i++;
      continue;
    }
    const m = new RegExp(`^\\$\\((${NAME})\\)`).exec(value.slice(i));
    if (m) out.push({ variable: m[1], form: m[0], index: i, rewritable: script });
  }
  return out;
}

/**
 * `$VAR` and `${VAR}` outside single quotes (rewritable), and the forms a file read cannot stand in
 * for exactly: `${VAR:-x}` and other expansions with operators, `${#VAR}`, `printenv VAR`.
 */
function shellReferences(value: string): { variable: string; form: string; index: number; rewritable: boolean }[] {
  const out: { variable: string; form: string; index: number; rewritable: boolean }[] = [];
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && !quoted) {
      i++;
      continue;
    }
    if (c === "'") {
      quoted = !quoted;
      continue;
    }
    if (quoted) continue;
    if (c === 'p' && /^printenv\s/.test(value.slice(i)) && (i === 0 || /[\s;&|(]/.test(value[i - 1]))) {
      const m = new RegExp(`^printenv\\s+(${NAME})`).exec(value.slice(i));
      if (m) out.push({ variable: m[1], form: m[0], index: i, rewritable: false });
      continue;
    }
    if (c !== '$') continue;
    if (value[i + 1] === '$') {
      i++; // `$$` is the shell's process id
      continue;
    }
    const rest = value.slice(i);
    const plain = new RegExp(`^\\$(${NAME})`).exec(rest);
    const braced = new RegExp(`^\\$\\{(${NAME})\\}`).exec(rest);
    const operator = new RegExp(`^\\$\\{[#!]?(${NAME})[^}]*\\}`).exec(rest);
    if (braced) out.push({ variable: braced[1], form: braced[0], index: i, rewritable: true });
    else if (operator) out.push({ variable: operator[1], form: operator[0], index: i, rewritable: false });
    else if (plain) out.push({ variable: plain[1], form: plain[0], index: i, rewritable: true });
  }
  return out;
}

/**
 * The source offset of the occurrence of `form` that is the value's occurrence at `index`: the n-th
 * occurrence in the value is the n-th in the source when both have the same number of them.
 */
function sourceOccurrence(source: string, value: string, form: string, index: number): number | undefined {
  const inValue = occurrences(value, form);
  const inSource = occurrences(source, form);
  if (inValue.length !== inSource.length) return undefined;
  const n = inValue.indexOf(index);
  return n < 0 ? undefined : inSource[n];
}

function occurrences(text: string, form: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + 1)) {
    // `$AB` is not an occurrence of `$A`.
    if (/^\$[A-Za-z_]/.test(form) && /[A-Za-z0-9_]/.test(text[i + form.length] ?? '')) continue;
    out.push(i);
  }
  return out;
}

/** What a note says about a reference (its form and place: names only, never the text around it). */
export function describeReference(ref: VariableReference): string {
  return `${ref.form} in ${ref.place}`;
}
