/**
 * The no-gradient check of TF.js code: comparison, logic and selection ops (`tf.gatherND`, `tf.stridedSlice`, the sort
 * of `tf.topk`) whose input depends on the prediction (so training differentiates through them) and whose kernel TF.js
 * registers no gradient for. In a `tf.where`
 * condition the fix writes the same test with `tf.greaterEqual`, which has one, swapping the branches when the
 * test is negated.
 */
import type * as TS from 'typescript';
import { mentionsSymbol } from '../../engine/expression';
import type { GradientlessOp } from '../../engine/frontEnd';
import type { SourceEdit } from '../../engine/types';
import { paren } from './codeRenderer';
import { selectionFix } from './selectionFixes';
import { unwrapExpression } from './syntaxTree';
import { GRADIENTLESS_KERNELS, greaterEqualForm, METRIC_LOSSES, OP_KERNELS, SELECTION_SUGGESTIONS } from './tfjsGradients';
import type { Translator } from './translate';

export function gradientlessOps(t: Translator, predictions: readonly string[]): GradientlessOp[] {
  const out: GradientlessOp[] = [];
  const mentions = (text: string) => predictions.some((p) => mentionsSymbol(text, p));
  for (const c of t.kernelCalls) {
    const kernel = OP_KERNELS[c.op];
    if (!kernel || !GRADIENTLESS_KERNELS.has(kernel) || !c.operands.some((o) => mentions(o.text))) continue;
    if (out.some((o) => o.start === t.tree.start(c.call))) continue;
    const measured = METRIC_LOSSES[c.op];
    if (measured) {
      out.push({ op: `tf.${c.op}`, kernel, start: t.tree.start(c.call), end: c.call.end, suggestion: `A metric that compares has no gradient: differentiate the loss it measures, ${measured}, and keep tf.${c.op} for reporting.` });
      continue;
    }
    const selection = SELECTION_SUGGESTIONS[kernel];
    if (selection) {
      const fix = selectionFix(t, c.call, c.op);
      out.push({ op: `tf.${c.op}`, kernel, start: t.tree.start(c.call), end: c.call.end, suggestion: selection, ...(fix ? { fix } : {}) });
      continue;
    }
    const fix = greaterEqualFix(t, c.call, c.op);
    out.push({
      op: `tf.${c.op}`,
      kernel,
      start: t.tree.start(c.call),
      end: c.call.end,
      suggestion: fix
        ? 'tf.greaterEqual has a gradient: the same test written with it trains (or, for a Huber loss, tf.minimum(error, delta) as tf.losses.huberLoss does).'
        : 'Masks made with tf.step(x) or tf.relu(tf.sign(x)) are differentiable.',
      ...(fix ? { fix } : {}),
    });
  }
  return out;
}

/** The operands of `tf.op(a, b)` or `a.op(b)`. */
function operands(ts: typeof TS, t: Translator, call: TS.CallExpression): [TS.Expression, TS.Expression] | undefined {
  if (t.tf.path(call.expression) !== undefined) return call.arguments.length >= 2 ? [call.arguments[0], call.arguments[1]] : undefined;
  const callee = unwrapExpression(ts, call.expression);
  return ts.isPropertyAccessExpression(callee) && call.arguments[0] ? [callee.expression, call.arguments[0]] : undefined;
}

function greaterEqualFix(t: Translator, call: TS.CallExpression, op: string): GradientlessOp['fix'] {
  const ts = t.tree.ts;
  const where = t.wheres.get(call);
  const form = greaterEqualForm(op);
  const pair = operands(ts, t, call);
  if (!where || !form || !pair) return undefined;
  const [a, b] = form.swapArguments ? [pair[1], pair[0]] : pair;
  const ns = t.tf.namespace;
  const text = ns ? `${ns}.greaterEqual(${t.tree.source(a)}, ${t.tree.source(b)})` : `${paren(t.tree.source(a))}.greaterEqual(${t.tree.source(b)})`;
  if (!ns && ts.isNumericLiteral(unwrapExpression(ts, a))) return undefined;
  const edits: SourceEdit[] = [{ start: t.tree.start(call), end: call.end, text }];
  if (form.swapBranches) {
    edits.push({ start: t.tree.start(where.then), end: where.then.end, text: t.tree.source(where.otherwise) });
    edits.push({ start: t.tree.start(where.otherwise), end: where.otherwise.end, text: t.tree.source(where.then) });
  }
  return { title: `Write the test with ${ns ? `${ns}.` : '.'}greaterEqual, which has a gradient${form.swapBranches ? ' (the branches swap)' : ''}`, edits };
}
