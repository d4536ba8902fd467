/**
 * Symbolic derivative with respect to one variable, written for losses: besides the smooth functions it
 * knows the piecewise ones (abs, sign, max, min, relu, clip, conditionals), which mathjs's `derivative`
 * throws on. It is exact on every piece and at every switch point where the loss is differentiable:
 * - At a switch point every piecewise function takes the branch the loss follows just right of the point
 *   (the right-hand derivative), so kinks that cancel (max(p, 0) + min(p, 0), the relu form of the stable
 *   BCE, Huber written with min/max) give the derivative of the sum, not a mix of sides. Which side that is
 *   comes from `sides` (decided once per loss from the sign of the switching function's slope) or, where
 *   undecided, from the slope itself in the tree: `u > v or (u == v and u' > v')`.
 * - A factor that is identically zero on a piece stays exactly zero there: the chain rule is taken into the
 *   branches of a conditional derivative, so sqrt(relu(p)) has derivative 0 for p < 0, not 0 · ∞.
 * - Forms that would evaluate to 0/0 or ∞/∞ in floating point are differentiated in a form that does not:
 *   sqrt(exp(u)) as exp(u / 2), log(1 + exp(u)) as softplus(u), sqrt(u^4) as u^2, σ'(u) as σ(u)·σ(-u).
 */
import { dependsOn, countNodes, type CompareOp, type Node } from './ast';
import { add, call, cmp, cond, div, logic, mul, neg, not, pow, sub } from './build';
import { chain, quotient } from './chainRule';
import { isStep } from './functions';
import { ExpressionError } from './parse';
import { printMathjs } from './print';
import { stableForm } from './stableForms';

export const MAX_DERIVATIVE_NODES = 50_000;

/**
 * For a switching pair (l, r), which side a tie l = r belongs to in the derivative: 'greater' where the
 * loss goes to l > r just right of the tie, 'less' where it goes to l < r, 'exact' where that depends on
 * the point (then the tree decides by the slopes there).
 */
export type SwitchSide = 'greater' | 'less' | 'exact';

export interface DerivativeOptions {
  /** Decided sides per switching pair, keyed by `switchKey(l, r)`; pairs not listed get 'exact'. */
  sides?: ReadonlyMap<string, SwitchSide>;
}

export function switchKey(l: Node, r: Node): string {
  return `${printMathjs(l)} ? ${printMathjs(r)}`;
}

export function differentiate(node: Node, wrt: string, deadline = Infinity, options: DerivativeOptions = {}): Node {
  const memo = new Map<Node, Node>();
  let budget = MAX_DERIVATIVE_NODES * 4;
  const rightMemo = new Map<Node, Node>();
  const right = (n: Node): Node => {
    let out = rightMemo.get(n);
    if (!out) {
      out = rightValue(n, rules);
      rightMemo.set(n, out);
    }
    return out;
  };
  const d = (n: Node): Node => {
    if (!dependsOn(n, wrt)) return ZERO;
    const hit = memo.get(n);
    if (hit) return hit;
    if (--budget < 0) throw new ExpressionError('the derivative is too large to compute', 1);
    if (budget % 64 === 0 && budget < MAX_DERIVATIVE_NODES * 4 - 4096 && Date.now() > deadline) throw new ExpressionError('the expression is too complex to differentiate within the time budget', 1);
    const stable = stableForm(n, wrt);
    const out = stable ? d(stable) : rule(n, rules);
    memo.set(n, out);
    return out;
  };
  const rules: Rules = { d, wrt, sides: options.sides, right };
  const result = d(node);
  if (countNodes(result, MAX_DERIVATIVE_NODES) > MAX_DERIVATIVE_NODES) throw new ExpressionError('the derivative is too large to show', 1);
  return result;
}

interface Rules {
  d: (n: Node) => Node;
  wrt: string;
  sides?: ReadonlyMap<string, SwitchSide>;
  /** A copied factor as it is just right of the point (see rightValue). */
  right: (n: Node) => Node;
}

const ZERO: Node = { kind: 'num', value: 0 };
const ONE: Node = { kind: 'num', value: 1 };
const num = (value: number): Node => ({ kind: 'num', value });

const strip = <T extends Node>(n: T): T => {
  if (!n.span) return n;
  const { span: _span, ...rest } = n;
  return rest as T;
};

function rule(n: Node, r: Rules): Node {
  switch (n.kind) {
    case 'num':
    case 'const':
      return ZERO;
    case 'sym':
      return n.name === r.wrt ? ONE : ZERO;
    case 'neg':
      return neg(r.d(n.arg));
    case 'not':
    case 'cmp':
    case 'logic':
      return ZERO;
    case 'cond':
      return cond(rightTest(strip(n.test), r), r.d(n.then), r.d(n.else));
    case 'op':
      return binaryRule(n.op, strip(n.left), strip(n.right), r);
    case 'call':
      return callRule(n.fn, n.args.map(strip), r);
  }
}

function binaryRule(op: string, u: Node, v: Node, r: Rules): Node {
  const { d, wrt } = r;
  switch (op) {
    case '+':
      return add(d(u), d(v));
    case '-':
      return sub(d(u), d(v));
    case '*':
      return add(chain(d(u), (du) => mul(du, r.right(v))), chain(d(v), (dv) => mul(r.right(u), dv)));
    case '/':
      if (!dependsOn(v, wrt)) return chain(d(u), (du) => div(du, v));
      if (!dependsOn(u, wrt)) return chain(d(v), (dv) => neg(div(mul(u, dv), pow(r.right(v), num(2)))));
      return div(sub(chain(d(u), (du) => mul(du, r.right(v))), chain(d(v), (dv) => mul(r.right(u), dv))), pow(r.right(v), num(2)));
    case '^':
      return powerRule(u, v, r);
  }
  throw new ExpressionError(`cannot differentiate operator ${op}`, 1);
}

function powerRule(u: Node, v: Node, r: Rules): Node {
  const { d, wrt } = r;
  if (!dependsOn(v, wrt)) {
    return chain(d(u), (du) => mul(mul(v, pow(u, sub(v, ONE))), du));
  }
  if (!dependsOn(u, wrt)) {
    return chain(d(v), (dv) => mul(mul(pow(u, v), call('log', u)), dv));
  }
  return mul(pow(u, v), add(chain(d(v), (dv) => mul(dv, call('log', u))), chain(d(u), (du) => quotient(mul(v, du), u))));
}

function callRule(fn: string, args: Node[], r: Rules): Node {
  const { d, wrt } = r;
  const [u, v, w] = args;
  const du = () => d(u);
  const times = (f: Node) => chain(du(), (x) => mul(f, x));
  const over = (den: Node) => chain(du(), (x) => quotient(x, den));
  const stableU = () => stableForm(u, wrt) ?? u;
  switch (fn) {
    case 'abs':
      return chain(du(), (x) => mul(cond(sideTest(u, ZERO, x, ZERO, '>', r), ONE, neg(ONE)), x));
    case 'sign':
    case 'round':
    case 'floor':
    case 'ceil':
      return ZERO;
    case 'max':
    case 'min':
      return extremumRule(fn, args, r);
    case 'relu':
      return cond(sideTest(u, ZERO, du(), ZERO, '>', r), du(), ZERO);
    case 'clip':
      return cond(sideTest(u, v, du(), d(v), '<', r), d(v), cond(sideTest(u, w, du(), d(w), '>', r), d(w), du()));
    case 'exp':
      return times(call('exp', u));
    case 'expm1':
      return times(call('exp', u));
    case 'log':
      if (args.length === 2) {
        if (!dependsOn(v, wrt)) return over(mul(u, call('log', v)));
        return d(div(call('log', u), call('log', v)));
      }
      return over(stableU());
    case 'log1p':
      return over(add(ONE, u));
    case 'log2':
      return over(mul(u, call('log', num(2))));
    case 'log10':
      return over(mul(u, call('log', num(10))));
    case 'sqrt':
      return over(mul(num(2), call('sqrt', stableU())));
    case 'cbrt':
      return over(mul(num(3), pow(call('cbrt', u), num(2))));
    case 'square':
      return times(mul(num(2), u));
    case 'pow':
      return powerRule(u, v, r);
    case 'sin':
      return times(call('cos', u));
    case 'cos':
      return neg(times(call('sin', u)));
    case 'tan':
      return over(pow(call('cos', u), num(2)));
    case 'atan':
      return over(add(ONE, pow(u, num(2))));
    // d/dx asin(x) = 1 / sqrt(1 - x²), and acos the negative: infinite at ±1.
    case 'asin':
      return over(call('sqrt', sub(ONE, pow(u, num(2)))));
    case 'acos':
      return neg(over(call('sqrt', sub(ONE, pow(u, num(2))))));
    case 'sinh':
      return times(call('cosh', u));
    case 'cosh':
      return times(call('sinh', u));
    case 'tanh':
      return over(pow(call('cosh', u), num(2)));
    case 'sigmoid':
      return times(mul(call('sigmoid', u), call('sigmoid', neg(u))));
    case 'softplus':
      return times(call('sigmoid', u));
    case 'softmax':
      return times(mul(call('softmax', u), sub(ONE, call('softmax', u))));
    case 'logSoftmax':
      return times(sub(ONE, call('softmax', u)));
  }
  throw new ExpressionError(`cannot differentiate ${fn}()`, 1);
}

/** max(a, b, …)' is the derivative of the argument that is largest just right of the point. */
function extremumRule(fn: 'max' | 'min', args: Node[], r: Rules): Node {
  if (args.length === 1) return r.d(args[0]);
  const [first, ...rest] = args;
  const restNode: Node = rest.length === 1 ? rest[0] : { kind: 'call', fn, args: rest };
  const firstWins = sideTest(first, restNode, r.d(first), r.d(restNode), fn === 'max' ? '>' : '<', r);
  return cond(firstWins, r.d(first), extremumRule(fn, rest, r));
}

/**
 * A test true where l > r (want '>') or l < r (want '<') holds just right of the point: strict or not at
 * l = r as the pair's decided side says, or by the slopes dl, dr when the side is exact; where the slopes
 * are equal too, the comparison's own value at the tie (`holdsAtTie`: it was >= or <=) decides.
 */
function sideTest(l: Node, rhs: Node, dl: Node, dr: Node, want: '>' | '<', r: Rules, holdsAtTie = false): Node {
  const side = r.sides?.get(switchKey(l, rhs)) ?? 'exact';
  const strict: CompareOp = want;
  const loose: CompareOp = want === '>' ? '>=' : '<=';
  if (side === 'greater') return cmp(want === '>' ? loose : strict, l, rhs);
  if (side === 'less') return cmp(want === '<' ? loose : strict, l, rhs);
  return logic('or', cmp(strict, l, rhs), logic('and', cmp('==', l, rhs), cmp(holdsAtTie ? loose : strict, dl, dr)));
}

/** A conditional's test as it holds just right of the point, where a comparison that switches there is decided by its side. */
function rightTest(test: Node, r: Rules): Node {
  if (!dependsOn(test, r.wrt)) return test;
  switch (test.kind) {
    case 'not':
      return not(rightTest(test.arg, r));
    case 'logic':
      return logic(test.op, rightTest(test.left, r), rightTest(test.right, r));
    case 'cmp': {
      const { left: l, right: rhs } = test;
      switch (test.op) {
        case '>':
        case '>=':
          return sideTest(l, rhs, r.d(l), r.d(rhs), '>', r, test.op === '>=');
        case '<':
        case '<=':
          return sideTest(l, rhs, r.d(l), r.d(rhs), '<', r, test.op === '<=');
        case '==':
          return logic('and', cmp('==', l, rhs), cmp('==', r.d(l), r.d(rhs)));
        case '!=':
          return logic('or', cmp('!=', l, rhs), cmp('!=', r.d(l), r.d(rhs)));
      }
      break;
    }
  }
  return logic('or', cmp('!=', test, ZERO), cmp('!=', r.d(test), ZERO));
}

/**
 * `n` as it is just right of the point, for a factor the product rule copies: a sign, a conditional or a
 * comparison's value that switches there takes its right-hand value. Where the other factor vanishes at the
 * switch, the product is continuous and its right-hand slope is that value times the other's slope:
 * sign(p)·p has slope 1 right of 0, not sign(0)·1 = 0, so sign(p)·p - abs(p) comes out 0 there.
 */
function rightValue(n: Node, r: Rules): Node {
  if (!jumpsIn(n, r.wrt)) return n;
  switch (n.kind) {
    case 'call': {
      if (n.fn === 'sign') {
        const u = strip(n.args[0]);
        const du = r.d(u);
        const pos = sideTest(u, ZERO, du, ZERO, '>', r);
        if (du.kind === 'num' && du.value !== 0) return cond(pos, ONE, neg(ONE));
        return cond(pos, ONE, cond(sideTest(u, ZERO, du, ZERO, '<', r), neg(ONE), ZERO));
      }
      return call(n.fn, ...n.args.map((a) => r.right(strip(a))));
    }
    case 'cmp':
    case 'logic':
    case 'not':
      return cond(rightTest(strip(n), r), ONE, ZERO);
    case 'cond':
      return cond(rightTest(strip(n.test), r), r.right(strip(n.then)), r.right(strip(n.else)));
    case 'neg':
      return neg(r.right(n.arg));
    case 'op': {
      const a = r.right(strip(n.left));
      const b = r.right(strip(n.right));
      return n.op === '+' ? add(a, b) : n.op === '-' ? sub(a, b) : n.op === '*' ? mul(a, b) : n.op === '/' ? div(a, b) : pow(a, b);
    }
    default:
      return n;
  }
}

/** Whether n holds a jump (sign, rounding, conditional, comparison) that depends on `wrt`. */
function jumpsIn(n: Node, wrt: string): boolean {
  if (!dependsOn(n, wrt)) return false;
  switch (n.kind) {
    case 'cond':
    case 'cmp':
    case 'logic':
    case 'not':
      return true;
    case 'call':
      return isStep(n.fn) || n.args.some((a) => jumpsIn(a, wrt));
    case 'neg':
      return jumpsIn(n.arg, wrt);
    case 'op':
      return jumpsIn(n.left, wrt) || jumpsIn(n.right, wrt);
    default:
      return false;
  }
}
