/**
 * Plain-JavaScript values a loss computed in a training loop reads in place (operation mode): an element of an array
 * made by `.map` (`preds[i]` of `const preds = X.map((x) => sigmoid(dot(x, w)))`) is the mapped value, and a number
 * the loop trains (`let w = 0; … w -= lr * g`) is a value, not the number it starts at.
 */
import type * as TS from 'typescript';
import { isWrittenTo, keepsItsValue, referencesTo, resolveIdentifier, type Declaration } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';
import { numericValue } from './translationEnv';

/** A name given an array's `.map(…)` once (`const preds = X.map((x) => …)`): its elements are the mapped values. */
export function isMappedArray(tree: SyntaxTree, tf: TfBindings, node: TS.Expression): boolean {
  const ts = tree.ts;
  const n = unwrapExpression(ts, node);
  const d = ts.isIdentifier(n) ? resolveIdentifier(tree, n) : undefined;
  if (d?.kind !== 'variable' || !d.initializer || !keepsItsValue(tree, (n as TS.Identifier).text, d)) return false;
  const init = unwrapExpression(ts, d.initializer);
  const callee = ts.isCallExpression(init) ? unwrapExpression(ts, init.expression) : undefined;
  return !!callee && ts.isPropertyAccessExpression(callee) && callee.name.text === 'map' && tf.path(callee) === undefined;
}

/** `let w = 0; for (…) { … Math.log(sigmoid(w * x)) … w -= lr * g; }`: a number the code goes on to change. */
export function isTrainedNumber(tree: SyntaxTree, use: TS.Identifier, decl: Declaration & { kind: 'variable' }): boolean {
  const ts = tree.ts;
  if (decl.isConst || !decl.initializer || numericValue(ts, decl.initializer) === undefined) return false;
  return referencesTo(tree, decl.container, use.text, decl).some((r) => r !== use && isWrittenTo(ts, tree, r));
}
