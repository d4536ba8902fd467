import { constValue, FLIPPED_COMPARISON, NEGATED_COMPARISON, sameNode, type Node } from '../expression/ast';
import { logSoftmax, sigmoid, softplus } from '../expression/functions';
import { formatOf, nextDown, nextUp, type NumberFormat } from '../precision';

/**
 * Interval arithmetic in the precision the loss runs in: every end is rounded to that format (float32 by
 * default, as TF.js tensors are), so in float32 exp(89) is Infinity, sigmoid(20) is exactly 1 and
 * 1 - sigmoid(z) reaches exactly 0, and in float16 1 - 1e-4 is already 1. The bounds are the set of values
 * an expression can take when its symbols range over their intervals (sound, not always tight).
 */
export interface Interval {
  lo: number;
  hi: number;
}

const FLOAT32 = formatOf('float32');

export const point = (v: number, format: NumberFormat = FLOAT32): Interval => ({ lo: format.round(v), hi: format.round(v) });
export const REAL: Interval = { lo: -Infinity, hi: Infinity };

export function interval(lo: number, hi: number, format: NumberFormat = FLOAT32): Interval {
  return { lo: Number.isNaN(lo) ? -Infinity : format.round(lo), hi: Number.isNaN(hi) ? Infinity : format.round(hi) };
}

export function contains(i: Interval, v: number): boolean {
  return i.lo <= v && v <= i.hi;
}

export function union(a: Interval, b: Interval): Interval {
  return { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) };
}

/** 0 · ∞ counts as 0 for bounds: the NaN it makes in float arithmetic is reported where the ∞ arises. */
function times(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  return a * b;
}

function mul(a: Interval, b: Interval, fm: NumberFormat): Interval {
  const c = [times(a.lo, b.lo), times(a.lo, b.hi), times(a.hi, b.lo), times(a.hi, b.hi)];
  return interval(Math.min(...c), Math.max(...c), fm);
}

function div(a: Interval, b: Interval, fm: NumberFormat): Interval {
  if (b.lo > 0 || b.hi < 0) {
    const c = [a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi].map((x) => (Number.isNaN(x) ? 0 : x));
    return interval(Math.min(...c), Math.max(...c), fm);
  }
  // A divisor in [0, hi]: a numerator kept away from 0 keeps the quotient away from 0 too (a/b ≥ a.lo/b.hi),
  // so the guarded KL term `p > 0 ? p · log(p / q) : 0` is no log(0), while q = 0 still divides by zero.
  if (b.lo >= 0) {
    if (a.lo >= 0) return interval(a.lo > 0 ? a.lo / b.hi : 0, Infinity, fm);
    if (a.hi <= 0) return interval(-Infinity, a.hi < 0 ? a.hi / b.hi : 0, fm);
  }
  return REAL;
}

function monotone(a: Interval, f: (x: number) => number, fm: NumberFormat): Interval {
  return interval(f(a.lo), f(a.hi), fm);
}

/**
 * The largest logit a model is taken to produce, in magnitude. A sigmoid (or softmax) of it saturates as its format
 * does: float32's sigmoid is exactly 0 from z = -103.98 (measured in TF.js) and exactly 1 from 17.33, both within the
 * bound, so float32 `log(p)` and `log(1 - p)` both reach -Infinity; float64's is exactly 1 from z = 36.7 but exactly 0
 * only where exp overflows (z below about -709), past any logit a trained model gives: `log(p)` of a float64
 * probability stays finite while `log(1 - p)` does not.
 */
export const LOGIT_BOUND = 200;

/** The values a sigmoid or softmax output takes in format `fm`, its logits within ±LOGIT_BOUND. */
export function probabilityInterval(fm: NumberFormat = FLOAT32): Interval {
  return interval(sigmoid(-LOGIT_BOUND), sigmoid(LOGIT_BOUND), fm);
}

/** A logit's interval held to the logits a model produces. */
function logitBounded(a: Interval): Interval {
  return clampHigh(clampLow(a, -LOGIT_BOUND), LOGIT_BOUND);
}

/**
 * `1 + exp(u)` (or `exp(u) + 1`, with `e^u` or `Math.E ** u` for the exp): the divisor of a sigmoid written out,
 * `1 / (1 + exp(-z))`, whose quotient is then read as the sigmoid it is (its logit within ±LOGIT_BOUND).
 */
function isSigmoidDivisor(n: Node): boolean {
  if (n.kind !== 'op' || n.op !== '+') return false;
  const one = (x: Node) => x.kind === 'num' && x.value === 1;
  return (one(n.left) && isExponential(n.right)) || (one(n.right) && isExponential(n.left));
}

function isExponential(n: Node): boolean {
  if (n.kind === 'call') return n.fn === 'exp' || (n.fn === 'pow' && isEulerNumber(n.args[0]));
  return n.kind === 'op' && n.op === '^' && isEulerNumber(n.left);
}

function isEulerNumber(n: Node | undefined): boolean {
  return !!n && ((n.kind === 'const' && n.name === 'e') || (n.kind === 'num' && Math.abs(n.value - Math.E) < 1e-9));
}

function absI(a: Interval, fm: NumberFormat): Interval {
  if (a.lo >= 0) return a;
  if (a.hi <= 0) return interval(-a.hi, -a.lo, fm);
  return interval(0, Math.max(-a.lo, a.hi), fm);
}

function powI(a: Interval, b: Interval, fm: NumberFormat): Interval {
  if (b.lo === b.hi) {
    const n = b.lo;
    if (n === 0) return point(1, fm);
    if (Number.isInteger(n)) {
      if (n > 0) {
        if (n % 2 === 1) return monotone(a, (x) => x ** n, fm);
        const m = absI(a, fm);
        return monotone(m, (x) => x ** n, fm);
      }
      return div(point(1, fm), powI(a, point(-n, fm), fm), fm);
    }
    const base = interval(Math.max(a.lo, 0), Math.max(a.hi, 0), fm);
    const r = n > 0 ? monotone(base, (x) => x ** n, fm) : interval(base.hi ** n, base.lo ** n, fm);
    return r;
  }
  if (a.lo >= 0) {
    const c = [a.lo ** b.lo, a.lo ** b.hi, a.hi ** b.lo, a.hi ** b.hi].filter((x) => !Number.isNaN(x));
    return c.length ? interval(Math.min(...c, a.lo <= 1 && a.hi >= 1 ? 1 : Infinity), Math.max(...c), fm) : REAL;
  }
  return REAL;
}

export type Env = ReadonlyMap<string, Interval>;

export interface IntervalHooks {
  /** Called for each call or operator node with the intervals of its arguments, in a reachable branch. */
  onNode?(node: Node, args: Interval[], env: Env): void;
}

/**
 * Evaluates `node` over `env` in the number format `fm`; conditionals refine the interval of a compared
 * symbol in each branch.
 */
export function evaluateInterval(node: Node, env: Env, hooks: IntervalHooks = {}, fm: NumberFormat = FLOAT32): Interval {
  // Compound bounds exist only under a branch test on a compound value: until one is met, no lookup per node.
  let compoundsMet = COMPOUNDS.has(env);
  const ev = (n: Node, e: Env): Interval => {
    const compounds = compoundsMet ? COMPOUNDS.get(e) : undefined;
    return compounds && isCompound(n) ? narrowed(evNode(n, e), n, compounds) : evNode(n, e);
  };
  const evNode = (n: Node, e: Env): Interval => {
    switch (n.kind) {
      case 'num':
        return point(n.value, fm);
      case 'const':
        return point(constValue(n.name), fm);
      case 'sym':
        return e.get(n.name) ?? REAL;
      case 'neg': {
        const a = ev(n.arg, e);
        return { lo: -a.hi, hi: -a.lo };
      }
      case 'not':
      case 'cmp':
      case 'logic':
        children(n, e);
        return interval(0, 1, fm);
      case 'op': {
        const a = ev(n.left, e);
        const b = ev(n.right, e);
        hooks.onNode?.(n, [a, b], e);
        switch (n.op) {
          case '+':
            return convexCombination(n, e, ev) ?? interval(a.lo + b.lo, a.hi + b.hi, fm);
          case '-':
            return interval(a.lo - b.hi, a.hi - b.lo, fm);
          case '*':
            return mul(a, b, fm);
          case '/':
            // A sigmoid written out: its divisor 1 + exp(-z) held to what a logit within the bound gives.
            if (n.left.kind === 'num' && n.left.value === 1 && isSigmoidDivisor(n.right)) return div(a, clampHigh(b, fm.round(1 + Math.exp(LOGIT_BOUND))), fm);
            return div(a, b, fm);
          case '^':
            return powI(a, b, fm);
        }
        return REAL;
      }
      case 'cond':
        return conditional(n, e);
      case 'call': {
        const args = n.args.map((x) => ev(x, e));
        hooks.onNode?.(n, args, e);
        return callInterval(n.fn, args, fm);
      }
    }
  };
  const children = (n: Node, e: Env) => {
    if (n.kind === 'cmp' || n.kind === 'logic') {
      ev(n.left, e);
      ev(n.right, e);
    } else if (n.kind === 'not') ev(n.arg, e);
  };
  const conditional = (n: Extract<Node, { kind: 'cond' }>, e: Env): Interval => {
    children(n.test, e);
    const truth = decide(n.test, e, ev);
    const thenEnv = refine(n.test, e, true, ev, fm);
    const elseEnv = refine(n.test, e, false, ev, fm);
    compoundsMet ||= COMPOUNDS.has(thenEnv) || COMPOUNDS.has(elseEnv);
    if (truth === true) return ev(n.then, thenEnv);
    if (truth === false) return ev(n.else, elseEnv);
    return union(ev(n.then, thenEnv), ev(n.else, elseEnv));
  };
  return ev(node, env);
}

type Ev = (n: Node, e: Env) => Interval;

/** `t * x` or `x * t`: the weight t and the weighted term x. */
function weighted(n: Node): [Node, Node][] {
  if (n.kind !== 'op' || n.op !== '*') return [];
  return [
    [n.left, n.right],
    [n.right, n.left],
  ];
}

/**
 * `t·x + (1 − t)·y` with t in [0, 1] lies between x and y (a convex combination, like focal loss's
 * p_t = y·p + (1 − y)·(1 − p)); plain interval arithmetic loses that t and 1 − t are the same weight.
 */
function convexCombination(n: Extract<Node, { kind: 'op' }>, e: Env, ev: Ev): Interval | undefined {
  for (const [t, x] of weighted(n.left)) {
    for (const [w, y] of weighted(n.right)) {
      for (const [first, second, other] of [[t, w, y], [w, t, x]] as const) {
        if (second.kind !== 'op' || second.op !== '-' || second.left.kind !== 'num' || second.left.value !== 1 || !sameNode(second.right, first)) continue;
        const weight = ev(first, e);
        if (weight.lo < 0 || weight.hi > 1) continue;
        const a = ev(first === t ? x : y, e);
        const b = ev(other, e);
        return union(a, b);
      }
    }
  }
  return undefined;
}

/** true / false when a test has the same outcome everywhere on the env, otherwise undefined. */
function decide(test: Node, env: Env, ev: Ev): boolean | undefined {
  if (test.kind === 'not') {
    const inner = decide(test.arg, env, ev);
    return inner === undefined ? undefined : !inner;
  }
  if (test.kind === 'logic') {
    const a = decide(test.left, env, ev);
    const b = decide(test.right, env, ev);
    if (test.op === 'and') return a === false || b === false ? false : a === true && b === true ? true : undefined;
    return a === true || b === true ? true : a === false && b === false ? false : undefined;
  }
  if (test.kind !== 'cmp') return undefined;
  const a = ev(test.left, env);
  const b = ev(test.right, env);
  switch (test.op) {
    case '<':
      return a.hi < b.lo ? true : a.lo >= b.hi ? false : undefined;
    case '<=':
      return a.hi <= b.lo ? true : a.lo > b.hi ? false : undefined;
    case '>':
      return a.lo > b.hi ? true : a.hi <= b.lo ? false : undefined;
    case '>=':
      return a.lo >= b.hi ? true : a.hi < b.lo ? false : undefined;
    case '==':
      return a.lo === a.hi && b.lo === b.hi && a.lo === b.lo ? true : a.hi < b.lo || a.lo > b.hi ? false : undefined;
    case '!=':
      return a.lo === a.hi && b.lo === b.hi && a.lo === b.lo ? false : a.hi < b.lo || a.lo > b.hi ? true : undefined;
  }
}

/**
 * Bounds of compound values a branch's test puts on them (`p * y > 18 ? exp(-(p * y)) : …`): inside the branch, every
 * node equal to the compared one lies in its bound. Kept beside the env of the branch, which maps symbols only.
 */
const COMPOUNDS = new WeakMap<Env, readonly (readonly [Node, Interval])[]>();

function narrowed(value: Interval, n: Node, compounds: readonly (readonly [Node, Interval])[]): Interval {
  let out = value;
  for (const [node, bound] of compounds) {
    if (!sameNode(node, n)) continue;
    out = { lo: Math.max(out.lo, bound.lo), hi: Math.min(out.hi, bound.hi) };
    if (out.lo > out.hi) out = { lo: out.lo, hi: out.lo };
  }
  return out;
}

/** A copy of the env that keeps its compound bounds, with `extra` added. */
function withCompounds(env: Env, next: Map<string, Interval>, extra?: readonly [Node, Interval]): Env {
  const kept = COMPOUNDS.get(env) ?? [];
  if (kept.length || extra) COMPOUNDS.set(next, extra ? [...kept, extra] : kept);
  return next;
}

/** A value computed from others, whose bound a branch's test may set: an operation, a call, a conditional's value. */
const isCompound = (n: Node): boolean => n.kind === 'op' || n.kind === 'call' || n.kind === 'neg' || n.kind === 'cond';
const isConstant = (n: Node): boolean => n.kind === 'num' || n.kind === 'const' || (n.kind === 'neg' && n.arg.kind === 'num');

/** Narrows the interval of a symbol (or of a compound value) compared against something in one branch of a conditional. */
function refine(test: Node, env: Env, outcome: boolean, ev: Ev, fm: NumberFormat): Env {
  if (test.kind === 'not') return refine(test.arg, env, !outcome, ev, fm);
  if (test.kind === 'logic') {
    if ((test.op === 'and') === outcome) return refine(test.right, refine(test.left, env, outcome, ev, fm), outcome, ev, fm);
    return env;
  }
  if (test.kind !== 'cmp') return env;
  let { op } = test;
  let symbolSide = test.left;
  let other = test.right;
  // The side bounded goes left: a symbol, else a compound compared with a constant (`p * y > 18`).
  if (symbolSide.kind !== 'sym' && (other.kind === 'sym' || (!isCompound(symbolSide) && isCompound(other)))) {
    [symbolSide, other] = [other, symbolSide];
    op = FLIPPED_COMPARISON[op];
  }
  if (symbolSide.kind !== 'sym' && !(isCompound(symbolSide) && isConstant(other))) return env;
  const name = symbolSide.kind === 'sym' ? symbolSide.name : undefined;
  const cur = name !== undefined ? env.get(name) ?? REAL : ev(symbolSide, env);
  const bound = ev(other, env);
  if (!outcome) op = NEGATED_COMPARISON[op];
  let next: Interval = cur;
  switch (op) {
    case '<':
      next = { lo: cur.lo, hi: Math.min(cur.hi, bound.lo === bound.hi ? nextDown(bound.hi, fm) : bound.hi) };
      break;
    case '<=':
      next = { lo: cur.lo, hi: Math.min(cur.hi, bound.hi) };
      break;
    case '>':
      next = { lo: Math.max(cur.lo, bound.lo === bound.hi ? nextUp(bound.lo, fm) : bound.lo), hi: cur.hi };
      break;
    case '>=':
      next = { lo: Math.max(cur.lo, bound.lo), hi: cur.hi };
      break;
    case '==':
      next = { lo: Math.max(cur.lo, bound.lo), hi: Math.min(cur.hi, bound.hi) };
      break;
    case '!=':
      // Only a point the interval ends at can be taken out of it (`p == 0 ? eps : p` keeps p > 0 in its else branch).
      if (bound.lo !== bound.hi || (cur.lo !== bound.lo && cur.hi !== bound.lo) || cur.lo === cur.hi) return env;
      next = cur.lo === bound.lo ? { lo: nextUp(cur.lo, fm), hi: cur.hi } : { lo: cur.lo, hi: nextDown(cur.hi, fm) };
      break;
  }
  if (next.lo > next.hi) next = { lo: next.lo, hi: next.lo };
  const out = new Map(env);
  if (name === undefined) return withCompounds(env, out, [symbolSide, next]);
  out.set(name, next);
  return withCompounds(env, out);
}

export function callInterval(fn: string, args: Interval[], fm: NumberFormat = FLOAT32): Interval {
  const [a, b, c] = args;
  switch (fn) {
    case 'abs':
      return absI(a, fm);
    case 'sign':
      return interval(Math.sign(a.lo), Math.sign(a.hi), fm);
    case 'round':
      return interval(Math.round(a.lo), Math.round(a.hi), fm);
    case 'floor':
      return interval(Math.floor(a.lo), Math.floor(a.hi), fm);
    case 'ceil':
      return interval(Math.ceil(a.lo), Math.ceil(a.hi), fm);
    case 'max':
      return args.reduce((x, y) => interval(Math.max(x.lo, y.lo), Math.max(x.hi, y.hi), fm));
    case 'min':
      return args.reduce((x, y) => interval(Math.min(x.lo, y.lo), Math.min(x.hi, y.hi), fm));
    case 'relu':
      return interval(Math.max(a.lo, 0), Math.max(a.hi, 0), fm);
    case 'clip': {
      const low = interval(Math.max(a.lo, b.lo), Math.max(a.hi, b.hi), fm);
      return interval(Math.min(low.lo, c.lo), Math.min(low.hi, c.hi), fm);
    }
    case 'exp':
      return monotone(a, Math.exp, fm);
    case 'expm1':
      return monotone(a, Math.expm1, fm);
    case 'log':
      if (b) return REAL;
      return monotone(clampLow(a, 0), Math.log, fm);
    case 'log1p':
      return monotone(clampLow(a, -1), Math.log1p, fm);
    case 'log2':
      return monotone(clampLow(a, 0), Math.log2, fm);
    case 'log10':
      return monotone(clampLow(a, 0), Math.log10, fm);
    case 'sqrt':
      return monotone(clampLow(a, 0), Math.sqrt, fm);
    case 'cbrt':
      return monotone(a, Math.cbrt, fm);
    case 'square':
      return powI(a, point(2, fm), fm);
    case 'pow':
      return powI(a, b, fm);
    case 'sin':
    case 'cos':
      return interval(-1, 1, fm);
    case 'tan':
      return REAL;
    case 'atan':
      return monotone(a, Math.atan, fm);
    // Defined on [-1, 1]: the part of the argument outside gives NaN, which the value range leaves out, as sqrt's.
    case 'asin':
      return monotone(clampHigh(clampLow(a, -1), 1), Math.asin, fm);
    case 'acos': {
      const c = clampHigh(clampLow(a, -1), 1);
      return interval(Math.acos(c.hi), Math.acos(c.lo), fm);
    }
    case 'sinh':
      return monotone(a, Math.sinh, fm);
    case 'cosh': {
      const m = absI(a, fm);
      return monotone(m, Math.cosh, fm);
    }
    case 'tanh':
      return monotone(a, Math.tanh, fm);
    case 'sigmoid':
      return monotone(logitBounded(a), sigmoid, fm);
    case 'softplus':
      return monotone(a, softplus, fm);
    case 'softmax':
      return monotone(logitBounded(a), sigmoid, fm);
    case 'logSoftmax':
      return monotone(a, logSoftmax, fm);
  }
  return REAL;
}

function clampLow(a: Interval, low: number): Interval {
  return { lo: Math.max(a.lo, low), hi: Math.max(a.hi, low) };
}

function clampHigh(a: Interval, high: number): Interval {
  return { lo: Math.min(a.lo, high), hi: Math.min(a.hi, high) };
}
