// Functional-API heads built by a helper that reassigns its parameter, Keras style: `function valueHead(x) { x =
// dense.apply(x); x = leakyReLU.apply(x); return x; }`. The returned `x` is the value the parameter was last given
// before the return, followed back layer by layer to the helper's input (modelResolution.ts).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const found = (text) => lint.lintText(text, 'model.js').diagnostics.map((d) => `${d.line}: ${d.code}: ${d.message}`);

const HEADS = `const tf = require('@tensorflow/tfjs');
function valueHead(x) {
  x = tf.layers.dense({ units: 64, activation: 'linear' }).apply(x);
  x = tf.layers.leakyReLU().apply(x);
  x = tf.layers.dense({ units: 1, activation: 'tanh', name: 'value' }).apply(x);
  return x;
}
function policyHead(x, actions) {
  x = tf.layers.flatten().apply(x);
  x = tf.layers.dense({ units: actions, activation: 'softmax', name: 'policy' }).apply(x);
  return x;
}
function getModel() {
  const input = tf.input({ shape: [64] });
  let x = tf.layers.dense({ units: 128, activation: 'relu' }).apply(input);
  const value = valueHead(x);
  const policy = policyHead(x, 64);
  const model = tf.model({ inputs: input, outputs: [value, policy] });
  model.compile({ optimizer: 'adam', loss: LOSSES });
  return model;
}
`;

test('losses given to two heads in the wrong order are each checked against the head a helper builds', () => {
  const codes = found(HEADS.replace('LOSSES', "['categoricalCrossentropy', 'meanSquaredError']"));
  assert.equal(codes.length, 2, codes.join('\n'));
  assert.match(codes[0], /^19: activation-mismatch: categoricalCrossentropy on 1 output unit/);
  assert.match(codes[1], /^19: activation-mismatch: meanSquaredError on a softmax output/);
});

test('the same heads with their losses in order are silent', () => {
  assert.deepEqual(found(HEADS.replace('LOSSES', "['meanSquaredError', 'categoricalCrossentropy']")), []);
});

test('a helper whose parameter is reassigned only in a branch is not read as one output', () => {
  const text = `const tf = require('@tensorflow/tfjs');
function head(x, classify) {
  if (classify) {
    x = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(x);
  }
  return x;
}
const input = tf.input({ shape: [8] });
const out = head(tf.layers.dense({ units: 3 }).apply(input), true);
const model = tf.model({ inputs: input, outputs: out });
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`;
  assert.deepEqual(found(text), []);
});

test('a helper whose parameter is reassigned again in a loop after a layer is not read as that layer', () => {
  const text = `const tf = require('@tensorflow/tfjs');
function head(x, depth) {
  x = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(x);
  for (let i = 0; i < depth; i++) {
    x = tf.layers.dense({ units: 3 }).apply(x);
  }
  return x;
}
const input = tf.input({ shape: [8] });
const model = tf.model({ inputs: input, outputs: head(input, 2) });
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`;
  assert.deepEqual(found(text), []);
});

test('losses given in each other\'s place are swapped back by the first fix, which leaves both heads as they are', () => {
  const text = HEADS.replace('LOSSES', "['categoricalCrossentropy', 'meanSquaredError']");
  const diagnostics = lint.lintText(text, 'model.js').diagnostics;
  assert.equal(diagnostics.length, 2);
  for (const d of diagnostics) {
    const [first] = d.fixes;
    assert.ok(first.preferred, JSON.stringify(d.fixes.map((f) => f.title)));
    assert.match(first.title, /^Swap the losses of outputs 1 and 2: /);
    let fixed = text;
    for (const e of [...first.edits].sort((a, b) => b.start - a.start)) fixed = fixed.slice(0, e.start) + e.text + fixed.slice(e.end);
    assert.match(fixed, /loss: \['meanSquaredError', 'categoricalCrossentropy'\]/);
    assert.match(fixed, /activation: 'tanh'/, 'the value head keeps its tanh');
    assert.deepEqual(found(fixed), []);
  }
  // Swapping that would leave a pair wrong is not offered: MSE on the softmax head and binary cross-entropy on the tanh
  // value head are each wrong in either place.
  const neither = lint.lintText(HEADS.replace('LOSSES', "['binaryCrossentropy', 'meanSquaredError']"), 'model.js').diagnostics;
  assert.ok(neither.length >= 1);
  assert.ok(neither.every((d) => d.fixes.every((f) => !/^Swap the losses/.test(f.title))), JSON.stringify(neither.map((d) => d.fixes.map((f) => f.title))));
});
