/**
 * Fixes for selection ops TF.js has no gradient for, where the same values can be taken with ops that have one:
 * - `tf.topk(x, k).values` of a vector (`y.flatten()`, `y.as1D()`, a reshape to one dimension): the order is found
 *   without a gradient and the values gathered with one, `tf.gather(x, order)`, the order read back into a new tensor
 *   so that the tape does not try to differentiate the indices (TF.js's GatherV2 gradient throws on int32 indices that
 *   depend on the input). Of a tensor of unknown rank no fix is offered: gather's gradient fails with two batch
 *   dimensions;
 * - `tf.gatherND(x, tf.stack([tf.range(0, n), a], 1))`, one element per row: `tf.gather(x, a, 1, 1)`, exact even where
 *   other entries are -Infinity (a masked log-softmax), where a one-hot mask summed would give 0 · -Infinity = NaN.
 * Both are written only where TF.js is a namespace.
 */
import type * as TS from 'typescript';
import type { SourceFix } from '../../engine/types';
import { constValueOf } from './scope';
import { unwrapExpression } from './syntaxTree';
import type { Translator } from './translate';

/** The fix of a `tf.topk` or `tf.gatherND` call the no-gradient check noted, when one can be written. */
export function selectionFix(t: Translator, call: TS.CallExpression, op: string): SourceFix | undefined {
  const ns = t.tf.namespace;
  if (!ns) return undefined;
  const [x, second] = operands(t, call);
  if (!x || !second) return undefined;
  return op === 'topk' ? topkFix(t, call, ns, x) : op === 'gatherND' ? gatherNdFix(t, call, ns, x, second) : undefined;
}

function topkFix(t: Translator, call: TS.CallExpression, ns: string, x: TS.Expression): SourceFix | undefined {
  const ts = t.tree.ts;
  const access = t.tree.parent(call);
  if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== call || access.name.text !== 'values') return undefined;
  if (!isOneDimensional(t, x)) return undefined;
  // The call as written (its `sorted` argument too), for the order only.
  const text = `${ns}.gather(${t.tree.source(x)}, ${ns}.tensor1d(${t.tree.source(call)}.indices.dataSync(), 'int32'))`;
  return { title: `Gather the values in the order tf.topk finds (${ns}.gather has a gradient)`, edits: [{ start: t.tree.start(access), end: access.end, text }] };
}

function gatherNdFix(t: Translator, call: TS.CallExpression, ns: string, x: TS.Expression, indices: TS.Expression): SourceFix | undefined {
  const ts = t.tree.ts;
  // `tf.stack([tf.range(0, n, 1, 'int32'), actions], 1)`: row i's element actions[i].
  const stack = constValueOf(t.tree, indices);
  if (!stack || !ts.isCallExpression(stack) || t.tf.path(stack.expression) !== 'stack' || stack.arguments.length !== 2) return undefined;
  const axis = unwrapExpression(ts, stack.arguments[1]!);
  const list = unwrapExpression(ts, stack.arguments[0]!);
  const isRowAxis = (ts.isNumericLiteral(axis) && axis.text === '1') || (ts.isPrefixUnaryExpression(axis) && axis.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(axis.operand) && axis.operand.text === '1');
  if (!isRowAxis || !ts.isArrayLiteralExpression(list) || list.elements.length !== 2) return undefined;
  const [rows, picked] = list.elements as unknown as [TS.Expression, TS.Expression];
  const range = unwrapExpression(ts, rows);
  const first = ts.isCallExpression(range) && t.tf.path(range.expression) === 'range' ? range.arguments[0] : undefined;
  if (!first || t.tree.source(first).trim() !== '0' || ts.isSpreadElement(picked)) return undefined;
  const text = `${ns}.gather(${t.tree.source(x)}, ${t.tree.source(picked)}, 1, 1)`;
  return { title: `Pick each row's element with ${ns}.gather along the rows (it has a gradient)`, edits: [{ start: t.tree.start(call), end: call.end, text }] };
}

/** `tf.op(x, y, …)` → [x, y]; `x.op(y, …)` → [x, y]. */
function operands(t: Translator, call: TS.CallExpression): [TS.Expression | undefined, TS.Expression | undefined] {
  const ts = t.tree.ts;
  if (t.tf.path(call.expression) !== undefined) return [call.arguments[0], call.arguments[1]];
  const callee = unwrapExpression(ts, call.expression);
  return ts.isPropertyAccessExpression(callee) ? [callee.expression, call.arguments[0]] : [undefined, undefined];
}

/** `y.flatten()`, `y.as1D()`, `tf.reshape(y, [-1])` or a name held in a const made so: a vector, whatever `y` is. */
function isOneDimensional(t: Translator, x: TS.Expression): boolean {
  const ts = t.tree.ts;
  const e = constValueOf(t.tree, x);
  if (!e || !ts.isCallExpression(e)) return false;
  const callee = unwrapExpression(ts, e.expression);
  if (ts.isPropertyAccessExpression(callee) && t.tf.path(e.expression) === undefined && (callee.name.text === 'flatten' || callee.name.text === 'as1D')) return true;
  const path = t.tf.path(e.expression);
  const shape = path === 'reshape' ? e.arguments[1] : ts.isPropertyAccessExpression(callee) && callee.name.text === 'reshape' ? e.arguments[0] : undefined;
  const s = shape && unwrapExpression(ts, shape);
  return !!s && ts.isArrayLiteralExpression(s) && s.elements.length === 1;
}
