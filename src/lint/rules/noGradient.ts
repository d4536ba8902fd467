/**
 * `no-gradient`: an op with no gradient in the framework on the prediction's path, so training throws. In TF.js
 * 4.22 the comparison and logical kernels have no gradient function, nor GatherNd, StridedSlice and TopK: `tf.where(tf.lessEqual(error, d), …)` in a
 * hand-written Huber throws "Cannot compute gradient: gradient function not found for LessEqual" at model.fit.
 * A training step whose model ran before its function (`const loss = …model.predict(xs)…; optimizer.minimize(() =>
 * loss)`) has no gradient at all: minimize throws "Cannot find a connection between any variable and the result of the
 * loss function". A function given to a gradient call that returns no tensor (a block without `return`, an async
 * function) makes it throw "The result y returned by f() must be a tensor."
 */
import type { Rule, RuleContext, RuleFinding } from './rule';

export const noGradient: Rule = {
  meta: {
    code: 'no-gradient',
    defaultSeverity: 'error',
    frameworks: ['tfjs'],
    docs: {
      summary: 'an op with no gradient in TF.js (a comparison inside a `tf.where` condition, `tf.gatherND`, `tf.stridedSlice`, the sort of `tf.topk`) depends on the prediction, a comparing metric is compiled as the loss (`loss: tf.metrics.binaryAccuracy`) or differentiated by hand, or the model ran before the function given to `optimizer.minimize` (also in a helper called before it, `const loss = this.computeLoss(model, batch); tf.variableGrads(() => loss)`), or the function given to `tf.grad`/`tf.grads` uses none of its inputs, or the function given to a gradient call returns no tensor (`optimizer.minimize(() => { loss(pred, ys); })`, an async function), or JavaScript’s arithmetic operators are applied to tensors (`1 - yTrue * yPred` is NaN), so training throws',
      explanation:
        'TF.js has no gradient for comparison and logical ops (Greater, LessEqual, Equal, LogicalAnd …) nor for GatherNd, StridedSlice and TopK. When their input depends on the prediction, model.fit() and optimizer.minimize() throw "Cannot compute gradient: gradient function not found for …". A condition on the targets alone is fine. The same holds for a loss whose model ran before the function given to optimizer.minimize (or tf.variableGrads, tf.grads): TF.js records gradients only of what that function computes, so it throws "Cannot find a connection between any variable and the result of the loss function". tf.grad and tf.grads differentiate with respect to the tensors they are called with: a function that uses none of its inputs throws "Cannot compute gradient of y=f(x) with respect to x". Each of them takes what its function returns as the value to differentiate: a block without `return`, or an async function (a Promise), throws "The result y returned by f() must be a tensor.". A tensor is an object, so JavaScript’s `*`, `-`, `/` or `**` on one gives NaN, a number: the loss no longer depends on the model and training throws "Cannot find a connection".',
      fix: 'the differentiable form: `tf.minimum(error, delta)` for Huber (as `tf.losses.huberLoss` does), masks from `tf.step(x)` or `tf.relu(tf.sign(x))`, `tf.gather(x, indices, 1, 1)` for a `tf.gatherND` of one element per row, `tf.slice` for `tf.stridedSlice`, `tf.gather` in the order `tf.topk` finds; the model call and the loss inside the function given to `optimizer.minimize`; a loss computed from the input inside the function given to `tf.grads`; `return` the loss from the function given to a gradient call, computed synchronously; `tf.mul`, `tf.sub`, `tf.div`, `tf.pow` (or their methods) for arithmetic on tensors',
    },
  },
  check({ site }: RuleContext): RuleFinding[] {
    const ops = site.loss?.gradientless ?? [];
    const untaped = site.loss?.untaped;
    const before: RuleFinding[] = untaped
      ? [
          {
            at: { file: { start: untaped.start, end: untaped.end } },
            message: `The model runs before the function given to ${untaped.stepCall} (line ${untaped.modelLine}${untaped.via ? `, in ${untaped.via.name} called at line ${untaped.via.line}` : ''}), so no gradient reaches its weights: it throws "${untaped.error}".`,
            detail: `TF.js records gradients only of what the function computes when ${untaped.stepCall} calls it. Here the model's output (line ${untaped.modelLine}) and the loss made from it are computed before, so the loss is not connected to any weight and ${untaped.stepCall} throws "${untaped.error}". Compute the prediction and the loss inside the function: \`optimizer.minimize(() => { const pred = model.predict(xs); return loss(ys, pred); })\`.`,
            fixes: [],
          },
        ]
      : [];
    // A compiled loss throws in model.fit; a training step's closure where the optimizer differentiates it.
    const thrower = site.kind === 'minimize' ? 'the training step' : 'model.fit()';
    return before.concat(ops.map((op) => ({
      at: { file: { start: op.start, end: op.end } },
      message: `${op.op} has no gradient in TF.js: ${thrower} throws "Cannot compute gradient".`,
      detail: `${op.op} has no gradient in TF.js and its input depends on the prediction: ${thrower} throws "Cannot compute gradient: gradient function not found for ${op.kernel}".${op.suggestion ? ` ${op.suggestion}` : ''}`,
      fixes: op.fix ? [{ source: op.fix }] : [],
    })));
  },
};
