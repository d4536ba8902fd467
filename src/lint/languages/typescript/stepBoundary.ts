/**
 * Where a training step begins: model outputs computed before its closure (before the gradient tape) are fixed data of
 * the step, unless the step runs no model and only returns a loss computed outside (`minimize(() => totalLoss.mean())`).
 */
import type * as TS from 'typescript';
import { modelCall } from './modelOutputs';
import { isFunctionNode } from './syntaxTree';
import type { Translator } from './translate';

/**
 * Whether a name (destructured or declared) was made outside the training step being read, while the step computes
 * its own loss (it runs a model itself): an output of a model run before the tape (`const [, nextValues] =
 * model.predict(next)` for an advantage) is then data of the step.
 */
export function computedBeforeStep(t: Translator, binding: TS.Node): boolean {
  const step = t.options.step;
  if (!step?.body || (step.pos <= binding.pos && binding.end <= step.end)) return false;
  // A step that runs no model itself returns a loss computed outside (`() => totalLoss.mean()`): read as written.
  return runsModel(t, step.body);
}

/** Whether code runs a model (`tf.max(model.predict(next), -1)`): a forward-pass call anywhere in it. */
export function runsModel(t: Translator, e: TS.Node): boolean {
  const ts = t.tree.ts;
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found || isFunctionNode(ts, n)) return;
    if (ts.isCallExpression(n) && modelCall(t, n)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(e);
  return found;
}
