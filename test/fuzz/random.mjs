// A seeded random source (mulberry32): the same seed gives the same mutations on every machine and Node version,
// so a fuzz finding is reproduced from its seed and case number alone.

export class Random {
  constructor(seed) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p) {
    return this.next() < p;
  }

  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A length skewed to short ones: mostly a few characters, sometimes hundreds. */
  span(max) {
    return Math.min(max, Math.floor(2 ** (this.next() * Math.log2(Math.max(2, max)))));
  }

  /** A new source for case `index` of a run: each case is reproducible on its own. */
  static forCase(seed, index) {
    return new Random(Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77));
  }
}
