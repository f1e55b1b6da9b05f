// A Dockerfile as the rules see it, parsed by dockerfile-ast (the parser behind the Dockerfile language
// server): build stages, the ENV and ARG declarations with their scopes, and the RUN steps with the
// variables their scripts reference and the secret mounts they already have. Offsets, not positions.
import { DockerfileParser, type Instruction, type Property } from 'dockerfile-ast';
import type { TextRange } from '../../findings';
import { LineIndex, partitionPoint } from '../../text';

export interface Stage {
  index: number;
  /** `FROM … AS name`, lower-cased as BuildKit compares them. */
  name: string | undefined;
  /** The earlier stage this one is built FROM, if any. */
  parent: number | undefined;
}

/** One `NAME=value` of an ENV or ARG instruction. */
export interface Declaration {
  keyword: 'ENV' | 'ARG';
  name: string;
  /** The value as written (quotes kept), null when none is given (`ARG NAME`). */
  value: string | null;
  /** The instruction, whole (all its lines). */
  instruction: TextRange;
  /** This `NAME=value` within it. */
  property: TextRange;
  nameRange: TextRange;
  /** Index into `properties` of the instruction, and how many it has. */
  propertyIndex: number;
  propertyCount: number;
  /** Stage index; -1 for an ARG before the first FROM (global: visible to FROM lines only). */
  stage: number;
  /** Position among the file's instructions. */
  order: number;
  /** Position in `DockerfileContext.declarations` (its neighbours there are the instruction's other properties). */
  index: number;
}

/** `--mount=type=secret,id=…[,env=NAME][,target=…]` on a RUN. */
export interface SecretMount {
  id: string | undefined;
  env: string | undefined;
  target: string | undefined;
}

export interface RunStep {
  instruction: TextRange;
  /** Where the keyword `RUN` ends (a new flag goes after it). */
  keywordEnd: number;
  /** The script: arguments and heredoc bodies, as written, with its offset in the text. */
  script: { text: string; start: number };
  /** Variables the script references (`$NAME`, `${NAME}`), with where. */
  references: { name: string; range: TextRange }[];
  secretMounts: SecretMount[];
  stage: number;
  order: number;
}

/** Any other instruction that references variables (FROM, COPY, LABEL, WORKDIR…), for uses of an ARG. */
export interface OtherUse {
  keyword: string;
  name: string;
  range: TextRange;
  stage: number;
  order: number;
}

export interface DockerfileContext {
  text: string;
  lines: LineIndex;
  stages: Stage[];
  declarations: Declaration[];
  runs: RunStep[];
  otherUses: OtherUse[];
  /** `# syntax=…` parser directive, if any. */
  syntax: { value: string; range: TextRange } | undefined;
  /** Where a new parser directive goes: the start of the file, after a BOM. */
  directiveInsertAt: number;
  /** Indexes built once, so scopes are looked up, not searched (a hostile file has 50,000 RUN lines). */
  runsByStage: Map<number, RunStep[]>;
  declarationsByName: Map<string, Declaration[]>;
  declarationsByStage: Map<number, Declaration[]>;
  referencingRuns: Map<string, RunStep[]>;
  otherUsesByName: Map<string, OtherUse[]>;
  /** Stages built FROM each stage. */
  children: Map<number, number[]>;
  /** The analysis' work budget while detection runs (fixes run without one). */
  budget?: { spend(units: number): void };
}

export function parseDockerfile(text: string, lines = new LineIndex(text)): DockerfileContext {
  const file = DockerfileParser.parse(text);
  const at = (p: { line: number; character: number }) => lines.lineStart(p.line) + p.character;
  const range = (r: { start: { line: number; character: number }; end: { line: number; character: number } }): TextRange => ({
    start: at(r.start),
    end: at(r.end),
  });
  const ctx: DockerfileContext = {
    text,
    lines,
    stages: [],
    declarations: [],
    runs: [],
    otherUses: [],
    syntax: undefined,
    directiveInsertAt: text.charCodeAt(0) === 0xfeff ? 1 : 0,
    runsByStage: new Map(),
    declarationsByName: new Map(),
    declarationsByStage: new Map(),
    referencingRuns: new Map(),
    otherUsesByName: new Map(),
    children: new Map(),
  };
  const syntax = file.getDirectives().find((d) => d.getName().toLowerCase() === 'syntax');
  if (syntax) ctx.syntax = { value: syntax.getValue(), range: range(syntax.getRange()) };
  let stage = -1;
  file.getInstructions().forEach((instruction, order) => {
    const keyword = instruction.getKeyword().toUpperCase();
    const whole = range(instruction.getRange());
    if (keyword === 'FROM') {
      stage = ctx.stages.length;
      ctx.stages.push(stageOf(instruction, stage, ctx.stages));
    }
    if (keyword === 'ENV' || keyword === 'ARG') {
      const properties = (instruction as unknown as { getProperties(): Property[] }).getProperties();
      properties.forEach((p, propertyIndex) =>
        ctx.declarations.push({
          keyword,
          name: p.getName(),
          value: p.getValue(),
          instruction: whole,
          property: range(p.getRange()),
          nameRange: range(p.getNameRange()),
          propertyIndex,
          propertyCount: properties.length,
          stage: keyword === 'ARG' && stage < 0 ? -1 : stage,
          order,
          index: ctx.declarations.length,
        }),
      );
    }
    // References read from the text: dockerfile-ast's getVariables() resolves each against the whole file (quadratic).
    const args = instruction.getArgumentsRange();
    const argsStart = args ? at(args.start) : whole.end;
    const variables = referencesIn(text, keyword === 'ENV' || keyword === 'ARG' ? valueRanges(ctx, order) : [{ start: argsStart, end: whole.end }]);
    if (keyword === 'RUN') {
      const start = argsStart;
      ctx.runs.push({
        instruction: whole,
        keywordEnd: range(instruction.getInstructionRange()).end,
        script: { text: text.slice(start, whole.end), start },
        references: variables,
        secretMounts: secretMountsOf(instruction),
        stage,
        order,
      });
    } else {
      // An ENV's own value references are uses too (`ENV TOKEN=$NPM_TOKEN` keeps a build arg).
      for (const v of variables) ctx.otherUses.push({ keyword, name: v.name, range: v.range, stage, order });
    }
  });
  for (const run of ctx.runs) {
    push(ctx.runsByStage, run.stage, run);
    for (const name of new Set(run.references.map((r) => r.name))) push(ctx.referencingRuns, name, run);
  }
  for (const u of ctx.otherUses) push(ctx.otherUsesByName, u.name, u);
  for (const d of ctx.declarations) {
    push(ctx.declarationsByName, d.name, d);
    push(ctx.declarationsByStage, d.stage, d);
  }
  for (const s of ctx.stages) if (s.parent !== undefined) push(ctx.children, s.parent, s.index);
  return ctx;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The value ranges of the declarations of instruction `order` (its references are in its values). */
function valueRanges(ctx: DockerfileContext, order: number): TextRange[] {
  const out: TextRange[] = [];
  for (let i = ctx.declarations.length - 1; i >= 0 && ctx.declarations[i].order === order; i--) {
    const d = ctx.declarations[i];
    out.push({ start: d.nameRange.end, end: d.property.end });
  }
  return out.reverse();
}

/** `$NAME` and `${NAME…}` in these ranges of the text; `\$` (Docker's escape) is no reference. */
function referencesIn(text: string, ranges: readonly TextRange[]): { name: string; range: TextRange }[] {
  const out: { name: string; range: TextRange }[] = [];
  const pattern = /\\?\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}\n]*\}|([A-Za-z_][A-Za-z0-9_]*))/g;
  for (const r of ranges) {
    const part = text.slice(r.start, r.end);
    for (const m of part.matchAll(pattern)) {
      if (m[0].startsWith('\\')) continue;
      out.push({ name: m[1] ?? m[2], range: { start: r.start + m.index, end: r.start + m.index + m[0].length } });
    }
  }
  return out;
}

function stageOf(from: Instruction, index: number, earlier: readonly Stage[]): Stage {
  const f = from as unknown as { getBuildStage(): string | null; getImageName(): string | null };
  const image = f.getImageName()?.toLowerCase();
  const parent = image === undefined ? undefined : [...earlier].reverse().find((s) => s.name === image)?.index;
  return { index, name: f.getBuildStage()?.toLowerCase() ?? undefined, parent };
}

function secretMountsOf(run: Instruction): SecretMount[] {
  const flags = (run as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] }).getFlags();
  return flags.flatMap((flag) => {
    if (flag.getName() !== 'mount') return [];
    const options = new Map(
      (flag.getValue() ?? '').split(',').map((kv) => {
        const eq = kv.indexOf('=');
        return eq < 0 ? [kv.trim(), ''] : [kv.slice(0, eq).trim(), kv.slice(eq + 1).trim()];
      }),
    );
    if (options.get('type') !== 'secret') return [];
    return [{ id: options.get('id'), env: options.get('env'), target: options.get('target') ?? options.get('dst') ?? options.get('destination') }];
  });
}

/**
 * The stages that see what stage `stage` declares: itself and every stage built FROM it, transitively —
 * not past a stage where `stops` says a declaration of its own takes over.
 */
export function stagesInheriting(ctx: DockerfileContext, stage: number, stops: (stage: number) => boolean = () => false): number[] {
  const out = [stage];
  for (let i = 0; i < out.length; i++) {
    ctx.budget?.spend(1);
    if (i > 0 && stops(out[i])) continue;
    out.push(...(ctx.children.get(out[i]) ?? []));
  }
  return out;
}

/** Where a declaration is seen: per stage, the instructions after `after` and before `before` (orders). */
export type Scope = { stage: number; after: number; before: number }[];

const SCOPES = new WeakMap<Declaration, Scope>();

/**
 * What a declaration is in scope of: the rest of its stage and the stages built FROM it — BuildKit (the
 * default builder) hands a stage's build arguments to its child stages as it does its ENV — each until
 * the same name is declared again there with the same keyword (an ENV of an ARG's name hides the
 * argument's value from the steps, but the history still records it).
 */
export function scopeOf(ctx: DockerfileContext, decl: Declaration): Scope {
  let scope = SCOPES.get(decl);
  if (scope) return scope;
  const same = sameDeclarationsByStage(ctx, decl);
  // A child stage that declares the name again hands its own declaration down, not this one.
  const stages = stagesInheriting(ctx, decl.stage, (stage) => same.has(stage));
  scope = stages.map((stage) => {
    const after = stage === decl.stage ? decl.order : -1;
    const next = same.get(stage)?.find((d) => d.order > after);
    return { stage, after, before: next ? next.order : Number.POSITIVE_INFINITY };
  });
  SCOPES.set(decl, scope);
  return scope;
}

const SAME = new WeakMap<DockerfileContext, Map<string, Map<number, Declaration[]>>>();

/** The declarations of the same keyword and name, by stage, in order (built once per name and keyword). */
function sameDeclarationsByStage(ctx: DockerfileContext, decl: Declaration): Map<number, Declaration[]> {
  let byKey = SAME.get(ctx);
  if (!byKey) SAME.set(ctx, (byKey = new Map<string, Map<number, Declaration[]>>()));
  const key = `${decl.keyword} ${decl.name}`;
  let byStage = byKey.get(key);
  if (!byStage) {
    byStage = new Map<number, Declaration[]>();
    for (const d of ctx.declarationsByName.get(decl.name) ?? []) if (d.keyword === decl.keyword) push(byStage, d.stage, d);
    byKey.set(key, byStage);
  }
  return byStage;
}

export function inScope(scope: Scope, run: RunStep): boolean {
  return scope.some((p) => p.stage === run.stage && run.order > p.after && run.order < p.before);
}

/** The RUN steps in a declaration's scope, in order; at most `limit` of them. */
export function runsInScope(ctx: DockerfileContext, decl: Declaration, limit = Number.POSITIVE_INFINITY): RunStep[] {
  const out: RunStep[] = [];
  for (const part of scopeOf(ctx, decl)) {
    const runs = ctx.runsByStage.get(part.stage) ?? [];
    for (let i = partitionPoint(runs, (r) => r.order <= part.after); i < runs.length && runs[i].order < part.before && out.length < limit; i++)
      out.push(runs[i]);
    if (out.length >= limit) break;
  }
  return out;
}

/** The RUN steps in a declaration's scope whose script names it. */
export function runsReferencing(ctx: DockerfileContext, decl: Declaration): RunStep[] {
  const scope = scopeOf(ctx, decl);
  const runs = ctx.referencingRuns.get(decl.name) ?? [];
  ctx.budget?.spend(runs.length);
  return runs.filter((r) => inScope(scope, r));
}

/**
 * The declarations a RUN step sees, the latest of each name: its stage's own before it, and those of the
 * stages it is built FROM, as they were at their end (BuildKit hands build arguments down too).
 */
export function declarationsVisibleTo(ctx: DockerfileContext, run: RunStep): Declaration[] {
  const parent = ctx.stages[run.stage]?.parent;
  const seen = new Map(parent === undefined ? [] : visibleAtEnd(ctx, parent));
  for (const d of ctx.declarationsByStage.get(run.stage) ?? []) {
    if (d.order > run.order) break;
    ctx.budget?.spend(1);
    seen.set(`${d.keyword} ${d.name}`, d);
  }
  return [...seen.values()];
}

const AT_END = new WeakMap<DockerfileContext, Map<number, Map<string, Declaration>>>();

/** What a stage hands the stages built FROM it: its parent's, then its own declarations (memoised per stage). */
function visibleAtEnd(ctx: DockerfileContext, stage: number): Map<string, Declaration> {
  let memo = AT_END.get(ctx);
  if (!memo) AT_END.set(ctx, (memo = new Map<number, Map<string, Declaration>>()));
  // Parents come before their children, so the chain is filled from the top without recursion.
  const chain: number[] = [];
  for (let s: number | undefined = stage; s !== undefined && !memo.has(s) && !chain.includes(s); s = ctx.stages[s]?.parent) chain.push(s);
  for (const s of chain.reverse()) {
    const parent = ctx.stages[s]?.parent;
    const map = new Map(parent === undefined ? [] : (memo.get(parent) ?? []));
    for (const d of ctx.declarationsByStage.get(s) ?? []) map.set(`${d.keyword} ${d.name}`, d);
    ctx.budget?.spend(map.size);
    memo.set(s, map);
  }
  return memo.get(stage) ?? new Map<string, Declaration>();
}
