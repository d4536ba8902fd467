/**
 * The PPO surrogate written out in plain numbers and trained by a hand gradient that follows its minimum:
 * `const objective = Math.min(ratio * adv, clipped * adv)`, one side the ratio clamped to [1 − ε, 1 + ε]
 * (`Math.max(1 - ε, Math.min(1 + ε, ratio))`, `clamp(ratio, lo, hi)`), directly or through a local, then
 * `if (unclipped === objective) dObj = adv; else …`. Its kinks are read as a hinge's (hingeProbes.ts); a surrogate only
 * computed to be reported is not.
 */
import type * as TS from 'typescript';
import { resolveIdentifier } from './scope';
import { isFunctionNode, unwrapExpression, type SyntaxTree } from './syntaxTree';

/** A clamp of a ratio or probability by its text: nested Math.max/Math.min, or a clamp/clip helper, around the name. */
const CLAMPED_RATIO = /\bMath\s*\.\s*(?:max|min)\s*\([^;\n]{0,80}\bMath\s*\.\s*(?:max|min)\s*\([^;\n]{0,80}\b(?:ratio|r)\b|\b(?:clamp|clip|clipValue)\s*\(\s*(?:ratio|r)\b/i;
/** How many local names a side is followed through. */
const MAX_HOPS = 2;

export function hasClippedRatioSide(tree: SyntaxTree, min: TS.CallExpression): boolean {
  const ts = tree.ts;
  if (min.arguments.length !== 2) return false;
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
  // One side clipped, the other the ratio itself.
  if (clipped[0] === clipped[1] || !texts.every((t) => /\b(?:ratio|r)\b/i.test(t))) return false;
  // … whose minimum a test compares with a side to choose the gradient (`if (unclipped === objective)`).
  const holder = tree.parent(min);
  const sides = min.arguments.map((a) => unwrapExpression(ts, a)).map((a) => (ts.isIdentifier(a) ? a.text : undefined));
  if (!holder || !ts.isVariableDeclaration(holder) || !ts.isIdentifier(holder.name)) return false;
  const held = holder.name.text;
  const fn = [...tree.ancestors(min)].find((a) => isFunctionNode(ts, a));
  let found = false;
  const name = (e: TS.Expression) => { const u = unwrapExpression(ts, e); return ts.isIdentifier(u) ? u.text : undefined; };
  const visit = (n: TS.Node): void => {
    if (found) return;
    const k = ts.isBinaryExpression(n) ? n.operatorToken.kind : undefined;
    const equality = k === ts.SyntaxKind.EqualsEqualsEqualsToken || k === ts.SyntaxKind.EqualsEqualsToken;
    if (ts.isBinaryExpression(n) && equality) {
      const [l, r] = [name(n.left), name(n.right)];
      if (((l === held && r !== undefined && sides.includes(r)) || (r === held && l !== undefined && sides.includes(l))) && choosesGradient(tree, n)) found = true;
    }
    ts.forEachChild(n, visit);
  };
  if (fn) visit(fn);
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

