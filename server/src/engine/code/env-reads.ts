// Reads of single environment variables (the sources of secret-env-read and of secret-logged's
// data flow) and the expressions that denote the whole environment (env-dumped), for both languages.
import { classBodies } from './classes';
import { endOf, type SyntaxNode } from './syntax';

export type EnvReadForm =
  | 'subscript' // os.environ["X"], process.env["X"]
  | 'get' // os.environ.get("X", d), os.getenv("X", d), getenv("X")
  | 'member' // process.env.X, env.X, import.meta.env.X
  | 'destructure'; // const { X, Y: y, Z = d } = process.env

export interface EnvRead {
  /** The access expression, or for destructuring the property inside the pattern. */
  node: SyntaxNode;
  /** The environment variable's name. */
  name: string;
  form: EnvReadForm;
  /** The default value expression, when the read has one. */
  fallback?: SyntaxNode;
  /** Destructuring only: the local name the value is bound to and the declaration that binds it. */
  binding?: string;
  declaration?: SyntaxNode;
  /** Destructuring only: the id of the object pattern the property belongs to. */
  patternId?: number;
  /** The name is a constant of the file (`System.getenv(ENV_PASSWORD)`): the fix keeps it as written. */
  nameExpression?: SyntaxNode;
  /**
   * The read goes through a function of the file that reads the variable its parameter names
   * (`getEnv("JWT_SECRET", "dev")`): flagged there, not fixed (the function decides the fallback).
   */
  through?: string;
}

/** What a file's syntax says about the environment: single-variable reads and whole-environment expressions. */
export interface EnvModel {
  reads: EnvRead[];
  /** True for an expression that evaluates to the whole environment mapping (os.environ, process.env, an alias). */
  isEnvObject(node: SyntaxNode): boolean;
  /** The read whose node is exactly this one, if any. */
  readAt(node: SyntaxNode): EnvRead | undefined;
  /** The read whose node spans exactly this range (a finding's), if any; one lookup, not a scan per fix. */
  readSpanning(start: number, end: number): EnvRead | undefined;
  /**
   * Identifiers at least one of which every env read and environment expression contains (`environ`,
   * `getenv`, `env`, the file's aliases): text without them reads nothing from the environment.
   */
  words: readonly string[];
  /** Where those words occur in the text, in order (found once, shared by every pass that asks). */
  wordPositions: readonly number[];
}

export function envModel(reads: EnvRead[], isEnvObject: (node: SyntaxNode) => boolean, words: readonly string[], wordPositions: readonly number[]): EnvModel {
  const byId = new Map<number, EnvRead>();
  for (const r of reads) byId.set(r.node.id, r);
  let byRange: Map<string, EnvRead> | undefined;
  const readSpanning = (start: number, end: number): EnvRead | undefined => {
    if (!byRange) {
      byRange = new Map();
      // The first read of a range wins, as a scan of `reads` in order would find it.
      for (const r of reads) {
        const key = `${r.node.startIndex}:${endOf(r.node)}`;
        if (!byRange.has(key)) byRange.set(key, r);
      }
    }
    return byRange.get(`${start}:${end}`);
  };
  return { reads, isEnvObject, readAt: (n) => byId.get(n.id), readSpanning, words, wordPositions };
}

/**
 * The file's own classes that read the environment (`class EnvReader` keeping `os.environ` and
 * defining `get` / `__getitem__`): their instances are the environment by another name.
 */
export function envWrapperClasses(text: string, classLine: RegExp, readsEnv: RegExp, accessor: RegExp): Set<string> {
  return new Set(
    classBodies(text, classLine)
      .filter((c) => readsEnv.test(c.body) && accessor.test(c.body))
      .map((c) => c.name),
  );
}
