// A wrapper layer's output is its wrapped layer's: tf.layers.timeDistributed({ layer: tf.layers.dense({ activation }) })
// ends a sequence model in that activation at every step.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

function codes(head, loss) {
  const r = lint.lintText(`const tf = require('@tensorflow/tfjs');
const input = tf.input({ shape: [10, 8] });
const gru = tf.layers.gru({ units: 16, returnSequences: true }).apply(input);
const out = tf.layers.timeDistributed({ layer: ${head} }).apply(gru);
const model = tf.model({ inputs: input, outputs: out });
model.compile({ optimizer: 'adam', loss: ${loss} });
`, '/p/seq.js');
  assert.equal(r.internalError, undefined);
  return r.diagnostics.map((d) => `${d.code}:${d.line}`);
}

test('timeDistributed: a softmax head with categorical cross-entropy is the matching pair', () => {
  assert.deepEqual(codes("tf.layers.dense({ units: 49, activation: 'softmax' })", "'categoricalCrossentropy'"), []);
});

test('timeDistributed: a linear head with categorical cross-entropy, a softmax head with a logits loss', () => {
  assert.deepEqual(codes('tf.layers.dense({ units: 49 })', "'categoricalCrossentropy'"), ['activation-mismatch:6']);
  assert.deepEqual(codes("tf.layers.dense({ units: 49, activation: 'softmax' })", 'tf.losses.softmaxCrossEntropy'), ['activation-mismatch:6']);
});

test('timeDistributed: a wrapped layer that cannot be read says nothing', () => {
  assert.deepEqual(codes('makeHead()', "'categoricalCrossentropy'"), []);
});
