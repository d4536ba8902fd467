// Heads concatenated into one output (`tf.layers.concatenate().apply([a, b])`) were read as a linear output, the
// concatenate layer's own default. Heads of one activation now keep it; heads of several give the output none, and a
// loss's slice of the output that covers heads of one activation has that activation's range (outputColumns.ts).
// holdout254's sparse autoencoder concatenates relu features and a linear reconstruction and puts an L1 penalty on
// the features' slice: |features| has no kink inside [0, ∞).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const autoencoder = ({ features = `units: dHidden, activation: 'relu'`, first = 'yPred.slice([0, 0], [-1, dHidden])' } = {}) => `import * as tf from '@tensorflow/tfjs';
const dHidden = 64;
const inputs = tf.input({ shape: [32] });
const features = tf.layers.dense({ ${features} }).apply(inputs);
const reconstruction = tf.layers.dense({ units: 32 }).apply(features);
const out = tf.layers.concatenate({ axis: 1 }).apply([features, reconstruction]);
const model = tf.model({ inputs: [inputs], outputs: [out] });
model.compile({
  optimizer: tf.train.adam(),
  loss: (yTrue, yPred) => {
    const f = ${first};
    const r = yPred.slice([0, dHidden], [-1, -1]);
    const t = yTrue.slice([0, dHidden], [-1, -1]);
    return tf.add(tf.losses.meanSquaredError(t, r), tf.mul(0.01, tf.sum(tf.abs(f))));
  },
});
`;

const codes = (text, code) => lint.lintText(text, 'sae.js').diagnostics.filter((d) => d.code === code);

test('an L1 penalty on the relu heads sliced from a concatenated output has no kink inside their range', () => {
  assert.deepEqual(codes(autoencoder(), 'non-differentiable'), []);
});

test('the same penalty on linear heads is a kink', () => {
  const kinks = codes(autoencoder({ features: 'units: dHidden' }), 'non-differentiable');
  assert.equal(kinks.length, 1);
  assert.equal(kinks[0].line, 14);
});

test('widths written as numbers are matched by counting columns', () => {
  const text = autoencoder({ features: `units: 4, activation: 'relu'`, first: 'yPred.slice([0, 0], [-1, 4])' }).replace(/dHidden\]/g, '4]');
  assert.deepEqual(codes(text, 'non-differentiable'), []);
  // The reconstruction's columns are linear: its |·| is a kink.
  const onLinear = text.replace('tf.abs(f)', 'tf.abs(r)');
  assert.equal(codes(onLinear, 'non-differentiable').length, 1);
});

test('a slice that does not line up with a head keeps the whole output\'s reading', () => {
  const text = autoencoder({ first: 'yPred.slice([0, 0], [-1, 10])' });
  assert.equal(codes(text, 'non-differentiable').length, 1);
});

test('the slice read first is the prediction itself: no head\'s range when the loss also reads the whole prediction', () => {
  // The penalty is read first, so its slice is read as the prediction.
  const penaltyFirst = autoencoder().replace('tf.add(tf.losses.meanSquaredError(t, r), tf.mul(0.01, tf.sum(tf.abs(f))))', 'tf.add(tf.mul(0.01, tf.sum(tf.abs(f))), tf.losses.meanSquaredError(t, r))');
  assert.deepEqual(codes(penaltyFirst, 'non-differentiable'), []);
  assert.equal(codes(penaltyFirst.replace('tf.losses.meanSquaredError(t, r))', 'tf.losses.meanSquaredError(t, r)).add(tf.mean(yPred))'), 'non-differentiable').length, 1);
});

const twoSigmoids = (loss) => `import * as tf from '@tensorflow/tfjs';
const input = tf.input({ shape: [8] });
const h = tf.layers.dense({ units: 16, activation: 'relu' }).apply(input);
const a = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(h);
const b = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(h);
const out = tf.layers.concatenate().apply([a, b]);
const model = tf.model({ inputs: input, outputs: out });
model.compile({ optimizer: 'adam', loss: ${loss} });
`;

test('sigmoid heads concatenated are a sigmoid output: binary cross-entropy suits them', () => {
  assert.deepEqual(codes(twoSigmoids(`'binaryCrossentropy'`), 'activation-mismatch'), []);
});

test('sigmoid heads concatenated and given a logits loss apply the sigmoid twice', () => {
  const found = codes(twoSigmoids('tf.losses.sigmoidCrossEntropy'), 'activation-mismatch');
  assert.equal(found.length, 1);
  assert.match(found[0].message, /applied twice/);
});

test('heads of different activations give the output no activation: no claim that it is linear', () => {
  const text = twoSigmoids(`'binaryCrossentropy'`).replace(`units: 1, activation: 'sigmoid' }).apply(h);\nconst out`, `units: 1, activation: 'tanh' }).apply(h);\nconst out`);
  assert.match(text, /tanh/);
  assert.deepEqual(codes(text, 'activation-mismatch').filter((d) => /linear/.test(d.message)), []);
});
