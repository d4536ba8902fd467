/**
 * The functions of TF.js 4.22's `tf.losses` and `tf.metrics` (a test checks them against the installed TF.js), shared
 * by the readers of names (tfBindings.ts) and of calls (unknownTfCalls.ts, compileSite.ts, translateCalls.ts).
 */
export const TFJS_NAMESPACE_FUNCTIONS: Readonly<Record<'losses' | 'metrics', readonly string[]>> = {
  losses: ['absoluteDifference', 'computeWeightedLoss', 'cosineDistance', 'hingeLoss', 'huberLoss', 'logLoss', 'meanSquaredError', 'sigmoidCrossEntropy', 'softmaxCrossEntropy'],
  metrics: [
    'MAPE', 'MSE', 'binaryAccuracy', 'binaryCrossentropy', 'categoricalAccuracy', 'categoricalCrossentropy', 'cosineProximity', 'mape',
    'meanAbsoluteError', 'meanAbsolutePercentageError', 'meanSquaredError', 'mse', 'precision', 'r2Score', 'recall', 'sparseCategoricalAccuracy',
  ],
};

/** A TF.js path in `tf.losses` or `tf.metrics` (`losses.meanSquaredError`): its group, name and whether TF.js has it. */
export function namespaceFunction(path: string | undefined): { group: 'losses' | 'metrics'; name: string; exists: boolean } | undefined {
  const group = path?.startsWith('losses.') ? 'losses' : path?.startsWith('metrics.') ? 'metrics' : undefined;
  if (!group) return undefined;
  const name = path!.slice(group.length + 1);
  return { group, name, exists: TFJS_NAMESPACE_FUNCTIONS[group].includes(name) };
}
