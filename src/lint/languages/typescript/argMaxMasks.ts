/**
 * One-hot masks of an arg-max or arg-min (`tf.oneHot(tf.argMax(iou, -1), k)`, a detector's responsible box): a 0/1
 * selection without a gradient, read as such so the loss around it is still checked.
 */
import type * as TS from 'typescript';
import { constValueOf } from './scope';
import { unwrapExpression } from './syntaxTree';
import type { Translator } from './translate';

/** `tf.argMax(x, axis)`, `x.argMax(axis)` (or argMin), possibly flattened or cast: the index of an extreme entry. */
export function isArgExtreme(t: Translator, e: TS.Expression): boolean {
  const ts = t.tree.ts;
  let n = unwrapExpression(ts, e);
  // `const best = iou.argMax(-1).flatten(); tf.oneHot(best, k)`
  const held = ts.isIdentifier(n) ? constValueOf(t.tree, n) : undefined;
  if (held) n = unwrapExpression(ts, held);
  for (let i = 0; i < 4 && ts.isCallExpression(n); i++) {
    const path = t.tf.path(n.expression);
    if (path === 'argMax' || path === 'argMin') return true;
    const callee = unwrapExpression(ts, n.expression);
    if (!ts.isPropertyAccessExpression(callee) || path !== undefined) return false;
    if (callee.name.text === 'argMax' || callee.name.text === 'argMin') return true;
    if (!/^(flatten|toInt|cast|reshape|squeeze|asType)$/.test(callee.name.text)) return false;
    n = unwrapExpression(ts, callee.expression);
  }
  return false;
}
