// Values handed from helper to helper: a model's output given to a training step, passed on to a loss helper, sliced
// there and given to a logits loss; and names that say they weigh a loss rather than compute one.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const codes = (text) => lint.lintText(text, 'train.js').diagnostics.map((d) => `${d.code}:${d.line}`);

const ctc = (head) => `${HEADER}const input = tf.input({ shape: [32, 16] });
const output = tf.layers.dense({ units: 37${head} }).apply(input);
const model = tf.model({ inputs: input, outputs: output });
function fallback(logits, labels, steps) {
  const losses = [];
  for (let t = 0; t < steps; t++) {
    const logit = logits.slice([0, t, 0], [1, 1, 37]).reshape([37]);
    losses.push(tf.losses.softmaxCrossEntropy(tf.oneHot(labels[t], 37).reshape([37]), logit));
  }
  return tf.mean(tf.stack(losses));
}
function lossCompat(logits, labels, steps) {
  return fallback(logits, labels, steps);
}
async function train(net, optimizer, batches) {
  for (const { xs, labels } of batches) {
    optimizer.minimize(() => {
      const logits = net.apply(xs, { training: true });
      return lossCompat(logits, labels, 32);
    });
  }
}
train(model, tf.train.adam(5e-4), []);
`;

test("a logits loss on a slice of a parameter that a caller's own parameter hands on from a softmax model applies it twice", () => {
  assert.deepEqual(codes(ctc(", activation: 'softmax'")), ['activation-mismatch:9']);
  // The model outputs logits: the pair is right.
  assert.deepEqual(codes(ctc('')), []);
  // A second caller that hands the helper something else does not change what the training step hands it.
  assert.deepEqual(codes(`${ctc(", activation: 'softmax'")}export const other = (z, labels) => lossCompat(z, labels, 1);\n`), ['activation-mismatch:9']);
});

test('a function named as a setting of a loss (adaptiveEntropyCoefficient, lossWeight) is no loss: its clamps are not kinks of one', () => {
  const text = (name) => `export function ${name}({ entropy, numActions, targetRatio = 0.5 }) {
  const targetEntropy = targetRatio * Math.log(numActions);
  const deficit = Math.max(0, Math.min(1, (targetEntropy - entropy) / targetEntropy));
  return 0.01 + 0.04 * deficit;
}
`;
  assert.deepEqual(codes(text('adaptiveEntropyCoefficient')), []);
  assert.deepEqual(codes(text('entropy_loss_weight')), []);
  // Named as the loss itself, its clamp is in the loss.
  assert.ok(codes(text('entropyLoss')).some((c) => c.startsWith('non-differentiable')));
  // A loss that says it takes a weight, or a (yTrue, yPred) function whatever its name, computes a loss.
  const bce = (name) => `${HEADER}export function ${name}(yTrue, yPred) {\n  return tf.neg(tf.mean(tf.mul(yTrue, tf.log(yPred))));\n}\n`;
  for (const name of ['bceWithPosWeight', 'lossWithWeight', 'bceWeight']) assert.ok(codes(bce(name)).some((c) => c.startsWith('log-of-zero')), name);
});
