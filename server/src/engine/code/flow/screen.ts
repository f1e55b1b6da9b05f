// A cheap, text-only screen in front of the taint evaluator. Evaluating an expression reads many nodes
// (each read crosses into wasm); most right-hand sides (`total = total + item.price`, the iterable of
// a `for`) cannot carry taint at all, and their text says so: taint only ever starts at a read of a
// secret env var, an environment expression, a loader call, `get_secret_value`, a secret-named
// identifier or key, `getpass`, or a variable already tainted. The screen answers "might this carry taint?" — a
// yes is always safe.
import type { CodeContext } from '../context';
import type { EnvRead } from '../env-reads';
import { frameworkReads } from '../frameworks';
import { callee, endOf, field, firstAtOrAfter, type SyntaxNode } from '../syntax';
import { sourceIndex, type SourceIndex } from './sources';
import { isTainted, type Taint, type TaintOracle } from './taint';

export interface TaintScreen {
  /** Might this expression carry taint? */
  (node: SyntaxNode, vars: ReadonlyMap<string, Taint>): boolean;
  /** The same question for any stretch of text (an expression, a whole function), known only by where it lies. */
  range(start: number, end: number, vars: ReadonlyMap<string, Taint>): boolean;
}

export function taintScreen(ctx: CodeContext, o: TaintOracle, moreSources: readonly string[] = []): TaintScreen {
  const secret = (r: EnvRead) => o.directSecret(r.node) !== undefined;
  const sources = sourceIndex({
    text: ctx.text,
    dialect: o.dialect,
    isSecretName: (name) => o.isSecretName(name),
    secretNameParts: o.secretNameParts,
    envWordPositions: ctx.env.wordPositions,
    harmless: harmlessEnvWords(
      ctx,
      ctx.env.reads.filter((r) => !secret(r)),
    ),
    sourceWords: [...o.dialect.loaderCalls.map((c) => c.split('.')[0]), 'get_secret_value', 'getpass', ...moreSources],
    secretReadStarts: [
      ...ctx.env.reads.filter(secret).map((r) => r.node.startIndex),
      ...frameworkReads(ctx)
        .filter((r) => o.directSecret(r.node) !== undefined)
        .map((r) => r.node.startIndex),
    ],
  });
  const range = (start: number, end: number, vars: ReadonlyMap<string, Taint>): boolean =>
    sources.within(start, end) || (vars.size > 0 && taintedNameWithin(vars, start, end, sources, o));
  return Object.assign((node: SyntaxNode, vars: ReadonlyMap<string, Taint>) => range(node.startIndex, endOf(node), vars), { range });
}

/**
 * A tainted variable's name (an attribute's by its last name: `self.token`) in the text. Secret-sounding
 * names need no search: every token that sounds secret is a source already.
 */
function taintedNameWithin(vars: ReadonlyMap<string, Taint>, start: number, end: number, sources: SourceIndex, o: TaintOracle): boolean {
  for (const [name, taint] of vars) {
    if (!isTainted(taint)) continue;
    const last = name.slice(name.lastIndexOf('.') + 1);
    if (!o.isSecretName(last) && sources.nameWithin(last, start, end)) return true;
  }
  return false;
}

/**
 * Where the names of the environment (`env` in `process.env.PORT`, `environ` in `os.environ["PORT"]`)
 * occur inside reads of variables that are not secret. Such a read yields no taint (only a secret
 * variable, or a secret-sounding key, which the token test still sees, makes it carry one), so those
 * occurrences alone do not make an expression worth evaluating.
 */
function harmlessEnvWords(ctx: CodeContext, reads: readonly EnvRead[]): Set<number> {
  const harmless = new Set<number>();
  if (reads.length === 0) return harmless;
  const positions = ctx.env.wordPositions;
  for (const read of reads) {
    // The part of the read that names the mapping or the function: `process.env`, `os.environ.get`.
    const head = read.form === 'get' ? callee(read.node) : read.form === 'destructure' ? undefined : field(read.node, ctx.dialect.envObjectField);
    if (!head) continue;
    const to = endOf(head);
    for (let i = firstAtOrAfter(positions, read.node.startIndex); i < positions.length && positions[i] < to; i++) harmless.add(positions[i]);
  }
  return harmless;
}
