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
