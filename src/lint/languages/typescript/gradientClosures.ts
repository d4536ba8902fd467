/**
 * The functions a file differentiates: those handed to a gradient call of TF.js (`optimizer.minimize(() => …)`,
 * `tf.variableGrads(f)`, `tf.grads`, `optimizer.computeGradients`), written there or kept in a name given there. Shared
 * by the probes that ask whether code runs inside a training step (forwardClips.ts, tensorOperators.ts).
 */
import type * as TS from 'typescript';
import { unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';

/** The calls that differentiate a function they are given, by name; `GRADIENT_CALL_NAMES` for building text patterns. */
export const GRADIENT_CALL_NAMES = 'minimize|variableGrads|grads|grad|valueAndGrads|valueAndGrad|computeGradients';
export const GRADIENT_CALL = new RegExp(`^(?:${GRADIENT_CALL_NAMES})$`);

/** Whether a call is a gradient call: `optimizer.minimize(…)`, `tf.variableGrads(…)`, a bare `grads(…)`. */
export function isGradientCall(ts: typeof TS, call: TS.CallExpression): boolean {
  const callee = unwrapExpression(ts, call.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  return GRADIENT_CALL.test(name);
}

/** A closure given to a gradient call (`tf.variableGrads(() => …)`), or kept in a name given to one (`variableGrads(actorLoss)`). */
export function differentiated(tree: SyntaxTree, fn: FunctionNode): boolean {
  const ts = tree.ts;
  let parent = tree.parent(fn);
  while (parent && ts.isParenthesizedExpression(parent)) parent = tree.parent(parent);
  if (parent && ts.isCallExpression(parent) && parent.arguments.some((a) => unwrapExpression(ts, a) === fn) && isGradientCall(ts, parent)) return true;
  const holder = parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  return !!holder && new RegExp(`\\b(?:${GRADIENT_CALL_NAMES})\\s*\\(\\s*${holder.replace(/\$/g, '\\$')}\\b`).test(tree.text);
}
