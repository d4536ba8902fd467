// A flag made a number (`tx.success ? 1 : 0`) is one column of a row: the row is classes only when every other
// column is too (targetEvidence.ts rowElements). holdout243's anomaly autoencoder reconstructs
// [gasUsed, value, success ? 1 : 0] through a sigmoid decoder with MSE: a regression of its own features.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const am = (r) => r.diagnostics.filter((d) => d.code === 'activation-mismatch');

const detector = (row) => `const tf = require('@tensorflow/tfjs');
class Detector {
  constructor() {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ units: 2, inputShape: [3], activation: 'relu' }));
    this.model.add(tf.layers.dense({ units: 3, activation: 'sigmoid' }));
    this.model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    this.trainingData = [];
  }
  async train(data) {
    const x = tf.tensor2d(data);
    await this.model.fit(x, x, { epochs: 5 });
  }
  async analyze(tx) {
    const features = ${row};
    this.trainingData.push(features);
    if (this.trainingData.length >= 100) await this.train(this.trainingData);
  }
}
module.exports = Detector;
`;

test('a flag among measurements is no class row', () => {
  assert.deepEqual(am(lint.lintText(detector('[tx.gasUsed || 0, tx.value || 0, tx.success ? 1 : 0]'), 'detector.js')), []);
});

test('flags in every column, or a flag alone, are classes', () => {
  assert.equal(am(lint.lintText(detector("[tx.kind === 'a' ? 1 : 0, tx.kind === 'b' ? 1 : 0, tx.kind === 'c' ? 1 : 0]"), 'detector.js')).length, 1);
  assert.equal(am(lint.lintText(detector('[tx.success ? 1 : 0, tx.failed ? 1 : 0, tx.pending ? 1 : 0]'), 'detector.js')).length, 1);
});
