import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';
import { loadTf } from '../oracle/tfjs/lossOracle.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const mismatches = (text, name = 'a.js') => lint.lintText(text, name).diagnostics.filter((d) => d.code === 'activation-mismatch');

const logisticMse = (targets) => `${HEADER}const w = tf.variable(tf.randomNormal([4, 1]));
const xs = tf.randomNormal([4, 4]);
const ys = ${targets};
const optimizer = tf.train.adam(0.01);
for (let i = 0; i < 100; i++) {
  optimizer.minimize(() => {
    const p = tf.sigmoid(xs.matMul(w));
    return tf.mean(tf.square(tf.sub(ys, p)));
  });
}
`;

test('a squared error on a sigmoid the loss applies itself, trained on 0/1 labels, is a classifier with the wrong loss', () => {
  const text = logisticMse('tf.tensor2d([[0], [1], [1], [0]])');
  const [d, ...rest] = mismatches(text);
  assert.equal(rest.length, 0);
  assert.ok(d, 'expected activation-mismatch');
  assert.match(d.message, /mean squared error on a sigmoid output with class targets/);
  assert.match(d.detail, /applies the sigmoid to the raw output itself/);
  assert.equal(text.slice(d.start, d.end), 'tf.square(tf.sub(ys, p))');
  // The fix is the stable logits loss on the raw output the code already has.
  const fixed = lint.applySourceEdits(text, d.fixes[0].edits);
  assert.match(fixed, /return tf\.losses\.sigmoidCrossEntropy\(ys, xs\.matMul\(w\)\);/);
  assert.deepEqual(mismatches(fixed), []);
});

test('the same loss on continuous targets in [0, 1] (a fraction regressed through a sigmoid) stays silent', () => {
  assert.deepEqual(mismatches(logisticMse('tf.tensor2d([[0.31], [0.72], [0.15], [0.9]])')), []);
  // And targets the code says nothing about.
  assert.deepEqual(mismatches(logisticMse('loadTargets()')), []);
});

test('a softmax applied in the loss with one-hot targets; a custom loss applying a sigmoid to a linear output', () => {
  const softmax = `${HEADER}const w = tf.variable(tf.randomNormal([4, 3]));
export function train(xs, labelIdx) {
  const ys = tf.oneHot(labelIdx, 3);
  tf.train.sgd(0.1).minimize(() => tf.softmax(xs.matMul(w)).sub(ys).square().mean());
}
`;
  const [s] = mismatches(softmax);
  assert.match(s?.message ?? '', /softmax output with class targets/);
  assert.match(lint.applySourceEdits(softmax, s.fixes[0].edits), /minimize\(\(\) => tf\.losses\.softmaxCrossEntropy\(ys, xs\.matMul\(w\)\)\)/);

  const compiled = `${HEADER}const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
function squashedMse(yTrue, yPred) {
  return tf.losses.meanSquaredError(yTrue, tf.sigmoid(yPred));
}
model.compile({ optimizer: 'adam', loss: squashedMse });
await model.fit(tf.randomNormal([4, 4]), tf.tensor2d([[0], [1], [1], [0]]), { epochs: 5 });
`;
  const [c] = mismatches(compiled);
  assert.match(c?.message ?? '', /sigmoid output with class targets/);
  // The output is linear, so the logits loss takes the model's output as it is.
  assert.match(lint.applySourceEdits(compiled, c.fixes[0].edits), /loss: \(yTrue, yPred\) => tf\.losses\.sigmoidCrossEntropy\(yTrue, yPred\)/);
});

test('losses that apply an activation on purpose stay silent: distillation, a cross-entropy, a logit used bare too', () => {
  const distill = `${HEADER}export function distill(student, teacher, xs, T, labels) {
  const ys = tf.oneHot(labels, 10);
  tf.train.adam(0.001).minimize(() => {
    const s = tf.softmax(student.predict(xs).div(T));
    const t = tf.softmax(teacher.predict(xs).div(T));
    return tf.mean(tf.square(s.sub(t)));
  });
}
`;
  assert.deepEqual(mismatches(distill), []);
  const crossEntropy = logisticMse('tf.tensor2d([[0], [1], [1], [0]])').replace('tf.mean(tf.square(tf.sub(ys, p)))', 'tf.neg(tf.mean(tf.add(tf.mul(ys, tf.log(p)), tf.mul(tf.sub(1, ys), tf.log(tf.sub(1, p))))))');
  assert.deepEqual(mismatches(crossEntropy), []);
  // The logit itself is used besides its sigmoid: the loss is not a regression loss on the sigmoid alone.
  const mixed = logisticMse('tf.tensor2d([[0], [1], [1], [0]])').replace('tf.mean(tf.square(tf.sub(ys, p)))', 'tf.mean(tf.square(tf.sub(ys, p))).add(tf.mean(tf.square(xs.matMul(w))))');
  assert.deepEqual(mismatches(mixed), []);
});

test('TF.js: the fixed closure trains, and on a confidently wrong logit its gradient is ~1000× the squared error\'s', async () => {
  const tf = await loadTf();
  const text = logisticMse('tf.tensor2d([[0], [1], [1], [0]])').replace('i < 100', 'i < 20');
  const fixed = lint.applySourceEdits(text, mismatches(text)[0].fixes[0].edits);
  const run = (source) => new Function('tf', `${source.replace(HEADER, '')}\nreturn w;`)(tf);
  const w = run(fixed);
  assert.ok(w.dataSync().every(Number.isFinite), 'the fixed closure trains to finite weights');
  // The two losses on one raw output z = 8 for a 0 label, as each closure computes it.
  const ys = tf.tensor2d([[0]]);
  const mse = tf.grad((z) => tf.mean(tf.square(tf.sub(ys, tf.sigmoid(z)))))(tf.tensor2d([[8]])).dataSync()[0];
  const ce = tf.grad((z) => tf.losses.sigmoidCrossEntropy(ys, z))(tf.tensor2d([[8]])).dataSync()[0];
  assert.ok(mse > 0 && mse < 1e-3, `MSE slope ${mse}`);
  assert.ok(ce > 0.99 && ce <= 1, `cross-entropy slope ${ce}`);
});

test('a loss function that one-hot encodes its own targets and applies a softmax to its prediction: squared error on classes', () => {
  const classLoss = (targets) => `${HEADER}export function classLoss(yTrue, yPred) {
  const probs = tf.softmax(yPred);
  return tf.mean(tf.square(tf.sub(${targets}, probs)));
}
`;
  const [d] = mismatches(classLoss('tf.oneHot(yTrue.toInt(), 10)'));
  assert.match(d?.message ?? '', /softmax output with class targets/);
  assert.match(d.detail, /one-hot encodes its targets \(tf\.oneHot, line 4\)/);
  // Targets the loss does not encode say nothing of classes (a distillation of two distributions).
  assert.deepEqual(mismatches(classLoss('yTrue')), []);
  assert.deepEqual(mismatches(classLoss('tf.softmax(yTrue)')), []);
});
