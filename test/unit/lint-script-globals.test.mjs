// Scripts as tutorials and sketches write them: TF.js functions destructured from their namespace
// (`const { dense } = tf.layers`) and sloppy-mode globals assigned without a declaration (`model = tf.sequential()`).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const am = (text, name = 'sketch.js') => lint.lintText(text, name).diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => d.line);

test('layers, losses and optimizers destructured from their TF.js namespace are those functions', () => {
  const text = `const tf = require('@tensorflow/tfjs-node');
const { dense } = tf.layers;
const { meanSquaredError } = tf.losses;
const { sgd } = tf.train;
const xs = tf.tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
const ys = tf.tensor([[0], [1], [1], [0]]);
const model = tf.sequential({ layers: [dense({ inputShape: [2], units: 16, activation: 'relu' }), dense({ units: 1, activation: 'sigmoid' })] });
model.compile({ loss: meanSquaredError, optimizer: sgd(0.5) });
model.fit(xs, ys, { epochs: 100 });
`;
  assert.deepEqual(am(text, 'xor.js'), [8]);
  const r = lint.lintText(text, 'xor.js');
  assert.equal(r.sites.find((s) => s.kind === 'compile').name, 'tf.losses.meanSquaredError');
  // An alias of the namespace itself: `const losses = tf.losses`.
  assert.deepEqual(am(text.replace('const { meanSquaredError } = tf.losses;', 'const losses = tf.losses;').replace('loss: meanSquaredError', 'loss: losses.meanSquaredError'), 'xor.js'), [8]);
});

test('a p5 sketch: the model, its layers and the targets assigned as globals without a declaration are followed', () => {
  const text = `let model;
function setup() {
  createCanvas(400, 400);
  model = tf.sequential();
  hiddenLayer = tf.layers.dense({ units: 16, activation: 'sigmoid', inputShape: [2] });
  outputLayer = tf.layers.dense({ units: 1, activation: 'sigmoid' });
  model.add(hiddenLayer);
  model.add(outputLayer);
  model.compile({ optimizer: tf.train.adam(0.15), loss: tf.losses.meanSquaredError });
  train_xs = tf.tensor2d([[0, 0], [1, 0], [0, 1], [1, 1]]);
  train_ys = tf.tensor2d([[0], [1], [1], [0]]);
  setTimeout(train, 10);
}
function train() {
  model.fit(train_xs, train_ys, { shuffle: true, epochs: 1 }).then(() => setTimeout(train, 10));
}
`;
  assert.deepEqual(am(text), [9]);
  // Continuous targets in [0, 1] stay silent; a layer assigned two different ways is not guessed.
  assert.deepEqual(am(text.replace('[[0], [1], [1], [0]]', '[[0.2], [0.7], [0.4], [0.9]]')), []);
  const twice = text.replace("  model.add(hiddenLayer);", "  if (window.deep) outputLayer = tf.layers.dense({ units: 1 });\n  model.add(hiddenLayer);");
  assert.deepEqual(am(twice), []);
});

test("a global the file never assigns (another script's model) is left unknown, without an error", () => {
  const text = `function train() {
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  model.fit(xs, ys);
}
`;
  const r = lint.lintText(text, 'train.js');
  assert.equal(r.internalError, undefined);
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.sites.find((s) => s.kind === 'compile')?.activation ?? null, null);
});
