/**
 * Generalized power series in h -> 0+ with real exponents (c1·h^e1 + c2·h^e2 + …), the arithmetic the
 * one-sided expansions (localExpansion.ts) are made of: sums, products, constant powers (binomial series,
 * signed for cbrt), and smooth functions by their Taylor series, with coefficients from our own
 * differentiator. Each coefficient carries the magnitude of what was summed to get it, and counts as zero
 * when it is within rounding of that magnitude: at a root x0 found in floating point, p^2 - 2 is 4e-16, not 0.
 */
import type { Node } from '../expression/ast';
import { differentiate } from '../expression/derivative';
import { compile, type Evaluator } from '../expression/evaluate';

export interface Term {
  /** Coefficient of h^e. */
  c: number;
  e: number;
  /** Magnitude of the contributions summed into c, for telling rounding from a real value. */
  m: number;
}

/** Σ c·h^e, exact for every exponent below `order` (Infinity: exact). */
export interface Series {
  terms: Term[];
  order: number;
}

/** Thrown (not an Error: no stack to capture on a path taken often) when an expansion cannot go on. */
export class ExpansionFailure {
  constructor(readonly reason: 'nan' | 'infinite' | 'unknown') {}
}

/** Relative size below which a sum counts as cancelled to zero. */
export const ROUNDING = 1e-10;
const MAX_TERMS = 6;
/**
 * Terms beyond h^4 are dropped (the series is then exact below its first dropped exponent): slopes need the
 * terms up to h^1, and a root or power needs its argument's up to h^4 (cbrt(p^3), (p^4)^(1/4)). A zero of
 * higher order leaves a series without a sign, and the caller falls back to numbers.
 */
const EXPONENT_CAP = 4;

export const ZERO: Series = { terms: [], order: Infinity };

const roundExponent = (e: number): number => Math.round(e * 1e9) / 1e9;

/** Merges equal exponents, drops cancelled and capped terms; `terms` is a fresh array it may reorder. */
function normalise(terms: Term[], order: number, sorted = false): Series {
  if (!sorted) terms.sort((a, b) => a.e - b.e);
  const merged: Term[] = [];
  for (const t of terms) {
    if (!Number.isFinite(t.c)) throw new ExpansionFailure(Number.isNaN(t.c) ? 'nan' : 'infinite');
    const last = merged[merged.length - 1];
    if (last && last.e === t.e) merged[merged.length - 1] = { c: last.c + t.c, e: t.e, m: last.m + t.m };
    else merged.push(t);
  }
  let kept = merged.filter((t) => t.e < order && Math.abs(t.c) > ROUNDING * t.m);
  const capped = kept.findIndex((t) => t.e > EXPONENT_CAP);
  if (capped >= 0) {
    order = Math.min(order, kept[capped].e);
    kept = kept.slice(0, capped);
  }
  if (kept.length > MAX_TERMS) {
    order = Math.min(order, kept[MAX_TERMS].e);
    kept = kept.slice(0, MAX_TERMS);
  }
  return { terms: kept, order };
}

export function constant(v: number): Series {
  if (Number.isNaN(v)) throw new ExpansionFailure('nan');
  if (!Number.isFinite(v)) throw new ExpansionFailure('infinite');
  return v === 0 ? ZERO : { terms: [{ c: v, e: 0, m: Math.abs(v) }], order: Infinity };
}

/** The exponent the series starts at (its order when it has no known terms). */
function leadExponent(a: Series): number {
  return a.terms.length ? a.terms[0].e : a.order;
}

export function add(a: Series, b: Series): Series {
  if (b.terms.length === 0 && b.order >= a.order) return a;
  if (a.terms.length === 0 && a.order >= b.order) return b;
  const merged: Term[] = [];
  let i = 0;
  let j = 0;
  while (i < a.terms.length || j < b.terms.length) {
    if (j >= b.terms.length || (i < a.terms.length && a.terms[i].e <= b.terms[j].e)) merged.push(a.terms[i++]);
    else merged.push(b.terms[j++]);
  }
  return normalise(merged, Math.min(a.order, b.order), true);
}

export function neg(a: Series): Series {
  return { terms: a.terms.map((t) => ({ ...t, c: -t.c })), order: a.order };
}

export function mul(a: Series, b: Series): Series {
  if ((a.terms.length === 0 && a.order === Infinity) || (b.terms.length === 0 && b.order === Infinity)) return ZERO;
  const out: Term[] = [];
  for (const x of a.terms) for (const y of b.terms) out.push({ c: x.c * y.c, e: roundExponent(x.e + y.e), m: x.m * y.m });
  return normalise(out, Math.min(a.order + leadExponent(b), b.order + leadExponent(a)));
}

/** How many coefficients of a power series in r matter before its terms pass the exponent cap. */
function termsNeeded(r: Series): number {
  if (r.terms.length === 0 && r.order === Infinity) return 1;
  return Math.min(MAX_TERMS, Math.floor(EXPONENT_CAP / leadExponent(r))) + 1;
}

/** Σ coefficients[k]·r^k for a series r that tends to 0. */
function powerSeries(coefficients: readonly number[], mags: readonly number[], r: Series): Series {
  let result: Series = normalise([{ c: coefficients[0], e: 0, m: mags[0] }], Infinity);
  let rk: Series = { terms: [{ c: 1, e: 0, m: 1 }], order: Infinity };
  for (let k = 1; k < coefficients.length; k++) {
    rk = mul(rk, r);
    if (rk.terms.length === 0) {
      result = { terms: result.terms, order: Math.min(result.order, rk.order) };
      break;
    }
    const term: Series = { terms: rk.terms.map((t) => ({ c: t.c * coefficients[k], e: t.e, m: t.m * mags[k] })), order: rk.order };
    result = add(result, term);
  }
  const remainder = r.terms.length || r.order !== Infinity ? coefficients.length * leadExponent(r) : Infinity;
  return { terms: result.terms.filter((t) => t.e < remainder), order: Math.min(result.order, remainder) };
}

/** The sign of a series for small h > 0: of its leading term; 0 when it is exactly zero. */
export function sideSign(a: Series): number {
  if (a.terms.length) return Math.sign(a.terms[0].c);
  if (a.order === Infinity) return 0;
  throw new ExpansionFailure('unknown');
}

export function powConst(u: Series, a: number, signedRoot = false): Series {
  if (u.terms.length === 0) {
    if (u.order !== Infinity) throw new ExpansionFailure('unknown');
    if (a > 0) return ZERO;
    if (a === 0) return constant(1);
    throw new ExpansionFailure('infinite');
  }
  if (Number.isInteger(a) && a >= 0 && a <= 8) {
    let out = constant(1);
    for (let i = 0; i < a; i++) out = mul(out, u);
    return out;
  }
  const { c: c0, e: e0, m: m0 } = u.terms[0];
  if (c0 < 0 && !signedRoot && !Number.isInteger(a)) throw new ExpansionFailure('nan');
  const base = signedRoot ? Math.sign(c0) * Math.abs(c0) ** a : c0 ** a;
  const r: Series = {
    terms: u.terms.slice(1).map((t) => ({ c: t.c / c0, e: roundExponent(t.e - e0), m: t.m / Math.abs(c0) })),
    order: u.order - e0,
  };
  const coefficients = [1];
  for (let k = 1, n = termsNeeded(r); k < n; k++) coefficients.push((coefficients[k - 1] * (a - k + 1)) / k);
  const expanded = powerSeries(coefficients, coefficients.map(Math.abs), r);
  const baseMag = (m0 / Math.abs(c0)) * Math.abs(base);
  return { terms: expanded.terms.map((t) => ({ c: t.c * base, e: roundExponent(t.e + a * e0), m: t.m * baseMag })), order: expanded.order + a * e0 };
}

export const TAYLOR_FUNCTIONS = ['exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sin', 'cos', 'tan', 'atan', 'sinh', 'cosh', 'tanh', 'sigmoid', 'softmax', 'logSoftmax', 'softplus'];
const taylorCache = new Map<string, Evaluator[]>();

/** Evaluators of f, f', f'', … for a smooth function, from our own differentiator. */
function derivativesOf(fn: string): Evaluator[] {
  let list = taylorCache.get(fn);
  if (!list) {
    list = [];
    let node: Node = { kind: 'call', fn, args: [{ kind: 'sym', name: 't' }] };
    for (let k = 0; k <= MAX_TERMS; k++) {
      list.push(compile(node, ['t']));
      if (k < MAX_TERMS) node = differentiate(node, 't');
    }
    taylorCache.set(fn, list);
  }
  return list;
}

/** f(u) for a smooth f: its Taylor series around u's limit, or its limit when u tends to ±∞. */
export function smoothCall(fn: string, u: Series): Series {
  if (u.terms.length && u.terms[0].e < 0) return atInfinity(fn, u);
  const c0Term = u.terms.find((t) => t.e === 0);
  const u0 = c0Term?.c ?? 0;
  const m0 = c0Term?.m ?? 0;
  const r: Series = { terms: u.terms.filter((t) => t.e > 0), order: u.order };
  const edge = fn === 'log' || fn === 'log2' || fn === 'log10' ? 0 : fn === 'log1p' ? -1 : -Infinity;
  if (u0 < edge) throw new ExpansionFailure('nan');
  if (u0 === edge) throw new ExpansionFailure(r.terms.length === 0 && r.order === Infinity ? 'infinite' : 'unknown');
  const derivatives = derivativesOf(fn);
  const coefficients: number[] = [];
  const mags: number[] = [];
  let factorial = 1;
  let next = derivatives[0]([u0]);
  for (let k = 0, n = termsNeeded(r); k < n; k++) {
    if (k > 0) factorial *= k;
    const ck = next / factorial;
    next = k < MAX_TERMS ? derivatives[k + 1]([u0]) : 0;
    coefficients.push(ck);
    mags.push(Math.abs(ck) + (Math.abs(next) / factorial) * m0);
  }
  if (coefficients.some((c) => !Number.isFinite(c))) throw new ExpansionFailure(coefficients.some(Number.isNaN) ? 'nan' : 'infinite');
  return powerSeries(coefficients, mags, r);
}

function atInfinity(fn: string, u: Series): Series {
  const up = u.terms[0].c > 0;
  switch (fn) {
    case 'exp':
      if (!up) return ZERO;
      break;
    case 'expm1':
      if (!up) return constant(-1);
      break;
    case 'sigmoid':
    case 'softmax':
      return up ? constant(1) : ZERO;
    case 'logSoftmax':
      return up ? ZERO : u;
    case 'tanh':
      return constant(up ? 1 : -1);
    case 'softplus':
      return up ? u : ZERO;
    case 'atan':
      return add(constant(up ? Math.PI / 2 : -Math.PI / 2), neg(smoothCall('atan', powConst(u, -1))));
    case 'sin':
    case 'cos':
    case 'tan':
      throw new ExpansionFailure('unknown');
  }
  throw new ExpansionFailure('infinite');
}
