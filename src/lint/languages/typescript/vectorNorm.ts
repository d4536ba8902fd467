/**
 * `tf.norm(x, ord, axis, keepDims)` and `x.norm(…)` per element. A vector's norm depends on all its elements, so per
 * element it is the element with the rest of the vector as data `r ≥ 0`: the 2-norm (the default, `'euclidean'`, 2)
 * is sqrt(x² + r), the 1-norm |x| + r, the max-norm max(|x|, r); a normalisation `x / tf.norm(x)` is then smooth, as
 * it is wherever the vector is not all zeros. A distance, the norm of a difference `tf.norm(a - b)`, is zero as a
 * whole at a perfect match, every element at once: there r is 0, the 2-norm sqrt(x²), a cone with its root at zero,
 * which TF.js differentiates through (measured with TF.js 4.22: the gradient at a zero vector is NaN).
 */
import type * as TS from 'typescript';
import { binary, call, num, type Expr } from '../../engine/expression';
import { unwrapExpression } from './syntaxTree';
import type { Translator } from './translate';
import { Env, numericValue, Unreadable } from './translationEnv';

/** The norm of `x` by the order `ord` (a literal, or absent); other orders are unread. */
export function vectorNorm(t: Translator, x: TS.Expression | undefined, ord: TS.Expression | undefined, node: TS.CallExpression, env: Env): Expr {
  if (!x) throw new Unreadable('tf.norm() without a value', node);
  const order = orderOf(t.tree.ts, ord);
  if (order === undefined) throw new Unreadable('tf.norm() of an order other than 1, 2 or Infinity', node);
  const value = t.expression(x, env);
  t.recordReduction('other', node);
  const distance = value.shape?.kind === 'apply' && value.shape.fn === '-';
  const rest = distance ? undefined : t.rangedData('r', node, [0, Infinity]);
  const square = binary('^', value, num(2));
  if (order === 2) return call('sqrt', [rest ? binary('+', square, rest) : square]);
  if (order === 1) return rest ? binary('+', call('abs', [value]), rest) : call('abs', [value]);
  return rest ? call('max', [call('abs', [value]), rest]) : call('abs', [value]);
}

function orderOf(ts: typeof TS, ord: TS.Expression | undefined): 1 | 2 | typeof Infinity | undefined {
  const o = ord && unwrapExpression(ts, ord);
  if (!o || (ts.isIdentifier(o) && o.text === 'undefined')) return 2;
  if (ts.isStringLiteralLike(o)) return o.text === 'euclidean' ? 2 : undefined;
  if (ts.isIdentifier(o) && o.text === 'Infinity') return Infinity;
  const n = numericValue(ts, o);
  return n === 1 || n === 2 || n === Infinity ? n : undefined;
}
