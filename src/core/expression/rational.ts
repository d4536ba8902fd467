import type { Node } from './ast';
import { add, div, mul, neg, pow, sub } from './build';
import { printMathjs } from './print';

/**
 * Normal form for rational expressions: collects like terms of a quotient of two polynomials whose
 * "variables" are the symbols and any non-arithmetic subtree (log(p) counts as one atom). Used to tidy
 * solved kink positions: ((tau - 1)*y - tau*y) / (-tau - (1 - tau)) becomes y. Gives up, returning the
 * input, when expansion would grow past a small number of terms.
 */
const MAX_TERMS = 48;

interface Term {
  coeff: number;
  /** atom key → exponent */
  powers: Map<string, number>;
}
type Poly = Map<string, Term>;
interface Rational {
  num: Poly;
  den: Poly;
}

/** Thrown to give up and keep the input: too many terms, or a division by zero that has no normal form. */
class TooLarge extends Error {}

export function simplifyRational(node: Node): Node {
  const atoms = new Map<string, Node>();
  try {
    const r = toRational(node, atoms);
    return fromRational(r, atoms);
  } catch (err) {
    if (err instanceof TooLarge) return node;
    throw err;
  }
}

function monomialKey(powers: Map<string, number>): string {
  return [...powers.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, e]) => `${k}^${e}`).join('*');
}

const constant = (c: number): Poly => (c === 0 ? new Map() : new Map([['', { coeff: c, powers: new Map() }]]));

function atom(n: Node, atoms: Map<string, Node>): Poly {
  const key = printMathjs(n);
  if (!atoms.has(key)) atoms.set(key, n);
  const powers = new Map([[key, 1]]);
  return new Map([[monomialKey(powers), { coeff: 1, powers }]]);
}

function addPoly(a: Poly, b: Poly, sign = 1): Poly {
  const out: Poly = new Map([...a].map(([k, t]) => [k, { coeff: t.coeff, powers: t.powers }]));
  for (const [k, t] of b) {
    const cur = out.get(k);
    const c = (cur?.coeff ?? 0) + sign * t.coeff;
    if (Math.abs(c) < 1e-14 * Math.max(1, Math.abs(t.coeff))) out.delete(k);
    else out.set(k, { coeff: c, powers: t.powers });
  }
  if (out.size > MAX_TERMS) throw new TooLarge();
  return out;
}

function mulPoly(a: Poly, b: Poly): Poly {
  if (a.size * b.size > MAX_TERMS * 4) throw new TooLarge();
  let out: Poly = new Map();
  for (const ta of a.values()) {
    for (const tb of b.values()) {
      const powers = new Map(ta.powers);
      for (const [k, e] of tb.powers) powers.set(k, (powers.get(k) ?? 0) + e);
      out = addPoly(out, new Map([[monomialKey(powers), { coeff: ta.coeff * tb.coeff, powers }]]));
    }
  }
  return out;
}

function constantOf(p: Poly): number | undefined {
  if (p.size === 0) return 0;
  if (p.size === 1 && p.has('')) return p.get('')?.coeff;
  return undefined;
}

function toRational(n: Node, atoms: Map<string, Node>): Rational {
  const one = constant(1);
  switch (n.kind) {
    case 'num':
      return { num: constant(n.value), den: one };
    case 'neg': {
      const r = toRational(n.arg, atoms);
      return { num: mulPoly(r.num, constant(-1)), den: r.den };
    }
    case 'op': {
      if (n.op === '^') {
        const e = n.right.kind === 'num' ? n.right.value : undefined;
        if (e !== undefined && Number.isInteger(e) && e >= 0 && e <= 4) {
          const base = toRational(n.left, atoms);
          let r: Rational = { num: one, den: one };
          for (let i = 0; i < e; i++) r = { num: mulPoly(r.num, base.num), den: mulPoly(r.den, base.den) };
          return r;
        }
        return { num: atom(n, atoms), den: one };
      }
      const a = toRational(n.left, atoms);
      const b = toRational(n.right, atoms);
      switch (n.op) {
        case '+':
        case '-': {
          const sign = n.op === '+' ? 1 : -1;
          if (sameDen(a.den, b.den)) return { num: addPoly(a.num, b.num, sign), den: a.den };
          return { num: addPoly(mulPoly(a.num, b.den), mulPoly(b.num, a.den), sign), den: mulPoly(a.den, b.den) };
        }
        case '*':
          return { num: mulPoly(a.num, b.num), den: mulPoly(a.den, b.den) };
        case '/':
          if (b.num.size === 0) throw new TooLarge();
          return { num: mulPoly(a.num, b.den), den: mulPoly(a.den, b.num) };
      }
      return { num: atom(n, atoms), den: one };
    }
    default:
      return { num: atom(n, atoms), den: one };
  }
}

function sameDen(a: Poly, b: Poly): boolean {
  if (a.size !== b.size) return false;
  for (const [k, t] of a) if (b.get(k)?.coeff !== t.coeff) return false;
  return true;
}

/** num / den, cancelling a constant denominator or a numerator that is a multiple of it. */
function fromRational(r: Rational, atoms: Map<string, Node>): Node {
  let { num, den } = r;
  const c = constantOf(den);
  if (c !== undefined && c !== 0) {
    num = mulPoly(num, constant(1 / c));
    den = constant(1);
  } else {
    const k = multipleOf(num, den);
    if (k !== undefined) return polyToNode(constant(k), atoms);
    const lead = [...den.values()][0]?.coeff;
    if (lead !== undefined && lead < 0) {
      num = mulPoly(num, constant(-1));
      den = mulPoly(den, constant(-1));
    }
  }
  const top = polyToNode(num, atoms);
  return constantOf(den) === 1 ? top : div(top, polyToNode(den, atoms));
}

function multipleOf(num: Poly, den: Poly): number | undefined {
  if (num.size !== den.size || num.size === 0) return undefined;
  let k: number | undefined;
  for (const [key, t] of den) {
    const u = num.get(key);
    if (!u) return undefined;
    const ratio = u.coeff / t.coeff;
    if (k === undefined) k = ratio;
    else if (Math.abs(ratio - k) > 1e-12 * Math.abs(k)) return undefined;
  }
  return k;
}

function polyToNode(p: Poly, atoms: Map<string, Node>): Node {
  const order = [...atoms.keys()];
  const rank = (t: Term) => {
    const keys = [...t.powers.keys()];
    return keys.length === 0 ? Infinity : Math.min(...keys.map((k) => order.indexOf(k)));
  };
  const terms = [...p.values()].sort((a, b) => rank(a) - rank(b));
  let out: Node | undefined;
  for (const t of terms) {
    let body: Node | undefined;
    for (const key of order) {
      const e = t.powers.get(key);
      if (!e) continue;
      const factor = e === 1 ? (atoms.get(key) as Node) : pow(atoms.get(key) as Node, { kind: 'num', value: e });
      body = body ? mul(body, factor) : factor;
    }
    const magnitude = Math.abs(t.coeff);
    const unsigned = body ? (magnitude === 1 ? body : mul({ kind: 'num', value: magnitude }, body)) : { kind: 'num' as const, value: magnitude };
    if (!out) out = t.coeff < 0 ? neg(unsigned) : unsigned;
    else out = t.coeff < 0 ? sub(out, unsigned) : add(out, unsigned);
  }
  return out ?? { kind: 'num', value: 0 };
}
