/**
 * Which output activations suit which losses, as a table of rules. Each rule says what goes wrong, and what
 * to change: the activation of the output layer, the loss name, or a switch to the stable logits loss.
 * The first rule that applies wins; pairs no rule covers (sigmoid + binaryCrossentropy, softmax +
 * categoricalCrossentropy, a linear layer before a softmax layer, logits losses on linear outputs) pass.
 */
import type { Activation } from '../../core';
import type { FixPlan, Framework, FrameworkLoss, LossFamily, TargetEvidence } from '../engine/frontEnd';

const FAMILIES: Record<string, LossFamily> = {
  binaryCrossentropy: 'binary-ce', logLoss: 'binary-ce', focal: 'binary-ce',
  categoricalCrossentropy: 'categorical-ce', sparseCategoricalCrossentropy: 'sparse-ce', kullbackLeiblerDivergence: 'kl',
  sigmoidCrossEntropy: 'logits-binary', softmaxCrossEntropy: 'logits-softmax',
  meanSquaredError: 'regression', meanAbsoluteError: 'regression', huber: 'regression', pseudoHuber: 'regression', logcosh: 'regression',
  meanSquaredLogarithmicError: 'regression', meanAbsolutePercentageError: 'regression',
  // TF.js's cosine distance is 1 − Σ y·p, unnormalised: on one-hot rows 1 − p_true, a regression of the true class's probability.
  cosineProximity: 'regression',
  hinge: 'hinge', squaredHinge: 'hinge', hingeLoss: 'hinge', smoothHinge: 'hinge',
};

export function lossFamily(catalogId: string | undefined): LossFamily {
  return (catalogId !== undefined && Object.hasOwn(FAMILIES, catalogId) ? FAMILIES[catalogId] : undefined) ?? 'other';
}

/** The family of a loss given to the framework by name or object, when the framework knows it and it is catalogued. */
export function frameworkLossFamily(fl: FrameworkLoss): LossFamily | undefined {
  return fl.known && (fl.family || fl.catalogId) ? (fl.family ?? lossFamily(fl.catalogId)) : undefined;
}

export interface RuleInput {
  family: LossFamily;
  /** How the loss is written, for messages: `'binaryCrossentropy'`, `the custom loss bce (binary cross-entropy)`. */
  loss: string;
  /** The loss's name as the code writes it, short, for the one-line summary: `meanSquaredError`, `bce`. */
  shortLoss: string;
  activation: Activation;
  /** TF.js's name of the activation (`hardSigmoid` …). */
  activationName: string;
  units: number | null;
  /** What the code says about the targets (0/1 labels, an accuracy metric, fractions …). */
  targets?: TargetEvidence;
  /** The loss clips its input (the TF.js built-ins) rather than taking the log of whatever comes. */
  clips: boolean;
  /** What the framework does with an input outside [0, 1] instead (PyTorch's BCELoss raises). */
  outOfRange?: string;
}

export interface ActivationRule {
  id: string;
  /** The frameworks whose losses can meet the rule (NLLLoss exists only in PyTorch); all when absent. */
  frameworks?: readonly Framework[];
  applies(i: RuleInput): boolean;
  /** One sentence of at most about 100 characters: what is wrong and what it does to training. */
  summary(i: RuleInput): string;
  /** The whole explanation, for the hover, the preview and the related information. */
  message(i: RuleInput): string;
  /** Preferred first. */
  fixes(i: RuleInput): FixPlan[];
}

const PROBABILITY: readonly LossFamily[] = ['binary-ce', 'categorical-ce', 'sparse-ce', 'kl'];
const UNBOUNDED: readonly Activation[] = ['linear', 'relu', 'tanh', 'softplus', 'elu'];
const CATEGORICAL: readonly LossFamily[] = ['categorical-ce', 'sparse-ce', 'kl', 'logits-softmax'];

export const ACTIVATION_RULES: readonly ActivationRule[] = [
  {
    id: 'logits-loss-on-probabilities',
    applies: (i) => (i.family === 'logits-binary' || i.family === 'logits-softmax') && (i.activation === 'sigmoid' || i.activation === 'softmax'),
    summary: (i) => `${i.shortLoss} expects logits, but the output already applies ${i.activationName}: it is applied twice.`,
    message: (i) =>
      `${i.loss} expects logits, but the output layer already applies ${i.activationName}: the activation is applied twice, so the loss only ever sees values in [0, 1], cannot reach confident predictions, and its gradient is squashed.`,
    fixes: (i) => [
      { kind: 'set-activation', activation: 'linear' },
      { kind: 'rename-loss', loss: i.family === 'logits-binary' ? 'binaryCrossentropy' : 'categoricalCrossentropy' },
    ],
  },
  {
    id: 'softmax-single-unit',
    applies: (i) => i.activation === 'softmax' && i.units === 1,
    summary: (i) => `softmax over 1 unit always outputs 1: ${i.shortLoss} is constant, nothing is learned.`,
    message: (i) =>
      `softmax over a single output unit always returns exactly 1, so ${i.loss} is constant and the model learns nothing. For two classes use one sigmoid unit with binaryCrossentropy.`,
    fixes: (i) => [{ kind: 'set-activation', activation: 'sigmoid', alsoLoss: i.family === 'binary-ce' ? undefined : 'binaryCrossentropy' }],
  },
  {
    id: 'softmax-logits-single-unit',
    applies: (i) => i.family === 'logits-softmax' && i.units === 1,
    summary: (i) => `${i.shortLoss} over 1 logit is always 0: a softmax of one value is 1, nothing is learned.`,
    message: (i) =>
      `${i.loss} applies a softmax across the output units, and a softmax over a single unit is exactly 1 whatever the logit: the loss is 0 for every example and its gradient is 0, so the model learns nothing. For two classes with one output unit use sigmoidCrossEntropy (or a sigmoid output with binaryCrossentropy).`,
    fixes: () => [{ kind: 'logits-loss', fn: 'sigmoidCrossEntropy', alsoActivation: 'linear' }],
  },
  {
    id: 'categorical-single-unit',
    applies: (i) => i.family === 'categorical-ce' && i.units === 1,
    summary: (i) => `${i.shortLoss} on 1 output unit ignores the 0 targets: the model learns to output 1.`,
    message: (i) =>
      `${i.loss} on a single output unit is -y·log(p): targets of 0 cost nothing, so the model learns to output 1 for everything. For two classes use binaryCrossentropy.`,
    fixes: (i) => [{ kind: 'rename-loss', loss: 'binaryCrossentropy', alsoActivation: i.activation === 'sigmoid' ? undefined : 'sigmoid' }],
  },
  {
    // Measured with TF.js 4.22: three sigmoid outputs at logits of 8 give the loss log(3) and a gradient of 2e-4,
    // where a softmax's stays at -0.67.
    id: 'categorical-on-sigmoid',
    applies: (i) => (i.family === 'categorical-ce' || i.family === 'sparse-ce') && i.activation === 'sigmoid' && i.units !== 1,
    summary: (i) => `${i.shortLoss} on independent sigmoids: the loss stalls at log(k) once they all saturate.`,
    message: (i) =>
      `${i.loss} expects a distribution over the classes, but sigmoid outputs are independent: the loss divides them by their sum, so when they all saturate near 1 it stays at log(k) while its gradient vanishes, and the probabilities the model predicts do not sum to 1. For one class per example use softmax; for several labels per example, binaryCrossentropy.`,
    fixes: () => [
      { kind: 'set-activation', activation: 'softmax' },
      { kind: 'rename-loss', loss: 'binaryCrossentropy' },
    ],
  },
  {
    id: 'softmax-binary-crossentropy',
    // Over two units, each unit's binary cross-entropy on a one-hot row is the categorical cross-entropy, and so are
    // the gradients (measured with TF.js 4.22: 2.828811 against 2.828804), and per-unit accuracy is categorical
    // accuracy: softmax(2) + binaryCrossentropy is the codelab's two-class head, not a mistake.
    applies: (i) => i.activation === 'softmax' && i.family === 'binary-ce' && i.units !== 2,
    summary: (i) => `softmax with ${i.shortLoss}: single-label classes want categorical cross-entropy.`,
    message: (i) =>
      `softmax makes the classes compete (one label per example), but ${i.loss} scores every unit as an independent yes/no: the loss and the accuracy it reports are not those of single-label classification.`,
    fixes: () => [
      { kind: 'rename-loss', loss: 'categoricalCrossentropy' },
      { kind: 'set-activation', activation: 'sigmoid' },
    ],
  },
  {
    id: 'nll-on-probabilities',
    frameworks: ['pytorch'],
    applies: (i) => i.family === 'nll' && (i.activation === 'softmax' || i.activation === 'sigmoid'),
    summary: (i) => `${i.shortLoss} wants log-probabilities but gets ${i.activationName} outputs: errors barely cost.`,
    message: (i) =>
      `${i.loss} expects log-probabilities (log_softmax), but the output layer applies ${i.activationName}: the loss becomes -p instead of -log(p), bounded in [-1, 0], so wrong answers are barely penalised and training stalls.`,
    fixes: () => [{ kind: 'use-log-probabilities' }, { kind: 'logits-loss', fn: 'softmaxCrossEntropy', alsoActivation: 'linear' }],
  },
  {
    id: 'nll-on-logits',
    frameworks: ['pytorch'],
    applies: (i) => i.family === 'nll' && UNBOUNDED.includes(i.activation) && !/^log_?(softmax|sigmoid)$/.test(i.activationName),
    summary: (i) => `${i.shortLoss} wants log-probabilities but gets raw scores: the loss is unbounded below.`,
    message: (i) =>
      `${i.loss} expects log-probabilities (log_softmax), but the output layer's ${i.activationName} output is raw scores: the loss is just -z[target], unbounded below, so the model can lower it forever by inflating one score.`,
    fixes: () => [{ kind: 'logits-loss', fn: 'softmaxCrossEntropy', alsoActivation: 'linear' }, { kind: 'use-log-probabilities' }],
  },
  {
    id: 'probability-loss-on-unbounded-output',
    applies: (i) => PROBABILITY.includes(i.family) && UNBOUNDED.includes(i.activation) && !/^log_?(softmax|sigmoid)$/.test(i.activationName),
    summary: (i) => `${i.shortLoss} wants probabilities, but the ${i.activationName} output is ${i.activation === 'tanh' ? 'in [-1, 1]' : 'unbounded'}.`,
    message: (i) => {
      const range = i.activation === 'tanh' ? 'in [-1, 1]' : i.activation === 'linear' ? 'unbounded' : 'unbounded above';
      const effect = i.outOfRange
        ? i.outOfRange
        : i.clips
          ? 'TF.js clips it to [1e-7, 1 - 1e-7], so every output outside that range gets zero gradient and training stalls'
          : 'the log of a negative output is NaN and of 0 is -Infinity';
      return `${i.loss} expects probabilities in [0, 1], but the output layer's ${i.activationName} activation is ${range}: ${effect}.`;
    },
    fixes: (i) => {
      const categorical = CATEGORICAL.includes(i.family);
      const plans: FixPlan[] = [{ kind: 'set-activation', activation: categorical ? 'softmax' : 'sigmoid' }];
      if (i.family === 'binary-ce') plans.push({ kind: 'logits-loss', fn: 'sigmoidCrossEntropy', alsoActivation: 'linear' });
      if (i.family === 'categorical-ce') plans.push({ kind: 'logits-loss', fn: 'softmaxCrossEntropy', alsoActivation: 'linear' });
      return plans;
    },
  },
  {
    id: 'regression-loss-on-classes',
    applies: (i) => (i.activation === 'sigmoid' || i.activation === 'softmax') && i.family === 'regression' && i.targets?.kind === 'classes',
    summary: (i) => `${i.shortLoss} on a ${i.activation} output with class targets: its gradient vanishes when saturated.`,
    message: (i) =>
      i.activation === 'sigmoid'
        ? `a sigmoid output trained with ${i.loss} on 0/1 classes: ${i.targets?.because}. The gradient carries the factor σ'(z), which vanishes when the sigmoid saturates, so confidently wrong predictions barely learn. binaryCrossentropy's gradient does not vanish there.`
        : `a softmax output trained with ${i.loss} on one-hot classes: ${i.targets?.because}. The gradient passes through the softmax's Jacobian, which vanishes when it saturates, so confidently wrong predictions barely learn. categoricalCrossentropy's gradient does not vanish there.`,
    fixes: (i) => [{ kind: 'rename-loss', loss: i.activation === 'sigmoid' ? 'binaryCrossentropy' : 'categoricalCrossentropy' }],
  },
  {
    id: 'regression-loss-on-softmax',
    applies: (i) => i.activation === 'softmax' && i.family === 'regression' && i.units !== 1 && i.targets?.kind !== 'continuous',
    summary: (i) => `${i.shortLoss} on a softmax output: its gradient vanishes as the softmax saturates.`,
    message: (i) =>
      `a softmax output is a distribution over classes, but ${i.loss} scores it as a regression: its gradient carries the softmax's Jacobian, which vanishes as the softmax saturates, so confidently wrong predictions barely learn. Cross-entropy's gradient (p - y) does not vanish there.`,
    fixes: () => [
      { kind: 'rename-loss', loss: 'categoricalCrossentropy' },
      { kind: 'logits-loss', fn: 'softmaxCrossEntropy', alsoActivation: 'linear' },
    ],
  },
  {
    id: 'hinge-on-sigmoid',
    applies: (i) => i.family === 'hinge' && i.activation === 'sigmoid',
    summary: (i) => `${i.shortLoss} on a sigmoid output never meets its margin: every example keeps pushing.`,
    message: (i) =>
      `${i.loss} expects raw scores and labels of -1/+1, but a sigmoid output stays in [0, 1]: the margin y·p ≥ 1 is never met, so every example keeps pushing.`,
    fixes: () => [
      { kind: 'set-activation', activation: 'linear' },
      { kind: 'rename-loss', loss: 'binaryCrossentropy' },
    ],
  },
];

/** The first rule that applies to the pair, among those meant for the site's framework. */
export function matchRule(input: RuleInput, framework?: Framework): ActivationRule | undefined {
  return ACTIVATION_RULES.find((r) => (!r.frameworks || !framework || r.frameworks.includes(framework)) && r.applies(input));
}
