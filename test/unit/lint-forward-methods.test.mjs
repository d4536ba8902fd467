// A class's forward pass written by hand in a method (`userForward(ids) { return tf.tidy(() => relu(…)) }`), called by
// the training step and by other code (an embedding getter), is the model's: its relu is no kink of the loss
// (forwardPasses.ts: methods found by their `this.name(…)` calls, past the tf.tidy their body is wrapped in).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const kinks = (r) => r.diagnostics.filter((d) => d.code === 'non-differentiable');

const towers = (getter) => `import * as tf from '@tensorflow/tfjs';
export class TwoTower {
  constructor(n, d) {
    this.userW = tf.variable(tf.randomNormal([n, d]));
    this.userB = tf.variable(tf.zeros([d]));
    this.itemW = tf.variable(tf.randomNormal([n, d]));
    this.optimizer = tf.train.adam(0.001);
  }
  userForward(x) {
    return tf.tidy(() => {
      let hidden = tf.add(tf.matMul(x, this.userW), this.userB);
      hidden = tf.relu(hidden);
      return hidden;
    });
  }
  trainStep(users, items, n) {
    const lossFn = () => {
      const u = this.userForward(users);
      const logits = tf.matMul(u, tf.matMul(items, this.itemW), false, true);
      const labels = tf.oneHot(tf.range(0, n, 1, 'int32'), n);
      return tf.losses.softmaxCrossEntropy(labels, logits);
    };
    const { value, grads } = this.optimizer.computeGradients(lossFn);
    this.optimizer.applyGradients(grads);
    return value.dataSync()[0];
  }
${getter}}
`;

test('a forward method also called outside the step is the model: its relu is no kink of the loss', () => {
  const r = lint.lintText(towers('  embed(x) {\n    return this.userForward(x).squeeze();\n  }\n'), 'towers.js');
  assert.deepEqual(kinks(r).map((d) => d.message), []);
});

test('a forward method only the step calls stays part of the loss it computes', () => {
  const r = lint.lintText(towers(''), 'towers.js');
  assert.equal(kinks(r).length, 1, JSON.stringify(r.diagnostics.map((d) => d.message)));
});
