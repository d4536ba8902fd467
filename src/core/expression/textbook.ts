import { countNodes, dependsOn, FLIPPED_COMPARISON, mapChildren, sameNode, type Node } from './ast';
import { printMathjs } from './print';

/**
 * Display-level rewriting into the forms a textbook prints, applied to a tree only to typeset it (the
 * analysis keeps its own trees): |u|² is u², a product's numbers are multiplied into one coefficient
 * that leads it and equal factors become a power (0.5 · δ · δ is ½δ²), a minus sign goes onto that
 * coefficient, like terms of a sum are collected (y + y − 1 is 2y − 1), and consecutive cases with the
 * same value become one case whose condition is either test. Every rule keeps the value of the tree.
 * A chain of products or sums is read once from its top, so the work stays linear in the tree; a tree
 * too large to read as a formula anyway is left as it is.
 */
export const TEXTBOOK_MAX_NODES = 2000;

export interface TextbookOptions {
  /** The prediction: a comparison puts the side with it on the left (ŷ < y − 1, |ŷ − y| ≤ ε). */
  prediction?: string;
}

export function textbookForm(node: Node, options: TextbookOptions = {}): Node {
  if (countNodes(node, TEXTBOOK_MAX_NODES) > TEXTBOOK_MAX_NODES) return node;
  const memo = new Map<Node, Node>();
  const rec = (n: Node): Node => {
    const hit = memo.get(n);
    if (hit) return hit;
    let out: Node;
    if (n.kind === 'op' && n.op === '*') out = product(operands(n).map(rec));
    else if (n.kind === 'op' && (n.op === '+' || n.op === '-')) out = sum(signedTerms(n, 1).map((t) => ({ sign: t.sign, node: rec(t.node) })));
    else out = rewrite(mapChildren(n.kind === 'cond' ? (signOf(n) ?? n) : n, rec), options);
    memo.set(n, out);
    return out;
  };
  return rec(node);
}

function operands(n: Node): Node[] {
  return n.kind === 'op' && n.op === '*' ? [...operands(n.left), ...operands(n.right)] : [n];
}

function signedTerms(n: Node, sign: number): { sign: number; node: Node }[] {
  if (n.kind === 'op' && (n.op === '+' || n.op === '-')) return [...signedTerms(n.left, sign), ...signedTerms(n.right, n.op === '-' ? -sign : sign)];
  return [{ sign, node: n }];
}

function rewrite(n: Node, options: TextbookOptions): Node {
  switch (n.kind) {
    case 'op':
      return n.op === '^' ? evenPowerOfAbs(n) : n;
    case 'neg':
      return n.arg.kind === 'neg' ? n.arg.arg : n;
    case 'cond':
      return mergeCases(n);
    case 'cmp':
      return orient(comparedToZero(n), options.prediction);
    default:
      return n;
  }
}

/** `u >= 0 ? 1 : -1`, the derivative of |u|, is sgn(u) (it differs only at 0, where either side is right). */
function signOf(n: Extract<Node, { kind: 'cond' }>): Node | undefined {
  const t = n.test;
  const isOne = (x: Node) => x.kind === 'num' && x.value === 1;
  const isMinusOne = (x: Node) => (x.kind === 'neg' && isOne(x.arg)) || (x.kind === 'num' && x.value === -1);
  if (t.kind === 'cmp' && t.op === '>=' && t.right.kind === 'num' && t.right.value === 0 && isOne(n.then) && isMinusOne(n.else)) {
    return { kind: 'call', fn: 'sign', args: [t.left] };
  }
  return undefined;
}

/** `a - b >= 0` reads `a >= b`, and `0 >= 1 - y·ŷ` reads `y·ŷ >= 1`. */
function comparedToZero(n: Extract<Node, { kind: 'cmp' }>): Extract<Node, { kind: 'cmp' }> {
  const isZero = (x: Node) => x.kind === 'num' && x.value === 0;
  const difference = (x: Node): x is Extract<Node, { kind: 'op' }> => x.kind === 'op' && x.op === '-';
  if (isZero(n.right) && difference(n.left)) return { kind: 'cmp', op: n.op, left: n.left.left, right: n.left.right };
  if (isZero(n.left) && difference(n.right)) return { kind: 'cmp', op: n.op, left: n.right.right, right: n.right.left };
  return n;
}

/** `ε >= |ŷ − y|` reads `|ŷ − y| <= ε`: the side with the prediction leads, and a number never does. */
function orient(n: Extract<Node, { kind: 'cmp' }>, prediction: string | undefined): Node {
  const flip = (): Node => ({ kind: 'cmp', op: FLIPPED_COMPARISON[n.op], left: n.right, right: n.left });
  if (prediction !== undefined) {
    const left = dependsOn(n.left, prediction);
    if (!left && dependsOn(n.right, prediction)) return flip();
    if (left) return n;
  }
  return n.left.kind === 'num' && n.right.kind !== 'num' ? flip() : n;
}

const num = (value: number): Node => ({ kind: 'num', value });

function isEvenInteger(n: Node): boolean {
  return n.kind === 'num' && Number.isInteger(n.value) && n.value % 2 === 0;
}

/** |u|^2k = u^2k. */
function evenPowerOfAbs(n: Extract<Node, { kind: 'op' }>): Node {
  if (n.left.kind === 'call' && n.left.fn === 'abs' && isEvenInteger(n.right)) return { ...n, left: n.left.args[0] };
  return n;
}

interface Factors {
  coeff: number;
  /** Each distinct factor with how many times it occurs, in order of first occurrence. */
  items: { node: Node; count: number }[];
}

function collectFactors(n: Node, into: Factors): void {
  if (n.kind === 'op' && n.op === '*') {
    collectFactors(n.left, into);
    collectFactors(n.right, into);
  } else if (n.kind === 'num') {
    into.coeff *= n.value;
  } else if (n.kind === 'neg') {
    into.coeff = -into.coeff;
    collectFactors(n.arg, into);
  } else {
    const same = into.items.find((f) => sameNode(f.node, n));
    if (same) same.count++;
    else into.items.push({ node: n, count: 1 });
  }
}

/**
 * One leading coefficient, then the plain symbols, then the other factors in their order; equal factors
 * as powers; |u|·sgn(u) as u; and a single case block takes the other factors into each of its rows.
 */
function product(factors: readonly Node[]): Node {
  const f: Factors = { coeff: 1, items: [] };
  for (const x of factors) collectFactors(x, f);
  cancelAbsSign(f);
  const cases = f.items.filter((i) => i.node.kind === 'cond');
  if (cases.length === 1 && cases[0].count === 1 && f.items.length > 1) {
    const block = cases[0].node as Extract<Node, { kind: 'cond' }>;
    const others: Factors = { coeff: f.coeff, items: f.items.filter((i) => i !== cases[0]) };
    return distributeInto(block, others);
  }
  f.items.sort((a, b) => rank(a.node) - rank(b.node));
  return buildProduct(f);
}

/** Symbols and constants lead a product (y·log ŷ, α·γ·…); everything else keeps its place. */
function rank(n: Node): number {
  return n.kind === 'sym' || n.kind === 'const' ? 0 : 1;
}

function cancelAbsSign(f: Factors): void {
  for (const a of f.items) {
    if (a.node.kind !== 'call' || a.node.fn !== 'abs' || a.count !== 1) continue;
    const u = a.node.args[0];
    const s = f.items.find((i) => i.count === 1 && i.node.kind === 'call' && i.node.fn === 'sign' && sameNode(i.node.args[0], u));
    if (!s) continue;
    a.node = u;
    f.items.splice(f.items.indexOf(s), 1);
    return;
  }
}

function distributeInto(block: Extract<Node, { kind: 'cond' }>, others: Factors): Node {
  const times = (branch: Node): Node => {
    if (branch.kind === 'num' && branch.value === 0) return branch;
    if (branch.kind === 'cond') return distributeInto(branch, others);
    const f: Factors = { coeff: others.coeff, items: others.items.map((i) => ({ ...i })) };
    collectFactors(branch, f);
    cancelAbsSign(f);
    f.items.sort((a, b) => rank(a.node) - rank(b.node));
    return buildProduct(f);
  };
  return mergeCases({ kind: 'cond', test: block.test, then: times(block.then), else: times(block.else) });
}

function buildProduct(f: Factors): Node {
  const factors = f.items.map((i) => (i.count === 1 ? i.node : ({ kind: 'op', op: '^', left: i.node, right: num(i.count) } as Node)));
  if (f.coeff === 0) return num(0);
  const magnitude = Math.abs(f.coeff);
  const parts = magnitude === 1 && factors.length > 0 ? factors : [num(magnitude), ...factors];
  const body = parts.reduce((acc, x) => ({ kind: 'op', op: '*', left: acc, right: x }) as Node);
  return f.coeff < 0 ? { kind: 'neg', arg: body } : body;
}

interface Term {
  coeff: number;
  body: Node | undefined;
  key: string;
}

function collectSum(n: Node, sign: number, out: Term[]): void {
  if (n.kind === 'op' && (n.op === '+' || n.op === '-')) {
    collectSum(n.left, sign, out);
    collectSum(n.right, n.op === '-' ? -sign : sign, out);
    return;
  }
  const f: Factors = { coeff: sign, items: [] };
  collectFactors(n, f);
  const body = f.items.length ? buildProduct({ coeff: 1, items: f.items }) : undefined;
  out.push({ coeff: f.coeff, body, key: body ? printMathjs(body) : '' });
}

/** Like terms of a sum collected; a sum with no two alike keeps its terms as they are. */
function sum(parts: readonly { sign: number; node: Node }[]): Node {
  const terms: Term[] = [];
  for (const p of parts) collectSum(p.node, p.sign, terms);
  const merged: Term[] = [];
  for (const t of terms) {
    const same = merged.find((m) => m.key === t.key);
    if (same) same.coeff += t.coeff;
    else merged.push({ ...t });
  }
  if (merged.length === terms.length) return joinTerms(parts);
  const kept = merged.filter((t) => Math.abs(t.coeff) > 1e-15);
  if (kept.length === 0) return num(0);
  let out: Node | undefined;
  for (const t of kept) {
    const magnitude = Math.abs(t.coeff);
    const body = t.body ? (magnitude === 1 ? t.body : ({ kind: 'op', op: '*', left: num(magnitude), right: t.body } as Node)) : num(magnitude);
    if (!out) out = t.coeff < 0 ? { kind: 'neg', arg: body } : body;
    else out = { kind: 'op', op: t.coeff < 0 ? '-' : '+', left: out, right: body };
  }
  return out as Node;
}

function joinTerms(parts: readonly { sign: number; node: Node }[]): Node {
  let out: Node | undefined;
  for (const { sign, node } of parts) {
    const negative = sign < 0 !== (node.kind === 'neg');
    const body = node.kind === 'neg' ? node.arg : node;
    if (!out) out = negative ? { kind: 'neg', arg: body } : body;
    else out = { kind: 'op', op: negative ? '-' : '+', left: out, right: body };
  }
  return out as Node;
}

/** `a ? v : (b ? v : w)` is `a or b ? v : w`: one "0 if …" row instead of two. */
function mergeCases(n: Extract<Node, { kind: 'cond' }>): Node {
  const inner = n.else;
  if (inner.kind === 'cond' && sameNode(n.then, inner.then)) {
    return mergeCases({ kind: 'cond', test: { kind: 'logic', op: 'or', left: n.test, right: inner.test }, then: n.then, else: inner.else });
  }
  return n;
}
