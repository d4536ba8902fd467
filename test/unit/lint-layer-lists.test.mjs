// Layers the code writes out in a list and adds in a loop (layers.ts, layerLoops.ts): `for (const l of layers)
// model.add(l)`, `layers.forEach((l) => model.add(l))`, `for (let i = 0; i < layers.length; i++) model.add(layers[i])`,
// also in a helper the list is handed to (`addLayers(model, [ … ])`). The output layer is the list's last one.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const found = (text) => lint.lintText(text, 'model.js').diagnostics.map((d) => `${d.line}: ${d.code}`);

const inline = (loop, last = "tf.layers.dense({ units: 1, activation: 'sigmoid' })") => `const tf = require('@tensorflow/tfjs');
function defineModel() {
  const model = tf.sequential();
  const layers = [
    tf.layers.dense({ inputShape: [8], units: 3, activation: 'relu' }),
    ${last},
  ];
  ${loop}
  model.compile({ loss: 'categoricalCrossentropy', optimizer: 'adam' });
  return model;
}
module.exports = defineModel;
`;

for (const loop of ['for (const l of layers) model.add(l);', 'layers.forEach((l) => model.add(l));', 'for (let i = 0; i < layers.length; i++) model.add(layers[i]);']) {
  test(`a list of layers added by \`${loop}\`: its last layer is the output`, () => {
    assert.deepEqual(found(inline(loop)), ['9: activation-mismatch']);
    assert.deepEqual(found(inline(loop, "tf.layers.dense({ units: 4, activation: 'softmax' })")), []);
  });
}

test('a counter loop that stops short of the last layer does not make it the output', () => {
  assert.deepEqual(found(inline('for (let i = 0; i < layers.length - 1; i++) model.add(layers[i]);')), []);
});

test('a helper given the model and the list adds them: the list the call writes out is read', () => {
  const text = `const tf = require('@tensorflow/tfjs');
const addLayers = (model, layers) => {
  for (let i = 0; i < layers.length; i++) {
    model.add(layers[i]);
  }
};
function defineModel() {
  const model = tf.sequential();
  addLayers(model, [
    tf.layers.inputLayer({ inputShape: [8, 1] }),
    tf.layers.lstm({ units: 32 }),
    tf.layers.dense({ units: 1, activation: 'sigmoid' }),
  ]);
  return model;
}
class Net {
  constructor() {
    this.settings = { optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] };
    this.model = defineModel();
  }
  train(xs, ys) {
    this.model.compile(this.settings);
    return this.model.fit(xs, ys);
  }
}
module.exports = Net;
`;
  assert.deepEqual(found(text), ['18: activation-mismatch']);
});
