/**
 * The time budget of one file's lint. It starts before the file is parsed (a notebook's before its JSON is read), and
 * every stage (parsing, reading the file, translating losses, the analyses, realising fixes) asks it before starting
 * a unit of work, so the whole lint of a file stays within it. Loading a parser the first time is not the file's work.
 */
export class Budget {
  private readonly deadline: number;

  constructor(
    readonly totalMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.deadline = now() + totalMs;
  }

  remainingMs(): number {
    return this.deadline - this.now();
  }

  expired(): boolean {
    return this.now() >= this.deadline;
  }

  /** Whether more than `share` (0 to 1) of the whole budget has passed. */
  spentMoreThan(share: number): boolean {
    return this.now() >= this.deadline - this.totalMs * (1 - share);
  }

  /** The time one analysis may take: a share of the budget, never more than what is left. */
  analysisMs(share = 0.25, floor = 250): number {
    return Math.min(Math.max(floor, this.totalMs * share), this.remainingMs());
  }
}
