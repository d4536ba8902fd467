/**
 * One-hot masks of an arg-max or arg-min (`tf.oneHot(tf.argMax(iou, -1), k)`, a detector's responsible box): a 0/1
 * selection without a gradient, read as such so the loss around it is still checked.
 */
import type * as TS from 'typescript';
import { call, symbol, type Expr } from '../../engine/expression';
import { constValueOf } from './scope';
import { unwrapExpression } from './syntaxTree';
import type { Translator } from './translate';
import type { Env } from './translationEnv';

/** `tf.argMax(x, axis)`, `x.argMax(axis)` (or argMin), possibly flattened or cast: the index of an extreme entry. */
export function isArgExtreme(t: Translator, e: TS.Expression): boolean {
  // `const best = iou.argMax(-1).flatten(); tf.oneHot(best, k)`
  return argExtremeOf(t, e) !== undefined;
}

/**
 * An index chosen without a gradient: an arg-max or arg-min, or an epsilon-greedy choice between one and random
 * integers (`tf.where(explore, tf.randomUniformInt(…), logits.argMax(2))`). Its one-hot mask picks an entry that may be
 * any of them, not only the largest.
 */
export function isIndexChoice(t: Translator, e: TS.Expression): boolean {
  if (isArgExtreme(t, e)) return true;
  const ts = t.tree.ts;
  const n = unwrapExpression(ts, constValueOf(t.tree, e) ?? e);
  if (!ts.isCallExpression(n) || t.tf.path(n.expression) !== 'where' || n.arguments.length !== 3) return false;
  const ways = n.arguments.slice(1);
  return ways.some((a) => isArgExtreme(t, a)) && ways.every((a) => isArgExtreme(t, a) || isRandomIndex(t, a));
}

/** `tf.randomUniformInt(shape, lo, hi)`, or `tf.randomUniform(shape, lo, hi, 'int32')`: random action indices. */
function isRandomIndex(t: Translator, e: TS.Expression): boolean {
  const ts = t.tree.ts;
  const n = unwrapExpression(ts, constValueOf(t.tree, e) ?? e);
  if (!ts.isCallExpression(n)) return false;
  const path = t.tf.path(n.expression);
  const dtype = n.arguments[3] && unwrapExpression(ts, n.arguments[3]);
  return path === 'randomUniformInt' || (path === 'randomUniform' && !!dtype && ts.isStringLiteralLike(dtype) && dtype.text === 'int32');
}

/** The tensor an arg-max or arg-min takes, and which: `tf.argMax(x, 1)`, `x.argMax(1)` (possibly cast or flattened). */
function argExtremeOf(t: Translator, e: TS.Expression): { of: TS.Expression; extremum: 'max' | 'min' } | undefined {
  const ts = t.tree.ts;
  let n = unwrapExpression(ts, e);
  const held = ts.isIdentifier(n) ? constValueOf(t.tree, n) : undefined;
  if (held) n = unwrapExpression(ts, held);
  for (let i = 0; i < 4 && ts.isCallExpression(n); i++) {
    const path = t.tf.path(n.expression);
    if ((path === 'argMax' || path === 'argMin') && n.arguments[0]) return { of: n.arguments[0], extremum: path === 'argMax' ? 'max' : 'min' };
    const callee = unwrapExpression(ts, n.expression);
    if (!ts.isPropertyAccessExpression(callee) || path !== undefined) return undefined;
    if (callee.name.text === 'argMax' || callee.name.text === 'argMin') return { of: callee.expression, extremum: callee.name.text === 'argMax' ? 'max' : 'min' };
    if (!/^(flatten|toInt|cast|reshape|squeeze|asType)$/.test(callee.name.text)) return undefined;
    n = unwrapExpression(ts, callee.expression);
  }
  return undefined;
}

/**
 * `x.mul(tf.oneHot(x.argMax(1), k))` (or `tf.mul(x, tf.oneHot(tf.argMax(x, 1), k))`): each row's largest entry picked
 * by a mask of its own arg-max, summed over the row: the row's maximum, read as the max over the axis is (a term with
 * a kink where two entries tie, never below the others: the largest of k softmax probabilities is at least 1/k).
 */
export function ownExtremePick(t: Translator, operands: readonly TS.Expression[], node: TS.Node, env: Env): Expr | undefined {
  const ts = t.tree.ts;
  if (operands.length !== 2) return undefined;
  for (const [value, mask] of [operands, [...operands].reverse()] as const) {
    const m = constValueOf(t.tree, mask!) ?? unwrapExpression(ts, mask!);
    if (!ts.isCallExpression(m) || t.tf.path(m.expression) !== 'oneHot' || !m.arguments[0]) continue;
    const pick = argExtremeOf(t, m.arguments[0]);
    const same = (a: TS.Expression, b: TS.Expression) => t.tree.compactSource(constValueOf(t.tree, a) ?? a) === t.tree.compactSource(constValueOf(t.tree, b) ?? b);
    if (!pick || !same(pick.of, value!)) continue;
    const x = t.expression(value!, env);
    return t.dependsOnPrediction(x) ? call(pick.extremum, [x, symbol(t.claimData(pick.extremum === 'min' ? 'othersMin' : 'othersMax', node), false)]) : undefined;
  }
  return undefined;
}
