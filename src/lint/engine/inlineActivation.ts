/**
 * An output activation the loss applies itself: `tf.mean(tf.square(ys.sub(tf.sigmoid(xs.matMul(w)))))` reads as
 * (y − sigmoid(ŷ))², the prediction being the logits. Such a loss is, to the activation rules, the same loss on a
 * model whose output is that activation: a squared error on a sigmoid. This module finds the activation and the loss
 * without it, so the catalog can name the loss that is left.
 */
import { children, ExpressionError, mapChildren, parseExpression, type Node } from '../../core';

export type InlineActivation = 'sigmoid' | 'softmax';

/**
 * The activation applied to every use of the prediction, when it is one (sigmoid or softmax) and the prediction is
 * used nowhere else; undefined otherwise (a bare logit too, as in a stable logits loss, or two activations).
 */
export function inlineActivation(ast: Node, wrt: string): InlineActivation | undefined {
  let found: InlineActivation | undefined;
  let bare = false;
  let uses = 0;
  const visit = (n: Node): void => {
    if (bare) return;
    const applied = activationOn(n, wrt);
    if (applied) {
      if (found && found !== applied) bare = true;
      found = applied;
      uses++;
      return;
    }
    if (n.kind === 'sym' && n.name === wrt) {
      bare = true;
      return;
    }
    for (const c of children(n)) visit(c);
  };
  visit(ast);
  return !bare && uses > 0 ? found : undefined;
}

/** `sigmoid(ŷ)` or `softmax(ŷ)` of the prediction itself: which of the two. */
function activationOn(n: Node, wrt: string): InlineActivation | undefined {
  return n.kind === 'call' && (n.fn === 'sigmoid' || n.fn === 'softmax') && n.args.length === 1 && n.args[0].kind === 'sym' && n.args[0].name === wrt ? n.fn : undefined;
}

/** The loss with the activation taken off: every `sigmoid(ŷ)` becomes `ŷ`, now the activation's output. */
export function withoutActivation(ast: Node, wrt: string, activation: InlineActivation): Node {
  const strip = (n: Node): Node => (n.kind === 'call' && activationOn(n, wrt) === activation ? n.args[0]! : mapChildren(n, strip));
  return strip(ast);
}

/** Whether a loss read from code applies its output activation itself; false for text that does not parse. */
export function appliesOutputActivation(expression: string, wrt: string | undefined): boolean {
  if (!wrt || !/\b(?:sigmoid|softmax)\(/.test(expression)) return false;
  try {
    return inlineActivation(parseExpression(expression).ast, wrt) !== undefined;
  } catch (err) {
    if (err instanceof ExpressionError) return false;
    throw err;
  }
}

/**
 * Whether what a loss scores is a sigmoid's or a softmax's output: the model's own, or one the loss applies itself
 * to the model's raw (linear or unknown) output. Only then do the targets decide something (class targets under a
 * regression loss), so only then are they looked for.
 */
export function scoresActivatedOutput(modelActivation: string | null | undefined, loss?: { expr: { text: string }; wrt?: string }): boolean {
  if (modelActivation === 'sigmoid' || modelActivation === 'softmax') return true;
  return (!modelActivation || modelActivation === 'linear') && loss !== undefined && appliesOutputActivation(loss.expr.text, loss.wrt);
}
