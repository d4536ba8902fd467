/**
 * The verdict at a switch point: the one-sided expansions' (localExpansion.ts), after a quick way out where
 * the loss is not a number on one side, and with one-sided difference quotients as the fallback where the
 * expansion cannot decide. Only kinks and jumps are returned.
 */
import type { Node } from '../expression/ast';
import type { Evaluator } from '../expression/evaluate';
import { classifyAt, type LocalVerdict } from './localExpansion';
import type { Assignment } from './switchRoots';

export type Judge = (a: Assignment, x: number) => { kind: 'kink' | 'jump'; gradients?: [number, number] } | undefined;

export function judgeWith(ast: Node, wrt: string, variables: string[], loss: Evaluator): Judge {
  const vals: number[] = [];
  const finiteAt = (a: Assignment, x: number) => {
    vals.length = 0;
    vals.push(x, ...a.values);
    return Number.isFinite(loss(vals));
  };
  return (a, x) => {
    if (undefinedBeside(x, (t) => finiteAt(a, t))) return undefined;
    const values = new Map(variables.slice(1).map((v, i) => [v, a.values[i]]));
    let verdict: LocalVerdict = classifyAt(ast, wrt, x, values);
    if (verdict.kind === 'unknown') verdict = numericVerdict(loss, [x, ...a.values]);
    if (verdict.kind === 'kink') return { kind: 'kink', gradients: verdict.gradients };
    if (verdict.kind === 'jump') return { kind: 'jump' };
    return undefined;
  };
}

/**
 * A quick way out before expanding: the loss is not a number on one side of x, near and very near (one test
 * alone would misjudge a domain edge just past x, or a value that underflows at a tiny step).
 */
export function undefinedBeside(x: number, finite: (t: number) => boolean): boolean {
  const far = 1e-6 * (1 + Math.abs(x));
  const near = Math.max(1e-12 * Math.abs(x), 1e-150);
  return [-1, 1].some((s) => !finite(x + s * far) && !finite(x + s * near));
}

/** Below this a difference in a loss's value means nothing to training, in any precision (float32's smallest normal is 1.2e-38). */
const MEANINGFUL_GAP = 1e-30;

/**
 * The fallback when the expansion cannot decide: one-sided difference quotients at shrinking steps. A kink's
 * two slopes stay apart as the step shrinks; a smooth point's converge. Relative, so scale-free.
 */
function numericVerdict(loss: Evaluator, vals: number[]): LocalVerdict {
  const x0 = vals[0];
  const f = (x: number) => {
    vals[0] = x;
    return loss(vals);
  };
  const f0 = f(x0);
  const steps = [1e-4, 1e-5, 1e-6].map((k) => k * (1 + Math.abs(x0)));
  const gaps: number[] = [];
  const jumps: number[] = [];
  const gapsInValue: number[] = [];
  let slopes: [number, number] = [0, 0];
  let flat = true;
  for (const h of steps) {
    const r = f(x0 + h);
    const l = f(x0 - h);
    if (![f0, r, l].every(Number.isFinite)) return { kind: 'undefined' };
    flat &&= Math.abs(r - f0) <= MEANINGFUL_GAP && Math.abs(l - f0) <= MEANINGFUL_GAP;
    slopes = [(f0 - l) / h, (r - f0) / h];
    jumps.push(Math.abs(r - l) / (Math.abs(r) + Math.abs(l) + Math.abs(f0) || 1));
    gapsInValue.push(Math.abs(r - l));
    gaps.push(Math.abs(slopes[1] - slopes[0]) / (Math.max(Math.abs(slopes[0]), Math.abs(slopes[1])) || 1));
  }
  // Differences of a subnormal's size are rounding, not a jump or a kink: a loss that is 0 on a saturated plateau
  // ((1 - softmax(z))² past z ≈ 17 in float32) is flat there.
  if (flat) return { kind: 'smooth', derivative: 0 };
  // A jump's gap in value stays as the step shrinks; a cusp's (acos just below 1, sqrt just above 0) shrinks with it,
  // though not linearly, and is large next to the tiny values there.
  if (jumps[2] > 1e-6 && gapsInValue[2] > 0.5 * gapsInValue[1]) return { kind: 'jump' };
  if (gaps[2] > 1e-3 && gaps[2] > 0.5 * gaps[1]) return { kind: 'kink', gradients: slopes };
  return { kind: 'smooth', derivative: slopes[1] };
}
