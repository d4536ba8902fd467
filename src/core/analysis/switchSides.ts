/**
 * Decides, once per loss, which side each switching pair's ties belong to in its derivative, so that the
 * derivative can be written with plain `>=` / `>` tests instead of testing slopes at every tie:
 * - where the switching function l - r only increases (decreases) over the domain, the loss goes to the
 *   l > r (l < r) side just right of every tie: the right-hand derivative, exact where the loss is smooth;
 * - where it does both but its ties can coincide with no other switching function's (hinge, Huber's
 *   |p - y| = δ), any fixed side is exact, as long as pairs with proportional switching functions (the
 *   min and the max of one Huber written with both) take the same one;
 * - otherwise the pair is left out and the derivative compares the slopes at the tie itself.
 * A conditional's comparison is decided only where its switching function cannot be flat on a piece:
 * there the test's own tie, not a side, says which branch applies.
 */
import { dependsOn, sameNode, substitute, walk, type Node } from '../expression/ast';
import { div, sub } from '../expression/build';
import { differentiate, switchKey, type SwitchSide } from '../expression/derivative';
import { simplifyRational } from '../expression/rational';
import { simplify } from '../expression/simplify';
import { formatOf } from '../precision';
import { evaluateInterval, interval, type Env } from './interval';
import { solveFor } from './solve';

interface Pair {
  key: string;
  /** l - r. */
  w: Node;
  conditional: boolean;
  /** The side the user's own form takes at a tie (max(u, v) and u >= v: 'greater'; min and u <= v: 'less'). */
  natural: SwitchSide;
  /** d(l - r), once computed. */
  slope?: Node;
}

/**
 * Pairs planned whatever the clock says, so that the derivative never depends on machine load; beyond this
 * many the deadline bounds the rest and the coincidence checks (quadratic in the count) are skipped.
 */
const MAX_PAIRS = 24;
const FLOAT64 = formatOf('float64');
const ZERO: Node = { kind: 'num', value: 0 };

export function planSwitchSides(ast: Node, wrt: string, domain: { lo: number; hi: number }, deadline = Infinity): Map<string, SwitchSide> {
  const plan = new Map<string, SwitchSide>();
  const pairs = collectPairs(ast, wrt);
  if (pairs.length === 0) return plan;
  const env: Env = new Map([[wrt, interval(domain.lo, domain.hi, FLOAT64)]]);
  const range = (n: Node) => evaluateInterval(n, env, {}, FLOAT64);
  const open: Pair[] = [];
  for (const [i, p] of pairs.entries()) {
    if (i >= MAX_PAIRS && Date.now() > deadline) return plan;
    let slope: Node;
    try {
      slope = simplifyRational(differentiate(p.w, wrt, deadline));
    } catch {
      continue;
    }
    p.slope = slope;
    if (p.conditional && numericValue(slope) === 0) continue;
    const s = range(slope);
    if (p.conditional ? s.lo > 0 : s.lo >= 0) plan.set(p.key, 'greater');
    else if (p.conditional ? s.hi < 0 : s.hi <= 0) plan.set(p.key, 'less');
    else if (!p.conditional || neverZero(slope, range) || !dependsOn(slope, wrt)) open.push(p);
  }
  if (pairs.length > MAX_PAIRS) return plan;
  for (const group of groupsOf(open)) {
    const orientation = orientationOf(group, pairs, wrt, range);
    if (orientation === undefined) continue;
    for (const { pair, sign } of group) plan.set(pair.key, sign * orientation > 0 ? 'greater' : 'less');
  }
  return plan;
}

type Range = (n: Node) => { lo: number; hi: number };

/**
 * The side (+1: the representative's 'greater') a group of undecided pairs can take everywhere: where a
 * member's ties coincide with another pair's, the member must take the side the loss goes to there, which
 * its slope at those (solved) points says. Undefined when that cannot be decided or the points disagree.
 */
function orientationOf(group: { pair: Pair; sign: number }[], pairs: Pair[], wrt: string, range: Range): number | undefined {
  const switches = (p: Pair) => {
    const r = range(p.w);
    return r.lo <= 0 && r.hi >= 0;
  };
  let required: number | undefined;
  for (const { pair: m, sign } of group) {
    if (!switches(m) || !m.slope) continue;
    for (const q of pairs) {
      if (group.some((g) => g.pair.key === q.key) || !switches(q) || disjoint(m.w, q.w, wrt, range)) continue;
      const roots = solveFor(q.w, ZERO, wrt);
      if (!roots) return undefined;
      for (const x of roots) {
        const at = range(simplify(substitute(m.slope, wrt, x)).node);
        const s = at.lo > 0 ? 1 : at.hi < 0 ? -1 : 0;
        if (s === 0 || (required !== undefined && required !== s * sign)) return undefined;
        required = s * sign;
      }
    }
  }
  return required ?? (group[0].pair.natural === 'less' ? -1 : 1);
}

/** The switching pairs of the loss, keyed as the derivative looks them up. */
function collectPairs(ast: Node, wrt: string): Pair[] {
  const out = new Map<string, Pair>();
  const push = (l: Node, r: Node, conditional: boolean, natural: SwitchSide = 'greater') => {
    if (!dependsOn(l, wrt) && !dependsOn(r, wrt)) return;
    const key = switchKey(l, r);
    const known = out.get(key);
    if (known) known.conditional ||= conditional;
    else out.set(key, { key, w: sub(l, r), conditional, natural });
  };
  walk(ast, (n) => {
    if (!dependsOn(n, wrt)) return;
    if (n.kind === 'call') {
      const [u, v, w] = n.args;
      if (n.fn === 'abs' || n.fn === 'relu') push(u, ZERO, false);
      else if (n.fn === 'clip') {
        push(u, v, false);
        push(u, w, false);
      } else if (n.fn === 'max' || n.fn === 'min') {
        for (let i = 0; i < n.args.length - 1; i++) {
          const rest = n.args.slice(i + 1);
          push(n.args[i], rest.length === 1 ? rest[0] : { kind: 'call', fn: n.fn, args: rest }, false, n.fn === 'min' ? 'less' : 'greater');
        }
      }
    } else if (n.kind === 'cond') {
      walk(n.test, (t) => {
        if (t.kind === 'cmp' && t.op !== '==' && t.op !== '!=') push(t.left, t.right, true, t.op === '<' || t.op === '<=' ? 'less' : 'greater');
      });
    }
  });
  return [...out.values()];
}

/** Pairs whose switching functions are constant multiples of each other, with each one's sign against the first. */
function groupsOf(pairs: Pair[]): { pair: Pair; sign: number }[][] {
  const groups: { pair: Pair; sign: number }[][] = [];
  for (const pair of pairs) {
    const group = groups.find((g) => ratio(pair.w, g[0].pair.w) !== undefined);
    if (group) group.push({ pair, sign: Math.sign(ratio(pair.w, group[0].pair.w) as number) });
    else groups.push([{ pair, sign: 1 }]);
  }
  return groups;
}

function numericValue(n: Node): number | undefined {
  if (n.kind === 'num') return n.value;
  if (n.kind === 'neg' && n.arg.kind === 'num') return -n.arg.value;
  return undefined;
}

function ratio(a: Node, b: Node): number | undefined {
  if (sameNode(a, b)) return 1;
  const k = numericValue(simplifyRational(div(a, b)));
  return k !== undefined && k !== 0 && Number.isFinite(k) ? k : undefined;
}

/** True when a and b can never vanish at the same point: their solved roots differ by something never zero. */
function disjoint(a: Node, b: Node, wrt: string, range: Range): boolean {
  const ra = solveFor(a, ZERO, wrt);
  const rb = solveFor(b, ZERO, wrt);
  if (!ra || !rb) return false;
  return ra.every((x) => rb.every((y) => neverZero(simplifyRational(sub(x, y)), range)));
}

/** Whether a slope can never be 0 (so its switching function is never flat): ±1 from an abs counts. */
function neverZero(n: Node, range: (n: Node) => { lo: number; hi: number }): boolean {
  switch (n.kind) {
    case 'num':
      return n.value !== 0;
    case 'neg':
      return neverZero(n.arg, range);
    case 'cond':
      return neverZero(n.then, range) && neverZero(n.else, range);
    case 'op':
      if (n.op === '*') return neverZero(n.left, range) && neverZero(n.right, range);
      if (n.op === '/') return neverZero(n.left, range);
      break;
  }
  const r = range(n);
  return r.lo > 0 || r.hi < 0;
}
