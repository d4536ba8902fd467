import type { Evaluator } from '../expression/evaluate';

/**
 * Gradient descent on one variable, as training does it to one prediction (or one logit): x ← x − η·∂L/∂x,
 * from a start, for a number of steps. The path is what the preview draws; the outcome says in words what
 * happened: converged, still going, oscillating around the minimum (MAE's constant gradient), diverging
 * (a step too large), stalled far from the minimum (a saturated sigmoid under MSE), left the domain, or hit
 * a value that is not finite. Every loop is bounded by the step count.
 */
export interface DescentOptions {
  start: number;
  /** The learning rate η. */
  rate: number;
  steps: number;
  /** Values of every variable; index 0 is the one descended and is overwritten. */
  values: readonly number[];
  /** The variable's domain (a prediction after sigmoid stays in [0, 1]). */
  domain: { lo: number; hi: number };
  /** What the plot shows, to tell "stalled" from "converged": the smallest loss and the loss's spread there. */
  reference?: { minLoss: number; lossSpread: number; xSpan: number };
}

export type DescentOutcome = 'converged' | 'running' | 'oscillating' | 'diverged' | 'stalled' | 'left-domain' | 'not-finite';

export interface DescentPath {
  x: number[];
  loss: number[];
  gradient: number[];
  outcome: DescentOutcome;
}

export const MAX_DESCENT_STEPS = 1000;

export function descend(loss: Evaluator, gradient: Evaluator, options: DescentOptions): DescentPath {
  const steps = Math.max(0, Math.min(MAX_DESCENT_STEPS, Math.floor(options.steps)));
  const vals = options.values.slice();
  const at = (f: Evaluator, x: number) => {
    vals[0] = x;
    return f(vals);
  };
  const path: DescentPath = { x: [], loss: [], gradient: [], outcome: 'running' };
  let x = options.start;
  for (let k = 0; k <= steps; k++) {
    if (x < options.domain.lo || x > options.domain.hi) {
      path.outcome = 'left-domain';
      break;
    }
    const l = at(loss, x);
    const g = at(gradient, x);
    path.x.push(x);
    path.loss.push(l);
    path.gradient.push(g);
    if (!Number.isFinite(l) || !Number.isFinite(g)) {
      path.outcome = 'not-finite';
      break;
    }
    if (k === steps) break;
    x -= options.rate * g;
    if (!Number.isFinite(x) || Math.abs(x) > 1e12) {
      path.outcome = 'diverged';
      break;
    }
  }
  if (path.outcome === 'running') path.outcome = classify(path, options);
  return path;
}

function classify(path: DescentPath, options: DescentOptions): DescentOutcome {
  const n = path.x.length;
  if (n < 2) return 'running';
  const xs = path.x;
  const last = n - 1;
  const scale = options.reference?.xSpan ?? Math.max(1, Math.abs(xs[0]));
  const move = (k: number) => Math.abs(xs[k] - xs[k - 1]);
  if (move(last) <= 1e-7 * scale) return 'converged';
  const tail = Math.min(6, last);
  if (tail >= 4 && growing(path.loss, tail) && move(last) > move(last - tail + 1)) return 'diverged';
  if (tail >= 4 && alternating(path.gradient, tail) && move(last) >= 0.5 * move(last - tail + 1)) return 'oscillating';
  const ref = options.reference;
  if (ref && ref.lossSpread > 0) {
    const travelled = Math.abs(xs[last] - xs[0]);
    const farFromMinimum = path.loss[last] - ref.minLoss > 0.25 * ref.lossSpread;
    if (farFromMinimum && travelled < 0.02 * ref.xSpan) return 'stalled';
  }
  return 'running';
}

/** The loss rose at each of the last `count` steps. */
function growing(values: readonly number[], count: number): boolean {
  for (let k = values.length - count; k < values.length; k++) if (!(values[k] > values[k - 1])) return false;
  return true;
}

/** The gradient changed sign at each of the last `count` steps. */
function alternating(values: readonly number[], count: number): boolean {
  for (let k = values.length - count; k < values.length; k++) if (!(Math.sign(values[k]) === -Math.sign(values[k - 1]) && values[k] !== 0)) return false;
  return true;
}

/** One sentence for people: what the descent did. */
export function describeDescent(path: DescentPath, variable: string): string {
  const steps = path.x.length - 1;
  const end = path.x[path.x.length - 1];
  const where = end === undefined ? '' : ` at ${variable} = ${Number(end.toPrecision(4))}`;
  switch (path.outcome) {
    case 'converged':
      return `Converged${where} after ${steps} step${steps === 1 ? '' : 's'}.`;
    case 'running':
      return `Still descending${where} after ${steps} step${steps === 1 ? '' : 's'}.`;
    case 'oscillating':
      return `Oscillating around the minimum${where}: the steps do not shrink, so it never settles (a constant gradient, or a step too large for the curvature).`;
    case 'diverged':
      return `Diverging${where}: each step overshoots further and the loss grows; the learning rate is too large.`;
    case 'stalled':
      return `Stalled far from the minimum${where}: the gradient is almost zero here, so the steps barely move (a saturated activation).`;
    case 'left-domain':
      return `Left the domain after ${steps} step${steps === 1 ? '' : 's'}: ${variable} cannot go there (the activation keeps it inside).`;
    case 'not-finite':
      return `Stopped${where}: the loss or its gradient is not finite there.`;
  }
}
