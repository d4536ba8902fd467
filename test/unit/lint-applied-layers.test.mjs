// A layer applied on its own in a training step (`const lmHead = tf.layers.dense({ units, activation: 'softmax' })`,
// `lmHead.apply(x)`), as small language models in the browser write their head: its output has the layer's activation,
// so a logits loss on it applies the softmax twice.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const codes = (code) => lint.lintText(code, '/p/gpt.js').diagnostics.map((d) => `${d.code}:${d.line}`);

const step = (activation) => `const tf = require('@tensorflow/tfjs');
const lmHead = tf.layers.dense({ units: 65${activation ? `, activation: '${activation}'` : ''} });
const optimizer = tf.train.adam(0.1);
function train(x, targets) {
  const loss = () => tf.tidy(() => {
    const logits = lmHead.apply(x);
    return tf.losses.softmaxCrossEntropy(tf.oneHot(targets, 65), logits);
  });
  return optimizer.minimize(loss, true);
}
`;

test('a softmax head applied on its own under a logits loss: the softmax applied twice', () => {
  assert.deepEqual(codes(step('softmax')), ['activation-mismatch:7']);
});

test('a linear head gives the logits the loss wants: silent', () => {
  assert.deepEqual(codes(step('')), []);
  assert.deepEqual(codes(step('linear')), []);
});
