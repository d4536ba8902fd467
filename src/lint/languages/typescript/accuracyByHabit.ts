/**
 * Whether a bare `'accuracy'` metric says nothing of a compiled model's targets, because the code shows it was added by
 * habit to a model of values. An explicit `binaryAccuracy`/`categoricalAccuracy` is not judged here: it still counts.
 */
import type { CompileCall } from './compileSite';
import { fitCalls } from './fitCalls';
import { bottlenecked } from './reconstructionTargets';
import type { SyntaxTree } from './syntaxTree';

/** Metrics of values, not classes: TF.js's names and their short forms. */
const REGRESSION_METRICS = /^(?:mae|mse|mape|msle|rmse|meanAbsoluteError|meanSquaredError|meanAbsolutePercentageError|meanSquaredLogarithmicError|rootMeanSquaredError|MAE|MSE|MAPE)$/;
const CONVOLUTIONS = /^(conv2d|conv2dTranspose|conv3d|conv3dTranspose|separableConv2d|depthwiseConv2d)$/;

/**
 * The bare accuracy says nothing:
 * - of a model that outputs images (a convolution with 3 or 4 channels: RGB, RGBA): its targets are pictures;
 * - of an autoencoder's (a bottleneck between an input and an output of one width) that the file never fits: its
 *   targets are its inputs (a fit on other targets, `fit(x, labels)`, leaves the metric to decide);
 * - of several independent sigmoids: TF.js computes categorical accuracy there, and such an output trained with a
 *   squared error is in real code a vector of values in [0, 1] (a box, scores, image statistics). On one sigmoid unit
 *   it is binary accuracy: a classifier's metric;
 * - beside a regression metric (`metrics: ['mae', 'accuracy']`): the author measures the outputs as values;
 * - in a compile shared by models built one way or another when one way is a regression (a linear output): the same
 *   metrics are asked of every way, so they are no evidence for any.
 */
export function accuracyByHabit(tree: SyntaxTree, cc: CompileCall): boolean {
  const autoencoder = () => fitCalls(tree).length === 0 && bottlenecked(tree, cc.model);
  return imageOutput(cc) || severalSigmoids(cc) || cc.metrics.some((m) => REGRESSION_METRICS.test(m)) || sharedWithRegression(cc) || autoencoder();
}

/** Whether the output is one sigmoid over more than one unit (not a choice of ways). */
function severalSigmoids(cc: CompileCall): boolean {
  const model = cc.model;
  return !!model && !model.alternatives && model.activationName === 'sigmoid' && typeof model.units === 'number' && model.units > 1;
}

/** Whether the model is built one way or another (`switch (type)`) and one way ends in a linear output. */
function sharedWithRegression(cc: CompileCall): boolean {
  return !!cc.model?.alternatives?.some((a) => a.activation === 'linear' && !a.alternatives);
}

/** Whether the model's last layer with a size is a convolution of 3 or 4 channels (an activation layer may follow it). */
function imageOutput(cc: CompileCall): boolean {
  const layers = cc.model?.layers ?? [];
  const sized = [...layers].reverse().find((l) => l?.units !== undefined) ?? cc.model?.decidingLayer;
  return !!sized && CONVOLUTIONS.test(sized.kind) && (sized.units === 3 || sized.units === 4);
}
