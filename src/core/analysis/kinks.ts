import { dependsOn, substitute, symbolsOf, walk, type Node, type Span } from '../expression/ast';
import { add, constantValue, div, mul, neg, sub } from '../expression/build';
import { differentiate } from '../expression/derivative';
import { compile } from '../expression/evaluate';
import { printMathjs } from '../expression/print';
import { toLatex } from '../expression/latex';
import { simplifyRational } from '../expression/rational';

/**
 * Kinks: points of the prediction's domain where the loss is not differentiable or not continuous.
 * Candidates come from the tree (where the argument of abs, max, relu, clip, sign or a conditional's test
 * changes side); each is solved for the prediction symbolically where it is linear, and kept only if the
 * one-sided derivatives really differ (or the loss jumps) there for some values of the other symbols,
 * so that smooth compositions such as max(z, 0) - z*y + log(1 + exp(-abs(z))) report none.
 */
export interface Kink {
  /** Where, as text in mathjs syntax: `p = y + delta`. */
  at: string;
  /** The same in TeX. */
  atLatex: string;
  /** The prediction's value there, when every other symbol it depends on is set. */
  value: number | null;
  /** The subexpression responsible. */
  span: Span;
  /** What kind of break: a kink (gradient jumps) or a jump of the loss itself. */
  kind: 'kink' | 'jump';
  /** One-sided derivatives at the point for the values checked (left, right). */
  gradients?: [number, number];
  /** The prediction's value there as a tree in the other symbols, when it was solved symbolically. */
  solution?: Node;
}

export interface KinkContext {
  ast: Node;
  derivative: Node;
  wrt: string;
  target?: string;
  /** Values of the other symbols that are set. */
  set: ReadonlyMap<string, number>;
  /** Values to try for the symbols that are not set, per symbol. */
  trials: ReadonlyMap<string, readonly number[]>;
  domain: { lo: number; hi: number };
  deadline: number;
}

interface Candidate {
  node: Node;
  /** lhs = rhs describes the switching point. */
  lhs: Node;
  rhs: Node;
}

export function findKinks(ctx: KinkContext): Kink[] {
  const candidates = collectCandidates(ctx.ast, ctx.wrt);
  const variables = [ctx.wrt, ...[...symbolsOf(ctx.ast)].filter((s) => s !== ctx.wrt)];
  const loss = compile(ctx.ast, variables);
  const grad = compile(ctx.derivative, variables);
  const assignments = trialAssignments(variables.slice(1), ctx);
  const out: Kink[] = [];
  const seen = new Set<string>();
  for (const [i, c] of candidates.entries()) {
    if (i >= ALWAYS_CHECKED && Date.now() > ctx.deadline) break;
    const solutions = solveFor(c.lhs, c.rhs, ctx.wrt)?.map(simplifyRational);
    const texts = solutions ?? [undefined];
    for (const solution of texts) {
      const at = solution ? `${ctx.wrt} = ${printMathjs(solution)}` : `${printMathjs(c.lhs)} = ${printMathjs(c.rhs)}`;
      if (seen.has(at)) continue;
      const verdict = verify(c, solution, assignments, variables, loss, grad, ctx);
      if (!verdict) continue;
      seen.add(at);
      const value = solution ? valueWhenSet(solution, ctx) : verdict.allSet ? verdict.x : null;
      if (value !== null && (value < ctx.domain.lo || value > ctx.domain.hi)) continue;
      const latexOpts = { prediction: ctx.wrt, target: ctx.target };
      const atLatex = solution
        ? `${toLatex({ kind: 'sym', name: ctx.wrt }, latexOpts)} = ${toLatex(solution, latexOpts)}`
        : `${toLatex(c.lhs, latexOpts)} = ${toLatex(c.rhs, latexOpts)}`;
      out.push({
        at,
        atLatex,
        value,
        span: c.node.span ?? { start: 0, end: 0 },
        kind: verdict.kind,
        gradients: verdict.allSet ? verdict.gradients : undefined,
        solution,
      });
    }
  }
  return out;
}

const ZERO: Node = { kind: 'num', value: 0 };

/** Candidates checked whatever the clock says, so that results never depend on machine load; the deadline bounds the rest. */
const ALWAYS_CHECKED = 32;

function collectCandidates(ast: Node, wrt: string): Candidate[] {
  const out: Candidate[] = [];
  walk(ast, (n) => {
    if (!dependsOn(n, wrt)) return;
    if (n.kind === 'call') {
      const [u, v, w] = n.args;
      switch (n.fn) {
        case 'abs':
        case 'sign':
        case 'relu':
          out.push({ node: n, lhs: u, rhs: ZERO });
          break;
        case 'max':
        case 'min':
          for (let i = 0; i < n.args.length; i++) {
            for (let j = i + 1; j < n.args.length; j++) out.push({ node: n, lhs: n.args[i], rhs: n.args[j] });
          }
          break;
        case 'clip':
          out.push({ node: n, lhs: u, rhs: v }, { node: n, lhs: u, rhs: w });
          break;
      }
    } else if (n.kind === 'cond') {
      walk(n.test, (t) => {
        if (t.kind === 'cmp') out.push({ node: n, lhs: t.left, rhs: t.right });
      });
    } else if (n.kind === 'cmp') {
      out.push({ node: n, lhs: n.left, rhs: n.right });
    }
  });
  return out.filter((c) => dependsOn(c.lhs, wrt) || dependsOn(c.rhs, wrt));
}

/** Solves lhs = rhs for x where that can be done by inverting linear steps and abs. */
export function solveFor(lhs: Node, rhs: Node, x: string, depth = 0): Node[] | undefined {
  if (depth > 40) return undefined;
  const l = dependsOn(lhs, x);
  const r = dependsOn(rhs, x);
  if (!l && r) return solveFor(rhs, lhs, x, depth + 1);
  if (!l) return undefined;
  if (r) return solveFor(sub(lhs, rhs), ZERO, x, depth + 1);
  switch (lhs.kind) {
    case 'sym':
      return [rhs];
    case 'neg':
      return solveFor(lhs.arg, neg(rhs), x, depth + 1);
    case 'op': {
      const a = lhs.left;
      const b = lhs.right;
      const inLeft = dependsOn(a, x);
      const inRight = dependsOn(b, x);
      if (inLeft && inRight) return linear(lhs, rhs, x);
      switch (lhs.op) {
        case '+':
          return inLeft ? solveFor(a, sub(rhs, b), x, depth + 1) : solveFor(b, sub(rhs, a), x, depth + 1);
        case '-':
          return inLeft ? solveFor(a, add(b, rhs), x, depth + 1) : solveFor(b, sub(a, rhs), x, depth + 1);
        case '*':
          return inLeft ? solveFor(a, div(rhs, b), x, depth + 1) : solveFor(b, div(rhs, a), x, depth + 1);
        case '/':
          return inLeft ? solveFor(a, mul(rhs, b), x, depth + 1) : solveFor(b, div(a, rhs), x, depth + 1);
        default:
          return linear(lhs, rhs, x);
      }
    }
    case 'call':
      if (lhs.fn === 'abs') {
        const pos = solveFor(lhs.args[0], rhs, x, depth + 1);
        const negs = solveFor(lhs.args[0], neg(rhs), x, depth + 1);
        if (!pos || !negs) return undefined;
        const rv = constantValue(rhs);
        if (rv === 0) return pos;
        if (rv !== undefined && rv < 0) return [];
        return [...negs, ...pos];
      }
      return linear(lhs, rhs, x);
    default:
      return undefined;
  }
}

/** a·x + b = rhs when the derivative of lhs does not depend on x. */
function linear(lhs: Node, rhs: Node, x: string): Node[] | undefined {
  let slope: Node;
  try {
    slope = differentiate(lhs, x);
  } catch {
    return undefined;
  }
  if (dependsOn(slope, x) || constantValue(slope) === 0) return undefined;
  const intercept = substitute(lhs, x, ZERO);
  return [div(sub(rhs, intercept), slope)];
}

interface Verdict {
  kind: 'kink' | 'jump';
  x: number;
  gradients?: [number, number];
  allSet: boolean;
}

function trialAssignments(others: string[], ctx: KinkContext): { values: number[]; allSet: boolean }[] {
  const unset = others.filter((s) => !ctx.set.has(s));
  const rounds = unset.length === 0 ? 1 : 4;
  const out: { values: number[]; allSet: boolean }[] = [];
  for (let k = 0; k < rounds; k++) {
    out.push({
      values: others.map((s) => {
        const v = ctx.set.get(s);
        if (v !== undefined) return v;
        const options = ctx.trials.get(s) ?? [1];
        return options[k % options.length];
      }),
      allSet: unset.length === 0,
    });
  }
  return out;
}

function verify(
  c: Candidate,
  solution: Node | undefined,
  assignments: { values: number[]; allSet: boolean }[],
  variables: string[],
  loss: (v: ArrayLike<number>) => number,
  grad: (v: ArrayLike<number>) => number,
  ctx: KinkContext,
): Verdict | undefined {
  const gap = compile(sub(c.lhs, c.rhs), variables);
  const solve = solution ? compile(solution, variables) : undefined;
  for (const a of assignments) {
    const vals = [0, ...a.values];
    const points = solve ? [solve(vals)] : numericRoots(gap, vals, ctx.domain);
    for (const x of points) {
      if (!Number.isFinite(x) || x < ctx.domain.lo || x > ctx.domain.hi) continue;
      vals[0] = x;
      if (Math.abs(gap(vals)) > 1e-6 * (1 + Math.abs(x))) continue;
      const h = 1e-6 * (1 + Math.abs(x));
      const at = (t: number, f: typeof loss) => {
        vals[0] = t;
        return f(vals);
      };
      const fl = at(x - h, loss);
      const fr = at(x + h, loss);
      const gl = at(x - h, grad);
      const gr = at(x + h, grad);
      const scale = 1 + Math.max(Math.abs(gl), Math.abs(gr));
      if (Number.isFinite(fl) && Number.isFinite(fr) && Math.abs(fl - fr) > 1e-3 * (1 + Math.abs(fl)) + 4 * h * scale) {
        return { kind: 'jump', x, allSet: a.allSet };
      }
      if (Number.isFinite(gl) && Number.isFinite(gr) && Math.abs(gl - gr) > 1e-4 * scale) {
        return { kind: 'kink', x, gradients: [gl, gr], allSet: a.allSet };
      }
    }
  }
  return undefined;
}

function numericRoots(gap: (v: ArrayLike<number>) => number, vals: number[], domain: { lo: number; hi: number }): number[] {
  const lo = Number.isFinite(domain.lo) ? domain.lo : -20;
  const hi = Number.isFinite(domain.hi) ? domain.hi : 20;
  const n = 400;
  const roots: number[] = [];
  const g = (x: number) => {
    vals[0] = x;
    return gap(vals);
  };
  let px = lo;
  let pg = g(px);
  for (let i = 1; i <= n && roots.length < 8; i++) {
    const x = lo + ((hi - lo) * i) / n;
    const gx = g(x);
    if (pg === 0) roots.push(px);
    else if (Number.isFinite(pg) && Number.isFinite(gx) && Math.sign(pg) !== Math.sign(gx) && gx !== 0) {
      let a = px;
      let b = x;
      let ga = pg;
      for (let k = 0; k < 60; k++) {
        const m = (a + b) / 2;
        const gm = g(m);
        if (Math.sign(gm) === Math.sign(ga)) {
          a = m;
          ga = gm;
        } else b = m;
      }
      roots.push((a + b) / 2);
    }
    px = x;
    pg = gx;
  }
  return roots;
}

function valueWhenSet(solution: Node, ctx: KinkContext): number | null {
  const names = [...symbolsOf(solution)];
  if (names.some((n) => !ctx.set.has(n))) return null;
  const v = compile(solution, names)(names.map((n) => ctx.set.get(n) as number));
  return Number.isFinite(v) ? v : null;
}
