// The fix for a classifier trained with a regression loss written by hand: the code that computes the loss becomes
// TF.js's cross-entropy on the same prediction and target code, and real TF.js confirms what it changes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { loadTf } from '../oracle/tfjs/lossOracle.mjs';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const mismatch = (r) => r.diagnostics.filter((d) => d.code === 'activation-mismatch');

/** The one fix of the file's one activation-mismatch, applied. */
function fixed(text, file = 'train.js') {
  const [d, ...rest] = mismatch(lint.lintText(text, file));
  assert.ok(d && rest.length === 0, text);
  assert.equal(d.fixes.length, 1, JSON.stringify(d.fixes));
  return { title: d.fixes[0].title, text: lint.applySourceEdits(text, d.fixes[0].edits) };
}

const tutorial = (loss) => `${HEADER}const w = tf.variable(tf.zeros([2, 1]));
const b = tf.variable(tf.scalar(0));
function predict(x) {
  return tf.sigmoid(x.matMul(w).add(b));
}
function loss(predictions, labels) {
  return ${loss};
}
const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const ys = tf.tensor2d([[0], [0], [0], [1]]);
const optimizer = tf.train.sgd(0.5);
for (let i = 0; i < 20; i++) optimizer.minimize(() => loss(predict(xs), ys));
`;

test('a loss function written as MSE, called on a sigmoid output with 0/1 labels, becomes tf.losses.logLoss of the same arguments', () => {
  for (const mse of ['predictions.sub(labels).square().mean()', 'tf.mean(tf.square(tf.sub(predictions, labels)))']) {
    const f = fixed(tutorial(mse));
    assert.equal(f.title, 'Use the cross-entropy: tf.losses.logLoss(labels, predictions)');
    assert.match(f.text, /\n {2}return tf\.losses\.logLoss\(labels, predictions\);\n/);
    assert.deepEqual(lint.lintText(f.text, 'train.js').diagnostics, []);
  }
});

test('in a minimize closure the prediction is written as the closure names it; a helper with silent parameter names is fixed inside', () => {
  const model = `${HEADER}const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));
const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const ys = tf.tensor2d([[0], [0], [0], [1]]);
const optimizer = tf.train.sgd(0.5);
`;
  const inline = fixed(`${model}optimizer.minimize(() => tf.mean(tf.square(tf.sub(model.predict(xs), ys))));\n`);
  assert.match(inline.text, /optimizer\.minimize\(\(\) => tf\.losses\.logLoss\(ys, model\.predict\(xs\)\)\);/);
  const named = fixed(`${model}optimizer.minimize(() => {\n  const p = model.predict(xs);\n  const d = p.sub(ys);\n  return d.mul(d).mean();\n});\n`);
  assert.match(named.text, /return tf\.losses\.logLoss\(ys, p\);/);
  // `mse(a, b)`: the calls give the model's output as `a`, so `a` is the prediction (the names do not say).
  const helper = fixed(`${model}function mse(a, b) {\n  return a.sub(b).square().mean();\n}\noptimizer.minimize(() => mse(model.predict(xs), ys));\n`);
  assert.match(helper.text, /return tf\.losses\.logLoss\(b, a\);/);
  for (const f of [inline, named, helper]) assert.deepEqual(mismatch(lint.lintText(f.text, 'train.js')), [], f.text);
});

test('a softmax output with one-hot targets gets the categorical cross-entropy, mean kept', () => {
  const text = `${HEADER}const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));
const xs = tf.randomNormal([6, 4]);
const ys = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32'), 3);
const optimizer = tf.train.adam(0.01);
optimizer.minimize(() => model.predict(xs).sub(ys).square().mean());
`;
  const f = fixed(text);
  assert.match(f.text, /optimizer\.minimize\(\(\) => tf\.metrics\.categoricalCrossentropy\(ys, model\.predict\(xs\)\)\.mean\(\)\);/);
  assert.deepEqual(mismatch(lint.lintText(f.text, 'train.js')), []);
});

test('no rewrite where it would not be the same loss on the same code: plain JavaScript numbers, a loss summed', () => {
  const loop = `${HEADER}const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));
model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
const ys = tf.tensor2d([[0], [1]]);
function loss(predictions, labels) {
  let total = 0;
  for (let i = 0; i < predictions.length; i++) total += (predictions[i] - labels[i]) ** 2;
  return total / predictions.length;
}
`;
  for (const d of mismatch(lint.lintText(loop, 'train.js'))) assert.deepEqual(d.fixes, []);
  const summed = tutorial('predictions.sub(labels).square().sum()');
  for (const d of mismatch(lint.lintText(summed, 'train.js'))) assert.ok(!d.fixes.some((f) => /logLoss/.test(f.title)), JSON.stringify(d.fixes));
});

test('TF.js: the rewritten loss trains, and where the sigmoid saturates on a wrong answer its gradient is ~1000× the MSE one', async () => {
  const tf = await loadTf();
  const run = (source) => new Function('tf', `${source.replace(HEADER, '')}\nreturn { loss, w, b };`)(tf);
  const before = run(tutorial('predictions.sub(labels).square().mean()'));
  const after = run(fixed(tutorial('predictions.sub(labels).square().mean()')).text);
  // A confidently wrong prediction: logit 8 for a 0 label.
  const slope = (loss) => tf.grad((z) => loss(tf.sigmoid(z), tf.tensor1d([0])))(tf.tensor1d([8])).dataSync()[0];
  const mse = slope(before.loss);
  const ce = slope(after.loss);
  assert.ok(mse > 0 && mse < 2e-3, `MSE slope ${mse}`);
  assert.ok(ce > 0.99 && ce <= 1, `cross-entropy slope ${ce}`);
  assert.ok(Number.isFinite(after.w.dataSync()[0]) && after.w.dataSync().some((v) => v !== 0), 'the fixed tutorial trains');
});
