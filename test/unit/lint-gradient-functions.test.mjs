// Training steps through TF.js's functional gradients (tf.grads, tf.grad, tf.valueAndGrads, whose function may take
// the tensors it differentiates by) and losses built from an awaited model output. A user's own grad(f) is not a step.
// These steps compute their loss before the function they hand TF.js, so TF.js throws: no-gradient on the function
// (lint-untaped-steps.test.mjs), besides the loss's own kinks.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const PPO = (step, wait = 'await ') => `const tf = require('@tensorflow/tfjs');
class Trainer {
  async update(agent, batch) {
    const states = tf.tensor2d(batch.map((b) => b.state));
    const actions = tf.tensor1d(batch.map((b) => b.action), 'int32');
    const oldProbs = tf.tensor1d(batch.map((b) => b.prob));
    const advantages = tf.tensor1d(batch.map((b) => b.advantage));
    const probs = ${wait}agent.actor.predict(states);
    const picked = tf.sum(tf.mul(probs, tf.oneHot(actions, 3)), 1);
    const ratios = tf.div(picked, tf.add(oldProbs, 1e-8));
    const clipped = tf.clipByValue(ratios, 1 - 0.2, 1 + 0.2);
    const loss = tf.neg(tf.mean(tf.minimum(tf.mul(ratios, advantages), tf.mul(clipped, advantages))));
    ${step}
  }
}
`;

function lines(code) {
  const r = lint.lintText(code, '/p/trainer.js');
  assert.equal(r.internalError, undefined);
  return r.diagnostics.map((d) => `${d.code}:${d.line}`);
}

test('gradient functions: tf.grads((x) => loss)(weights) is a training step, read with the loss computed before it', () => {
  assert.deepEqual(lines(PPO('const grads = tf.grads((x) => loss)(agent.actor.getWeights());')), ['non-differentiable:11', 'non-differentiable:12', 'no-gradient:13']);
  assert.deepEqual(lines(PPO('const { value, grads } = tf.valueAndGrads((x) => loss)(agent.actor.getWeights());')), ['non-differentiable:11', 'non-differentiable:12', 'no-gradient:13']);
});

test('gradient functions: an awaited model output is the model output (await changes nothing of a tensor)', () => {
  assert.deepEqual(lines(PPO('agent.optimizer.minimize(() => loss);')), ['non-differentiable:11', 'non-differentiable:12', 'no-gradient:13']);
  assert.deepEqual(lines(PPO('agent.optimizer.minimize(() => loss);', '')), ['non-differentiable:11', 'non-differentiable:12', 'no-gradient:13']);
});

test('gradient functions: a function of the file named grad is not TF.js\'s, and a gradient with respect to the input is not a step', () => {
  assert.deepEqual(lines(`const tf = require('@tensorflow/tfjs');
function grad(f) { return (x) => (f(x + 1e-6) - f(x)) / 1e-6; }
const model = tf.sequential();
const slope = grad((x) => tf.abs(model.predict(x).sub(1)).mean());
`), []);
  // TF.js's tf.grad of a function of its own input is a gradient with respect to that input (a saliency map, or TF.js's
  // own tests of an op), not a training step.
  assert.deepEqual(lines(`const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
const saliency = tf.grad((x) => tf.abs(model.predict(x).sub(1)).mean());
const dSquare = tf.grad((x) => x.square());
`), []);
});
