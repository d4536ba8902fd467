/**
 * Runs work for a key at once when the key has been quiet, and otherwise once `delayMs()` after the last
 * trigger: the first edit is linted immediately, a burst of typing once when it pauses. A trigger that comes
 * while an immediate run is still pending joins it (an editor that reports an open and a first change together).
 */
import type { DisposableLike } from './dispose';

export class Throttle<K> implements DisposableLike {
  private readonly entries = new Map<K, { timer?: ReturnType<typeof setTimeout>; lastRun: number; immediate?: boolean }>();

  constructor(private readonly delayMs: () => number) {}

  trigger(key: K, run: () => void): void {
    const entry = this.entries.get(key) ?? { lastRun: -Infinity };
    this.entries.set(key, entry);
    if (entry.immediate) return;
    const delay = this.delayMs();
    const quiet = entry.timer === undefined && Date.now() - entry.lastRun >= delay;
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.immediate = quiet;
    entry.timer = setTimeout(
      () => {
        entry.timer = undefined;
        entry.immediate = false;
        entry.lastRun = Date.now();
        run();
      },
      quiet ? 0 : delay,
    );
  }

  /** Drops pending work for the key and forgets it. */
  cancel(key: K): void {
    const entry = this.entries.get(key);
    if (entry?.timer !== undefined) clearTimeout(entry.timer);
    this.entries.delete(key);
  }

  dispose(): void {
    for (const key of [...this.entries.keys()]) this.cancel(key);
  }
}
