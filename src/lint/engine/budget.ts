/**
 * The time budget of one file's lint. Every stage (reading the file, translating losses, the analyses,
 * realising fixes) asks it before starting a unit of work, so the whole lint of a file stays within it.
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

  /** The time one analysis may take: a share of the budget, never more than what is left. */
  analysisMs(share = 0.25, floor = 250): number {
    return Math.min(Math.max(floor, this.totalMs * share), this.remainingMs());
  }
}
