/**
 * Removable singularities of the derivative at fixed switch points. Where a root or fractional power meets
 * a factor that vanishes at the same point, the derivative's formula is 0·∞ there although the loss is
 * differentiable: cosh(cbrt(p)^2) or clip(p, -1, 1)·cbrt(p) at p = 0. At every switch point where the tree
 * is not finite but the one-sided expansions say the loss is smooth, with the same derivative D for every
 * value of the other symbols tried (so the point does not move with them), the tree becomes
 * `p == x0 ? D : tree`, guarded by the comparisons among the other symbols that pick the branches.
 */
import { dependsOn, symbolsOf, walk, type Node } from '../expression/ast';
import { cmp, cond, logic, not } from '../expression/build';
import { compile } from '../expression/evaluate';
import { printMathjs } from '../expression/print';
import { classifyAt } from './localExpansion';
import { undefinedBeside } from './kinkVerdict';
import { collectCandidates } from './switchCandidates';
import { switchPoints } from './switchRoots';

/** Broken points looked at whatever the clock says; past them the deadline stops the search. */
const ALWAYS_JUDGED = 32;

export function patchRemovable(
  ast: Node,
  derivative: Node,
  wrt: string,
  domain: { lo: number; hi: number },
  assignments: readonly ReadonlyMap<string, number>[],
  deadline: number,
): Node {
  if (collectCandidates(ast, wrt).length === 0) return derivative;
  const others = [...new Set(assignments.flatMap((a) => [...a.keys()]))].filter((s) => s !== wrt).sort();
  const variables = [wrt, ...others];
  const gradient = compile(derivative, variables);
  const patched = new Set<number>();
  const base = assignments[0];
  const values = others.map((s) => base.get(s) ?? NaN);
  const { guard, holds } = parameterGuard(ast, wrt, variables, base);
  const alike = assignments.filter((a) => holds(others.map((s) => a.get(s) ?? NaN)));
  if (others.length > 0 && new Set(alike.map((a) => JSON.stringify([...a]))).size < 2) return derivative;
  let out = derivative;
  let loss: ((v: ArrayLike<number>) => number) | undefined;
  let judged = 0;
  for (const x0 of switchPoints(ast, wrt, domain, variables, values, deadline)) {
    if (patched.has(x0) || Number.isFinite(gradient([x0, ...values]))) continue;
    if (++judged > ALWAYS_JUDGED && Date.now() > deadline) break;
    const f = (loss ??= compile(ast, variables));
    if (undefinedBeside(x0, (t) => Number.isFinite(f([t, ...values])))) continue;
    const d = commonDerivative(ast, wrt, x0, alike);
    if (d === undefined) continue;
    patched.add(x0);
    const at = cmp('==', { kind: 'sym', name: wrt }, { kind: 'num', value: x0 });
    out = cond(guard ? logic('and', at, guard) : at, { kind: 'num', value: d }, out);
  }
  return out;
}

/**
 * The loss's comparisons that do not involve the prediction (y == 1 ? … : …), as they come out for the base
 * values: a patch holds only where they come out the same, since which branch a parameter picks can change
 * the derivative's limit (clip(p, -1, 1) / (y >= 1 ? 3 : p) at p = 0).
 */
function parameterGuard(ast: Node, wrt: string, variables: string[], base: ReadonlyMap<string, number>): { guard?: Node; holds: (others: number[]) => boolean } {
  const atoms: { node: Node; test: (v: ArrayLike<number>) => number; truth: boolean }[] = [];
  const keys = new Set<string>();
  walk(ast, (n) => {
    if (n.kind !== 'cmp' || dependsOn(n, wrt) || symbolsOf(n).size === 0) return;
    const key = printMathjs(n);
    if (keys.has(key)) return;
    keys.add(key);
    const test = compile(n, variables);
    atoms.push({ node: n, test, truth: test([0, ...variables.slice(1).map((s) => base.get(s) ?? NaN)]) !== 0 });
  });
  const guard = atoms.reduce<Node | undefined>((g, a) => {
    const t = a.truth ? a.node : not(a.node);
    return g ? logic('and', g, t) : t;
  }, undefined);
  return { guard, holds: (others) => atoms.every((a) => (a.test([0, ...others]) !== 0) === a.truth) };
}

/** The derivative at x0 when the loss is smooth there for every assignment, and the same for all of them. */
function commonDerivative(ast: Node, wrt: string, x0: number, assignments: readonly ReadonlyMap<string, number>[]): number | undefined {
  let d: number | undefined;
  for (const a of assignments) {
    const v = classifyAt(ast, wrt, x0, a);
    if (v.kind !== 'smooth') return undefined;
    if (d === undefined) d = v.derivative;
    else if (Math.abs(v.derivative - d) > 1e-12 * (Math.abs(d) + Math.abs(v.derivative))) return undefined;
  }
  return d === undefined ? undefined : d === 0 ? 0 : d;
}
