import { countNodes, sameNode, type Node } from '../expression/ast';
import { add, div, mul, neg, pow } from '../expression/build';
import { simplifyRational } from '../expression/rational';

/**
 * Multiplies a derivative by the factors of an inner derivative and cancels what can be cancelled, term by
 * term: ((1 − y)/(1 − p) − y/p) · p(1 − p) becomes (1 − y)p − y(1 − p), and (1 − p)^(γ−1) · (1 − p) becomes
 * (1 − p)^γ. Each term of the sum is read as a coefficient times powers of bases (any subtree), bases that
 * are equal (sums and products up to order) have their exponents added, and a zero exponent drops the
 * base. Sizes are bounded: past them the plain product is returned.
 */
interface Factor {
  base: Node;
  /** A number, or a tree for symbolic exponents (γ − 1). */
  exp: Node;
}

interface Term {
  coeff: number;
  factors: Factor[];
}

const MAX_TERMS = 64;
const MAX_FACTORS = 64;

class TooLarge extends Error {}

/** `derivative · Π factors`, with the factors distributed into each term of the derivative and cancelled. */
export function multiplyAndCancel(derivative: Node, factors: readonly Node[]): Node {
  const product = factors.reduce((acc, f) => mul(acc, f), derivative);
  try {
    const terms: Term[] = [];
    flattenSum(derivative, 1, terms);
    for (const term of terms) for (const f of factors) addFactor(term, f, one);
    return buildSum(terms.filter((t) => t.coeff !== 0));
  } catch (err) {
    if (err instanceof TooLarge) return product;
    throw err;
  }
}

/** The smallest of several equal forms (by node count); the first wins a tie. */
export function smallest(candidates: readonly Node[]): Node {
  let best = candidates[0];
  let size = countNodes(best);
  for (const c of candidates.slice(1)) {
    const n = countNodes(c, size);
    if (n < size) {
      best = c;
      size = n;
    }
  }
  return best;
}

/** Tries the rational normal form too, keeping whichever is smaller. */
export function tidy(node: Node): Node {
  return smallest([node, simplifyRational(node)]);
}

const one: Node = { kind: 'num', value: 1 };

function flattenSum(n: Node, sign: number, out: Term[]): void {
  if (out.length > MAX_TERMS) throw new TooLarge();
  if (n.kind === 'op' && (n.op === '+' || n.op === '-')) {
    flattenSum(n.left, sign, out);
    flattenSum(n.right, n.op === '-' ? -sign : sign, out);
  } else if (n.kind === 'neg') {
    flattenSum(n.arg, -sign, out);
  } else {
    const term: Term = { coeff: sign, factors: [] };
    collect(term, n, 1);
    out.push(term);
  }
}

/** Reads a product into the term; `s` is +1 in a numerator and −1 in a denominator. */
function collect(term: Term, n: Node, s: number): void {
  switch (n.kind) {
    case 'num':
      term.coeff *= s > 0 ? n.value : 1 / n.value;
      return;
    case 'neg':
      term.coeff = -term.coeff;
      collect(term, n.arg, s);
      return;
    case 'op':
      if (n.op === '*') {
        collect(term, n.left, s);
        collect(term, n.right, s);
        return;
      }
      if (n.op === '/') {
        collect(term, n.left, s);
        collect(term, n.right, -s);
        return;
      }
      if (n.op === '^') {
        addFactor(term, n.left, s > 0 ? n.right : negate(n.right));
        return;
      }
      break;
    case 'call':
      if (n.fn === 'pow' && n.args.length === 2) {
        addFactor(term, n.args[0], s > 0 ? n.args[1] : negate(n.args[1]));
        return;
      }
      if (n.fn === 'square' && n.args.length === 1) {
        addFactor(term, n.args[0], { kind: 'num', value: 2 * s });
        return;
      }
      break;
  }
  addFactor(term, n, { kind: 'num', value: s });
}

function negate(exp: Node): Node {
  return exp.kind === 'num' ? { kind: 'num', value: -exp.value } : neg(exp);
}

function addFactor(term: Term, base: Node, exp: Node): void {
  const existing = term.factors.find((f) => equalUpToOrder(f.base, base));
  if (existing) {
    existing.exp = existing.exp.kind === 'num' && exp.kind === 'num' ? { kind: 'num', value: existing.exp.value + exp.value } : simplifyRational(add(existing.exp, exp));
    return;
  }
  if (term.factors.length >= MAX_FACTORS) throw new TooLarge();
  term.factors.push({ base, exp });
}

function isNumber(n: Node, v?: number): boolean {
  return n.kind === 'num' && (v === undefined || n.value === v);
}

function buildTerm(term: Term): Node {
  const numerator: Node[] = [];
  const denominator: Node[] = [];
  for (const { base, exp } of term.factors) {
    if (isNumber(exp, 0)) continue;
    if (exp.kind === 'num' && exp.value < 0) denominator.push(exp.value === -1 ? base : pow(base, { kind: 'num', value: -exp.value }));
    else numerator.push(isNumber(exp, 1) ? base : pow(base, exp));
  }
  const magnitude = Math.abs(term.coeff);
  const top = numerator.reduce<Node | undefined>((acc, f) => (acc ? mul(acc, f) : f), magnitude === 1 ? undefined : { kind: 'num', value: magnitude }) ?? one;
  const bottom = denominator.reduce<Node | undefined>((acc, f) => (acc ? mul(acc, f) : f), undefined);
  return bottom ? div(top, bottom) : top;
}

function buildSum(terms: Term[]): Node {
  if (terms.length === 0) return { kind: 'num', value: 0 };
  let out: Node | undefined;
  for (const t of terms) {
    const body = buildTerm(t);
    if (!out) out = t.coeff < 0 ? neg(body) : body;
    else out = t.coeff < 0 ? { kind: 'op', op: '-', left: out, right: body } : add(out, body);
  }
  return out as Node;
}

/** Structural equality where the operands of + and * may come in either order. */
function equalUpToOrder(a: Node, b: Node): boolean {
  if (sameNode(a, b)) return true;
  if (a.kind === 'op' && b.kind === 'op' && a.op === b.op && (a.op === '+' || a.op === '*')) {
    return sameNode(a.left, b.right) && sameNode(a.right, b.left);
  }
  return false;
}
