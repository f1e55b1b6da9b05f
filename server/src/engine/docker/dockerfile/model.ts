// A Dockerfile as the rules see it, parsed by dockerfile-ast (the parser behind the Dockerfile language
// server): build stages, the ENV and ARG declarations with their scopes, and the RUN steps with the
// variables their scripts reference and the secret mounts they already have. Offsets, not positions.
import { DockerfileParser, type Instruction, type Property } from 'dockerfile-ast';
import type { TextRange } from '../../findings';
import { LineIndex } from '../../text';

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
        }),
      );
    }
    const variables = instruction.getVariables().map((v) => ({ name: v.getName(), range: range(v.getRange()) }));
    if (keyword === 'RUN') {
      const args = instruction.getArgumentsRange();
      const start = args ? at(args.start) : whole.end;
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
  return ctx;
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

/** The stages that see what stage `stage` declares with ENV: itself and every stage built FROM it, transitively. */
export function stagesInheriting(ctx: DockerfileContext, stage: number): Set<number> {
  const out = new Set([stage]);
  for (const s of ctx.stages) if (s.parent !== undefined && out.has(s.parent)) out.add(s.index);
  return out;
}

/**
 * What a declaration is in scope of, in order: the RUN steps after it that see it (an ARG: its own stage;
 * an ENV: its stage and the stages built FROM it), until the same name is declared again there.
 */
export function runsInScope(ctx: DockerfileContext, decl: Declaration): RunStep[] {
  const stages = decl.keyword === 'ARG' ? new Set([decl.stage]) : stagesInheriting(ctx, decl.stage);
  // A later declaration of the same kind takes over; an ENV of an ARG's name hides the argument's value from
  // the steps, but the history still records the argument for them.
  const redeclared = ctx.declarations.filter(
    (d) => d !== decl && d.keyword === decl.keyword && d.name === decl.name && d.order > decl.order && stages.has(d.stage),
  );
  return ctx.runs.filter((r) => r.order > decl.order && stages.has(r.stage) && !redeclared.some((d) => d.stage === r.stage && d.order < r.order));
}

/** The declarations (ENV and ARG) visible to a RUN step, the latest of each name. */
export function declarationsVisibleTo(ctx: DockerfileContext, run: RunStep): Declaration[] {
  return ctx.declarations.filter((d) => d.stage >= 0 && runsInScope(ctx, d).includes(run));
}
