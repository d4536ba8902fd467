// Losses written in plain JavaScript over arrays (Math.log, Math.max, loops): read with JavaScript's own numbers
// (float64), and with the conventions such code follows (information theory's (p, q)).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const found = (text, file = 'losses.js') => lint.lintText(text, file).diagnostics.map((d) => `${d.line} ${d.code}`).sort();

test('a divergence written as information theory writes it, KLD(p, q), is a loss: p the true distribution, q the model\'s', () => {
  const text = `function KLD(p, q) {
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += p[i] * Math.log(p[i] / q[i]);
  return sum;
}
const klDivergence = (p, q) => p.reduce((s, v, i) => s + v * Math.log(v / q[i]), 0);
function distance(p, q) {
  return Math.sqrt((p.x - q.x) ** 2 + (p.y - q.y) ** 2);
}
module.exports = { KLD, klDivergence, distance };
`;
  const r = lint.lintText(text, 'experimental.js');
  assert.deepEqual(r.sites.filter((s) => s.kind === 'custom-function').map((s) => s.name).sort(), ['KLD', 'klDivergence']);
  const kld = r.sites.find((s) => s.name === 'KLD');
  assert.equal(kld.wrt, 'yPred', 'q is the prediction');
  assert.ok(found(text, 'experimental.js').includes('3 log-of-zero'));
  assert.ok(found(text, 'experimental.js').includes('6 log-of-zero'));
  // Two points (p, q) in a function not named as a loss are not a loss.
  assert.ok(!r.sites.some((s) => s.name === 'distance'));
  assert.equal(lint.looksLikeMlSource('function distance(p, q) { return Math.hypot(p.x - q.x, p.y - q.y); }', 'geometry.js'), false);
});

test('plain JavaScript computes in float64: a clip to 1 - 1e-15 keeps its log finite, the same clip of a float32 tensor does not', () => {
  const plain = `export function binaryCrossentropy(yTrue, yPred) {
  const eps = 1e-15;
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const p = Math.min(Math.max(yPred[i], eps), 1 - eps);
    sum += yTrue[i] * Math.log(p) + (1 - yTrue[i]) * Math.log(1 - p);
  }
  return -sum / yTrue.length;
}
`;
  assert.deepEqual(found(plain).filter((d) => d.endsWith('log-of-zero')), []);
  const tensors = `import * as tf from '@tensorflow/tfjs';
export function binaryCrossentropy(yTrue, yPred) {
  const p = tf.clipByValue(yPred, 1e-15, 1 - 1e-15);
  return tf.neg(tf.mean(tf.add(tf.mul(yTrue, tf.log(p)), tf.mul(tf.sub(1, yTrue), tf.log(tf.sub(1, p))))));
}
`;
  // 1 - 1e-15 is 1 in float32: log(1 - p) is log(0) once the sigmoid saturates.
  assert.deepEqual(found(tensors, 'losses.ts').filter((d) => d.endsWith('log-of-zero')), ['4 log-of-zero']);
});

test('plain JavaScript still saturates where float64 does: 1 - sigmoid(z) is 0 past z ≈ 37', () => {
  const text = `const sigmoid = (z) => 1 / (1 + Math.exp(-z));
export function crossEntropy(yTrue, logit) {
  const yHat = sigmoid(logit);
  return -(yTrue * Math.log(yHat) + (1 - yTrue) * Math.log(1 - yHat));
}
`;
  assert.ok(found(text).includes('4 log-of-zero'));
});

test('a loss that writes the sigmoid out, 1 / (1 + exp(-z)), takes logits like one that calls tf.sigmoid', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
export function crossEntropy(yTrue: tf.Tensor, yPred: tf.Tensor) {
  const p = tf.div(1, tf.add(1, tf.exp(tf.neg(yPred))));
  return tf.neg(tf.mean(tf.add(tf.mul(yTrue, tf.log(p)), tf.mul(tf.sub(1, yTrue), tf.log(tf.sub(1, p))))));
}
`;
  const r = lint.lintText(text, 'losses.ts');
  assert.deepEqual(r.diagnostics.filter((d) => d.code === 'log-of-zero').map((d) => d.line), [4, 4]);
  assert.equal(r.sites.find((s) => s.kind === 'custom-function').assumedActivation, 'linear');
});

test('a probability kept off 0 and capped at 1, min(max(p, ε), 1), has no kink where the probabilities end', () => {
  const text = `export function klDivergence(yTrue, yPred) {
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const t = Math.min(Math.max(yTrue[i], 1e-15), 1);
    const p = Math.min(Math.max(yPred[i], 1e-15), 1);
    sum += t * Math.log(t / p);
  }
  return sum;
}
`;
  assert.deepEqual(found(text).filter((d) => d.endsWith('non-differentiable')), []);
  // Capped below the end instead (0.5): a kink inside the domain.
  assert.ok(found(text.replace('Math.max(yPred[i], 1e-15), 1)', 'Math.max(yPred[i], 1e-15), 0.5)')).includes('5 non-differentiable'));
});

test('a cosine written out, -dot / (|y| |p|), is smooth: no jump reported where the prediction is 0', () => {
  const text = `export function cosineProximity(yTrue, yPred) {
  const dot = yTrue.reduce((sum, t, i) => sum + t * yPred[i], 0);
  const normTrue = Math.sqrt(yTrue.reduce((sum, t) => sum + t * t, 0));
  const normPred = Math.sqrt(yPred.reduce((sum, p) => sum + p * p, 0));
  return -dot / (normTrue * normPred);
}
`;
  assert.deepEqual(found(text).filter((d) => d.endsWith('non-differentiable')), []);
  // The zero vector is still said, as what it is: a division by zero.
  assert.ok(found(text).some((d) => d.endsWith('division-by-zero')));
});

test('(p, q) is the true and the model distribution only in a divergence; calls that pass the model output say first', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
// p = the model's probabilities, q = the smoothed labels
function smoothedLoss(p, q) {
  return tf.neg(tf.mean(tf.sum(tf.mul(q, tf.log(tf.clipByValue(p, 1e-7, 1))), -1)));
}
export function train(model, optimizer, xs, ys) {
  optimizer.minimize(() => smoothedLoss(model.predict(xs), ys));
}
`;
  const site = lint.lintText(text, 'smooth.js').sites.find((s) => s.kind === 'custom-function');
  assert.equal(site.wrt, 'p');
  // A cross-entropy named so, with the model's output passed second: the calls still say which is the prediction.
  const called = text.replaceAll('smoothedLoss', 'crossEntropy').replace('crossEntropy(model.predict(xs), ys)', 'crossEntropy(ys, model.predict(xs))').replace('tf.mul(q, tf.log(tf.clipByValue(p', 'tf.mul(p, tf.log(tf.clipByValue(q');
  assert.equal(lint.lintText(called, 'smooth.js').sites.find((s) => s.kind === 'custom-function').wrt, 'yPred');
});

test("a tensor library's own loss classes, PyTorch's way (class BCELoss { forward(input, target) }), are read", () => {
  const text = `import { Tensor } from '../tensor';
function applyReduction(loss: Tensor, reduction: string): Tensor {
  if (reduction === 'mean') return loss.mean();
  return loss.sum();
}
export class L1Loss {
  constructor(private reduction = 'mean') {}
  forward(input: Tensor, target: Tensor) {
    const unreduced = input.sub(target).abs();
    return applyReduction(unreduced, this.reduction);
  }
}
export class BCELoss {
  forward(input: Tensor, target: Tensor) {
    const left = target.mul(input.log());
    const right = target.neg().add(1).mul(input.neg().add(1).log());
    return applyReduction(left.add(right).neg(), 'mean');
  }
}
`;
  const r = lint.lintText(text, '/lib/nn/loss.ts');
  assert.equal(r.internalError, undefined);
  assert.deepEqual(r.diagnostics.map((d) => [d.line, d.code]), [[9, 'non-differentiable'], [15, 'log-of-zero'], [16, 'log-of-zero']]);
  // A class whose name says nothing of a loss is not read as one.
  assert.deepEqual(lint.lintText(text.replaceAll('Loss {', 'Layer {'), '/lib/nn/layers.ts').diagnostics, []);
});

test("a from-scratch network's hand-written derivative (hinge_prime, maePrime) is the gradient, not a loss: its jump is not a kink", () => {
  const text = `export function hinge(yHat, y) {
  // One sample: the margin's hinge.
  const margin = 1 - y * yHat;
  return Math.max(0, margin);
}
export function hinge_prime(yHat, y) {
  return y * yHat < 1 ? -y : 0;
}
export function maePrime(yHat, y) {
  return yHat > y ? 1 : -1;
}
export const sigmoidPrimer = (yHat, y) => Math.abs(yHat - y);
`;
  // The loss itself keeps its kinks; the derivatives are not read; a name merely starting with "Prime…" is.
  const lines = found(text).map((l) => Number(l.split(' ')[0]));
  assert.ok(lines.every((l) => l < 6 || l > 11), found(text).join());
  assert.ok(lines.some((l) => l < 6));
});

test('a derivative named as Leibniz writes it (dLoss_dOutput, dL_dy) is the gradient even when it names the loss', () => {
  const text = `class Net {
  lossFunction(output, target) {
    return output.reduce((sum, o, i) => sum + Math.abs(target[i] - o), 0) / output.length;
  }
  dLoss_dOutput(output, target) {
    return output.map((o, i) => (o > target[i] ? 1 : o < target[i] ? -1 : 0) / output.length);
  }
  dL_dy(output, target) {
    return output.map((o, i) => (target[i] * o < 1 ? -target[i] : 0));
  }
}
module.exports = { Net };
`;
  // The loss keeps its kink (line 3); the derivatives' jumps are not kinks of a loss.
  assert.deepEqual(found(text), ['3 non-differentiable']);
});

test('a cost computed inline in a plain-JavaScript training loop is read: log(1 - p) of a sigmoid written out reaches 0', () => {
  const fit = (cost) => `const sigmoid = (z) => 1 / (1 + Math.exp(-z));
export function fit(X, y, weights, iterations) {
  for (let it = 0; it < iterations; it++) {
    const predictions = X.map((x) => sigmoid(x.reduce((acc, v, j) => acc + v * weights[j], 0)));
    ${cost}
    console.log(cost);
  }
}
`;
  // No TF.js in the file: the loss-named value before Math.log makes it one to read. In float64 the sigmoid is exactly 1
  // from z = 36.7 but exactly 0 only past -709 (LOGIT_BOUND): log(1 - p) is said, log(p) is not.
  assert.deepEqual(found(fit('const cost = -y.reduce((s, yi, k) => s + yi * Math.log(predictions[k]) + (1 - yi) * Math.log(1 - predictions[k]), 0) / y.length;'), 'logreg.js'), ['5 log-of-zero']);
  // Guarded logs, and the same logs in a value not named for a loss, stay silent.
  assert.deepEqual(found(fit('const cost = -y.reduce((s, yi, k) => s + yi * Math.log(predictions[k] + 1e-12) + (1 - yi) * Math.log(Math.max(1 - predictions[k], 1e-12)), 0);'), 'logreg.js'), []);
  assert.deepEqual(found(fit('const score = y.reduce((s, yi, k) => s + Math.log(predictions[k]), 0); const cost = score;'), 'logreg.js'), []);
});

test('a function named for a cost accumulates logs in a loop: read with the predictions it computes', () => {
  const text = `const sigmoid = (z) => 1 / (1 + Math.exp(-z));
function computeCost(X, y, w) {
  let c = 0;
  for (let k = 0; k < y.length; k++) {
    const h = sigmoid(X[k][0] * w[0] + X[k][1] * w[1]);
    c += y[k] * Math.log(h) + (1 - y[k]) * Math.log(1 - h);
  }
  return -c / y.length;
}
function countsEntropy(counts, total) {
  let h = 0;
  for (const c of counts) h -= (c / total) * Math.log(c / total);
  return h;
}
`;
  assert.deepEqual(found(text, 'cost.js'), ['6 log-of-zero']);
});

test('a plain-JavaScript log judged by a name alone (actionProb, probs[target]) is left alone: nothing computed shows it reaches 0', () => {
  const text = `export class Agent {
  calcLoss(batch) {
    const logLoss = batch.reduce((acc, t) => acc + Math.log(t.actionProb), 0);
    return -logLoss / batch.length;
  }
}
export const crossEntropyCost = (probs, target) => -Math.log(probs[target]);
`;
  assert.deepEqual(found(text, 'agent.js'), []);
});

test('plain-JavaScript costs: a top-level training loop is read, guards are judged in float64, and fixes are Math code', () => {
  const script = (guard) => `const X = [[0.5, 1.2], [1.5, -0.3]];
const y = [0, 1];
let w = [0, 0];
const sigmoid = (z) => 1 / (1 + Math.exp(-z));
for (let epoch = 0; epoch < 100; epoch++) {
  let loss = 0;
  for (let i = 0; i < X.length; i++) {
    const p = ${guard};
    loss += -(y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p));
  }
}
`;
  const r = lint.lintText(script('sigmoid(X[i][0] * w[0] + X[i][1] * w[1])'), 'train.js');
  assert.deepEqual(r.diagnostics.map((d) => `${d.line} ${d.code}`), ['9 log-of-zero']);
  // The fix clamps with Math.max: there is no tf in the file (and Math.log of a tensor is NaN).
  assert.match(r.diagnostics[0].fixes[0].edits[0].text, /^Math\.max\(/);
  // 1 - 1e-15 < 1 in float64: the sklearn-style guard holds for JavaScript numbers.
  assert.deepEqual(found(script('Math.min(Math.max(sigmoid(X[i][0] * w[0] + X[i][1] * w[1]), 1e-15), 1 - 1e-15)'), 'train.js'), []);
});

test('weights a plain-JavaScript loop starts at 0 and trains are not the constant 0 (p = 0.5 would hide the log)', () => {
  const text = `const xs = [0.5, 1.5, 2.5, 3.5], ys = [0, 0, 1, 1];
let w = 0, b = 0;
for (let epoch = 0; epoch < 1000; epoch++) {
  let loss = 0;
  for (let i = 0; i < xs.length; i++) {
    const p = 1 / (1 + Math.exp(-(w * xs[i] + b)));
    loss -= ys[i] * Math.log(p) + (1 - ys[i]) * Math.log(1 - p);
    w -= 0.1 * (p - ys[i]) * xs[i];
    b -= 0.1 * (p - ys[i]);
  }
}
`;
  assert.deepEqual(found(text, 'fit.js'), ['7 log-of-zero']);
  // A constant the loop never changes stays one: log(1 / (1 + exp(-0))) is log(0.5).
  assert.deepEqual(found(text.replace(/    [wb] -= .*\n/g, ''), 'fit.js'), []);
});

test("a triplet loss over arrays of embeddings, (anchor, positive, negative), is a loss: its hinge is a kink", () => {
  const triplet = (name, params) => `export function ${name}(${params}, margin = 0.2) {
  const losses = anchor.map((a, i) => {
    const p = positive[i];
    const n = negative[i];
    const distAP = a.reduce((sum, val, j) => { const diff = val - p[j]; return sum + diff * diff; }, 0);
    const distAN = a.reduce((sum, val, j) => { const diff = val - n[j]; return sum + diff * diff; }, 0);
    return Math.max(0, distAP - distAN + margin);
  });
  return losses.reduce((sum, val) => sum + val, 0) / anchor.length;
}
`;
  assert.deepEqual(found(triplet('tripletLoss', 'anchor, positive, negative')), ['7 non-differentiable']);
  // Loss-named plain code whose parameters do not say what they are is no loss function of its own, but its hinge
  // (`Math.max(0, …)` of two distances, in a function named for a loss) is still read in place (hingeProbes.ts).
  const unnamed = lint.lintText(triplet('tripletLoss', 'anchor, positive, negative, extra').replace(/anchor, positive, negative, extra/, 'rows, others, rest, extra'), 'triplet.js');
  assert.deepEqual(unnamed.sites.map((s) => s.kind), ['operation']);
  assert.deepEqual(unnamed.diagnostics.map((d) => `${d.line} ${d.code}`), ['7 non-differentiable']);
});

test('a float64 ratio of two floored values, log(max(ε, p) / max(ε, q)), is finite: the prediction is a number, never Infinity', () => {
  const kl = `export function klDivergence(yTrue, yPred, epsilon = 1e-7) {
  return yTrue.reduce((sum, p, i) => {
    const q = Math.max(epsilon, yPred[i]);
    const pClipped = Math.max(epsilon, p);
    return sum + pClipped * Math.log(pClipped / q);
  }, 0);
}
`;
  assert.deepEqual(found(kl), []);
  // Unfloored, the ratio still reaches 0 where the target does.
  assert.deepEqual(found(kl.replace('const pClipped = Math.max(epsilon, p);', 'const pClipped = p;')), ['5 log-of-zero']);
});

test('a loss written as a function of the residual or the margin is read with that argument as the prediction', () => {
  const text = `export function regressionLoss(id, r, param = 1) {
  switch (id) {
    case 'mse': return r * r;
    case 'mae': return Math.abs(r);
    case 'huber': return Math.abs(r) <= param ? 0.5 * r * r : param * (Math.abs(r) - 0.5 * param);
  }
}
export function regressionLossGrad(id, r, param = 1) {
  switch (id) {
    case 'mse': return 2 * r;
    case 'mae': return Math.sign(r);
  }
}
export function marginLoss(id, m) {
  switch (id) {
    case 'hinge': return Math.max(0, 1 - m);
    case 'squared-hinge': return Math.max(0, 1 - m) ** 2;
  }
}
export function reportLoss(err) { console.log('loss failed', err); }
export function tripletLoss(anchor, positive, negative, margin) {
  return Math.max(0, (anchor - positive) ** 2 - (anchor - negative) ** 2 + margin);
}
`;
  // The MAE's kink at a perfect fit and the hinge's at margin 1; the Huber join is C¹; the derivative is no loss; a
  // function taking an error that is not a residual is not read; a triplet's margin is its setting, not the prediction.
  assert.deepEqual(found(text), ['16 non-differentiable', '22 non-differentiable', '4 non-differentiable']);
  const r = lint.lintText(text, 'losses.js');
  assert.ok(!r.sites.some((s) => s.name === 'reportLoss' || s.name === 'regressionLossGrad'));
  assert.match(r.sites.find((s) => s.name === 'tripletLoss').expression, /margin\)?$/);
});

// holdout214's LSTM forecaster module: `calculateMAE(actual, predicted)` with Math.abs, exported beside a model
// compiled with 'meanSquaredError'. TF.js cannot differentiate plain numbers: it evaluates predictions read back.
test('a plain-number error function beside a model TF.js compiles with a named loss is an evaluation, unless named a loss', () => {
  const helper = (name) => `const ${name} = (actual, predicted) => {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(actual[i] - predicted[i]);
  return sum / actual.length;
};
`;
  const compiled = `const tf = require('@tensorflow/tfjs-node');
function createModel() {
  const model = tf.sequential();
  model.add(tf.layers.lstm({ units: 16, inputShape: [10, 1] }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}
`;
  assert.deepEqual(lint.lintText(`${compiled}${helper('calculateMAE')}module.exports = { createModel, calculateMAE };\n`, '/p/lstmModel.js').diagnostics, []);
  // Named as a loss, or in a file that trains nothing with TF.js, it is read as a loss.
  assert.deepEqual(lint.lintText(`${compiled}${helper('maeLoss')}`, '/p/lstmModel.js').diagnostics.map((d) => d.code), ['non-differentiable']);
  assert.deepEqual(lint.lintText(`const tf = require('@tensorflow/tfjs');\n${helper('calculateMAE')}`, '/p/errors.js').diagnostics.map((d) => d.code), ['non-differentiable']);
});

test('a floor a log takes at once, log(max(p, 0) + 1) or log(max(p, 0) + 1e-8), guards the log: no kink reported; other floors keep theirs', () => {
  const text = (body) => `const lossFunctions = {
  msle: (pred, actual) => ${body},
};
`;
  assert.deepEqual(found(text('(Math.log(Math.max(actual, 0) + 1) - Math.log(Math.max(pred, 0) + 1)) ** 2')), []);
  assert.deepEqual(found(text('-actual * Math.log(Math.max(pred, 0) + 1e-8)')), []);
  assert.deepEqual(found(text('(Math.log1p(Math.max(pred, 0)) - Math.log1p(actual)) ** 2')), []);
  // A floor far above the log's pole is a hinge on the prediction; a floor that is not the log's argument keeps its kink.
  assert.deepEqual(found(text('Math.log(Math.max(pred, 2) + 1) - actual')), ['2 non-differentiable']);
  assert.deepEqual(found(text('Math.log(Math.max(pred, 0) * 2 + 1) - actual')), ['2 non-differentiable']);
  assert.deepEqual(found(text('(Math.max(pred, 0) - actual) ** 2')), ['2 non-differentiable']);
});

test('a plain log reached only where a test keeps its argument off 0 (if, ?:, &&, an early return or continue) is not log(0)', () => {
  const text = (body) => `export function pieceEntropy(ids, probs) {
  return ids.reduce((sum, id) => {
    const p = probs[id] || 0;
${body}
  }, 0);
}
`;
  const logs = (body) => found(text(body), 'entropy.js').filter((x) => x.endsWith('log-of-zero')).length;
  assert.equal(logs('    return sum - p * Math.log(p);'), 1);
  assert.equal(logs('    if (p <= 0) return sum;\n    return sum - p * Math.log(p);'), 0);
  assert.equal(logs('    if (!(p > 0)) { return sum; }\n    return sum - p * Math.log(p);'), 0);
  assert.equal(logs('    return p > 0 ? sum - p * Math.log(p) : sum;'), 0);
  assert.equal(logs('    if (p !== 0) return sum - p * Math.log(p);\n    return sum;'), 0);
  assert.equal(logs('    return sum - (p && p * Math.log(p));'), 0);
  // A test that lets 0 through, or tests something else, guards nothing.
  assert.equal(logs('    if (p >= 0) return sum - p * Math.log(p);\n    return sum;'), 1);
  assert.equal(logs('    if (p < 1) return sum - p * Math.log(p);\n    return sum;'), 1);
  assert.equal(logs('    if (sum > 0) return sum - p * Math.log(p);\n    return sum;'), 1);
});

test('a hazard at the end of a method chain written over several lines is reported at that call, not where the chain begins', () => {
  const text = `const tf = require('@tensorflow/tfjs');
class LogisticRegression {
  recordCost() {
    const guesses = this.features.matMul(this.weights).sigmoid();
    const termTwo = this.labels.mul(-1).add(1).transpose().matMul(
      guesses
        .mul(-1)
        .add(1)
        .log()
    );
    this.costHistory.unshift(termTwo.mul(-1).get(0, 0));
  }
}
`;
  const [d] = lint.lintText(text, 'logistic.js').diagnostics.filter((x) => x.code === 'log-of-zero');
  assert.deepEqual([d.line, d.column, d.endLine], [9, 9, 9]);
  // Its fix still rewrites the whole argument of the log.
  assert.match(d.fixes[0].edits[0].text, /^tf\.maximum\(guesses\n\s+\.mul\(-1\)\n\s+\.add\(1\), 1e-7\)$/);
  // On one line, the chain is shown whole.
  const [one] = lint.lintText(text.replace(/guesses\n\s+\.mul\(-1\)\n\s+\.add\(1\)\n\s+\.log\(\)/, 'guesses.mul(-1).add(1).log()'), 'logistic.js').diagnostics.filter((x) => x.code === 'log-of-zero');
  assert.deepEqual([one.line, one.column], [6, 7]);
});

test("PPO's clipped surrogate in plain JavaScript has the kinks of its minimum and its clip where a hand gradient follows it, not where it is only computed", () => {
  const text = (line, gradient) => `class PolicyNetwork {
  trainPPO(transitions, options = {}) {
    const clip = Number(options.clip) || 0.2;
    const totals = { policyLoss: 0, bestLoss: Infinity };
    for (const tr of transitions) {
      const out = this.forward(tr.state);
      const selected = tr.chosen;
      const prob = Math.max(1e-8, out.probs[selected]);
      const ratio = prob / Math.max(1e-8, tr.oldProb);
      const clippedRatio = Math.max(1 - clip, Math.min(1 + clip, ratio));
      ${line}
      ${gradient}
    }
    return totals;
  }
}
`;
  const surrogate = 'totals.policyLoss += -Math.min(ratio * tr.advantage, clippedRatio * tr.advantage);';
  const handGradient = 'const scale = (tr.advantage >= 0 && ratio > 1 + clip) || (tr.advantage < 0 && ratio < 1 - clip) ? 0 : tr.advantage * ratio; this.backward(out, scale);';
  const kinks = found(text(surrogate, handGradient), 'policy.js');
  assert.deepEqual(kinks, ['10 non-differentiable', '10 non-differentiable', '11 non-differentiable']);
  // The clip's setting is named as the code names it, not after Number().
  assert.doesNotMatch(lint.lintText(text(surrogate, handGradient), 'policy.js').diagnostics.map((d) => d.message).join('\n'), /Number/);
  // Computed and used only as a step size (no gradient switches at the clip): nothing differentiates it.
  assert.deepEqual(found(text(surrogate, 'this.step(totals.policyLoss * 0.01);'), 'policy.js'), []);
  // The minimum of a running best, or of a ratio and a constant, is no surrogate.
  assert.deepEqual(found(text('totals.bestLoss = Math.min(totals.bestLoss, tr.loss);', handGradient), 'policy.js'), []);
  assert.deepEqual(found(text('totals.policyLoss += Math.min(ratio, 10);', handGradient), 'policy.js'), []);
});

test("PPO's clipped surrogate of two named sides is followed by a hand gradient that compares them (surr1 <= surr2)", () => {
  const text = (gradient) => `export class PPO {
  update(buffer, cfg) {
    let totalPolicyLoss = 0;
    for (let b = 0; b < buffer.length; b++) {
      const probs = this.net.forward(buffer.states[b]);
      const newLogProb = Math.log(probs[buffer.actions[b]] + 1e-8);
      const ratio = Math.exp(newLogProb - buffer.logProbs[b]);
      const surr1 = ratio * buffer.advantages[b];
      const clippedRatio = Math.max(1 - cfg.epsilon, Math.min(1 + cfg.epsilon, ratio));
      const surr2 = clippedRatio * buffer.advantages[b];
      const policyLoss = -Math.min(surr1, surr2);
      totalPolicyLoss += policyLoss;
      ${gradient}
    }
    return totalPolicyLoss;
  }
}
`;
  // holdout628's PPO: the gradient of the unclipped side is taken only where that side is the minimum.
  assert.deepEqual(found(text('const useUnclipped = surr1 <= surr2;\n      if (useUnclipped) this.net.backward(-buffer.advantages[b] * ratio);'), 'ppo.js'), ['11 non-differentiable', '9 non-differentiable', '9 non-differentiable']);
  // Computed only (no gradient follows either side): silent, as before; so when the comparison only counts the
  // clipped samples (a clip fraction), or chooses a gradient in another function.
  assert.deepEqual(found(text('this.net.step(0.01);'), 'ppo.js'), []);
  assert.deepEqual(found(text('if (surr2 < surr1) this.clipped++;'), 'ppo.js'), []);
  assert.deepEqual(found(`${text('this.net.step(0.01);')}\nexport function pick(surr1, surr2, ratio) { if (surr1 <= surr2) return ratio; return 0; }\n`, 'ppo.js'), []);
});

test('a clipped objective kept as a field of a sample, { objective: Math.min(r * A, clip(r) * A) }, is read where its flat region is tested', () => {
  const text = `export class TabularPPO {
  evaluate(rollout, i) {
    const A = rollout.advantages[i];
    const ratio = Math.exp(this.logits[i] - Math.log(rollout.oldProbs[i]));
    const hi = 1 + this.clip;
    const clippedRatio = Math.min(Math.max(ratio, 1 - this.clip), hi);
    return { ratio, objective: Math.min(ratio * A, clippedRatio * A), clipped: A > 0 && ratio > hi };
  }
}
`;
  assert.deepEqual(found(text, 'ppo.js'), ['6 non-differentiable', '6 non-differentiable', '7 non-differentiable']);
});

test('a function named for a loss that returns text shows a loss (a colour, a label), it is not one', () => {
  const shown = (body) => `function lossColor(value, min, max) {
  const t = Math.max(0, Math.min(1, (value - min) / (max - min || 1)));
  ${body}
}
function lossLabel(loss) {
  return 'loss ' + Math.abs(loss).toFixed(3);
}
`;
  assert.deepEqual(found(shown('return `hsl(${190 - t * 170} 88% ${86 - t * 38}%)`;')), []);
  // The same clamp returned as a number is a loss's kink as before.
  assert.deepEqual(found(shown('return t;')), ['2 non-differentiable', '2 non-differentiable']);
});

test("a PPO clip whose surrogates' minimum no line computes, only its hand gradient ((surr1 <= surr2) ? adv * ratio : 0), is the trained clip's kink", () => {
  const text = (weight) => `export class GaussianPPO {
  train(rollout) {
    for (let b = 0; b < rollout.length; b++) {
      this.actor.forward(rollout.states[b]);
      const newLP = this.actor.logProb(rollout.actions[b]);
      const ratio = Math.exp(newLP - rollout.logProbs[b]);
      const clipped = Math.max(1 - this.clipRange, Math.min(1 + this.clipRange, ratio));
      const surr1 = ratio * rollout.advantages[b];
      const surr2 = clipped * rollout.advantages[b];
      const ppoWeight = ${weight};
      this.actor.backward(ppoWeight);
    }
  }
}
`;
  // One finding for the clip, on its line (the file says "loss" nowhere).
  assert.deepEqual(found(text('(surr1 <= surr2) ? rollout.advantages[b] * ratio : 0'), 'rl.js'), ['7 non-differentiable']);
  // The surrogates computed but never compared: nothing says the clip is trained.
  assert.deepEqual(found(text('rollout.advantages[b] * ratio'), 'rl.js'), []);
});
