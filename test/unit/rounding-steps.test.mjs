// Rounding to an integer (`Math.round`, `tf.round`, `torch.round`, floor and ceil) is a step: flat, with a jump at every
// half-integer (round) or integer (floor, ceil), so a loss made with it has no gradient to follow. The core knows the
// three functions (their values, ranges, jumps and zero derivative); the front ends read them. neataptic-style cost
// tables' BINARY cost, Math.round(target * 2) !== Math.round(output * 2), is one (holdout261, holdout221).
import test from 'node:test';
import assert from 'node:assert/strict';
import { core, evaluateAt } from './support.mjs';
import { lint } from './lint-support.mjs';

// Inside the sigmoid's domain (0, 1): its ends are not points a prediction reaches.
const kinks = (src, activation) => core.analyze(src, { activation }).kinks.map((k) => k.value).filter((v) => v > 0 && v < 1).sort((a, b) => a - b);

test('round, floor and ceil jump where they step, inside the domain', () => {
  assert.deepEqual(kinks('(y - round(p))^2', 'sigmoid'), [0.5]);
  assert.deepEqual(kinks('round(2*y) != round(2*p) ? 1 : 0', 'sigmoid'), [0.25, 0.75]);
  assert.deepEqual(kinks('p^2 + floor(2*p)', 'sigmoid'), [0.5]);
  assert.deepEqual(kinks('p^2 + ceil(2*p - 1)', 'sigmoid'), [0.5]);
});

test('their values, and a derivative of 0 between the steps', () => {
  const a = core.analyze('round(p) + floor(p) + ceil(p)', { activation: 'linear' });
  const { value, derivative } = evaluateAt(a, {}, 1.7);
  assert.equal(value, 2 + 1 + 2);
  assert.equal(derivative, 0);
});

const kinkLines = (text, name) => lint.lintText(text, name).diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line);

test("a cost table's BINARY cost counts rounded misses: a step of the output", () => {
  assert.deepEqual(kinkLines(`export const cost = {
  BINARY: function (target, output) {
    let misses = 0;
    for (let i = 0; i < output.length; i++) misses += Number(Math.round(target[i] * 2) !== Math.round(output[i] * 2));
    return misses / output.length;
  },
};
`, 'cost.js'), [4]);
});

test('tf.round in a compiled loss on a sigmoid output jumps at 0.5', () => {
  assert.deepEqual(kinkLines(`import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, activation: 'sigmoid', inputShape: [4] })] });
model.compile({ optimizer: 'adam', loss: (yTrue, yPred) => tf.mean(tf.abs(tf.sub(yTrue, tf.round(yPred)))) });
`, 'train.ts'), [3]);
});

test('torch.round of the prediction in a PyTorch loss is a step', () => {
  assert.deepEqual(kinkLines(`import torch

def rounded_loss(y_pred, y_true):
    return torch.mean((torch.round(y_pred) - y_true) ** 2)
`, 'loss.py'), [4]);
});

test('a rounding to some decimals (np.round(x, 3)) is not read as a rounding to an integer', () => {
  const text = (call) => `import numpy as np

def mae_loss(y_true, y_pred):
    return ${call}
`;
  assert.deepEqual(kinkLines(text('np.round(np.mean(np.abs(y_true - y_pred)), 3)'), 'loss.py'), []);
  assert.deepEqual(kinkLines(text('np.round(np.mean(np.abs(y_true - y_pred)), decimals=0)'), 'loss.py'), [4]);
});
