/**
 * Reductions over the axis a `tf.stack` made: `tf.stack([surr1, surr2]).min(0)` is, per element, the min of the stacked
 * tensors (PPO's clipped objective as rl-ts writes it), and likewise max, sum and mean.
 */
import type * as TS from 'typescript';
import { binary, call, num, type Expr } from '../../engine/expression';
import { aliased } from './modelOutputs';
import { resolveIdentifier } from './scope';
import { unwrapExpression } from './syntaxTree';
import type { Translator } from './translate';
import { numericValue, type Env } from './translationEnv';

export const STACK_REDUCTIONS = new Set(['min', 'max', 'sum', 'mean']);

/** Whether an expression reads a variable that may be assigned again (a `let` or `var`). */
function readsVariable(t: Translator, node: TS.Node): boolean {
  const ts = t.tree.ts;
  if (ts.isIdentifier(node)) {
    const d = resolveIdentifier(t.tree, node);
    return d?.kind === 'variable' && !d.isConst;
  }
  return ts.forEachChild(node, (c) => (readsVariable(t, c) ? true : undefined)) ?? false;
}

/**
 * A reduction over the axis a `tf.stack` made (`tf.stack([surr1, surr2]).min(0)`, PPO's clipped objective as
 * rl-ts writes it): per element, the op across the stacked tensors, a min or max of them (with its kinks where they
 * cross), their sum or their mean. Undefined for anything else, which is read as before.
 */
export function stackedReduction(t: Translator, op: string, stackedExpr: TS.Expression, axisExpr: TS.Expression | undefined, env: Env): Expr | undefined {
  const ts = t.tree.ts;
  // `const both = tf.stack([a, b]); both.min(0)` as well as the stack written in place.
  const named = ts.isIdentifier(unwrapExpression(ts, stackedExpr));
  const stack = aliased(t, stackedExpr);
  if (!ts.isCallExpression(stack) || t.tf.path(stack.expression) !== 'stack') return undefined;
  const list = stack.arguments[0] && unwrapExpression(ts, stack.arguments[0]);
  const stackAxis = stack.arguments[1] ? numericValue(ts, stack.arguments[1]) : 0;
  if (!list || !ts.isArrayLiteralExpression(list) || list.elements.length < 2 || stackAxis !== 0 || !axisExpr || numericValue(ts, axisExpr) !== 0) return undefined;
  if (list.elements.some((e) => ts.isSpreadElement(e) || ts.isOmittedExpression(e))) return undefined;
  // Read where the reduction is, the stacked values must be the ones the stack was made of: no `let` in them.
  if (named && list.elements.some((e) => readsVariable(t, e))) return undefined;
  const parts = list.elements.map((e) => t.expression(e, env));
  if (op === 'min' || op === 'max') return call(op, parts);
  const sum = parts.reduce((a, b) => binary('+', a, b));
  return op === 'sum' ? sum : binary('/', sum, num(parts.length));
}
