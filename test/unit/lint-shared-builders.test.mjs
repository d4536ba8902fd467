// A script whose builder functions share one model and one loss declared at the top (`let model = tf.sequential();
// let loss = tf.losses.meanSquaredError;`), each builder setting the loss, adding its layers and compiling: each compile
// is read with the layers and the loss of its own builder (holdout230's LSTM models module).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const script = ({ classifierLoss = 'tf.losses.huberLoss' } = {}) => `const tf = require('@tensorflow/tfjs-node');
let model = tf.sequential();
let optimizer = tf.train.adam();
let loss = tf.losses.meanSquaredError;
const models = {
  classifier: (inputShape, classes) => {
    loss = ${classifierLoss};
    model.add(tf.layers.dense({ inputShape, units: 32, activation: 'relu' }));
    model.add(tf.layers.dense({ units: classes, activation: 'softmax' }));
    model.compile({ optimizer, loss });
    return model;
  },
  regressor: (inputShape) => {
    model.add(tf.layers.dense({ inputShape, units: 16, activation: 'relu' }));
    model.add(tf.layers.dense({ units: 1, activation: 'linear' }));
    model.compile({ optimizer, loss });
    return model;
  },
};
module.exports = models;
`;

const compiles = (text) => lint.lintText(text, 'models.js').sites.filter((s) => s.kind === 'compile').map((s) => `${s.lossName} on ${s.activation}`);
const am = (text) => lint.lintText(text, 'models.js').diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => d.line);

test("each builder's compile reads its own layers and the loss it sets on the way", () => {
  assert.deepEqual(compiles(script()), ['tf.losses.huberLoss on softmax', 'tf.losses.meanSquaredError on linear']);
  assert.deepEqual(am(script()), [10], 'Huber regression on the softmax classifier');
  assert.deepEqual(am(script({ classifierLoss: 'tf.losses.softmaxCrossEntropy' })), [10], 'a logits loss after a softmax');
  assert.deepEqual(am(script({ classifierLoss: "'categoricalCrossentropy'" })), []);
});
