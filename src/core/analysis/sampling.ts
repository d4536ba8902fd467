import type { Evaluator } from '../expression/evaluate';

/**
 * Samples loss and gradient for plotting. Non-finite values become gaps (null). Points are added on both
 * sides of every kink and wherever neighbouring samples differ by a jump that does not shrink under
 * bisection (a discontinuity or an asymptote); a gap is put there so a plot never draws a false
 * vertical line across it.
 */
export interface SampleSeries {
  x: number[];
  loss: (number | null)[];
  gradient: (number | null)[];
}

export interface SampleOptions {
  lo: number;
  hi: number;
  count: number;
  /** Extra x positions to resolve (kinks, asymptotes). */
  breaks?: readonly number[];
  /** Values of every variable; index 0 is the prediction and is overwritten. */
  values: number[];
}

export function sampleLossAndGradient(loss: Evaluator, gradient: Evaluator, options: SampleOptions): SampleSeries {
  const { lo, hi } = options;
  const count = Math.max(2, Math.min(options.count, 20_000));
  const vals = options.values.slice();
  const grid: number[] = [];
  for (let i = 0; i < count; i++) grid.push(lo + ((hi - lo) * i) / (count - 1));
  const delta = Math.max((hi - lo) * 1e-7, 1e-12);
  for (const b of options.breaks ?? []) {
    if (b > lo && b < hi) grid.push(b - delta, b, b + delta);
  }
  grid.sort((a, b) => a - b);
  const at = (f: Evaluator) => (x: number): number => {
    vals[0] = x;
    return f(vals);
  };
  const fl = at(loss);
  const fg = at(gradient);
  const ly = grid.map(fl);
  const gy = grid.map(fg);
  const lossBreaks = discontinuities(grid, ly, fl);
  const gradBreaks = discontinuities(grid, gy, fg);
  const out: SampleSeries = { x: [], loss: [], gradient: [] };
  const clean = (y: number): number | null => (Number.isFinite(y) ? y : null);
  for (let i = 0; i < grid.length; i++) {
    if (i > 0 && (lossBreaks.has(i) || gradBreaks.has(i))) {
      const mid = (grid[i - 1] + grid[i]) / 2;
      out.x.push(mid);
      out.loss.push(lossBreaks.has(i) ? null : clean(fl(mid)));
      out.gradient.push(gradBreaks.has(i) ? null : clean(fg(mid)));
    }
    out.x.push(grid[i]);
    out.loss.push(clean(ly[i]));
    out.gradient.push(clean(gy[i]));
  }
  return out;
}

/** Indices i where samples i-1 and i straddle a discontinuity or an asymptote. */
function discontinuities(xs: number[], ys: number[], f: (x: number) => number): Set<number> {
  const finite = ys.filter(Number.isFinite).sort((a, b) => a - b);
  const spread = finite.length > 4 ? finite[Math.floor(finite.length * 0.95)] - finite[Math.floor(finite.length * 0.05)] : 1;
  const threshold = Math.max(spread, 1e-9) * 0.05;
  const out = new Set<number>();
  const step = (i: number): number => (i >= 1 && i < ys.length && Number.isFinite(ys[i]) && Number.isFinite(ys[i - 1]) ? Math.abs(ys[i] - ys[i - 1]) : 0);
  for (let i = 1; i < xs.length; i++) {
    const a = ys[i - 1];
    const b = ys[i];
    const jump = Math.abs(b - a);
    if (!Number.isFinite(a) || !Number.isFinite(b) || jump <= threshold) continue;
    // A steep but continuous stretch changes by similar steps; only an outlier step or a sign flip is bisected.
    const outlier = jump > 2 * Math.max(step(i - 1), step(i + 1)) || Math.sign(a) !== Math.sign(b);
    if (outlier && isDiscontinuous(f, xs[i - 1], xs[i], a, b, threshold)) out.add(i);
  }
  return out;
}

/** Bisection: a jump that keeps its size as the bracket shrinks is a discontinuity, not a steep slope. */
function isDiscontinuous(f: (x: number) => number, x0: number, x1: number, y0: number, y1: number, threshold: number): boolean {
  let a = x0;
  let b = x1;
  let fa = y0;
  let fb = y1;
  for (let k = 0; k < 60; k++) {
    const m = (a + b) / 2;
    if (m === a || m === b) break;
    const fm = f(m);
    if (!Number.isFinite(fm)) return true;
    if (Math.abs(fm - fa) > Math.abs(fb - fm)) {
      b = m;
      fb = fm;
    } else {
      a = m;
      fa = fm;
    }
    if (Math.abs(fb - fa) < threshold * 0.5) return false;
  }
  return Math.abs(fb - fa) >= threshold * 0.5;
}
