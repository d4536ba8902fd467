/**
 * A parameter a loss function hands to a TF.js loss as its labels (`tf.losses.meanSquaredError(X, xHat)`, the target
 * first) is the target, whatever its name: `loss(X, H, D)` of a matrix factorisation compares the data X with H·D, and X
 * is not the prediction though `x` names one in a formula.
 */
import type * as TS from 'typescript';
import { resolveIdentifier } from './scope';
import { isFunctionNode, unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

/** The index of the parameter given as labels to a TF.js loss or metric in the function's body, when exactly one is. */
export function labelsParameter(tree: SyntaxTree, tf: TfBindings, fn: TS.Node, params: readonly TS.ParameterDeclaration[]): number | undefined {
  const ts = tree.ts;
  const given = new Set<number>();
  const predicted = new Set<number>();
  const indexOf = (e: TS.Expression | undefined): number => {
    const n = e && unwrapExpression(ts, e);
    const d = n && ts.isIdentifier(n) ? resolveIdentifier(tree, n) : undefined;
    return d?.kind === 'parameter' ? params.indexOf(d.node) : -1;
  };
  const visit = (n: TS.Node): void => {
    if (n !== fn && isFunctionNode(ts, n)) return;
    if (ts.isCallExpression(n) && n.arguments.length >= 2) {
      const path = tf.path(n.expression);
      if (path?.startsWith('losses.') || path?.startsWith('metrics.')) {
        const [labels, predictions] = [indexOf(n.arguments[0]), indexOf(n.arguments[1])];
        if (labels >= 0) given.add(labels);
        if (predictions >= 0) predicted.add(predictions);
      }
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn, visit);
  const [only] = given;
  return given.size === 1 && !predicted.has(only!) ? only : undefined;
}
