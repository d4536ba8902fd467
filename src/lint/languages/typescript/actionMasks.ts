/**
 * An action mask added to a policy's logits (`logits.add(masks.mul(tf.scalar(-1e9)))`, `logits + (1 - legal) * -1e9`)
 * pushes the actions it forbids out of the softmax and is 0 for every action it keeps. The loss of a kept action is
 * the loss without it, and that is how it is read: with the mask in, the analysis would try masked logits of -1e9,
 * where the softmax is flat and no kink of the clip or the min around it can be found.
 */
import type * as TS from 'typescript';
import { neg, type Expr } from '../../engine/expression';
import type { Translator } from './translate';
import { unwrapExpression } from './syntaxTree';
import type { TfBindings } from './tfBindings';
import { numericValue, type Env } from './translationEnv';

/** A mask is named as one: `mask`, `actionMask`, `legalMoves`, `validActions`, `invalid`. */
const MASK_NAME = /mask|legal|valid|allowed|available|forbidden/i;
/** Far past any logit: the constants masks are written with (-1e9, 1e10, -1e30). */
const MASK_SCALE = 1e6;

/**
 * A sum or difference with an action mask (`logits.add(masks.mul(-1e9))`): the other operand alone, since the mask is
 * 0 for every action it keeps; undefined when neither operand is a mask.
 */
export function withoutMask(t: Translator, op: '+' | '-', left: TS.Expression, right: TS.Expression, env: Env): Expr | undefined {
  if (isActionMask(t, right)) return t.expression(left, env);
  if (isActionMask(t, left)) return op === '+' ? t.expression(right, env) : neg(t.expression(right, env));
  return undefined;
}

function isActionMask(t: Translator, node: TS.Expression): boolean {
  const { ts } = t.tree;
  const factors = productFactors(ts, t.tf, unwrapExpression(ts, node));
  if (!factors) return false;
  const [a, b] = factors;
  return (isHuge(ts, t.tf, a) && MASK_NAME.test(t.tree.source(b))) || (isHuge(ts, t.tf, b) && MASK_NAME.test(t.tree.source(a)));
}

function productFactors(ts: typeof TS, tf: TfBindings, e: TS.Expression): [TS.Expression, TS.Expression] | undefined {
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AsteriskToken) return [e.left, e.right];
  if (!ts.isCallExpression(e)) return undefined;
  if (tf.path(e.expression) === 'mul' && e.arguments.length === 2) return [e.arguments[0]!, e.arguments[1]!];
  const callee = unwrapExpression(ts, e.expression);
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'mul' && tf.path(callee) === undefined && e.arguments.length === 1) return [callee.expression, e.arguments[0]!];
  return undefined;
}

/** `-1e9`, `1e10`, `tf.scalar(-1e9)`, `-Infinity`. */
function isHuge(ts: typeof TS, tf: TfBindings, node: TS.Expression): boolean {
  const e = unwrapExpression(ts, node);
  const value = numericValue(ts, e);
  if (value !== undefined) return Math.abs(value) >= MASK_SCALE;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken) return isHuge(ts, tf, e.operand);
  if (ts.isIdentifier(e)) return e.text === 'Infinity';
  return ts.isCallExpression(e) && tf.path(e.expression) === 'scalar' && e.arguments.length >= 1 && isHuge(ts, tf, e.arguments[0]!);
}
