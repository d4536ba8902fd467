/**
 * The PPO surrogate written out in plain numbers: `Math.min(ratio * adv, clipped * adv)` where one side holds the ratio
 * clamped to [1 − ε, 1 + ε] (`Math.max(1 - ε, Math.min(1 + ε, ratio))`, `clamp(ratio, lo, hi)`), directly or through a
 * local. A minimum of a ratio and its own clip is the clipped surrogate whatever the code around it tests, so its kinks
 * are read as a hinge's (hingeProbes.ts).
 */
import type * as TS from 'typescript';
import { resolveIdentifier } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';

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
  return clipped[0] !== clipped[1] && texts.every((t) => /\b(?:ratio|r)\b/i.test(t));
}
