/**
 * Kinks: points of the prediction's domain where the loss is not differentiable or not continuous.
 * Candidates come from the tree (switchCandidates.ts). Every root of each candidate counts: solved
 * symbolically where a formula exists (p = y ± delta, both roots of a quadratic), found numerically
 * otherwise (abs(sin(p))). Each root is judged by the loss's one-sided local expansions there
 * (kinkVerdict.ts), so a kink is decided by the one-sided derivatives themselves, not by a threshold that
 * depends on the loss's scale.
 */
import { symbolsOf, type Node, type Span } from '../expression/ast';
import { sub } from '../expression/build';
import { compile } from '../expression/evaluate';
import { formatNumber, printMathjs } from '../expression/print';
import { toLatex } from '../expression/latex';
import { simplifyRational } from '../expression/rational';
import { judgeWith, type Judge } from './kinkVerdict';
import { numericRoots } from './roots';
import { solveFor } from './solve';
import { collectCandidates, type Candidate } from './switchCandidates';
import { isRoot, searchWindow, slopeOf, usable, type Assignment } from './switchRoots';

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
  /**
   * Values tried after those, each in rounds of its own (the first two rounds with that one symbol changed), so
   * that what the rounds before find stays what they find.
   */
  extraTrials?: ReadonlyMap<string, readonly number[]>;
  /**
   * Subtrahends of an exponent with the rest of it (`old` ↦ M of `exp(M - old)`), tried in rounds of their own at the
   * value that makes the exponent 0 at the middle of the domain: a PPO ratio exp(logp - logp_old) is 1 at the old
   * policy, whatever the log-probabilities are (and whatever the code named so really computes).
   */
  matched?: ReadonlyMap<string, Node>;
  /**
   * Values tried together, round k giving each of these symbols its k-th value (the others keep their first round's):
   * the pieces of one box (`relu(min(x2, p2) - max(x1, p1))` of an IoU) overlap only where several of them are ordered
   * at once, which rounds that move one symbol at a time never reach.
   */
  jointTrials?: ReadonlyMap<string, readonly number[]>;
  domain: { lo: number; hi: number };
  deadline: number;
}

/** Candidates checked whatever the clock says, so that results never depend on machine load; the deadline bounds the rest. */
const ALWAYS_CHECKED = 32;
/** Points judged whatever the clock says (a periodic loss has dozens); past them the deadline stops the judging. */
const ALWAYS_JUDGED = 160;

export function findKinks(ctx: KinkContext): Kink[] {
  const candidates = collectCandidates(ctx.ast, ctx.wrt);
  const variables = [ctx.wrt, ...[...symbolsOf(ctx.ast)].filter((s) => s !== ctx.wrt)];
  const assignments = trialAssignments(variables.slice(1), ctx);
  const loss = compile(ctx.ast, variables);
  const judgeAny = judgeWith(ctx.ast, ctx.wrt, variables, loss);
  let judged = 0;
  const judge: Judge = (a, x) => (++judged > ALWAYS_JUDGED && Date.now() > ctx.deadline ? undefined : judgeAny(a, x));
  const out: Kink[] = [];
  const seen = new Set<string>();
  const seenValues: number[] = [];
  const latexOpts = { prediction: ctx.wrt, target: ctx.target };
  const add = (kink: Omit<Kink, 'atLatex'> & { atLatex?: string }, c: Candidate) => {
    if (seen.has(kink.at)) return;
    if (kink.value !== null && seenValues.some((v) => sameX(v, kink.value as number))) return;
    if (kink.value !== null && (kink.value < ctx.domain.lo || kink.value > ctx.domain.hi)) return;
    // A kink at a fixed end of the domain (`max(0, min(1, p))` of a probability, at 0 and 1) has one side in it: the loss
    // is smooth on the domain. A jump there (`sign(p)` at a relu output's 0, which it takes) still breaks it.
    if (kink.kind === 'kink' && kink.value !== null && atDomainEnd(kink.value, ctx) && kink.solution && symbolsOf(kink.solution).size === 0) return;
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
    const searchRange = searchWindow(ctx.domain, assignments);
    // A switch of the prediction alone (`min(1, p)`) at an end of the domain: a kink there has one side in it.
    const fixed = [...symbolsOf(c.lhs), ...symbolsOf(c.rhs)].every((v) => v === ctx.wrt);
    const judgeHere: Judge = fixed ? (a, x) => {
      const v = judge(a, x);
      return v?.kind === 'kink' && atDomainEnd(x, ctx) ? undefined : v;
    } : judge;
    const gap = compile(sub(c.lhs, c.rhs), variables);
    const slope = slopeOf(c, ctx.wrt, variables);
    const rootsAt = (a: Assignment) => numericRoots(gap, [0, ...a.values], searchRange.lo, searchRange.hi, (x) => isRoot(c, ctx.wrt, variables, a.values, x), slope);
    const switching = { lhs: c.lhs, rhs: c.rhs };
    const equation = `${printMathjs(c.lhs)} = ${printMathjs(c.rhs)}`;
    if (assignments.length === 1 && assignments[0].allSet) {
      for (const x of rootsAt(assignments[0])) {
        const verdict = judgeHere(assignments[0], x);
        if (!verdict) continue;
        const at = `${ctx.wrt} = ${formatNumber(Number(x.toPrecision(6)))}`;
        const atLatex = `${toLatex({ kind: 'sym', name: ctx.wrt }, latexOpts)} = ${formatNumber(Number(x.toPrecision(6)))}`;
        add({ at, atLatex, value: x, span: ZERO_SPAN, kind: verdict.kind, gradients: verdict.gradients, switching }, c);
      }
    } else {
      const verdict = firstBreak(assignments, rootsAt, judgeHere);
      if (verdict) add({ at: equation, value: null, span: ZERO_SPAN, kind: verdict.kind, switching }, c);
    }
  }
  return out;
}

const ZERO_SPAN: Span = { start: 0, end: 0 };

/** Whether x is an end of the domain (a kink there has one side in the domain). */
function atDomainEnd(x: number, ctx: KinkContext): boolean {
  return sameX(x, ctx.domain.lo) || sameX(x, ctx.domain.hi);
}

function sameX(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * (1 + Math.abs(a));
}

function inDomain(x: number, ctx: KinkContext): boolean {
  return Number.isFinite(x) && x >= ctx.domain.lo && x <= ctx.domain.hi;
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
        // After the first round the unset symbols part ways, so a difference of two (returns - values, an
        // advantage) is not 0 in every trial.
        const spread = k === 0 ? 1 : 1 + 0.13 * unset.indexOf(s);
        return options[k % options.length] * spread;
      }),
      allSet: unset.length === 0,
    });
  }
  for (const [s, values] of ctx.extraTrials ?? []) {
    const at = others.indexOf(s);
    if (at < 0 || ctx.set.has(s)) continue;
    for (const v of values) for (const round of out.slice(0, 2)) out.push({ values: round.values.map((x, i) => (i === at ? v : x)), allSet: round.allSet });
  }
  const joint = [...(ctx.jointTrials ?? [])].filter(([s]) => others.includes(s) && !ctx.set.has(s));
  const jointRounds = Math.min(...joint.map(([, values]) => values.length));
  for (let k = 0; joint.length > 0 && k < jointRounds; k++) {
    const values = [...out[0].values];
    for (const [s, v] of joint) values[others.indexOf(s)] = v[k]!;
    out.push({ values, allSet: out[0].allSet });
  }
  const { lo, hi } = ctx.domain;
  const middle = Number.isFinite(lo) && Number.isFinite(hi) ? (lo + hi) / 2 : Number.isFinite(lo) ? lo + 1 : Number.isFinite(hi) ? hi - 1 : 0;
  for (const [s, rest] of ctx.matched ?? []) {
    const at = others.indexOf(s);
    if (at < 0 || ctx.set.has(s)) continue;
    const value = compile(rest, [ctx.wrt, ...others]);
    for (const round of out.slice(0, 2)) {
      const v = value([middle, ...round.values]);
      if (Number.isFinite(v)) out.push({ values: round.values.map((x, i) => (i === at ? v : x)), allSet: round.allSet });
    }
  }
  return out;
}

function valueWhenSet(solution: Node, ctx: KinkContext): number | null {
  const names = [...symbolsOf(solution)];
  if (names.some((n) => !ctx.set.has(n))) return null;
  const v = compile(solution, names)(names.map((n) => ctx.set.get(n) as number));
  return Number.isFinite(v) ? v : null;
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
