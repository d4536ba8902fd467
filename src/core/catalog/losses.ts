import type { Activation } from '../analysis/domain';

/**
 * The standard losses: the 14 that tfjs-layers' model.compile() accepts by name, the tfjs-core
 * tf.losses.* functions, and the common losses TF.js lacks (Huber, focal, quantile …). Each is written
 * per element in the prediction `p` (or logits `z`) and the target `y`, the way the analysis reads any
 * custom loss, with what output activation it expects and what it is for.
 */
export type PredictionKind = 'probability' | 'logits' | 'real' | 'nonnegative' | 'score';
export type TargetKind = 'binary' | 'one-hot' | 'class-index' | 'real' | 'nonnegative' | 'sign';

export interface CatalogLoss {
  id: string;
  name: string;
  /** Per-element formula in mathjs syntax. */
  expression: string;
  /** The prediction symbol the formula uses. */
  prediction: 'p' | 'z';
  parameters: Record<string, number>;
  /** Output activations this loss is meant for; the first is the usual one. */
  activations: Activation[];
  predictionKind: PredictionKind;
  targetKind: TargetKind;
  purpose: string;
  /** Name model.compile({loss}) accepts (tfjs-layers lossesMap). */
  tfjsName?: string;
  /** tfjs-core function, `tf.losses.<name>`. */
  tfjsCore?: string;
  /** TF.js clips the prediction to [ε, 1 − ε] inside this loss, so log(0) cannot happen. */
  clipsPrediction?: boolean;
  /** What the per-element formula leaves out (reductions, normalisation). */
  note?: string;
}

export const CATALOG: readonly CatalogLoss[] = [
  {
    id: 'meanSquaredError', name: 'Mean squared error', expression: '(p - y)^2', prediction: 'p', parameters: {},
    activations: ['linear'], predictionKind: 'real', targetKind: 'real', tfjsName: 'meanSquaredError', tfjsCore: 'meanSquaredError',
    purpose: 'Regression with Gaussian noise; penalises large errors quadratically, so outliers dominate.',
  },
  {
    id: 'meanAbsoluteError', name: 'Mean absolute error', expression: 'abs(p - y)', prediction: 'p', parameters: {},
    activations: ['linear'], predictionKind: 'real', targetKind: 'real', tfjsName: 'meanAbsoluteError', tfjsCore: 'absoluteDifference',
    purpose: 'Regression robust to outliers (median estimator); the gradient is ±1 with a kink at p = y.',
  },
  {
    id: 'meanAbsolutePercentageError', name: 'Mean absolute percentage error', expression: '100 * abs((y - p) / y)', prediction: 'p', parameters: {},
    activations: ['linear', 'relu', 'softplus'], predictionKind: 'real', targetKind: 'real', tfjsName: 'meanAbsolutePercentageError',
    purpose: 'Relative error in percent for strictly positive targets; TF.js clamps |y| to ε.',
    note: 'TF.js divides by max(|y|, ε).',
  },
  {
    id: 'meanSquaredLogarithmicError', name: 'Mean squared logarithmic error', expression: '(log(p + 1) - log(y + 1))^2', prediction: 'p', parameters: {},
    activations: ['relu', 'softplus', 'linear'], predictionKind: 'nonnegative', targetKind: 'nonnegative', tfjsName: 'meanSquaredLogarithmicError',
    purpose: 'Regression on positive quantities spanning orders of magnitude; penalises under-estimates more.',
    note: 'TF.js clips p and y to at least ε before the log.',
  },
  {
    id: 'hinge', name: 'Hinge', expression: 'max(1 - y * p, 0)', prediction: 'p', parameters: {},
    activations: ['linear', 'tanh'], predictionKind: 'score', targetKind: 'sign', tfjsName: 'hinge',
    purpose: 'Maximum-margin (SVM) classification with labels -1/+1 and raw scores.',
    note: 'tfjs-layers hinge does not map 0/1 labels to -1/+1.',
  },
  {
    id: 'squaredHinge', name: 'Squared hinge', expression: 'max(1 - y * p, 0)^2', prediction: 'p', parameters: {},
    activations: ['linear', 'tanh'], predictionKind: 'score', targetKind: 'sign', tfjsName: 'squaredHinge',
    purpose: 'Smooth (C¹) margin loss for -1/+1 labels; punishes margin violations quadratically.',
  },
  {
    id: 'hingeLoss', name: 'Hinge (0/1 labels)', expression: 'max(1 - (2 * y - 1) * p, 0)', prediction: 'p', parameters: {},
    activations: ['linear'], predictionKind: 'score', targetKind: 'binary', tfjsCore: 'hingeLoss',
    purpose: 'Hinge loss that maps 0/1 labels to -1/+1 first, like Keras and tfjs-core.',
  },
  {
    id: 'categoricalHinge', name: 'Categorical hinge', expression: 'max(0, (1 - y) * p - y * p + 1)', prediction: 'p', parameters: {},
    activations: ['linear', 'softmax'], predictionKind: 'score', targetKind: 'one-hot', tfjsName: 'categoricalHinge',
    purpose: 'Multi-class margin loss: the best wrong class must trail the true class by 1.',
    note: 'Per element: the true-class score against one other class.',
  },
  {
    id: 'smoothHinge', name: 'Smooth hinge', expression: 'y * p >= 1 ? 0 : (y * p <= 0 ? 0.5 - y * p : 0.5 * (1 - y * p)^2)', prediction: 'p', parameters: {},
    activations: ['linear'], predictionKind: 'score', targetKind: 'sign',
    purpose: 'Hinge with a quadratic piece near the margin, so the gradient is continuous.',
  },
  {
    id: 'logcosh', name: 'Log-cosh', expression: 'log(cosh(p - y))', prediction: 'p', parameters: {},
    activations: ['linear'], predictionKind: 'real', targetKind: 'real', tfjsName: 'logcosh',
    purpose: 'Regression that is quadratic near 0 and linear far away, smooth everywhere.',
    note: 'TF.js computes it stably as x + softplus(-2x) - log 2.',
  },
  {
    id: 'huber', name: 'Huber', expression: 'abs(p - y) <= delta ? 0.5 * (p - y)^2 : delta * (abs(p - y) - 0.5 * delta)', prediction: 'p',
    parameters: { delta: 1 }, activations: ['linear'], predictionKind: 'real', targetKind: 'real', tfjsCore: 'huberLoss',
    purpose: 'Regression robust to outliers: quadratic within δ of the target, linear beyond; C¹ at |p − y| = δ.',
    note: "Not a model.compile() name in TF.js ('huberLoss' throws); use tf.losses.huberLoss in a custom loss.",
  },
  {
    id: 'pseudoHuber', name: 'Pseudo-Huber', expression: 'delta^2 * (sqrt(1 + ((p - y) / delta)^2) - 1)', prediction: 'p',
    parameters: { delta: 1 }, activations: ['linear'], predictionKind: 'real', targetKind: 'real',
    purpose: 'A smooth approximation of Huber, differentiable to every order.',
  },
  {
    id: 'quantile', name: 'Quantile (pinball)', expression: 'max(tau * (y - p), (tau - 1) * (y - p))', prediction: 'p',
    parameters: { tau: 0.5 }, activations: ['linear'], predictionKind: 'real', targetKind: 'real',
    purpose: 'Quantile regression: the minimiser is the τ-quantile of the target; kink at p = y.',
  },
  {
    id: 'epsilonInsensitive', name: 'ε-insensitive', expression: 'max(0, abs(p - y) - epsilon)', prediction: 'p',
    parameters: { epsilon: 0.1 }, activations: ['linear'], predictionKind: 'real', targetKind: 'real',
    purpose: 'Support-vector regression: errors within ε cost nothing.',
  },
  {
    id: 'binaryCrossentropy', name: 'Binary cross-entropy', expression: '-(y * log(p) + (1 - y) * log(1 - p))', prediction: 'p',
    parameters: {}, activations: ['sigmoid'], predictionKind: 'probability', targetKind: 'binary', tfjsName: 'binaryCrossentropy',
    clipsPrediction: true,
    purpose: 'Binary and multi-label classification on sigmoid probabilities.',
    note: 'TF.js clips p to [1e-7, 1 − 1e-7] first.',
  },
  {
    id: 'logLoss', name: 'Log loss (ε inside the log)', expression: '-(y * log(p + eps) + (1 - y) * log(1 - p + eps))', prediction: 'p',
    parameters: { eps: 1e-7 }, activations: ['sigmoid'], predictionKind: 'probability', targetKind: 'binary', tfjsCore: 'logLoss',
    purpose: 'Binary cross-entropy with ε added inside each log, as tf.losses.logLoss computes it.',
  },
  {
    id: 'sigmoidCrossEntropy', name: 'Sigmoid cross-entropy on logits', expression: 'max(z, 0) - z * y + log(1 + exp(-abs(z)))', prediction: 'z',
    parameters: {}, activations: ['linear'], predictionKind: 'logits', targetKind: 'binary', tfjsCore: 'sigmoidCrossEntropy',
    purpose: 'Binary cross-entropy computed from logits in the stable form: no log(0), no overflow.',
  },
  {
    id: 'focal', name: 'Focal (binary)', expression: '-alpha * y * (1 - p)^gamma * log(p) - (1 - alpha) * (1 - y) * p^gamma * log(1 - p)', prediction: 'p',
    parameters: { alpha: 0.25, gamma: 2 }, activations: ['sigmoid'], predictionKind: 'probability', targetKind: 'binary',
    purpose: 'Detection with extreme class imbalance: down-weights easy examples by (1 − p_t)^γ.',
  },
  {
    id: 'categoricalCrossentropy', name: 'Categorical cross-entropy', expression: '-y * log(p)', prediction: 'p', parameters: {},
    activations: ['softmax'], predictionKind: 'probability', targetKind: 'one-hot', tfjsName: 'categoricalCrossentropy', clipsPrediction: true,
    purpose: 'Single-label multi-class classification on softmax probabilities with one-hot targets.',
    note: 'Summed over classes; TF.js normalises p and clips it to [1e-7, 1 − 1e-7].',
  },
  {
    id: 'sparseCategoricalCrossentropy', name: 'Sparse categorical cross-entropy', expression: '-log(p)', prediction: 'p', parameters: {},
    activations: ['softmax'], predictionKind: 'probability', targetKind: 'class-index', tfjsName: 'sparseCategoricalCrossentropy', clipsPrediction: true,
    purpose: 'Categorical cross-entropy with integer class labels; p is the probability of the true class.',
  },
  {
    id: 'softmaxCrossEntropy', name: 'Softmax cross-entropy on logits', expression: 'y * softplus(c - z)', prediction: 'z', parameters: { c: 0 },
    activations: ['linear'], predictionKind: 'logits', targetKind: 'one-hot', tfjsCore: 'softmaxCrossEntropy',
    purpose: 'Categorical cross-entropy from logits: −y·log softmax(z), computed stably.',
    note: 'Per element, c stands for the log-sum-exp of the other logits.',
  },
  {
    id: 'kullbackLeiblerDivergence', name: 'Kullback–Leibler divergence', expression: 'y * log(y / p)', prediction: 'p', parameters: {},
    activations: ['softmax', 'sigmoid'], predictionKind: 'probability', targetKind: 'one-hot', tfjsName: 'kullbackLeiblerDivergence', clipsPrediction: true,
    purpose: 'Distance from the target distribution to the predicted one.',
    note: 'TF.js clips both y and p to [ε, 1].',
  },
  {
    id: 'poisson', name: 'Poisson', expression: 'p - y * log(p + eps)', prediction: 'p', parameters: { eps: 1e-7 },
    activations: ['softplus', 'relu', 'linear'], predictionKind: 'nonnegative', targetKind: 'nonnegative', tfjsName: 'poisson',
    purpose: 'Count regression: the negative log-likelihood of a Poisson rate p.',
  },
  {
    id: 'cosineProximity', name: 'Cosine proximity', expression: '-y * p', prediction: 'p', parameters: {},
    activations: ['linear'], predictionKind: 'real', targetKind: 'real', tfjsName: 'cosineProximity', tfjsCore: 'cosineDistance',
    purpose: 'Direction matching: −cos(ŷ, y); both vectors are L2-normalised first.',
    note: 'Per element after L2 normalisation of y and p.',
  },
];

/** Names model.compile({loss}) accepts, exactly (tfjs-layers lossesMap). */
export const TFJS_LOSS_NAMES: readonly string[] = CATALOG.filter((l) => l.tfjsName).map((l) => l.tfjsName as string);

export function catalogLoss(id: string): CatalogLoss | undefined {
  return CATALOG.find((l) => l.id === id || l.tfjsName === id || l.tfjsCore === id);
}
