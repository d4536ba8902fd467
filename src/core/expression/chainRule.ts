/**
 * How the derivative's factors are put together so that they stay exact: the chain rule taken into the
 * branches of a conditional derivative where one of them is 0 (0 · ∞ would be NaN on a flat piece), and
 * quotients with their common factors cancelled (σ(u)·σ(-u) / σ(u) is σ(-u), with no 0/0 where σ(u) underflows).
 */
import { sameNode, type Node } from './ast';
import { add, cond, div, mul, neg, sub } from './build';

const ONE: Node = { kind: 'num', value: 1 };
const isNum = (n: Node, v: number): boolean => n.kind === 'num' && n.value === v;

/**
 * `times(du)`, taken into du's conditional branches where one of them is 0, so that a piece on which the
 * inner derivative vanishes stays exactly 0 whatever the outer factor is there (0 · ∞ would be NaN).
 */
export function chain(du: Node, times: (leaf: Node) => Node): Node {
  if (isNum(du, 0)) return du;
  const lifted = liftConditional(du);
  if (lifted) return chain(lifted, times);
  if (du.kind === 'cond' && hasZeroLeaf(du)) return cond(du.test, chain(du.then, times), chain(du.else, times));
  if (du.kind === 'neg' && du.arg.kind === 'cond' && hasZeroLeaf(du.arg)) return chain(cond(du.arg.test, neg(du.arg.then), neg(du.arg.else)), times);
  return times(du);
}

/** a ± (t ? x : y) as t ? a ± x : a ± y, when that makes a branch exactly 0 (1 - (p > 0 ? 1 : 0) on p > 0). */
function liftConditional(n: Node): Node | undefined {
  if (n.kind !== 'op' || (n.op !== '+' && n.op !== '-')) return undefined;
  const combine = (a: Node, b: Node) => (n.op === '+' ? add(a, b) : sub(a, b));
  let out: Node | undefined;
  if (n.right.kind === 'cond') out = cond(n.right.test, combine(n.left, n.right.then), combine(n.left, n.right.else));
  else if (n.left.kind === 'cond') out = cond(n.left.test, combine(n.left.then, n.right), combine(n.left.else, n.right));
  return out && out.kind === 'cond' && hasZeroLeaf(out) ? out : undefined;
}

function hasZeroLeaf(n: Node): boolean {
  if (isNum(n, 0)) return true;
  if (n.kind === 'cond') return hasZeroLeaf(n.then) || hasZeroLeaf(n.else);
  if (n.kind === 'neg') return hasZeroLeaf(n.arg);
  return false;
}

/** a / b with factors common to both cancelled (f·g / f = g, f / sqrt(f) = sqrt(f)): no 0/0 where f underflows. */
export function quotient(a: Node, b: Node): Node {
  const top = factorsOf(a);
  const bottom = factorsOf(b);
  const rest: Node[] = [];
  for (const f of bottom.list) {
    const i = top.list.findIndex((t) => sameNode(t, f));
    if (i >= 0) {
      top.list.splice(i, 1);
      continue;
    }
    if (f.kind === 'call' && f.fn === 'sqrt') {
      const j = top.list.findIndex((t) => sameNode(t, f.args[0]));
      if (j >= 0) {
        top.list[j] = f;
        continue;
      }
    }
    rest.push(f);
  }
  const product = (list: Node[]) => list.reduce((x, y) => mul(x, y), ONE);
  const out = div(product(top.list), product(rest));
  return top.sign * bottom.sign < 0 ? neg(out) : out;
}

function factorsOf(n: Node): { sign: number; list: Node[] } {
  if (n.kind === 'neg') {
    const inner = factorsOf(n.arg);
    return { sign: -inner.sign, list: inner.list };
  }
  if (n.kind === 'op' && n.op === '*') {
    const a = factorsOf(n.left);
    const b = factorsOf(n.right);
    return { sign: a.sign * b.sign, list: [...a.list, ...b.list] };
  }
  return { sign: 1, list: [n] };
}
