/**
 * `no-gradient`: an op with no gradient in the framework on the prediction's path, so training throws. In TF.js
 * 4.22 the comparison and logical kernels have no gradient function: `tf.where(tf.lessEqual(error, d), …)` in a
 * hand-written Huber throws "Cannot compute gradient: gradient function not found for LessEqual" at model.fit.
 */
import type { Rule, RuleContext, RuleFinding } from './rule';

export const noGradient: Rule = {
  meta: {
    code: 'no-gradient',
    defaultSeverity: 'error',
    frameworks: ['tfjs'],
    docs: {
      summary: 'an op with no gradient in TF.js (a comparison inside a `tf.where` condition) depends on the prediction, so training throws',
      explanation:
        'TF.js has no gradient for comparison and logical ops (Greater, LessEqual, Equal, LogicalAnd …). When their input depends on the prediction, model.fit() and optimizer.minimize() throw "Cannot compute gradient: gradient function not found for …". A condition on the targets alone is fine.',
      fix: 'the differentiable form: `tf.minimum(error, delta)` for Huber (as `tf.losses.huberLoss` does), masks from `tf.step(x)` or `tf.relu(tf.sign(x))`',
    },
  },
  check({ site }: RuleContext): RuleFinding[] {
    const ops = site.loss?.gradientless ?? [];
    return ops.map((op) => ({
      at: { file: { start: op.start, end: op.end } },
      message: `${op.op} has no gradient in TF.js: model.fit() throws "Cannot compute gradient".`,
      detail: `${op.op} has no gradient in TF.js and its input depends on the prediction: model.fit() throws "Cannot compute gradient: gradient function not found for ${op.kernel}".${op.suggestion ? ` ${op.suggestion}` : ''}`,
      fixes: op.fix ? [{ source: op.fix }] : [],
    }));
  },
};
