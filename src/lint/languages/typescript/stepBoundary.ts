/**
 * Where a training step begins: model outputs computed before its closure (before the gradient tape) are fixed data of
 * the step, unless the step only returns a loss computed outside (`variableGrads(() => totalLoss)`).
 */
import type * as TS from 'typescript';
import { modelCall } from './modelOutputs';
import { isFunctionNode, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import type { Translator } from './translate';

/**
 * Whether a name (destructured or declared) was made outside the training step being read, while the step computes
 * its own loss: an output of a model run before the tape (`const [, nextValues] = model.predict(next)` for an
 * advantage) is then data of the step.
 */
export function computedBeforeStep(tree: SyntaxTree, step: FunctionNode | undefined, binding: TS.Node): boolean {
  if (!step || (step.pos <= binding.pos && binding.end <= step.end)) return false;
  const ts = tree.ts;
  const body = step.body && ts.isBlock(step.body) && step.body.statements.length === 1 ? step.body.statements[0] : step.body;
  const returned = body && ts.isReturnStatement(body) ? body.expression : body && !ts.isBlock(body) && ts.isExpression(body) ? body : undefined;
  const only = returned && unwrapExpression(ts, returned);
  return !(only && ts.isIdentifier(only));
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
