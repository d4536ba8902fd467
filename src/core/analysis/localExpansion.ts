/**
 * One-sided local expansions: what a loss does just right and just left of a point x0. The loss at
 * x0 + s·h (s = ±1, h → 0+) is expanded as a generalized power series c₁·h^e₁ + c₂·h^e₂ + … with real
 * exponents (|h|^1.5 and h^(2/3) included; series.ts), each piecewise function resolved by the sign of its
 * switching function's leading term on that side. The leading terms then say, without any fixed threshold,
 * whether the loss is continuous at x0 and whether its one-sided derivatives agree: 1e-4·relu(p) has slopes
 * 0 and 1e-4 (a kink), abs(p)^1.5 has slopes 0 and 0 (smooth), cbrt(p^2) has infinite ones (a cusp).
 */
import { constValue, type Node } from '../expression/ast';
import { add, constant, ExpansionFailure, mul, neg, powConst, ROUNDING, sideSign, smoothCall, TAYLOR_FUNCTIONS, ZERO, type Series } from './series';

interface Context {
  wrt: string;
  x0: number;
  /** +1 right of x0, -1 left, 0 at x0 itself. */
  side: number;
  values: ReadonlyMap<string, number>;
  memo: Map<Node, Series>;
}

function expand(n: Node, ctx: Context): Series {
  const hit = ctx.memo.get(n);
  if (hit) return hit;
  const out = expandNode(n, ctx);
  ctx.memo.set(n, out);
  return out;
}

function expandNode(n: Node, ctx: Context): Series {
  switch (n.kind) {
    case 'num':
      return constant(n.value);
    case 'const':
      return constant(constValue(n.name));
    case 'sym': {
      if (n.name !== ctx.wrt) return constant(ctx.values.get(n.name) ?? NaN);
      const x = constant(ctx.x0);
      return ctx.side === 0 ? x : add(x, { terms: [{ c: ctx.side, e: 1, m: 1 }], order: Infinity });
    }
    case 'neg':
      return neg(expand(n.arg, ctx));
    case 'cmp':
    case 'logic':
    case 'not':
      return constant(truth(n, ctx) ? 1 : 0);
    case 'cond':
      return truth(n.test, ctx) ? expand(n.then, ctx) : expand(n.else, ctx);
    case 'op': {
      const a = expand(n.left, ctx);
      switch (n.op) {
        case '+':
          return add(a, expand(n.right, ctx));
        case '-':
          return add(a, neg(expand(n.right, ctx)));
        case '*':
          return mul(a, expand(n.right, ctx));
        case '/':
          return mul(a, powConst(expand(n.right, ctx), -1));
        case '^':
          return power(a, n.right, ctx);
      }
      break;
    }
    case 'call':
      return call(n, ctx);
  }
  throw new ExpansionFailure('unknown');
}

function power(base: Series, exponent: Node, ctx: Context): Series {
  const e = expand(exponent, ctx);
  if (e.terms.length === 0 && e.order === Infinity) return powConst(base, 0);
  if (e.terms.length === 1 && e.terms[0].e === 0 && e.order === Infinity) return powConst(base, e.terms[0].c);
  if (sideSign(base) <= 0) throw new ExpansionFailure('unknown');
  return smoothCall('exp', mul(e, smoothCall('log', base)));
}

function call(n: Extract<Node, { kind: 'call' }>, ctx: Context): Series {
  const args = n.args.map((a) => () => expand(a, ctx));
  switch (n.fn) {
    case 'abs': {
      const u = args[0]();
      return sideSign(u) >= 0 ? u : neg(u);
    }
    case 'relu': {
      const u = args[0]();
      return sideSign(u) > 0 ? u : ZERO;
    }
    case 'sign':
      return constant(sideSign(args[0]()));
    case 'round':
    case 'floor':
    case 'ceil':
      return constant(stepSide(n.fn, args[0]()));
    case 'max':
    case 'min':
      return args.map((f) => f()).reduce((a, b) => {
        const s = sideSign(add(a, neg(b)));
        return (n.fn === 'max' ? s >= 0 : s <= 0) ? a : b;
      });
    case 'clip': {
      // An end at ±Infinity (`clip(p, ε, Infinity)`, Number.MAX_VALUE in float32) is no end.
      const u = args[0]();
      const low = isInfinite(n.args[1], -1) || sideSign(add(u, neg(args[1]()))) >= 0 ? u : args[1]();
      return isInfinite(n.args[2], 1) || sideSign(add(low, neg(args[2]()))) <= 0 ? low : args[2]();
    }
    case 'sqrt':
      return powConst(args[0](), 0.5);
    case 'cbrt':
      return powConst(args[0](), 1 / 3, true);
    case 'square':
      return powConst(args[0](), 2);
    case 'pow':
      return power(args[0](), n.args[1], ctx);
    case 'log':
      if (n.args.length === 2) return mul(smoothCall('log', args[0]()), powConst(smoothCall('log', args[1]()), -1));
      return smoothCall('log', args[0]());
  }
  if (TAYLOR_FUNCTIONS.includes(n.fn)) return smoothCall(n.fn, args[0]());
  throw new ExpansionFailure('unknown');
}

/**
 * A rounding's value on this side of the point: its argument's value there, moved by the sign of what follows; at a
 * step (a half-integer for round, an integer for floor and ceil) the side decides which integer it is.
 */
function stepSide(fn: 'round' | 'floor' | 'ceil', u: Series): number {
  if (u.terms.length && u.terms[0].e < 0) throw new ExpansionFailure('infinite');
  const value = u.terms.find((t) => t.e === 0)?.c ?? 0;
  const after = u.terms.find((t) => t.e > 0);
  const side = after ? Math.sign(after.c) : u.order === Infinity ? 0 : NaN;
  if (Number.isNaN(side)) throw new ExpansionFailure('unknown');
  const atStep = fn === 'round' ? value - Math.floor(value) === 0.5 : Number.isInteger(value);
  if (!atStep || side === 0) return fn === 'round' ? Math.round(value) : fn === 'floor' ? Math.floor(value) : Math.ceil(value);
  if (fn === 'round') return side > 0 ? Math.floor(value) + 1 : Math.floor(value);
  return fn === 'floor' ? (side > 0 ? value : value - 1) : side > 0 ? value + 1 : value;
}

/** Whether a node is the constant `sign`·Infinity. */
function isInfinite(n: Node | undefined, sign: 1 | -1): boolean {
  if (n?.kind === 'neg') return isInfinite(n.arg, sign === 1 ? -1 : 1);
  return n?.kind === 'num' && n.value === sign * Infinity;
}

function truth(test: Node, ctx: Context): boolean {
  switch (test.kind) {
    case 'not':
      return !truth(test.arg, ctx);
    case 'logic':
      return test.op === 'and' ? truth(test.left, ctx) && truth(test.right, ctx) : truth(test.left, ctx) || truth(test.right, ctx);
    case 'cmp': {
      const s = sideSign(add(expand(test.left, ctx), neg(expand(test.right, ctx))));
      switch (test.op) {
        case '<':
          return s < 0;
        case '<=':
          return s <= 0;
        case '>':
          return s > 0;
        case '>=':
          return s >= 0;
        case '==':
          return s === 0;
        case '!=':
          return s !== 0;
      }
    }
  }
  return sideSign(expand(test, ctx)) !== 0;
}

export type LocalVerdict =
  | { kind: 'smooth'; derivative: number }
  | { kind: 'kink'; gradients: [number, number] }
  | { kind: 'jump' }
  /** The loss is not finite at x0 or on one side of it: not a point where it could be differentiable. */
  | { kind: 'undefined' }
  /** The expansion could not decide (a log of something tending to 0, a truncated cancellation …). */
  | { kind: 'unknown' };

interface Side {
  value: number;
  mag: number;
  /** d/dx from this side; ±Infinity for a vertical tangent. */
  slope: number;
  slopeMag: number;
}

function sideOf(loss: Node, wrt: string, x0: number, side: number, values: ReadonlyMap<string, number>): Side {
  const s = expand(loss, { wrt, x0, side, values, memo: new Map() });
  if (s.terms.length && s.terms[0].e < 0) throw new ExpansionFailure('infinite');
  const c0 = s.terms.find((t) => t.e === 0);
  const rest = s.terms.filter((t) => t.e > 0);
  const value = c0?.c ?? 0;
  const mag = c0?.m ?? 0;
  if (side === 0) return { value, mag, slope: 0, slopeMag: 0 };
  const first = rest[0];
  if (!first) {
    if (s.order > 1) return { value, mag, slope: 0, slopeMag: 0 };
    throw new ExpansionFailure('unknown');
  }
  if (first.e > 1) return { value, mag, slope: 0, slopeMag: 0 };
  if (first.e < 1) return { value, mag, slope: Math.sign(first.c) * side * Infinity, slopeMag: Infinity };
  return { value, mag, slope: first.c * side, slopeMag: first.m };
}

/** The loss at x0 itself; undefined where it is 0/0 there but has a limit (a removable singularity, judged by its sides). */
function pointOf(loss: Node, wrt: string, x0: number, values: ReadonlyMap<string, number>): Side | undefined {
  try {
    return sideOf(loss, wrt, x0, 0, values);
  } catch (err) {
    if (err instanceof ExpansionFailure && err.reason !== 'unknown') return undefined;
    throw err;
  }
}

const same = (a: number, ma: number, b: number, mb: number): boolean => a === b || Math.abs(a - b) <= ROUNDING * (ma + mb);

/**
 * A difference below float32's resolution next to the values themselves (its ε is 1.2e-7): what an approximation
 * joined to its asymptote leaves (sklearn's log loss, exp(-z) past z = 18, differs from log(1 + exp(-z)) by 1e-8
 * relative in value and slope). Real, in float64, but it moves no training step: not a kink or a jump.
 */
const NEGLIGIBLE = 1e-7;
const negligible = (a: number, b: number): boolean => Math.abs(a - b) <= NEGLIGIBLE * Math.max(Math.abs(a), Math.abs(b));

/**
 * Whether the loss is differentiable at x0, with the other symbols at `values`: its one-sided expansions
 * decide continuity and the one-sided derivatives. One-sided limits that differ make a jump whether or not
 * the loss is defined at x0 itself (tan(sigmoid(1/p)) at 0); where it is undefined at x0 alone (0/0 with a
 * limit), the sides decide as for its continuous extension.
 */
export function classifyAt(loss: Node, wrt: string, x0: number, values: ReadonlyMap<string, number>): LocalVerdict {
  try {
    const right = sideOf(loss, wrt, x0, 1, values);
    const left = sideOf(loss, wrt, x0, -1, values);
    const slopesFinite = Number.isFinite(left.slope) && Number.isFinite(right.slope);
    if (slopesFinite && negligible(left.value, right.value) && negligible(left.slope, right.slope)) return { kind: 'smooth', derivative: right.slope };
    if (!same(left.value, left.mag, right.value, right.mag)) return { kind: 'jump' };
    const at = pointOf(loss, wrt, x0, values);
    if (at && !same(at.value, at.mag, right.value, right.mag)) return { kind: 'jump' };
    if (slopesFinite && same(left.slope, left.slopeMag, right.slope, right.slopeMag)) {
      return { kind: 'smooth', derivative: right.slope };
    }
    return { kind: 'kink', gradients: [left.slope, right.slope] };
  } catch (err) {
    if (err instanceof ExpansionFailure) return { kind: err.reason === 'unknown' ? 'unknown' : 'undefined' };
    throw err;
  }
}

/** The value of `node` at x0 with rounding-level residue taken as zero, or NaN when it is not finite there. */
export function valueAt(node: Node, wrt: string, x0: number, values: ReadonlyMap<string, number>): { value: number; mag: number } {
  try {
    const s = expand(node, { wrt, x0, side: 0, values, memo: new Map() });
    const c0 = s.terms.find((t) => t.e === 0);
    return { value: c0?.c ?? 0, mag: c0?.m ?? 0 };
  } catch (err) {
    if (err instanceof ExpansionFailure) return { value: NaN, mag: NaN };
    throw err;
  }
}
