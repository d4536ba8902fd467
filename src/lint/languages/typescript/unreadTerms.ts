/**
 * A sum one of whose terms cannot be read (`actorLoss.add(criticLoss.mult(c1))` with a method TF.js does not have, an
 * SSIM term built with `tf.depthwiseConv2d` beside an L1 reconstruction): the loss is read without that term, which
 * becomes a value of its own, so the hazards of the rest (a PPO clip, an absolute error) are still found. The term is
 * opaque data to the hazard checks (a hazard only its unknown value would cause is not reported), the site says which
 * term was left out, and a loss read this way is never recognised as a whole (its activation pairing is not judged).
 */
import type * as TS from 'typescript';
import { symbol, type Expr } from '../../engine/expression';
import type { Translator } from './translate';
import { describeCode, Env, isMissingOperand, Unreadable } from './translationEnv';
import { unwrapExpression } from './syntaxTree';

/** The two operands of a sum or difference, either (not both) standing for a term that could not be read. */
export function sumOperands(t: Translator, left: TS.Expression, right: TS.Expression, env: Env): [Expr, Expr] {
  const a = attempt(t, left, env);
  const b = attempt(t, right, env);
  if (a instanceof Unreadable && b instanceof Unreadable) throw a;
  // An operation checked on its own (a log outside any loss) is read whole or not at all: a part of it says nothing.
  if (t.options.mode === 'operation') for (const v of [a, b]) if (v instanceof Unreadable) throw v;
  return [stand(t, a, left), stand(t, b, right)];
}

/** The expression read, or why it cannot be. */
export function attempt(t: Translator, node: TS.Expression, env: Env): Expr | Unreadable {
  try {
    return t.expression(node, env);
  } catch (err) {
    if (err instanceof Unreadable) return err;
    throw err;
  }
}

function stand(t: Translator, value: Expr | Unreadable, node: TS.Expression): Expr {
  if (!(value instanceof Unreadable)) return value;
  // A missing operand (`tf.sub(yPred, null)`) is a mistake in the code, not a term the lint cannot read.
  if (isMissingOperand(t.tree.ts, node)) throw value;
  const name = t.claimData(`unread_${rootName(t, node)}`, node);
  t.unreadTerms.push({ name, code: describeCode(t.tree, node), reason: value.message, node, at: value.node ?? node });
  return symbol(name, false);
}

/** A short name for the term: the variable it starts from (`criticLoss` of `criticLoss.mult(c)`), else `term`. */
function rootName(t: Translator, node: TS.Expression): string {
  const ts = t.tree.ts;
  let n = unwrapExpression(ts, node);
  for (let i = 0; i < 20; i++) {
    if (ts.isIdentifier(n)) return n.text;
    // `tf.sub(1, ssim(a, b))`: named for the op, not the namespace.
    const op = ts.isCallExpression(n) ? t.tf.path(n.expression) : undefined;
    if (op) return op.split('.').pop()!;
    if (ts.isCallExpression(n) || ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) n = unwrapExpression(ts, n.expression);
    else break;
  }
  return 'term';
}
