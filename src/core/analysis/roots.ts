/**
 * Numeric roots of a switching function on an interval, for where no formula solves it. On a grid, then:
 * - every sign change, bisected to the last bit: a root, or a jump of w across zero (tan(p) at π/2), where
 *   the switch flips all the same;
 * - every local extremum of w (a minimum above zero, a maximum below): refined where w's slope changes
 *   sign, it is a touching zero when w vanishes there (the double root of 1 - cos(p)), and a pair of
 *   roots closer than the grid when w changes sign there (|sin(p)| = 0.01 around every multiple of π);
 * - where w is defined on one side of a grid step only (sqrt(p) - 0.03 next to p < 0), the edge of its
 *   domain is found first and the sign compared from there.
 * A root within rounding of 0 is taken to be 0 when w vanishes there, since bisection towards 0 ends
 * among denormals. Runs of exact zeros (w = relu(p) on p < 0) are intervals, not points: only their ends are
 * candidates, where the switch starts to choose one side (min(r·A, clip(r)·A) leaves its run at r = 1 ± ε).
 */
import type { Evaluator } from '../expression/evaluate';

const GRID = 1200;
const MAX_ROOTS = 64;

export function numericRoots(w: Evaluator, vals: number[], lo: number, hi: number, isZeroAt: (x: number) => boolean, slope?: Evaluator): number[] {
  if (!(hi > lo)) return Number.isFinite(lo) && isZeroAt(lo) ? [lo] : [];
  const at = (x: number) => {
    vals[0] = x;
    return w(vals);
  };
  const slopeAt = slope
    ? (x: number) => {
        vals[0] = x;
        return slope(vals);
      }
    : undefined;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i <= GRID; i++) {
    const x = i === GRID ? hi : lo + ((hi - lo) * i) / GRID;
    xs.push(x);
    ys.push(at(x));
  }
  const roots: number[] = [];
  const scale = hi - lo;
  /** `crossed`: w changes sign at x (a root, or a jump of w across 0, where a switch flips all the same). */
  const push = (x: number, crossed = false) => {
    if (roots.length >= MAX_ROOTS || !Number.isFinite(x)) return;
    if (Math.abs(x) <= 1e-9 * scale && isZeroAt(0)) x = 0;
    if (crossed || isZeroAt(x)) roots.push(x);
  };
  const crossing = (a: number, b: number, fa: number, fb: number) => {
    if (fa !== 0 && fb !== 0 && Math.sign(fa) !== Math.sign(fb)) push(bisect(at, a, b, fa), true);
  };
  for (let i = 0; i <= GRID && roots.length < MAX_ROOTS; i++) {
    const y = ys[i];
    const prev = ys[i - 1];
    const next = ys[i + 1];
    if (i > 0 && Number.isFinite(prev) !== Number.isFinite(y)) {
      const [inside, fin] = Number.isFinite(y) ? [xs[i], y] : [xs[i - 1], prev];
      const edge = lastWhere((x) => Number.isFinite(at(x)), inside, Number.isFinite(y) ? xs[i - 1] : xs[i]);
      const fe = at(edge);
      if (fe === 0 || (Number.isFinite(fe) && Math.sign(fe) !== Math.sign(fin) && fin !== 0)) {
        if (fe === 0) push(edge);
        else crossing(Math.min(edge, inside), Math.max(edge, inside), edge < inside ? fe : fin, edge < inside ? fin : fe);
      }
    }
    if (y === 0) {
      const flat = (i > 0 && prev === 0) || (i < GRID && next === 0);
      if (!flat) push(xs[i]);
      else {
        // The ends of a run of zeros: where w stops vanishing the switch starts to choose (min(r·A, clip(r)·A)
        // at r = 1 ± ε); whether the loss breaks there is for the judge.
        if (i > 0 && prev !== 0 && Number.isFinite(prev)) push(lastWhere((x) => at(x) === 0, xs[i], xs[i - 1]));
        if (i < GRID && next !== 0 && Number.isFinite(next)) push(lastWhere((x) => at(x) === 0, xs[i], xs[i + 1]));
      }
      continue;
    }
    if (!Number.isFinite(y)) continue;
    if (i > 0 && Number.isFinite(prev) && prev !== 0 && Math.sign(prev) !== Math.sign(y)) crossing(xs[i - 1], xs[i], prev, y);
    if (i > 0 && i < GRID && Number.isFinite(prev) && Number.isFinite(next) && Math.sign(prev) === Math.sign(y) && Math.sign(next) === Math.sign(y)) {
      const towardZero = Math.abs(y) <= Math.abs(prev) && Math.abs(y) < Math.abs(next);
      if (towardZero) dip(at, slopeAt, xs[i - 1], xs[i], xs[i + 1], y, push, crossing);
    }
  }
  return roots;
}

/** Around a grid point nearer zero than both neighbours: the extremum between them, and what it hides. */
function dip(
  f: (x: number) => number,
  slope: ((x: number) => number) | undefined,
  a: number,
  m: number,
  b: number,
  fm: number,
  push: (x: number) => void,
  crossing: (a: number, b: number, fa: number, fb: number) => void,
): void {
  const x = extremum(f, slope, a, b, fm > 0);
  const fx = f(x);
  if (!Number.isFinite(fx)) return;
  if (fx === 0 || Math.sign(fx) === Math.sign(fm)) {
    push(x);
    return;
  }
  const [l, r] = x < m ? [x, m] : [m, x];
  const outer = x < m ? a : b;
  crossing(Math.min(outer, x), Math.max(outer, x), x < outer ? fx : f(outer), x < outer ? f(outer) : fx);
  crossing(l, r, f(l), f(r));
}

/** The minimum (of w > 0) or maximum (of w < 0) between a and b: where the slope changes sign, else by golden section. */
function extremum(f: (x: number) => number, slope: ((x: number) => number) | undefined, a: number, b: number, minimum: boolean): number {
  if (slope) {
    const da = slope(a);
    const db = slope(b);
    if (Number.isFinite(da) && Number.isFinite(db) && Math.sign(da) !== Math.sign(db)) return bisect(slope, a, b, da);
  }
  const g = minimum ? f : (x: number) => -f(x);
  const phi = (Math.sqrt(5) - 1) / 2;
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  let fc = g(c);
  let fd = g(d);
  for (let k = 0; k < 120 && c !== d; k++) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - phi * (b - a);
      fc = g(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + phi * (b - a);
      fd = g(d);
    }
  }
  return fc <= fd ? c : d;
}

/** The last point from `inside` towards `outside` where `holds` is still true (f's domain edge, the end of a run of zeros). */
function lastWhere(holds: (x: number) => boolean, inside: number, outside: number): number {
  let a = inside;
  let b = outside;
  for (let k = 0; k < 200; k++) {
    const m = (a + b) / 2;
    if (m === a || m === b) break;
    if (holds(m)) a = m;
    else b = m;
  }
  return a;
}

function bisect(f: (x: number) => number, a: number, b: number, fa: number): number {
  for (let k = 0; k < 200; k++) {
    const m = (a + b) / 2;
    if (m === a || m === b) break;
    const fm = f(m);
    if (fm === 0) return m;
    if (Number.isNaN(fm)) break;
    if (Math.sign(fm) === Math.sign(fa)) {
      a = m;
      fa = fm;
    } else b = m;
  }
  return Math.abs(f(a)) <= Math.abs(f(b)) ? a : b;
}
