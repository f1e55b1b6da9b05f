// Config frameworks: secrets a file reads from the environment through a library (django-environ,
// python-decouple, pydantic settings, envalid, zod schemas, NestJS ConfigService…) rather than
// `os.environ` / `process.env` directly. Each framework is one module under the language's
// `frameworks/` folder that finds its reads and builds their fixes together — the framework's own
// secret-file support where it has one, else the loader feeding the framework. The dialect lists them.
import type { Fix } from '../findings';
import type { RuleEnv } from '../rule';
import type { CodeContext } from './context';
import type { SyntaxNode } from './syntax';

/** How the fixed code reads the secret, which decides what the paired manifest fix mounts. */
export type FixedRead =
  /** `<mount path>/<NAME>`: the plain Secret volume (the loader, pydantic `secrets_dir`, decouple's RepositorySecret). */
  | { kind: 'file' }
  /** The file named by another variable (django-environ's FileAwareEnv reads `NAME_FILE`). */
  | { kind: 'pointer'; variable: string; reader: string };

export interface FrameworkRead {
  /** Where the finding goes: the call, the schema's property, the settings field. */
  node: SyntaxNode;
  /** The environment variable's name. */
  name: string;
  /** The framework, as its users name it (`django-environ`, `pydantic-settings`). */
  framework: string;
  /**
   * The field or variable the value is stored in (a struct field of a tagged struct, an `@Value` field),
   * when it is not the read itself: a secret read makes that name a secret in the file's data flow.
   */
  binds?: string;
  /** The framework declares the value a secret (pydantic `SecretStr`), whatever its name. */
  declaredSecret?: boolean;
  /** What the read's preferred fix makes the app read; undefined when there is no such fix. */
  fixedRead?: FixedRead;
  /** The read's fixes, built when asked for (hover, code action, fix-all). */
  fixes(env: RuleEnv): Fix[];
  /** What to do instead, when the fix is not in this file (Spring: the application config's configtree import). */
  advice?(env: RuleEnv): string;
}

export interface Framework {
  /** Text a file using the framework always contains (its module's name): files without it are skipped. Not global (`g`). */
  marker: RegExp;
  reads(ctx: CodeContext): FrameworkRead[];
}

/** Every framework read of the file, in document order; once per file. */
export function frameworkReads(ctx: CodeContext): readonly FrameworkRead[] {
  return ctx.memo('framework-reads', () => {
    const out: FrameworkRead[] = [];
    for (const framework of ctx.dialect.frameworks) {
      if (framework.marker.test(ctx.text)) out.push(...framework.reads(ctx));
    }
    return out.sort((a, b) => a.node.startIndex - b.node.startIndex);
  });
}

/** The framework read whose node is exactly this one (a call such as `config("X")`), if any. */
export function frameworkReadAt(ctx: CodeContext, node: SyntaxNode): FrameworkRead | undefined {
  const reads = frameworkReads(ctx);
  if (reads.length === 0) return undefined;
  return ctx.memo('framework-reads-by-id', () => new Map(reads.map((r) => [r.node.id, r]))).get(node.id);
}

/** The framework read whose node spans exactly this range (a finding's), if any. */
export function frameworkReadSpanning(ctx: CodeContext, start: number, end: number): FrameworkRead | undefined {
  // Asked once per finding: one map per file, not a scan per finding.
  const byRange = ctx.memo('framework-reads-by-range', () => {
    const map = new Map<string, FrameworkRead>();
    for (const r of frameworkReads(ctx)) if (!map.has(`${r.node.startIndex}:${r.node.endIndex}`)) map.set(`${r.node.startIndex}:${r.node.endIndex}`, r);
    return map;
  });
  return byRange.get(`${start}:${end}`);
}

/** Every read of the file — direct (`os.environ[…]`, `process.env.X`) or through a framework — with its variable. */
export function everyRead(ctx: CodeContext): { node: SyntaxNode; name: string }[] {
  return [...ctx.env.reads, ...frameworkReads(ctx)].map((r) => ({ node: r.node, name: r.name }));
}
