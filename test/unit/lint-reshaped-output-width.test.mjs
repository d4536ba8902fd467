// A flatten, reshape or permute after the output layer decides the output's width: `dense({units: 1})` applied at
// every position of a sequence and flattened is a row of seqLength logits (an extractive QA model's start and end
// heads), not one logit (layers.ts outputOf, unitsByCondition.ts).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const am = (text) => lint.lintText(text, 'qa.js').diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => `${d.line}: ${d.message}`);

const functional = (after) => `import * as tf from '@tensorflow/tfjs';
const tokens = tf.input({ shape: [64, 16] });
const startLogits = tf.layers.dense({ units: 1 }).apply(tokens);
const endLogits = tf.layers.dense({ units: 1 }).apply(tokens);
const model = tf.model({ inputs: tokens, outputs: [${after('startLogits')}, ${after('endLogits')}] });
model.compile({ optimizer: 'adam', loss: [tf.losses.softmaxCrossEntropy, tf.losses.softmaxCrossEntropy] });
`;

test('one logit per position, flattened over the sequence: a softmax over 64 logits, silent', () => {
  assert.deepEqual(am(functional((x) => `tf.layers.flatten().apply(${x})`)), []);
  assert.deepEqual(am(functional((x) => `tf.layers.reshape({ targetShape: [64] }).apply(${x})`)), []);
});

test('a head of one logit, or one reshaped to a last dimension of 1, is still a softmax over one value', () => {
  const one = "1 logit is always 0: a softmax of one value is 1, nothing is learned.";
  assert.deepEqual(am(functional((x) => x).replace(/\[64, 16\]/, '[16]')).map((m) => m.endsWith(one)), [true, true]);
  assert.deepEqual(am(functional((x) => `tf.layers.reshape({ targetShape: [1] }).apply(${x})`).replace(/\[64, 16\]/, '[16]')).map((m) => m.endsWith(one)), [true, true]);
});

test('the same in a sequential model: dense(1) then flatten is silent, dense(1) alone is not', () => {
  const seq = (flatten) => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [64, 16] }));
${flatten ? 'model.add(tf.layers.flatten());\n' : ''}model.compile({ optimizer: 'adam', loss: tf.losses.softmaxCrossEntropy });
`;
  assert.deepEqual(am(seq(true)), []);
  assert.equal(am(seq(false)).length, 1);
});
