// A builder that makes its model from the list of layers each caller hands in (`tf.sequential({ layers:
// config.layers })`) and compiles it with one loss: one way per list's output layer. A regression's linear list
// compiled with the builder's categoricalCrossentropy is reported, and the detail says which list.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const service = (secondOutput) => `import * as tf from '@tensorflow/tfjs';
export class ModelService {
  async createModel(config) {
    const model = tf.sequential({ layers: config.layers });
    model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    return model;
  }
  async createClassifier(inputs, classes) {
    const config = {
      name: 'classifier',
      layers: [tf.layers.dense({ units: 32, activation: 'relu', inputShape: [inputs] }), tf.layers.dense({ units: classes, activation: 'softmax' })],
    };
    return this.createModel(config);
  }
  async createSecond(inputs, outputs) {
    const config = {
      name: 'second',
      layers: [tf.layers.dense({ units: 32, activation: 'relu', inputShape: [inputs] }), tf.layers.dense({ units: outputs, activation: '${secondOutput}' })],
    };
    return this.createModel(config);
  }
}
`;

const findings = (code) => lint.lintText(code, '/p/src/services/modelService.ts').diagnostics.filter((d) => d.code === 'activation-mismatch');

test('given layer lists: a linear list compiled with the builder\'s categorical cross-entropy is reported, with its way', () => {
  const [d, ...rest] = findings(service('linear'));
  assert.equal(rest.length, 0);
  assert.equal(d.line, 5);
  assert.match(d.detail, /when the model is built with its linear output/);
  assert.match(d.detail, /output layer at line 18/);
});

test('given layer lists: lists that all end in a softmax are the loss\'s own pairing', () => {
  assert.deepEqual(findings(service('softmax')), []);
});
