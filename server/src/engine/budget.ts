// A work budget for one analysis. Hostile input (a million tiny documents, deeply nested code) can make
// analysis expensive; the engine counts the work it does — the text it parses (charged up front),
// objects walked, rules, code nodes and replayed steps — and gives up with one clear problem once the
// count passes a limit.
// Counted, never timed: the same input gets the same answer on any machine at any load, so a CI gate
// cannot pass because the runner was busy. The limit is sized so that real files never reach it (a
// 100,000-line manifest spends about a seventh of it; docs/performance.md).
//
// The editor adds a wall-clock guard on top (TimeGuard): a last-resort safety valve so a pathological
// file cannot freeze the language server. Only the editor sets one, and the problem it raises says
// that the result depended on time. The CLI never sets one.

/**
 * Units of work one analysis may spend. A unit is about a microsecond of analysis on the machine the
 * costs were measured on (2 cores, Node 20): the largest realistic file within the default size limit
 * (4 MiB) spends about 2.2 million, a 100,000-line manifest about 1.2 million (docs/performance.md).
 */
export const DEFAULT_WORK_LIMIT = 8_000_000;

/**
 * What each kind of work costs, in units. Text is charged before it is parsed, from the text alone,
 * so the count — and whether the file is analysed — does not depend on how it was parsed (in full,
 * incrementally after an edit, or continuing a preview).
 */
export const WORK_COST = {
  /** Parsing: one unit per this many characters (YAML parses at ~2 MB/s, tree-sitter faster). */
  charsPerUnit: 2,
  /** A YAML document start (`---` line): composing a document has a cost of its own, ~10 µs when empty. */
  document: 10,
  /** A manifest object walked (workloads.ts), a rule run. */
  object: 1,
  rule: 1,
  /** A code node of the shared search (code/context.ts), a statement replayed by the data flow. */
  codeNode: 1,
  flowStep: 1,
} as const;

/** How often (in units spent, or ticks) the time guard reads its clock: a clock read costs more than a unit. */
const UNITS_PER_CLOCK_READ = 4096;

export type BudgetReason = 'work' | 'time';

export class BudgetExceeded extends Error {
  constructor(
    readonly reason: BudgetReason,
    /** The work limit (units) or the guard's time (ms) that was exceeded. */
    readonly limit: number,
  ) {
    super(reason === 'work' ? `analysis exceeded its work limit of ${limit} units` : `analysis exceeded the editor's time guard of ${limit} ms`);
  }
}

/** A wall-clock deadline, shared by every budget made with it (fix-all's passes share one). */
export class TimeGuard {
  private readonly deadline: number;

  constructor(
    readonly ms: number,
    private readonly now: () => number = Date.now,
  ) {
    this.deadline = now() + ms;
  }

  check(): void {
    if (this.now() > this.deadline) throw new BudgetExceeded('time', this.ms);
  }
}

export class Budget {
  private used = 0;
  private nextClockRead = UNITS_PER_CLOCK_READ;
  private ticks = 0;

  constructor(
    readonly limit: number = DEFAULT_WORK_LIMIT,
    private readonly guard?: TimeGuard,
  ) {}

  /** A budget with the same limit and time guard and nothing spent (fix-all's next pass). */
  fresh(): Budget {
    return new Budget(this.limit, this.guard);
  }

  /** Units spent so far. */
  get spent(): number {
    return this.used;
  }

  /** Counts `units` of work; throws BudgetExceeded past the limit (or past the guard's deadline). */
  spend(units: number): void {
    this.used += units;
    if (this.used > this.limit) throw new BudgetExceeded('work', this.limit);
    if (this.guard && this.used >= this.nextClockRead) {
      this.nextClockRead = this.used + UNITS_PER_CLOCK_READ;
      this.guard.check();
    }
  }

  /**
   * Lets the time guard look at the clock in the middle of work that was paid for up front (a parse),
   * every UNITS_PER_CLOCK_READ ticks; counts nothing.
   */
  tick(): void {
    if (this.guard && ++this.ticks >= UNITS_PER_CLOCK_READ) {
      this.ticks = 0;
      this.guard.check();
    }
  }
}

/** The up-front cost of parsing a manifest: its characters and its document starts (`---`/`...` lines). */
export function manifestParseCost(text: string): number {
  let documents = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    const c = text.charCodeAt(at + 1);
    if ((c === 45 /* - */ && text.startsWith('---', at + 1)) || (c === 46 /* . */ && text.startsWith('...', at + 1))) documents++;
  }
  return Math.ceil(text.length / WORK_COST.charsPerUnit) + documents * WORK_COST.document;
}

/** The up-front cost of parsing a code file: its characters (the nodes and steps are counted as they come). */
export function codeParseCost(text: string): number {
  return Math.ceil(text.length / WORK_COST.charsPerUnit);
}
