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

/** Kernels without a gradient function in TF.js 4.22: differentiating through them throws. */
export const GRADIENTLESS_KERNELS: ReadonlySet<string> = new Set(['Greater', 'Less', 'LessEqual', 'Equal', 'NotEqual', 'LogicalAnd', 'LogicalOr', 'LogicalNot']);

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
