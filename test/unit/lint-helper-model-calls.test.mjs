// A model call inside a helper (`embed(x)` returning `this.encoder.predict(x)`) gives one output per call of the
// helper: a triplet margin `max(0, a·n − a·p + m)` over `embed(anchor)`, `embed(positive)`, `embed(negative)` is a
// hinge of three outputs. Before, the three calls were one value (the call inside the helper is written once), so
// a·n − a·p was 0, the margin constant and the kink gone (modelOutputs.ts opaquePrediction, inlineHelpers.ts).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const learner = (helperBody) => `import * as tf from '@tensorflow/tfjs';
export class Learner {
  encoder = tf.sequential();
  embed(t) {
    ${helperBody}
  }
  computeContrastiveLoss(batch) {
    let total = tf.scalar(0);
    for (const s of batch) {
      const a = this.embed(s.anchor);
      const p = this.embed(s.positive);
      const n = this.embed(s.negative);
      const margin = tf.add(tf.sub(tf.sum(tf.mul(a, n)), tf.sum(tf.mul(a, p))), 0.5);
      total = tf.add(total, tf.maximum(0, margin));
    }
    return tf.div(total, batch.length);
  }
}
`;

const kinks = (text) => lint.lintText(text, 'learner.js').diagnostics.filter((d) => d.code === 'non-differentiable');

test('a margin over three calls of a helper that runs the model is a hinge', () => {
  const found = kinks(learner('return this.encoder.predict(t);'));
  assert.equal(found.length, 1, JSON.stringify(found.map((d) => d.message)));
  assert.equal(found[0].line, 14);
});

test('the helper may wrap its model call in tf.tidy', () => {
  assert.equal(kinks(learner('return tf.tidy(() => this.encoder.predict(t));')).length, 1);
});

test('the same call of the helper twice is one output: a·a − a·a leaves a constant margin', () => {
  const text = learner('return this.encoder.predict(t);').replace('this.embed(s.positive)', 'this.embed(s.anchor)').replace('this.embed(s.negative)', 'this.embed(s.anchor)');
  assert.deepEqual(kinks(text), []);
});

test('a helper that never runs the model gives no prediction: the loss is not read', () => {
  assert.deepEqual(kinks(learner('return tf.div(t, tf.norm(t));')), []);
});
