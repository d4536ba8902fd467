/** The labels of a TF.js loss in a training step, when a network computes them too: the regression's target. */
import type * as TS from 'typescript';
import { symbol, type Expr } from '../../engine/expression';
import { unwrapExpression } from './syntaxTree';
import type { Translator } from './translate';

/**
 * `tf.losses.meanSquaredError(targetQs, qs)` in a training step whose labels are computed by a network too (a DQN's
 * `reward + γ · max Q(s')`, a critic's `min(Q1', Q2')`): the labels are the regression's target, meant without a
 * gradient, so they are read as data (a kink of the target's max is not one of the loss the step trains).
 */
export function detachTarget(t: Translator, values: (Expr | undefined)[], node: TS.CallExpression): void {
  const [labels, predictions] = values;
  const fromModel = (e: Expr | undefined) => e !== undefined && [...e.text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].some((m) => t.modelOutputs.has(m[0]));
  if (!fromModel(labels) || !fromModel(predictions) || labels!.text === predictions!.text) return;
  const arg = node.arguments[0] && unwrapExpression(t.tree.ts, node.arguments[0]);
  const name = arg && t.tree.ts.isIdentifier(arg) ? arg.text : 'target';
  values[0] = symbol(t.claimData(name, `target:${t.tree.start(node)}`), true);
}
