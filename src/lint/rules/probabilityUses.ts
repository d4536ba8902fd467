/**
 * Where a loss treats its prediction as a probability: `1 - p`, a clip of it (or of a product with the labels) to
 * [0, 1] or [ε, 1 − ε], `log(p)`. A loss that also hands the same prediction to a logits loss
 * (`tf.losses.sigmoidCrossEntropy(yTrue, yPred)` beside `pt = clip(sum(yTrue · yPred), 0, 1)`, a focal loss written
 * for probabilities) contradicts itself: the prediction is either a logit or a probability, and one of the two uses
 * is wrong whatever the model's output layer is.
 */
import { walk, type Analysis, type Node } from '../../core';
import { constantValue } from './constantValue';

/** How far from 0 and 1 the ends of a clip may be and still be a probability's guard (`1e-7`, `1 - 1e-7`, `0.001`). */
const GUARD = 0.01;

/** The first place, in the loss's own text, where it uses `wrt` as a probability; undefined when it never does. */
export function probabilityUse(analysis: Analysis, wrt: string): string | undefined {
  const values = Object.fromEntries(analysis.parameters.map((p) => [p.name, p.value]));
  let found: Node | undefined;
  walk(analysis.ast, (n) => {
    if (found) return;
    if (n.kind === 'op' && n.op === '-' && n.left.kind === 'num' && n.left.value === 1 && isPrediction(n.right, wrt, values)) found = n;
    else if (n.kind === 'call' && n.fn === 'clip' && n.args.length === 3 && mentions(n.args[0], wrt) && probabilityRange(n.args[1], n.args[2], values)) found = n;
    else if (n.kind === 'call' && n.fn === 'log' && n.args.length === 1 && isPrediction(n.args[0], wrt, values)) found = n;
  });
  if (!found) return undefined;
  return found.span ? analysis.source.slice(found.span.start, found.span.end) : undefined;
}

/** The prediction itself, or clipped to a probability's range. */
function isPrediction(n: Node, wrt: string, values: Readonly<Record<string, number>>): boolean {
  if (n.kind === 'sym') return n.name === wrt;
  return n.kind === 'call' && n.fn === 'clip' && n.args.length === 3 && n.args[0].kind === 'sym' && n.args[0].name === wrt && probabilityRange(n.args[1], n.args[2], values);
}

function probabilityRange(lo: Node, hi: Node, values: Readonly<Record<string, number>>): boolean {
  const a = constantValue(lo, values);
  const b = constantValue(hi, values);
  return a !== undefined && b !== undefined && a >= 0 && a <= GUARD && b >= 1 - GUARD && b <= 1;
}

/** Whether `n` holds the prediction itself, not through a function of it (`yTrue * yPred`, not `softmax(yPred)`). */
function mentions(n: Node, wrt: string): boolean {
  if (n.kind === 'sym') return n.name === wrt;
  if (n.kind === 'neg') return mentions(n.arg, wrt);
  return n.kind === 'op' && (mentions(n.left, wrt) || mentions(n.right, wrt));
}
