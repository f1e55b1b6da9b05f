// A time budget for one analysis. Hostile input (100,000 tiny documents, a huge single map) can make
// parsing take seconds; the engine checks the budget between lexemes, documents and objects and gives
// up with one clear problem instead of freezing the editor. One document's composition cannot be
// interrupted, so the budget is a soft limit: it may overrun by the cost of the document in hand.

/** Default budget for one analysis (fix-all shares one budget across its passes). */
export const DEFAULT_ANALYSIS_BUDGET_MS = 2000;

export class BudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`analysis exceeded its time budget of ${budgetMs} ms`);
  }
}

export class Budget {
  private readonly deadline: number;

  constructor(
    readonly budgetMs: number = DEFAULT_ANALYSIS_BUDGET_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.deadline = now() + budgetMs;
  }

  get expired(): boolean {
    return this.now() > this.deadline;
  }

  /** Throws BudgetExceeded once the deadline has passed; `analyze` turns that into one problem. */
  check(): void {
    if (this.expired) throw new BudgetExceeded(this.budgetMs);
  }
}
