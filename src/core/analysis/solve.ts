/**
 * Symbolic solutions of lhs = rhs for one variable, for where a loss switches: linear and quadratic
 * equations, products and powers equal to zero (every factor's roots), and the inverses of the monotone
 * functions (exp, log, sqrt, cbrt, sigmoid, tanh …). Returns every solution it can write down, or
 * undefined when the equation is beyond it (then roots are found numerically).
 */
import { dependsOn, substitute, symbolsOf, walk, type Node } from '../expression/ast';
import { add, call, div, mul, neg, pow, sub } from '../expression/build';
import { differentiate } from '../expression/derivative';
import { compile } from '../expression/evaluate';
import { isPiecewise } from '../expression/functions';

const ZERO: Node = { kind: 'num', value: 0 };
const ONE: Node = { kind: 'num', value: 1 };
const num = (v: number): Node => (v < 0 ? neg({ kind: 'num', value: -v }) : { kind: 'num', value: v });

/** The value of a tree without symbols (NaN where it is undefined), or undefined when it has symbols. */
function constantValue(n: Node): number | undefined {
  if (n.kind === 'num') return n.value;
  if (n.kind === 'neg' && n.arg.kind === 'num') return -n.arg.value;
  if (n.kind === 'sym') return undefined;
  return symbolsOf(n).size === 0 ? compile(n, [])([]) : undefined;
}

export function solveFor(lhs: Node, rhs: Node, x: string): Node[] | undefined {
  return solve(lhs, rhs, x)?.map((s) => {
    const v = constantValue(s);
    return v !== undefined && Number.isFinite(v) ? num(v) : s;
  });
}

function solve(lhs: Node, rhs: Node, x: string, depth = 0): Node[] | undefined {
  if (depth > 40) return undefined;
  const l = dependsOn(lhs, x);
  const r = dependsOn(rhs, x);
  if (!l && r) return solve(rhs, lhs, x, depth + 1);
  if (!l) return undefined;
  if (r) return solve(sub(lhs, rhs), ZERO, x, depth + 1);
  const rv = constantValue(rhs);
  switch (lhs.kind) {
    case 'sym':
      return [rhs];
    case 'neg':
      return solve(lhs.arg, neg(rhs), x, depth + 1);
    case 'op':
      return solveOp(lhs, rhs, rv, x, depth);
    case 'call':
      return solveCall(lhs, rhs, rv, x, depth);
    default:
      return undefined;
  }
}

function solveOp(lhs: Extract<Node, { kind: 'op' }>, rhs: Node, rv: number | undefined, x: string, depth: number): Node[] | undefined {
  const a = lhs.left;
  const b = lhs.right;
  const inLeft = dependsOn(a, x);
  const inRight = dependsOn(b, x);
  if (inLeft && inRight) {
    if (rv === 0 && lhs.op === '*') return union(solve(a, ZERO, x, depth + 1), solve(b, ZERO, x, depth + 1));
    if (rv === 0 && lhs.op === '/') return solve(a, ZERO, x, depth + 1);
    return polynomial(lhs, rhs, x);
  }
  switch (lhs.op) {
    case '+':
      return inLeft ? solve(a, sub(rhs, b), x, depth + 1) : solve(b, sub(rhs, a), x, depth + 1);
    case '-':
      return inLeft ? solve(a, add(b, rhs), x, depth + 1) : solve(b, sub(a, rhs), x, depth + 1);
    case '*':
      return inLeft ? solve(a, div(rhs, b), x, depth + 1) : solve(b, div(rhs, a), x, depth + 1);
    case '/':
      if (inLeft) return solve(a, mul(rhs, b), x, depth + 1);
      return rv === 0 ? [] : solve(b, div(a, rhs), x, depth + 1);
    case '^': {
      if (inRight) return polynomial(lhs, rhs, x);
      const n = constantValue(b);
      if (n === undefined || n === 0) return polynomial(lhs, rhs, x);
      return root(a, rhs, rv, n, x, depth);
    }
  }
  return undefined;
}

/** u^n = rhs: u = ±rhs^(1/n) (both signs when n is an even integer); for rhs = 0 the roots of u. */
function root(u: Node, rhs: Node, rv: number | undefined, n: number, x: string, depth: number): Node[] | undefined {
  if (rv === 0) return n > 0 ? solve(u, ZERO, x, depth + 1) : [];
  const even = Number.isInteger(n) && n % 2 === 0;
  if (rv !== undefined && rv < 0 && (even || !Number.isInteger(n))) return [];
  // A root that is a short number (sqrt(1) = 1, sqrt(0.25) = 0.5) is written as that number.
  const exact = rv !== undefined && n === 2 && Number.isInteger(Math.sqrt(rv) * 1000) ? Math.sqrt(rv) : undefined;
  const r = exact !== undefined ? num(exact) : n === 2 ? call('sqrt', rhs) : pow(rhs, num(1 / n));
  if (!even) return solve(u, r, x, depth + 1);
  return union(solve(u, neg(r), x, depth + 1), solve(u, r, x, depth + 1));
}

function solveCall(lhs: Extract<Node, { kind: 'call' }>, rhs: Node, rv: number | undefined, x: string, depth: number): Node[] | undefined {
  const [u, v] = lhs.args;
  const inverse = (value: Node) => solve(u, value, x, depth + 1);
  const nonNegative = () => rv === undefined || rv >= 0;
  switch (lhs.fn) {
    case 'abs': {
      if (rv === 0) return inverse(ZERO);
      if (rv !== undefined && rv < 0) return [];
      return union(inverse(neg(rhs)), inverse(rhs));
    }
    case 'square':
      return root(u, rhs, rv, 2, x, depth);
    case 'pow': {
      if (dependsOn(v, x)) return undefined;
      const n = constantValue(v);
      return n === undefined || n === 0 ? undefined : root(u, rhs, rv, n, x, depth);
    }
    case 'sqrt':
      return nonNegative() ? inverse(pow(rhs, num(2))) : [];
    case 'cbrt':
      return inverse(pow(rhs, num(3)));
    case 'exp':
      return rv !== undefined && rv <= 0 ? [] : inverse(call('log', rhs));
    case 'expm1':
      return rv !== undefined && rv <= -1 ? [] : inverse(call('log1p', rhs));
    case 'log':
      if (lhs.args.length === 2) return dependsOn(v, x) ? undefined : inverse(pow(v, rhs));
      return inverse(call('exp', rhs));
    case 'log1p':
      return inverse(call('expm1', rhs));
    case 'log2':
      return inverse(pow(num(2), rhs));
    case 'log10':
      return inverse(pow(num(10), rhs));
    case 'sinh':
      return inverse(call('log', add(rhs, call('sqrt', add(pow(rhs, num(2)), ONE)))));
    case 'tanh':
      return rv !== undefined && Math.abs(rv) >= 1 ? [] : inverse(mul(num(0.5), call('log', div(add(ONE, rhs), sub(ONE, rhs)))));
    case 'sigmoid':
      return rv !== undefined && (rv <= 0 || rv >= 1) ? [] : inverse(call('log', div(rhs, sub(ONE, rhs))));
    case 'softplus':
      return rv !== undefined && rv <= 0 ? [] : inverse(call('log', call('expm1', rhs)));
    case 'atan':
      return rv !== undefined && Math.abs(rv) >= Math.PI / 2 ? [] : inverse(call('tan', rhs));
    case 'cosh': {
      if (rv !== undefined && rv < 1) return [];
      const r = call('log', add(rhs, call('sqrt', sub(pow(rhs, num(2)), ONE))));
      return rv === 1 ? inverse(ZERO) : union(inverse(neg(r)), inverse(r));
    }
  }
  return polynomial(lhs, rhs, x);
}

function union(a: Node[] | undefined, b: Node[] | undefined): Node[] | undefined {
  return a && b ? [...a, ...b] : undefined;
}


function piecewiseIn(n: Node, x: string): boolean {
  let found = false;
  walk(n, (m) => {
    if (found || !dependsOn(m, x)) return;
    // A piecewise function's derivative is piecewise constant somewhere: a constant second derivative proves nothing through it.
    if ((m.kind === 'call' && isPiecewise(m.fn)) || m.kind === 'cond' || m.kind === 'cmp') found = true;
  });
  return found;
}

/** a·x + b = rhs or a·x² + b·x + c = rhs, when lhs is smooth and its first or second derivative does not depend on x. */
function polynomial(lhs: Node, rhs: Node, x: string): Node[] | undefined {
  if (piecewiseIn(lhs, x)) return undefined;
  let d1: Node;
  let d2: Node;
  try {
    d1 = differentiate(lhs, x);
    if (!dependsOn(d1, x)) {
      if (constantValue(d1) === 0) return undefined;
      return [div(sub(rhs, substitute(lhs, x, ZERO)), d1)];
    }
    d2 = differentiate(d1, x);
  } catch {
    return undefined;
  }
  if (dependsOn(d2, x) || constantValue(d2) === 0) return undefined;
  const a = div(d2, num(2));
  const b = substitute(d1, x, ZERO);
  const c = sub(substitute(lhs, x, ZERO), rhs);
  const discriminant = sub(pow(b, num(2)), mul(mul(num(4), a), c));
  const dv = constantValue(discriminant);
  if (dv !== undefined && dv < 0) return [];
  const twoA = mul(num(2), a);
  if (dv === 0) return [div(neg(b), twoA)];
  const s = dv !== undefined ? num(Math.sqrt(dv)) : call('sqrt', discriminant);
  const av = constantValue(a);
  const roots = [div(sub(neg(b), s), twoA), div(add(neg(b), s), twoA)];
  return av !== undefined && av < 0 ? roots.reverse() : roots;
}
