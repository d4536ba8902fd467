/**
 * Kinks: points of the prediction's domain where the loss is not differentiable or not continuous.
 * Candidates come from the tree: where the argument of abs, relu, sign, a max/min pair, a clip end or a
 * conditional's comparison changes side, where the base of a root or fractional power reaches zero
 * (sqrt(p^2) is |p|, cbrt(p^2) a cusp), and where a divisor vanishes or tan has a pole (clip(1/p, -1, 1)
 * jumps at 0). Every root of each candidate counts: solved symbolically where a
 * formula exists (p = y ± delta, both roots of a quadratic), found numerically otherwise (abs(sin(p))).
 * Each root is judged by the loss's one-sided local expansions there (localExpansion.ts), so a kink is
 * decided by the one-sided derivatives themselves, not by a threshold that depends on the loss's scale.
 */
import { dependsOn, symbolsOf, walk, type Node, type Span } from '../expression/ast';
import { sub } from '../expression/build';
import { differentiate } from '../expression/derivative';
import { compile, type Evaluator } from '../expression/evaluate';
import { formatNumber, printMathjs } from '../expression/print';
import { toLatex } from '../expression/latex';
import { simplifyRational } from '../expression/rational';
import { classifyAt, valueAt, type LocalVerdict } from './localExpansion';
import { numericRoots } from './roots';
import { solveFor } from './solve';

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
  /** One-sided derivatives at the point for the values checked (left, right); infinite at a cusp. */
  gradients?: [number, number];
  /** The prediction's value there as a tree in the other symbols, when it was solved symbolically. */
  solution?: Node;
  /** The switching equation lhs = rhs, when its roots were found numerically. */
  switching?: { lhs: Node; rhs: Node };
}

export interface KinkContext {
  ast: Node;
  wrt: string;
  target?: string;
  /** Values of the other symbols that are set. */
  set: ReadonlyMap<string, number>;
  /** Values to try for the symbols that are not set, per symbol. */
  trials: ReadonlyMap<string, readonly number[]>;
  domain: { lo: number; hi: number };
  deadline: number;
}

export interface Candidate {
  node: Node;
  /** lhs = rhs describes the switching point. */
  lhs: Node;
  rhs: Node;
}

interface Assignment {
  values: number[];
  allSet: boolean;
}

const ZERO: Node = { kind: 'num', value: 0 };

/** Candidates checked whatever the clock says, so that results never depend on machine load; the deadline bounds the rest. */
const ALWAYS_CHECKED = 32;

export function findKinks(ctx: KinkContext): Kink[] {
  const candidates = collectCandidates(ctx.ast, ctx.wrt);
  const variables = [ctx.wrt, ...[...symbolsOf(ctx.ast)].filter((s) => s !== ctx.wrt)];
  const assignments = trialAssignments(variables.slice(1), ctx);
  const loss = compile(ctx.ast, variables);
  const judge = judgeWith(ctx.ast, ctx.wrt, variables, loss);
  const out: Kink[] = [];
  const seen = new Set<string>();
  const seenValues: number[] = [];
  const latexOpts = { prediction: ctx.wrt, target: ctx.target };
  const add = (kink: Omit<Kink, 'atLatex'> & { atLatex?: string }, c: Candidate) => {
    if (seen.has(kink.at)) return;
    if (kink.value !== null && seenValues.some((v) => sameX(v, kink.value as number))) return;
    if (kink.value !== null && (kink.value < ctx.domain.lo || kink.value > ctx.domain.hi)) return;
    seen.add(kink.at);
    if (kink.value !== null) seenValues.push(kink.value);
    out.push({ ...kink, atLatex: kink.atLatex ?? `${toLatex(c.lhs, latexOpts)} = ${toLatex(c.rhs, latexOpts)}`, span: c.node.span ?? { start: 0, end: 0 } });
  };
  for (const [i, c] of candidates.entries()) {
    if (i >= ALWAYS_CHECKED && Date.now() > ctx.deadline) break;
    const solutions = usable(solveFor(c.lhs, c.rhs, ctx.wrt)?.map(simplifyRational), variables, assignments);
    if (solutions) {
      for (const solution of solutions) {
        const at = `${ctx.wrt} = ${printMathjs(solution)}`;
        if (seen.has(at)) continue;
        const solve = compile(solution, variables);
        const verdict = firstBreak(assignments, (a) => {
          const x = solve([0, ...a.values]);
          return inDomain(x, ctx) && isRoot(c, ctx.wrt, variables, a.values, x) ? [x] : [];
        }, judge);
        if (!verdict) continue;
        const value = valueWhenSet(solution, ctx) ?? (verdict.allSet ? verdict.x : null);
        const atLatex = `${toLatex({ kind: 'sym', name: ctx.wrt }, latexOpts)} = ${toLatex(solution, latexOpts)}`;
        add({ at, atLatex, value, span: c.node.span ?? { start: 0, end: 0 }, kind: verdict.kind, gradients: verdict.allSet ? verdict.gradients : undefined, solution }, c);
      }
      continue;
    }
    const window = searchWindow(ctx.domain, assignments);
    const gap = compile(sub(c.lhs, c.rhs), variables);
    const slope = slopeOf(c, ctx.wrt, variables);
    const rootsAt = (a: Assignment) => numericRoots(gap, [0, ...a.values], window.lo, window.hi, (x) => isRoot(c, ctx.wrt, variables, a.values, x), slope);
    const switching = { lhs: c.lhs, rhs: c.rhs };
    const equation = `${printMathjs(c.lhs)} = ${printMathjs(c.rhs)}`;
    if (assignments.length === 1 && assignments[0].allSet) {
      for (const x of rootsAt(assignments[0])) {
        const verdict = judge(assignments[0], x);
        if (!verdict) continue;
        const at = `${ctx.wrt} = ${formatNumber(Number(x.toPrecision(6)))}`;
        const atLatex = `${toLatex({ kind: 'sym', name: ctx.wrt }, latexOpts)} = ${formatNumber(Number(x.toPrecision(6)))}`;
        add({ at, atLatex, value: x, span: ZERO_SPAN, kind: verdict.kind, gradients: verdict.gradients, switching }, c);
      }
    } else {
      const verdict = firstBreak(assignments, rootsAt, judge);
      if (verdict) add({ at: equation, value: null, span: ZERO_SPAN, kind: verdict.kind, switching }, c);
    }
  }
  return out;
}

const ZERO_SPAN: Span = { start: 0, end: 0 };

/**
 * Solutions, unless none of them evaluates to a number for any values tried: p/p - 2p = 0 "solves" linearly
 * to 0/0, since p/p has a constant slope; its root is then found numerically.
 */
function usable(solutions: Node[] | undefined, variables: string[], assignments: readonly Assignment[]): Node[] | undefined {
  if (!solutions || solutions.length === 0) return solutions;
  const finite = solutions.some((s) => {
    const f = compile(s, variables);
    return assignments.some((a) => Number.isFinite(f([0, ...a.values])));
  });
  return finite ? solutions : undefined;
}

function sameX(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * (1 + Math.abs(a));
}

function inDomain(x: number, ctx: KinkContext): boolean {
  return Number.isFinite(x) && x >= ctx.domain.lo && x <= ctx.domain.hi;
}

/** Where numeric roots are looked for on an unbounded domain: ±20 around zero and every symbol's value. */
export function searchWindow(domain: { lo: number; hi: number }, assignments: readonly Assignment[]): { lo: number; hi: number } {
  const values = assignments.flatMap((a) => a.values).filter(Number.isFinite);
  const low = Math.min(0, ...values) - 20;
  const high = Math.max(0, ...values) + 20;
  return { lo: Number.isFinite(domain.lo) ? domain.lo : low, hi: Number.isFinite(domain.hi) ? domain.hi : high };
}

function slopeOf(c: Candidate, wrt: string, variables: string[]): Evaluator | undefined {
  try {
    return compile(differentiate(sub(c.lhs, c.rhs), wrt), variables);
  } catch {
    return undefined;
  }
}

/** Whether lhs - rhs vanishes at x up to the rounding of its own terms (p^2 - 2 at √2 is 4e-16). */
function isRoot(c: Candidate, wrt: string, variables: string[], others: readonly number[], x: number): boolean {
  const values = new Map(variables.slice(1).map((v, i) => [v, others[i]]));
  const { value } = valueAt(sub(c.lhs, c.rhs), wrt, x, values);
  return value === 0;
}

type Judge = (a: Assignment, x: number) => { kind: 'kink' | 'jump'; gradients?: [number, number] } | undefined;

function judgeWith(ast: Node, wrt: string, variables: string[], loss: Evaluator): Judge {
  const vals: number[] = [];
  const finiteAt = (a: Assignment, x: number) => {
    vals.length = 0;
    vals.push(x, ...a.values);
    return Number.isFinite(loss(vals));
  };
  return (a, x) => {
    if (undefinedBeside(x, (t) => finiteAt(a, t))) return undefined;
    const values = new Map(variables.slice(1).map((v, i) => [v, a.values[i]]));
    let verdict: LocalVerdict = classifyAt(ast, wrt, x, values);
    if (verdict.kind === 'unknown') verdict = numericVerdict(loss, [x, ...a.values]);
    if (verdict.kind === 'kink') return { kind: 'kink', gradients: verdict.gradients };
    if (verdict.kind === 'jump') return { kind: 'jump' };
    return undefined;
  };
}

/**
 * A quick way out before expanding: the loss is not a number on one side of x, near and very near (one test
 * alone would misjudge a domain edge just past x, or a value that underflows at a tiny step).
 */
export function undefinedBeside(x: number, finite: (t: number) => boolean): boolean {
  const far = 1e-6 * (1 + Math.abs(x));
  const near = Math.max(1e-12 * Math.abs(x), 1e-150);
  return [-1, 1].some((s) => !finite(x + s * far) && !finite(x + s * near));
}

function firstBreak(
  assignments: readonly Assignment[],
  points: (a: Assignment) => number[],
  judge: Judge,
): { kind: 'kink' | 'jump'; x: number; gradients?: [number, number]; allSet: boolean } | undefined {
  for (const a of assignments) {
    for (const x of points(a)) {
      const verdict = judge(a, x);
      if (verdict) return { ...verdict, x, allSet: a.allSet };
    }
  }
  return undefined;
}

/**
 * The fallback when the expansion cannot decide: one-sided difference quotients at shrinking steps. A kink's
 * two slopes stay apart as the step shrinks; a smooth point's converge. Relative, so scale-free.
 */
function numericVerdict(loss: Evaluator, vals: number[]): LocalVerdict {
  const x0 = vals[0];
  const f = (x: number) => {
    vals[0] = x;
    return loss(vals);
  };
  const f0 = f(x0);
  const steps = [1e-4, 1e-5, 1e-6].map((k) => k * (1 + Math.abs(x0)));
  const gaps: number[] = [];
  const jumps: number[] = [];
  let slopes: [number, number] = [0, 0];
  for (const h of steps) {
    const r = f(x0 + h);
    const l = f(x0 - h);
    if (![f0, r, l].every(Number.isFinite)) return { kind: 'undefined' };
    slopes = [(f0 - l) / h, (r - f0) / h];
    jumps.push(Math.abs(r - l) / (Math.abs(r) + Math.abs(l) + Math.abs(f0) || 1));
    gaps.push(Math.abs(slopes[1] - slopes[0]) / (Math.max(Math.abs(slopes[0]), Math.abs(slopes[1])) || 1));
  }
  if (jumps[2] > 1e-6 && jumps[2] > 0.5 * jumps[1]) return { kind: 'jump' };
  if (gaps[2] > 1e-3 && gaps[2] > 0.5 * gaps[1]) return { kind: 'kink', gradients: slopes };
  return { kind: 'smooth', derivative: slopes[1] };
}

export function collectCandidates(ast: Node, wrt: string): Candidate[] {
  const out: Candidate[] = [];
  const keys = new Set<string>();
  const push = (node: Node, lhs: Node, rhs: Node) => {
    if (!dependsOn(lhs, wrt) && !dependsOn(rhs, wrt)) return;
    const key = `${printMathjs(lhs)} = ${printMathjs(rhs)}`;
    if (keys.has(key)) return;
    keys.add(key);
    out.push({ node, lhs, rhs });
  };
  walk(ast, (n) => {
    if (!dependsOn(n, wrt)) return;
    if (n.kind === 'call') {
      const [u, v, w] = n.args;
      switch (n.fn) {
        case 'abs':
        case 'sign':
        case 'relu':
        case 'sqrt':
        case 'cbrt':
          push(n, u, ZERO);
          break;
        case 'max':
        case 'min':
          for (let i = 0; i < n.args.length; i++) {
            for (let j = i + 1; j < n.args.length; j++) push(n, n.args[i], n.args[j]);
          }
          break;
        case 'clip':
          push(n, u, v);
          push(n, u, w);
          break;
        case 'pow':
          if (fractionalPower(v, wrt)) push(n, u, ZERO);
          break;
        case 'tan':
          push(n, { kind: 'call', fn: 'cos', args: [u] }, ZERO);
          break;
      }
    } else if (n.kind === 'op' && n.op === '^') {
      if (fractionalPower(n.right, wrt)) push(n, n.left, ZERO);
    } else if (n.kind === 'op' && n.op === '/') {
      push(n, n.right, ZERO);
    } else if (n.kind === 'cond') {
      walk(n.test, (t) => {
        if (t.kind === 'cmp') push(n, t.left, t.right);
      });
    } else if (n.kind === 'cmp') {
      push(n, n.left, n.right);
    }
  });
  return out;
}

/** A power whose base reaching zero can break differentiability: any exponent but a non-negative integer. */
function fractionalPower(exponent: Node, wrt: string): boolean {
  if (dependsOn(exponent, wrt)) return false;
  return !(exponent.kind === 'num' && Number.isInteger(exponent.value) && exponent.value >= 0);
}

function trialAssignments(others: string[], ctx: KinkContext): Assignment[] {
  const unset = others.filter((s) => !ctx.set.has(s));
  const rounds = unset.length === 0 ? 1 : 4;
  const out: Assignment[] = [];
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

function valueWhenSet(solution: Node, ctx: KinkContext): number | null {
  const names = [...symbolsOf(solution)];
  if (names.some((n) => !ctx.set.has(n))) return null;
  const v = compile(solution, names)(names.map((n) => ctx.set.get(n) as number));
  return Number.isFinite(v) ? v : null;
}

/** Every switch point in the domain for one set of values of the other symbols, kink or not. */
export function switchPoints(ast: Node, wrt: string, domain: { lo: number; hi: number }, variables: string[], others: readonly number[], deadline = Infinity): number[] {
  const assignment: Assignment = { values: [...others], allSet: true };
  const out = new Set<number>();
  for (const [i, c] of collectCandidates(ast, wrt).entries()) {
    if (i >= ALWAYS_CHECKED && Date.now() > deadline) break;
    const solutions = usable(solveFor(c.lhs, c.rhs, wrt)?.map(simplifyRational), variables, [assignment]);
    if (solutions) {
      for (const s of solutions) {
        const x = compile(s, variables)([0, ...others]);
        if (Number.isFinite(x) && x >= domain.lo && x <= domain.hi) out.add(x);
      }
      continue;
    }
    const window = searchWindow(domain, [assignment]);
    const gap = compile(sub(c.lhs, c.rhs), variables);
    for (const x of numericRoots(gap, [0, ...others], window.lo, window.hi, (x) => isRoot(c, wrt, variables, others, x), slopeOf(c, wrt, variables))) out.add(x);
  }
  return [...out];
}

/**
 * Where the kinks are for other values of the symbols (a plot's sliders): solved ones by their formula,
 * the rest by their switching equation's roots in `range` that are kinks at those values.
 */
export function kinkPositionsAt(kinks: readonly Kink[], ast: Node, variables: string[], vals: readonly number[], range: { lo: number; hi: number }): number[] {
  const out: number[] = [];
  const wrt = variables[0];
  const others = vals.slice(1);
  const judge = judgeWith(ast, wrt, variables, compile(ast, variables));
  const assignment: Assignment = { values: others, allSet: true };
  const done = new Set<string>();
  for (const k of kinks) {
    if (k.solution) {
      const x = compile(k.solution, variables)([0, ...others]);
      if (Number.isFinite(x)) out.push(x);
    } else if (k.switching) {
      const key = `${printMathjs(k.switching.lhs)} = ${printMathjs(k.switching.rhs)}`;
      if (done.has(key)) continue;
      done.add(key);
      const c: Candidate = { node: ast, lhs: k.switching.lhs, rhs: k.switching.rhs };
      const gap = compile(sub(c.lhs, c.rhs), variables);
      const roots = numericRoots(gap, [0, ...others], range.lo, range.hi, (x) => isRoot(c, wrt, variables, others, x), slopeOf(c, wrt, variables));
      for (const x of roots) if (judge(assignment, x)) out.push(x);
    }
  }
  return [...new Set(out)].sort((a, b) => a - b);
}
