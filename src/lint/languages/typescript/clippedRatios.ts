/**
 * PPO's clipped surrogate written out in plain numbers, and the hand gradient that follows it: whether a function
 * compares the surrogate's two sides to choose its gradient (`surr1 <= surr2`, or `unclipped === objective` of
 * `const objective = Math.min(ratio * adv, clipped * adv)`), and whether such a minimum has one side the ratio clamped
 * to [1 − ε, 1 + ε] (`Math.max(1 - ε, Math.min(1 + ε, ratio))`, `clamp(ratio, lo, hi)`). Its kinks are then read as a
 * hinge's (hingeProbes.ts); a surrogate only computed to be reported is not.
 */
import type * as TS from 'typescript';
import { resolveIdentifier } from './scope';
import { isFunctionNode, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';

/** A clamp of a ratio or probability by its text: nested Math.max/Math.min, or a clamp/clip helper, around the name. */
const CLAMPED_RATIO = /\bMath\s*\.\s*(?:max|min)\s*\([^;\n]{0,80}\bMath\s*\.\s*(?:max|min)\s*\([^;\n]{0,80}\b(?:ratio|r)\b|\b(?:clamp|clip|clipValue)\s*\(\s*(?:ratio|r)\b/i;
/** How many local names a side is followed through. */
const MAX_HOPS = 2;

export function hasClippedRatioSide(tree: SyntaxTree, min: TS.CallExpression): boolean {
  const ts = tree.ts;
  // Cheap tests first: the minimum kept in a name, a side named, in a function.
  const holder = tree.parent(min);
  if (min.arguments.length !== 2 || !holder || !ts.isVariableDeclaration(holder) || !ts.isIdentifier(holder.name)) return false;
  const held = holder.name.text;
  const sides = min.arguments.map((a) => unwrapExpression(ts, a)).flatMap((a) => (ts.isIdentifier(a) ? [a.text] : []));
  const fn = [...tree.ancestors(min)].find((a) => isFunctionNode(ts, a)) as FunctionNode | undefined;
  if (!sides.length || !fn) return false;
  const sideText = (e: TS.Expression, hops: number): string => {
    let text = tree.source(e);
    if (hops >= MAX_HOPS) return text;
    const visit = (n: TS.Node): void => {
      if (ts.isIdentifier(n)) {
        const d = resolveIdentifier(tree, n);
        if (d?.kind === 'variable' && d.isConst && d.initializer) text += `\n${sideText(unwrapExpression(ts, d.initializer), hops + 1)}`;
      }
      ts.forEachChild(n, visit);
    };
    visit(e);
    return text;
  };
  const texts = min.arguments.map((a) => sideText(unwrapExpression(ts, a), 0));
  const clipped = texts.map((t) => CLAMPED_RATIO.test(t));
  // One side clipped, the other the ratio itself …
  if (clipped[0] === clipped[1] || !texts.every((t) => /\b(?:ratio|r)\b/i.test(t))) return false;
  // … whose minimum a test compares with a side to choose the gradient (`if (unclipped === objective)`).
  return comparedToChooseGradient(tree, fn, (x) => x === held, (y) => sides.includes(y), 'equality');
}

/**
 * Whether a function compares a name of one side with a name of the other to choose a gradient, in the test's own
 * branches or through a name the test is given (`const useUnclipped = surr1 <= surr2; if (useUnclipped)`): by order
 * (`surr1 <= surr2`), or by equality with the minimum that holds one of them (`unclipped === objective`).
 */
export function comparedToChooseGradient(tree: SyntaxTree, fn: FunctionNode, isA: (name: string) => boolean, isB: (name: string) => boolean, by: 'order' | 'equality' = 'order'): boolean {
  const ts = tree.ts;
  if (!fn.body) return false;
  let found = false;
  const tests = new Set<string>();
  const k = ts.SyntaxKind;
  const operators = by === 'order' ? [k.LessThanToken, k.LessThanEqualsToken, k.GreaterThanToken, k.GreaterThanEqualsToken] : [k.EqualsEqualsEqualsToken, k.EqualsEqualsToken];
  const sides = (l: TS.Expression, r: TS.Expression) => ts.isIdentifier(l) && ts.isIdentifier(r) && l.text !== r.text && ((isA(l.text) && isB(r.text)) || (isB(l.text) && isA(r.text)));
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && operators.includes(n.operatorToken.kind) && sides(n.left, n.right)) {
      const holder = tree.parent(n);
      if (holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) tests.add(holder.name.text);
      else if (choosesGradient(tree, n)) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(fn.body);
  if (found || tests.size === 0) return found;
  const useOf = (n: TS.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && tests.has(n.text) && choosesGradient(tree, n)) found = true;
    ts.forEachChild(n, useOf);
  };
  useOf(fn.body);
  return found;
}

/** A test whose branch computes with the ratio or the advantage: the surrogate's gradient, A · ratio · ∇log p. */
export function choosesGradient(tree: SyntaxTree, written: TS.Node): boolean {
  const ts = tree.ts;
  // `(surr1 <= surr2) ? adv * ratio : 0`: the test through its parentheses.
  let [test, owner] = [written, tree.parent(written)];
  while (owner && ts.isParenthesizedExpression(owner)) [test, owner] = [owner, tree.parent(owner)];
  const branches = owner && ts.isIfStatement(owner) && owner.expression === test ? [owner.thenStatement, owner.elseStatement]
    : owner && ts.isConditionalExpression(owner) && owner.condition === test ? [owner.whenTrue, owner.whenFalse] : [];
  return branches.some((b) => b !== undefined && /ratio|advantage|\badv\b|grad/i.test(tree.source(b)));
}

