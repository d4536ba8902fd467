// A loss kept in a field of the class before the compile reads it (`this.lossFunction = tf.losses.softmaxCrossEntropy;
// this.model.compile({ loss: this.lossFunction })`, holdout501's GRU text model): the field's one value is the loss.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const model = (loss, extra = '') => `class TextModel {
  init() {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [8] }));
    this.model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
    this.lossFunction = ${loss};${extra}
    this.model.compile({ optimizer: 'rmsprop', loss: this.lossFunction });
  }
}
`;
const found = (text) => lint.lintText(text, '/p/model.js').diagnostics.map((d) => `${d.line}: ${d.code}`);

test('a tf.losses function kept in a field is the loss the compile reads', () => {
  assert.deepEqual(found(model('tf.losses.softmaxCrossEntropy')), ['7: activation-mismatch']);
  assert.deepEqual(found(model("'categoricalCrossentropy'")), []);
  assert.deepEqual(found(model('tf.losses.meanSquaredError')), ['7: activation-mismatch']);
});

test('a field given two losses says nothing of which one the compile reads', () => {
  assert.deepEqual(found(model('tf.losses.softmaxCrossEntropy', "\n    if (this.fine) this.lossFunction = 'categoricalCrossentropy';")), []);
});
