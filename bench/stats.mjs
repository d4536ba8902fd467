// Figures every benchmark reports the same way: median and p95 in ms, rounded for the tables.

/** Median and p95 of a list of times, rounded to `digits` decimals. */
export function stats(times, digits = 2) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: round(at(0.5), digits), p95: round(at(0.95), digits) };
}

export function round(x, digits = 2) {
  return x === null || x === undefined ? null : Number(x.toFixed(digits));
}

/** Wall time of one call, in ms. */
export function time(fn) {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Wall times of `runs` calls, in ms. */
export function timeRuns(fn, runs) {
  return Array.from({ length: runs }, () => time(fn));
}
