/**
 * Which TF.js ops a loss can use without breaking training: the kernels TF.js 4.22 registers no gradient for
 * (a test derives this from TF.js's own registry, `tf.getGradient`, so it cannot drift), and the differentiable
 * comparison that replaces the others in a `tf.where` condition.
 */

/** tf op → the kernel it runs, for the ops the translation reads that are comparisons or logic. */
export const COMPARISON_KERNELS: Readonly<Record<string, string>> = {
  greater: 'Greater', greaterEqual: 'GreaterEqual', less: 'Less', lessEqual: 'LessEqual', equal: 'Equal', notEqual: 'NotEqual',
  greaterStrict: 'Greater', greaterEqualStrict: 'GreaterEqual', lessStrict: 'Less', lessEqualStrict: 'LessEqual', equalStrict: 'Equal', notEqualStrict: 'NotEqual',
  logicalAnd: 'LogicalAnd', logicalOr: 'LogicalOr', logicalNot: 'LogicalNot',
};

/** Comparison methods whose names only a TF.js tensor has (not `equal`, which many objects have). */
export const TENSOR_COMPARISON = /^(?:greater|greaterEqual|less|lessEqual)(?:Strict)?$/;

/**
 * tf op → kernel, for the ops the translation reads that pick or reorder elements: `tf.gatherND`, `tf.stridedSlice`
 * and `tf.topk` (whose `values` are the elements sorted) have no gradient, where `tf.gather` and `tf.slice` have one.
 */
export const SELECTION_KERNELS: Readonly<Record<string, string>> = { gatherND: 'GatherNd', stridedSlice: 'StridedSlice', topk: 'TopK' };

/**
 * tf.metrics that compare, differentiated by hand (`tf.variableGrads(() => tf.metrics.binaryAccuracy(y, p))`): the
 * kernel whose missing gradient throws (measured with TF.js 4.22 at model.fit, see unknownTfCalls.ts), and the loss
 * that trains for what they measure.
 */
export const METRIC_KERNELS: Readonly<Record<string, string>> = {
  'metrics.binaryAccuracy': 'Equal', 'metrics.categoricalAccuracy': 'Equal', 'metrics.sparseCategoricalAccuracy': 'Equal', 'metrics.precision': 'Greater', 'metrics.recall': 'Greater',
};
export const METRIC_LOSSES: Readonly<Record<string, string>> = {
  'metrics.binaryAccuracy': 'binaryCrossentropy', 'metrics.categoricalAccuracy': 'categoricalCrossentropy', 'metrics.sparseCategoricalAccuracy': 'categoricalCrossentropy (on one-hot labels)', 'metrics.precision': 'binaryCrossentropy', 'metrics.recall': 'binaryCrossentropy',
};

/** Every op the translation notes with the kernel it runs. */
export const OP_KERNELS: Readonly<Record<string, string>> = { ...COMPARISON_KERNELS, ...SELECTION_KERNELS, ...METRIC_KERNELS };

/** Kernels without a gradient function in TF.js 4.22: differentiating through them throws. */
export const GRADIENTLESS_KERNELS: ReadonlySet<string> = new Set(['Greater', 'Less', 'LessEqual', 'Equal', 'NotEqual', 'LogicalAnd', 'LogicalOr', 'LogicalNot', 'GatherNd', 'StridedSlice', 'TopK']);

/** What to write instead of a selection op without a gradient. */
export const SELECTION_SUGGESTIONS: Readonly<Record<string, string>> = {
  GatherNd: 'tf.gather has a gradient: one element per row is tf.gather(x, indices, 1, 1).',
  StridedSlice: 'tf.slice has a gradient: the same elements taken with tf.slice (and tf.reverse or tf.gather for a step) train.',
  TopK: 'Take the order without a gradient and the values with one: tf.gather(x, tf.topk(x, k).indices) (tf.gather has a gradient).',
};

/**
 * The same test written with `greaterEqual`, which has a gradient: `lessEqual(a, b)` is `greaterEqual(b, a)`;
 * `greater(a, b)` and `less(a, b)` are its negation, so the `tf.where` branches swap.
 */
export function greaterEqualForm(op: string): { swapArguments: boolean; swapBranches: boolean } | undefined {
  switch (op.replace(/Strict$/, '')) {
    case 'lessEqual':
      return { swapArguments: true, swapBranches: false };
    case 'greater':
      return { swapArguments: true, swapBranches: true };
    case 'less':
      return { swapArguments: false, swapBranches: true };
    default:
      return undefined;
  }
}
