// One loss given to a model of several outputs: TF.js applies it to every output, so when every head ends in the same
// activation the loss meets that activation on each (sharedHeads.ts). Heads written out, filled in a loop, or mapped.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const am = (text) => lint.lintText(text, 'heads.js').diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => `${d.line}: ${d.message}`);

const model = (heads, loss = "'meanSquaredError'") => `import * as tf from '@tensorflow/tfjs';
const groups = [['a', 'b', 'c'], ['x', 'y']];
const input = tf.input({ shape: [8] });
const hidden = tf.layers.dense({ units: 16, activation: 'relu' }).apply(input);
${heads}
model.compile({ optimizer: 'adam', loss: ${loss} });
`;

const LITERAL = `const a = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(hidden);
const b = tf.layers.dense({ units: 2, activation: 'softmax' }).apply(hidden);
const model = tf.model({ inputs: input, outputs: [a, b] });`;
const LOOP = `const output = [];
for (let i = 0; i < groups.length; i++) {
  output[i] = tf.layers.dense({ units: groups[i].length, activation: 'softmax' }).apply(hidden);
}
const model = tf.model({ inputs: input, outputs: output });`;
const MAPPED = `const heads = groups.map((g) => tf.layers.dense({ units: g.length, activation: 'softmax' }).apply(hidden));
const model = tf.model({ inputs: input, outputs: heads });`;

test('MSE on softmax heads written out, filled in a loop, or mapped: reported once, at the loss', () => {
  for (const heads of [LITERAL, LOOP, MAPPED]) {
    const found = am(model(heads));
    assert.equal(found.length, 1, heads);
    assert.match(found[0], /meanSquaredError on a softmax output/);
  }
});

test('categorical cross-entropy on the same heads is matched: silent', () => {
  for (const heads of [LITERAL, LOOP, MAPPED]) assert.deepEqual(am(model(heads, "'categoricalCrossentropy'")), []);
});

test('heads of different activations leave the shared output unknown: silent', () => {
  assert.deepEqual(am(model(LITERAL.replace("units: 2, activation: 'softmax'", 'units: 1'))), []);
});

test('a head pushed outside any loop, or two writes, is not read as every head', () => {
  const twice = LOOP.replace('}\nconst model', "}\noutput[0] = tf.layers.dense({ units: 3 }).apply(hidden);\nconst model");
  assert.deepEqual(am(model(twice)), []);
});

test('a loss per output still checks each output against its own loss', () => {
  const found = am(model(LITERAL, "['categoricalCrossentropy', 'meanSquaredError']"));
  assert.equal(found.length, 1);
  assert.match(found[0], /meanSquaredError on a softmax output/);
});
