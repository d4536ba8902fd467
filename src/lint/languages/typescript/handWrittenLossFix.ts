/**
 * The fix for a classifier trained with a regression loss written by hand (`predictions.sub(labels).square().mean()`
 * on a sigmoid output with 0/1 targets, in a loss function or a minimize closure): the code that computes the loss
 * becomes the cross-entropy TF.js has for probabilities, on the same prediction and target code
 * (`tf.losses.logLoss(labels, predictions)`; for a softmax, `tf.metrics.categoricalCrossentropy(labels,
 * predictions).mean()`); when the loss applies the sigmoid or softmax itself, the logits loss on the raw output it
 * had (`tf.losses.sigmoidCrossEntropy(ys, xs.matMul(w))`). Offered only when one piece of code computes the whole
 * loss and the prediction and the target are each one piece of code in scope there (the variable `p` of `const p =
 * model.predict(xs)`, not the parameter of a helper the loss calls), so the edit replaces exactly what the loss was.
 */
import type * as TS from 'typescript';
import type { FixPlan, LossReading } from '../../engine/frontEnd';
import type { Segment } from '../../engine/expression';
import type { SourceFix } from '../../engine/types';
import { lossesNamespace } from './compileFixes';
import { isFunctionNode, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

export function handWrittenLossFix(tree: SyntaxTree, tf: TfBindings, loss: LossReading | undefined, plan: FixPlan): SourceFix | undefined {
  // A logits loss only where the prediction is already the logits (the loss applied the activation itself).
  const applies = (plan.kind === 'rename-loss' || plan.kind === 'logits-loss') && !plan.alsoActivation;
  if (!applies || !loss || loss.origin !== 'code' || !loss.wrt || !loss.target || loss.reduction !== 'mean') return undefined;
  const segments = loss.expr.segments.all;
  const text = loss.expr.text;
  const whole = wholeLoss(segments, text);
  if (!whole) return undefined;
  const prediction = onePiece(tree, segments, text, whole, loss.wrt);
  const target = onePiece(tree, segments, text, whole, loss.target);
  if (!prediction || !target) return undefined;
  const replacement = crossEntropyCode(tf, plan, target, prediction);
  if (!replacement) return undefined;
  return { title: `Use the cross-entropy: ${replacement}`, edits: [{ start: whole.fileStart, end: whole.fileEnd, text: replacement }] };
}

/** The TF.js cross-entropy the plan asks for, on the given target and prediction code. */
function crossEntropyCode(tf: TfBindings, plan: Extract<FixPlan, { kind: 'rename-loss' | 'logits-loss' }>, target: string, prediction: string): string | undefined {
  const losses = lossesNamespace(tf);
  if (plan.kind === 'logits-loss') return losses && `${losses}.${plan.fn}(${target}, ${prediction})`;
  if (plan.loss === 'binaryCrossentropy') return losses && `${losses}.logLoss(${target}, ${prediction})`;
  if (plan.loss === 'categoricalCrossentropy' && tf.namespace) return `${tf.namespace}.metrics.categoricalCrossentropy(${target}, ${prediction}).mean()`;
  return undefined;
}

/** The code that computes the whole loss, reduction included: the widest piece over the whole expression. */
function wholeLoss(segments: readonly Segment[], text: string): Segment | undefined {
  let best: Segment | undefined;
  for (const s of segments) {
    if (text.slice(0, s.start).trim() !== '' || text.slice(s.end).trim() !== '') continue;
    if (!best || s.fileEnd - s.fileStart > best.fileEnd - best.fileStart) best = s;
  }
  return best;
}

/**
 * The code a symbol was translated from, as it can be written where the whole loss is: pieces inside the loss's code,
 * or in a block around it (a variable defined before it), a name before other code; undefined when they differ.
 */
function onePiece(tree: SyntaxTree, segments: readonly Segment[], text: string, whole: Segment, symbol: string): string | undefined {
  const ts = tree.ts;
  const wholeNode = tree.nodeAt(whole.fileStart, whole.fileEnd);
  const around = new Set(tree.ancestors(wholeNode));
  const scope = (node: TS.Node) => [...tree.ancestors(node)].find((a) => ts.isBlock(a) || ts.isSourceFile(a) || isFunctionNode(ts, a));
  const usable = segments.filter((s) => {
    if (text.slice(s.start, s.end) !== symbol) return false;
    if (s.fileStart >= whole.fileStart && s.fileEnd <= whole.fileEnd) return true;
    const home = scope(tree.nodeAt(s.fileStart, s.fileEnd));
    return home !== undefined && around.has(home);
  });
  // `labels` inside `tf.oneHot(labels, 3)` is part of the code for the symbol, not the whole of it.
  const outermost = (s: Segment) => !usable.some((o) => o.fileStart <= s.fileStart && s.fileEnd <= o.fileEnd && o.fileEnd - o.fileStart > s.fileEnd - s.fileStart);
  const codes = [...new Set(usable.filter(outermost).map((s) => tree.text.slice(s.fileStart, s.fileEnd)))];
  const names = codes.filter((c) => /^[A-Za-z_$][\w$]*$/.test(c));
  return names.length === 1 ? names[0] : codes.length === 1 ? codes[0] : undefined;
}
