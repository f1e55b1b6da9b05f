// The Dockerfile fixes for a secret ENV or ARG: the declaration goes, and every RUN step that needs the
// value gets it from a BuildKit secret instead (`RUN --mount=type=secret,id=<id>,env=NAME`), which is
// never written to a layer or the image history. The `env=` option needs Dockerfile syntax 1.10+, so a
// file without a `# syntax=` directive gets `# syntax=docker/dockerfile:1`; one pinned to an older
// frontend gets no fix (changing its frontend is the user's call). Nothing else is touched: a
// declaration another instruction still reads (`LABEL x=$TOKEN`, `COPY --chown=$USER`) is not removed.
import type { Fix, TextEdit } from '../../findings';
import { detectEol } from '../../text';
import type { Declaration, DockerfileContext, RunStep } from './model';
import { scopeOf } from './model';

/** The BuildKit secret id for a variable: its name in lower case, as Docker's own examples write them. */
export function secretIdFor(variable: string): string {
  return variable.toLowerCase();
}

/** The `docker build` option that provides the secret from the builder's environment. */
export function buildOptionFor(variable: string): string {
  return `--secret id=${secretIdFor(variable)},env=${variable}`;
}

export type MountPlan = { runs: RunStep[]; edits: TextEdit[]; directiveAdded: boolean } | { blocked: string };

/**
 * The edits that hand `variable` to these RUN steps as a secret (those that have it mounted already are
 * left alone), with the syntax directive the `env=` option needs; `blocked` when it cannot be used.
 */
export function mountEdits(ctx: DockerfileContext, variable: string, runs: readonly RunStep[]): MountPlan {
  const needing = runs.filter((r) => !r.secretMounts.some((m) => m.env === variable));
  if (needing.length === 0) return { runs: [], edits: [], directiveAdded: false };
  const syntax = syntaxSupport(ctx);
  if (typeof syntax === 'string') return { blocked: syntax };
  const flag = ` --mount=type=secret,id=${secretIdFor(variable)},env=${variable}`;
  const edits: TextEdit[] = needing.map((r) => ({ start: r.keywordEnd, end: r.keywordEnd, newText: flag }));
  if (syntax === false) edits.push({ start: ctx.directiveInsertAt, end: ctx.directiveInsertAt, newText: `# syntax=docker/dockerfile:1${detectEol(ctx.text)}` });
  return { runs: needing, edits, directiveAdded: syntax === false };
}

/** True when the file's frontend knows `RUN --mount=type=secret,env=`; false without a directive; else why not. */
function syntaxSupport(ctx: DockerfileContext): boolean | string {
  if (!ctx.syntax) return false;
  const value = ctx.syntax.value.trim();
  const m = /^(?:docker\.io\/)?docker\/dockerfile(?:-upstream)?:(\d+)(?:\.(\d+))?(?:[.-][\w.-]*)?(?:@sha256:[0-9a-f]+)?$/i.exec(value);
  if (!m) return `the syntax directive names a frontend (${value}) not known to support RUN --mount=type=secret,env= (Dockerfile syntax 1.10+)`;
  const major = Number(m[1]);
  const minor = m[2] === undefined ? undefined : Number(m[2]);
  if (major > 1 || (major === 1 && (minor === undefined || minor >= 10))) return true;
  return `the syntax directive pins ${value}; RUN --mount=type=secret,env= needs Dockerfile syntax 1.10+ (docker/dockerfile:1)`;
}

/** Instructions other than RUN that read the declared value while it is in scope (the fix would leave them a dangling reference). */
export function otherReaders(ctx: DockerfileContext, decl: Declaration): { keyword: string; line: number }[] {
  const scope = scopeOf(ctx, decl);
  // A use in the instruction that declares the name again reads this declaration (`ENV T=$T` after `ARG T`).
  return (ctx.otherUsesByName.get(decl.name) ?? [])
    .filter((u) => scope.some((p) => p.stage === u.stage && u.order > p.after && u.order <= p.before))
    .map((u) => ({ keyword: u.keyword, line: ctx.lines.lineAt(u.range.start) + 1 }));
}

/**
 * Removes one declaration: its whole instruction (its own lines) when it is the only `NAME=value` there,
 * else just that property and the space that separates it from its neighbour. `replacement` lines (a
 * comment) take the instruction's place, indented like it.
 */
export function removalEdits(ctx: DockerfileContext, decl: Declaration, replacement?: string): TextEdit[] {
  const { lines, text } = ctx;
  const eol = detectEol(text);
  const firstLine = lines.lineAt(decl.instruction.start);
  const lineStart = lines.lineStart(firstLine);
  const indent = text.slice(lineStart, decl.instruction.start);
  const note = replacement === undefined ? '' : `${indent}${replacement}${eol}`;
  if (decl.propertyCount === 1) {
    const lastLine = lines.lineAt(decl.instruction.end);
    const end = lines.nextLineStart(lastLine);
    const keepsEol = end === text.length && !/[\r\n]$/.test(text);
    return [{ start: lineStart, end, newText: keepsEol && note ? note.slice(0, -eol.length) : note }];
  }
  const next = decl.propertyIndex + 1 < decl.propertyCount ? ctx.declarations[decl.index + 1] : undefined;
  const previous = decl.propertyIndex > 0 ? ctx.declarations[decl.index - 1] : undefined;
  const edit: TextEdit = next
    ? { start: decl.property.start, end: next.property.start, newText: '' }
    : { start: previous!.property.end, end: decl.property.end, newText: '' };
  return note ? [{ start: lineStart, end: lineStart, newText: note }, edit] : [edit];
}

/** A fix with its edits sorted (inserts at one offset keep their order). */
export function dockerfileFix(title: string, edits: TextEdit[], caveat: string | undefined): Fix {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i);
  return { title, kind: 'quickfix', preferred: caveat === undefined, edits: sorted.map((x) => x.e), caveat, conflictKey: 'dockerfile' };
}
