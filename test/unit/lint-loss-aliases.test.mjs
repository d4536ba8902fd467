// A TF.js loss kept under a local name (`const error = tf.losses.meanSquaredError;` inside a training function, then
// `error(yPred, ys)` in a minimize closure) is that loss (tfBindings.ts, LOCAL_ALIAS).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const codes = (text, file = 'train.js') => lint.lintText(text, file).diagnostics.map((d) => `${d.line}: ${d.code}`);

const script = (loss, targets = 'r > 100 ? 1 : 0', call = 'error(ys, yPred)') => `const tf = require('@tensorflow/tfjs');
const xs = [];
const ys = [];
for (let r = 0; r <= 255; r += 1) {
  xs.push(r / 255);
  ys.push(${targets});
}
function train(xs, ys, iterations) {
  const w = tf.variable(tf.randomNormal([1, 1]));
  const b = tf.variable(tf.scalar(0));
  const predict = (input) => tf.sigmoid(tf.tensor2d(input, [input.length, 1]).matMul(w).add(b));
  ${loss}
  const optimizer = tf.train.adam(0.01);
  const labels = tf.tensor2d(ys, [ys.length, 1]);
  for (let i = 0; i < iterations; i++) {
    optimizer.minimize(() => {
      const yPred = predict(xs);
      return ${call.replace('ys', 'labels')};
    });
  }
  return predict;
}
try {
  train(xs, ys, 100);
} catch (error) {
  console.error(error);
}
`;

test('a local name for tf.losses.meanSquaredError is that loss: sigmoid + MSE on 0/1 targets is reported where it is called', () => {
  assert.deepEqual(codes(script('const error = tf.losses.meanSquaredError;')), ['18: activation-mismatch']);
  // The arguments in either order: the squared error is symmetric, and the call is where it is reported.
  assert.deepEqual(codes(script('const error = tf.losses.meanSquaredError;', undefined, 'error(yPred, ys)')), ['18: activation-mismatch']);
});

test('the same loss on continuous targets in [0, 1] stays silent', () => {
  assert.deepEqual(codes(script('const error = tf.losses.meanSquaredError;', 'r / 255')), []);
});

test('a name given another value later is not read as the loss', () => {
  assert.deepEqual(codes(script('let error = tf.losses.meanSquaredError;\n  error = (a, b) => a.sub(b).square().mean();')), []);
});
