/**
 * The points where a switching equation holds, for given values of the other symbols: solved symbolically
 * where solve.ts can (a 'solution' that is 0/0 for every value tried falls back to numbers), found by
 * roots.ts otherwise, on the domain or, where it is unbounded, a window around zero and the symbols' values.
 */
import type { Node } from '../expression/ast';
import { sub } from '../expression/build';
import { differentiate } from '../expression/derivative';
import { compile, type Evaluator } from '../expression/evaluate';
import { simplifyRational } from '../expression/rational';
import { valueAt } from './localExpansion';
import { numericRoots } from './roots';
import { solveFor } from './solve';
import { collectCandidates, type Candidate } from './switchCandidates';

export interface Assignment {
  values: number[];
  allSet: boolean;
}

/** Candidates solved whatever the clock says; the deadline bounds the rest. */
const ALWAYS_SOLVED = 32;

/** Where numeric roots are looked for on an unbounded domain: ±20 around zero and every symbol's value. */
export function searchWindow(domain: { lo: number; hi: number }, assignments: readonly Assignment[]): { lo: number; hi: number } {
  const values = assignments.flatMap((a) => a.values).filter(Number.isFinite);
  const low = Math.min(0, ...values) - 20;
  const high = Math.max(0, ...values) + 20;
  return { lo: Number.isFinite(domain.lo) ? domain.lo : low, hi: Number.isFinite(domain.hi) ? domain.hi : high };
}

/**
 * Solutions, unless none of them evaluates to a number for any values tried: p/p - 2p = 0 "solves" linearly
 * to 0/0, since p/p has a constant slope; its root is then found numerically.
 */
export function usable(solutions: Node[] | undefined, variables: string[], assignments: readonly Assignment[]): Node[] | undefined {
  if (!solutions || solutions.length === 0) return solutions;
  const finite = solutions.some((s) => {
    const f = compile(s, variables);
    return assignments.some((a) => Number.isFinite(f([0, ...a.values])));
  });
  return finite ? solutions : undefined;
}

export function slopeOf(c: Candidate, wrt: string, variables: string[]): Evaluator | undefined {
  try {
    return compile(differentiate(sub(c.lhs, c.rhs), wrt), variables);
  } catch {
    return undefined;
  }
}

/** Whether lhs - rhs vanishes at x up to the rounding of its own terms (p^2 - 2 at √2 is 4e-16). */
export function isRoot(c: Candidate, wrt: string, variables: string[], others: readonly number[], x: number): boolean {
  const values = new Map(variables.slice(1).map((v, i) => [v, others[i]]));
  const { value } = valueAt(sub(c.lhs, c.rhs), wrt, x, values);
  return value === 0;
}

/** Every switch point in the domain for one set of values of the other symbols, kink or not. */
export function switchPoints(ast: Node, wrt: string, domain: { lo: number; hi: number }, variables: string[], others: readonly number[], deadline = Infinity): number[] {
  const assignment: Assignment = { values: [...others], allSet: true };
  const out = new Set<number>();
  for (const [i, c] of collectCandidates(ast, wrt).entries()) {
    if (i >= ALWAYS_SOLVED && Date.now() > deadline) break;
    const solutions = usable(solveFor(c.lhs, c.rhs, wrt)?.map(simplifyRational), variables, [assignment]);
    if (solutions) {
      for (const s of solutions) {
        const x = compile(s, variables)([0, ...others]);
        if (Number.isFinite(x) && x >= domain.lo && x <= domain.hi) out.add(x);
      }
      continue;
    }
    const searchRange = searchWindow(domain, [assignment]);
    const gap = compile(sub(c.lhs, c.rhs), variables);
    for (const x of numericRoots(gap, [0, ...others], searchRange.lo, searchRange.hi, (x) => isRoot(c, wrt, variables, others, x), slopeOf(c, wrt, variables))) out.add(x);
  }
  return [...out];
}
