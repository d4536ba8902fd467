// What Loss Lens must report on each file of examples/ (the table in examples/README.md), shared by the
// extension-host suite (test/vscode/suite) and the UI journey (test/e2e/journey.test.mjs).
// Paths are relative to the examples folder. Codes are compared as sets: a file may report a code more than
// once (bce-on-sigmoid-unclipped.ts has two log(0)s), and that count is the lint's business (unit tests).
'use strict';

/** faulty/*: the codes of the problems it must show (severity error or warning, so they are in Problems). */
const FAULTY = {
  'faulty/annotated-log-ratio.ts': ['division-by-zero', 'log-of-zero'],
  'faulty/annotation-typos.ts': ['invalid-annotation', 'log-of-zero'],
  'faulty/bce-on-sigmoid-unclipped.ts': ['log-of-zero'],
  'faulty/huber-where-no-gradient.ts': ['no-gradient'],
  'faulty/mse-on-sigmoid-classifier.ts': ['activation-mismatch'],
  'faulty/poisson-exp-overflow.ts': ['exp-overflow'],
  'faulty/rmse-sqrt-at-zero.ts': ['sqrt-at-zero'],
  'faulty/softmax-then-logits-loss.ts': ['activation-mismatch'],
  'faulty/unknown-loss-mse.ts': ['unknown-loss'],
  'faulty/double-softmax.py': ['activation-mismatch'],
};

/** correct/*: no problems. */
const CORRECT = [
  'correct/clipped-bce.ts',
  'correct/huber-regression.ts',
  'correct/quantile-annotated.ts',
  'correct/softmax-categorical.ts',
  'correct/stable-logits-loss.ts',
  'correct/numpy-bce-clip.py',
];

/**
 * Hints a correct file may carry: the pinball loss's intended kink. examples/.vscode/settings.json turns
 * `non-differentiable` into a hint (a dotted underline; hints are not listed in Problems).
 */
const CORRECT_HINTS = {
  'correct/quantile-annotated.ts': ['non-differentiable'],
};

/** The preferred quick fix of each faulty file's first problem (by position): its title starts with this. */
const PREFERRED_FIX = {
  'faulty/annotated-log-ratio.ts': 'Clamp the argument of log',
  'faulty/annotation-typos.ts': 'Clip the prediction',
  'faulty/bce-on-sigmoid-unclipped.ts': 'Clip the prediction',
  'faulty/huber-where-no-gradient.ts': 'Write the test with tf.greaterEqual',
  'faulty/mse-on-sigmoid-classifier.ts': "Use the loss 'binaryCrossentropy'",
  'faulty/poisson-exp-overflow.ts': 'Cap the exponent',
  'faulty/rmse-sqrt-at-zero.ts': 'Add 1e-7 under the root',
  'faulty/softmax-then-logits-loss.ts': "Set the output layer's activation to 'linear'",
  'faulty/unknown-loss-mse.ts': "Use 'meanSquaredError'",
  'faulty/double-softmax.py': 'Remove the final softmax',
};

/** The loss each file's first "Preview loss" CodeLens names (shown once the file is analysed). */
const FIRST_SITE = {
  'faulty/annotated-log-ratio.ts': 'logRatioLoss',
  'faulty/annotation-typos.ts': 'tableNll',
  'faulty/bce-on-sigmoid-unclipped.ts': 'binaryCrossEntropy',
  'faulty/huber-where-no-gradient.ts': 'huberLoss',
  'faulty/mse-on-sigmoid-classifier.ts': 'meanSquaredError in model.compile',
  'faulty/poisson-exp-overflow.ts': 'poissonLogRateLoss',
  'faulty/rmse-sqrt-at-zero.ts': 'rootMeanSquaredError',
  'faulty/softmax-then-logits-loss.ts': 'digitLoss',
  'faulty/unknown-loss-mse.ts': 'mse in model.compile',
  'correct/clipped-bce.ts': 'clippedBinaryCrossEntropy',
  'correct/huber-regression.ts': 'huberLoss',
  'correct/quantile-annotated.ts': 'pinballLoss',
  'correct/softmax-categorical.ts': 'categoricalCrossentropy in model.compile',
  'correct/stable-logits-loss.ts': 'fraudLoss',
  'faulty/double-softmax.py': 'nn.CrossEntropyLoss',
  'correct/numpy-bce-clip.py': 'binary_cross_entropy',
};

/**
 * Notebooks (opened as notebooks, their code cells linted after the cells above them): per code cell (0-based
 * among code cells), the codes it must show, the preferred fix's title start, and the first CodeLens.
 */
const NOTEBOOKS = {
  'faulty/keras-mistakes.ipynb': {
    cells: { 2: ['activation-mismatch'], 3: ['log-of-zero'] },
    fix: { 2: "Use the loss 'binary_crossentropy'", 3: 'Clip the prediction' },
    firstSite: { 2: "'mse' in model.compile", 3: 'bce' },
  },
};

module.exports = { FAULTY, CORRECT, CORRECT_HINTS, PREFERRED_FIX, FIRST_SITE, NOTEBOOKS, EXTENSION_ID: 'loss-lens.loss-lens', SOURCE: 'loss-lens' };
