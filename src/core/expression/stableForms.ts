/**
 * Stable forms for differentiation: the same function written so that its derivative evaluates without 0/0
 * or ∞/∞ in floating point (sqrt(exp(u)) as exp(u / 2), log(1 + exp(u)) as softplus(u), 1 - sigmoid(u) as
 * sigmoid(-u)), and roots and powers of powers in their exact power form, so that sqrt(u^4) is u^2 and
 * cbrt(u^2) is |u|^(2/3), with a derivative that is right where u = 0. Every rewrite has the same value
 * wherever the original is real.
 */
import { dependsOn, sameNode, type Node } from './ast';
import { call, div, mul, neg, pow } from './build';

const num = (value: number): Node => ({ kind: 'num', value });
const isNum = (n: Node, v: number): boolean => n.kind === 'num' && n.value === v;

/**
 * The same function written so that its derivative evaluates without 0/0 or ∞/∞ in floating point, or
 * undefined when `n` is already such a form. Every rewrite has the same value wherever `n` is real.
 */
export function stableForm(n: Node, wrt: string): Node | undefined {
  if (n.kind === 'call' && n.args.length === 1) {
    const [u] = n.args;
    if (n.fn === 'sqrt' || n.fn === 'cbrt') {
      const root = n.fn === 'sqrt' ? 2 : 3;
      if (u.kind === 'call' && u.fn === 'exp') return call('exp', div(u.args[0], num(root)));
      const k = integerPower(u);
      if (k !== undefined) return evenRoot(baseOf(u), k, root);
    }
    if (n.fn === 'log' && u.kind === 'call' && u.fn === 'exp') return u.args[0];
    const softplusArg = n.fn === 'log' ? onePlusExp(u) : n.fn === 'log1p' && u.kind === 'call' && u.fn === 'exp' ? u.args[0] : undefined;
    if (softplusArg) return call('softplus', softplusArg);
  }
  if (n.kind === 'op') {
    if (n.op === '^' && !dependsOn(n.right, wrt)) {
      const b = n.right;
      if (n.left.kind === 'call' && n.left.fn === 'exp') return call('exp', mul(b, n.left.args[0]));
      const k = integerPower(n.left);
      const bv = b.kind === 'num' ? b.value : undefined;
      if (k !== undefined && k % 2 === 0 && bv !== undefined && !Number.isInteger(bv)) return powOfAbs(baseOf(n.left), k * bv);
      if (n.left.kind === 'call' && n.left.fn === 'abs' && bv !== undefined && bv % 2 === 0) return pow(n.left.args[0], b);
      if (bv !== undefined && Number.isInteger(bv) && bv >= 2) {
        const inner = n.left;
        if (inner.kind === 'call' && inner.fn === 'cbrt') return evenRoot(inner.args[0], bv, 3);
        if (inner.kind === 'op' && inner.op === '^' && inner.right.kind === 'num' && !dependsOn(inner.right, wrt)) return pow(inner.left, num(inner.right.value * bv));
      }
    }
    if (n.op === '-' && isNum(n.left, 1) && n.right.kind === 'call' && n.right.fn === 'sigmoid') return call('sigmoid', neg(n.right.args[0]));
    if (n.op === '/' && isNum(n.left, 1)) {
      const e = onePlusExp(n.right);
      if (e) return call('sigmoid', neg(e));
    }
    if (n.op === '/' && n.left.kind === 'call' && n.left.fn === 'exp') {
      const e = onePlusExp(n.right);
      if (e && sameNode(e, n.left.args[0])) return call('sigmoid', e);
    }
  }
  if (n.kind === 'call' && n.fn === 'pow') return stableForm({ kind: 'op', op: '^', left: n.args[0], right: n.args[1] }, wrt) ?? { kind: 'op', op: '^', left: n.args[0], right: n.args[1] };
  if (n.kind === 'call' && n.fn === 'square') return pow(n.args[0], num(2));
  return undefined;
}

/** k when n is u^k for an integer k >= 2. */
function integerPower(n: Node): number | undefined {
  if (n.kind === 'op' && n.op === '^' && n.right.kind === 'num' && Number.isInteger(n.right.value) && n.right.value >= 2) return n.right.value;
  if (n.kind === 'call' && n.fn === 'square') return 2;
  if (n.kind === 'op' && n.op === '*' && sameNode(n.left, n.right)) return 2;
  return undefined;
}

function baseOf(n: Node): Node {
  if (n.kind === 'op') return n.left;
  return n.kind === 'call' ? n.args[0] : n;
}

/** The root'th root of u^k: u^(k/root) for odd results, |u|^(k/root) where u^k is even. */
function evenRoot(u: Node, k: number, root: number): Node | undefined {
  if (root === 2 && k % 2 !== 0) return undefined;
  if (root === 3 && k % 3 === 0) return k === 3 ? u : pow(u, num(k / 3));
  if (root === 3 && k % 2 !== 0) return undefined;
  return powOfAbs(u, k / root);
}

function powOfAbs(u: Node, e: number): Node {
  if (Number.isInteger(e) && e % 2 === 0) return pow(u, num(e));
  return e === 1 ? call('abs', u) : pow(call('abs', u), num(e));
}

/** v when n is 1 + exp(v) or exp(v) + 1. */
function onePlusExp(n: Node): Node | undefined {
  if (n.kind !== 'op' || n.op !== '+') return undefined;
  const [one, e] = isNum(n.left, 1) ? [n.left, n.right] : [n.right, n.left];
  return isNum(one, 1) && e.kind === 'call' && e.fn === 'exp' ? e.args[0] : undefined;
}
