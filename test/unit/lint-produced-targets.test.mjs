// Targets a class prepares for a caller outside the file: `train(data)` fits on `data.outputs`, and the class's one
// function returning an object with `outputs` makes them (producedFields.ts).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const am = (text) => lint.lintText(text, 'tf-network.js').diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => `${d.line}: ${d.message}`);

const network = (label, extra = '') => `import * as tf from '@tensorflow/tfjs';
export class TFNetwork {
  constructor(...layerSizes) {
    const inputCount = layerSizes.shift();
    this.sizes = [inputCount, ...layerSizes];
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ units: inputCount, inputDim: inputCount }));
    for (const units of layerSizes) this.model.add(tf.layers.dense({ units, activation: 'sigmoid' }));
    this.model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(3.0) });
  }
  convertData(data) {
    const outputSize = this.sizes[this.sizes.length - 1];
    const labels = new Float32Array(data.length * outputSize);
    for (let i = 0; i < data.length; i++) {
      labels.set(Float32Array.from({ length: outputSize }, (_, j) => ${label}), i * outputSize);
    }
    const inputs = tf.tensor2d(data.map((d) => d.input));
    const outputs = tf.tensor2d(labels, [data.length, outputSize]);
    return { inputs, outputs };
  }
${extra}  async train(data, batchSize = 1) {
    await this.model.fit(data.inputs, data.outputs, { batchSize, epochs: 1 });
  }
}
`;

test('one-hot rows a method of the class returns, fitted by a train(data) no call in the file gives data to: class targets', () => {
  assert.deepEqual(am(network('j === data[i].label ? 1 : 0')), ['9: meanSquaredError on a sigmoid output with class targets: its gradient vanishes when saturated.']);
});

test('continuous rows from the same method keep it silent; so does a second maker of outputs, which leaves the data unknown', () => {
  assert.deepEqual(am(network('data[i].target[j] / 255')), []);
  const second = "  augment(data) {\n    return { inputs: data.inputs, outputs: data.outputs.mul(0.9).add(0.05) };\n  }\n";
  assert.deepEqual(am(network('j === data[i].label ? 1 : 0', second)), []);
});

test('data a call in the file gives is read from that call, not from the maker', () => {
  const called = network('j === data[i].label ? 1 : 0').replace(/}\n$/, "}\nexport async function run() {\n  const net = new TFNetwork(2, 1);\n  await net.train({ inputs: tf.zeros([4, 2]), outputs: tf.tensor2d([[0.2], [0.4], [0.6], [0.8]]) });\n}\n");
  assert.deepEqual(am(called), []);
});
