// Losses written with options: flags of the function that builds the loss, helpers that take an options object.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const codes = (r) => r.diagnostics.map((d) => `${d.code}:${d.line}`);

const trainer = (params, test) => `${HEADER}function focal({ yTrue, yPred, gamma = 2, labelSmoothing = 0 }) {
  const p = tf.clipByValue(yPred, 1e-7, 1 - 1e-7);
  return tf.neg(tf.mean(tf.mul(yTrue, tf.mul(tf.pow(tf.sub(1, p), gamma), tf.log(p)))));
}
export function train(${params}) {
  const input = tf.input({ shape: [8] });
  const out = tf.layers.dense({ units: 3, activation: 'sigmoid' }).apply(input);
  const model = tf.model({ inputs: input, outputs: out });
  const loss = (labels, preds) => tf.tidy(() => {
    return ${test} ? focal({ yTrue: labels, yPred: preds, labelSmoothing }) : tf.losses.softmaxCrossEntropy(labels, preds);
  });
  model.compile({ optimizer: 'adam', loss });
}
`;

test('a flag of the function that builds a loss is configuration: each way read, the logits loss on a sigmoid head found', () => {
  for (const [params, flag] of [
    ['useFocal, labelSmoothing', 'useFocal'],
    ['{ useFocal, useWeights, labelSmoothing }', 'useWeights && !useFocal'],
    ['options, labelSmoothing', '!options'],
  ]) {
    const r = lint.lintText(trainer(params, flag), 'train.js');
    assert.deepEqual(codes(r), ['activation-mismatch:11'], `${params} / ${flag}`);
    assert.ok(!r.sites.some((s) => s.unreadable), JSON.stringify(r.sites.map((s) => s.unreadable)));
  }
});

test("a helper's options object is bound from the object the call writes out: names, shorthands and defaults", () => {
  const text = `${HEADER}function weighted({ yTrue, yPred, weight = 2 }) {
  return tf.neg(tf.mean(tf.mul(weight, tf.mul(yTrue, tf.log(yPred)))));
}
export const loss = (labels, preds) => weighted({ yTrue: labels, yPred: preds });
`;
  const r = lint.lintText(text, 'loss.js');
  assert.deepEqual(codes(r), ['log-of-zero:3']);
  assert.match(r.sites.find((s) => s.name === 'loss').expression, /2 \* \(labels \* log\(preds\)\)|2 \* labels \* log\(preds\)/);
  // An options object the call does not write out is not guessed.
  const opaque = lint.lintText(`${HEADER}function weighted({ yTrue, yPred }) {\n  return tf.neg(tf.mean(tf.mul(yTrue, tf.log(yPred))));\n}\nexport const loss = (labels, preds, opts) => weighted(opts);\n`, 'loss.js');
  assert.match(opaque.sites.find((s) => s.name === 'loss')?.unreadable ?? '', /options object/);
});

test("a loss's own parameter tested bare stays data: a scalar loss that picks its term by the label", () => {
  const text = `${HEADER}export function loss(y, p) {\n  return y ? -Math.log(p) : -Math.log(1 - p);\n}\n`;
  const r = lint.lintText(text, 'loss.js');
  assert.equal(r.sites[0]?.expression, 'y ? -log(p) : -log(1 - p)');
  assert.deepEqual(codes(r), ['log-of-zero:3', 'log-of-zero:3']);
});
