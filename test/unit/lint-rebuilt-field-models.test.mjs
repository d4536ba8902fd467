// A model field each of several methods builds anew (`this.localModel = tf.sequential(...)` in createDefaultModel and
// again in loadFromWeights, which then adds layers read from metadata): the compile in the method that builds it reads
// that method's model, not one with the other method's layers appended (modelResolution.ts, fromBinding).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const found = (text) => lint.lintText(text, 'client.js').diagnostics.map((d) => `${d.line}: ${d.code}: ${d.message}`);

const client = (loadBody) => `const tf = require('@tensorflow/tfjs');
class Client {
  constructor() { this.localModel = null; this.data = []; this.meta = null; }
  loadFromWeights(weights) {
${loadBody}
    this.localModel.compile({ optimizer: 'adam', loss: this.meta.loss || 'meanSquaredError' });
    this.localModel.setWeights(weights);
  }
  createDefaultModel() {
    this.localModel = tf.sequential({
      layers: [
        tf.layers.dense({ units: 16, activation: 'relu', inputShape: [10] }),
        tf.layers.dense({ units: 8, activation: 'sigmoid' }),
      ],
    });
    this.localModel.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  }
  dataset() {
    const labels = [];
    this.data.forEach((d) => {
      const label = Array(8).fill(0);
      if (d.completed) label[0] = 1;
      labels.push(label);
    });
    return { xs: tf.tensor2d(this.data.map((d) => d.features)), ys: tf.tensor2d(labels) };
  }
  async train() {
    if (!this.localModel) this.createDefaultModel();
    const { xs, ys } = this.dataset();
    await this.localModel.fit(xs, ys, { epochs: 5 });
  }
}
module.exports = { Client };
`;

test("the compile after a method's own build reads that model, not another method's added layers", () => {
  const codes = found(client(`    this.localModel = tf.sequential();
    for (const layer of this.meta.layers) {
      this.localModel.add(tf.layers[layer.type]({ units: layer.units, activation: layer.activation }));
    }`));
  assert.equal(codes.length, 1, codes.join('\n'));
  assert.match(codes[0], /^19: activation-mismatch: meanSquaredError on a sigmoid output with class targets/);
});

test('layers a method adds to the field it did not build itself still count', () => {
  const text = `const tf = require('@tensorflow/tfjs');
class Net {
  build() {
    this.model = tf.sequential();
    this.addLayers();
    this.model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  }
  addLayers() {
    this.model.add(tf.layers.dense({ units: 4, activation: 'relu', inputShape: [2] }));
    this.model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  }
  train() {
    this.build();
    return this.model.fit(tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]), tf.tensor2d([[0], [1], [1], [0]]), { epochs: 10 });
  }
}
`;
  const codes = found(text);
  assert.equal(codes.length, 1, codes.join('\n'));
  assert.match(codes[0], /^6: activation-mismatch: meanSquaredError on a sigmoid output with class targets/);
});
