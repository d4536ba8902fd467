// A forward method that applies the model's softmax layer only when asked (`internalPredict(state, useSoftmax)` with
// `if (useSoftmax && this.softmaxLayer !== null) data = this.softmaxLayer.apply(data)`), called by the training step
// with `false`: the step's prediction is the logits, so the loss's own softmax of it is applied once, not twice. Called
// with `true`, the softmax is applied twice and reported; a flag no call sets is still read both ways.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const agent = ({ test = 'useSoftmax && this.softmaxLayer !== null', flag = 'false' } = {}) => `import * as tf from '@tensorflow/tfjs';
export class Agent {
  constructor() {
    this.layers = [];
    this.softmaxLayer = null;
    this.opt = tf.train.adam(1e-3);
    this.model = this.build(4, 3);
  }
  build(inputs, actions) {
    const model = tf.sequential();
    const l1 = tf.layers.dense({ units: 16, activation: 'relu', inputShape: [inputs] });
    const l2 = tf.layers.dense({ units: actions });
    model.add(l1);
    model.add(l2);
    this.layers.push(l1, l2);
    const s = tf.layers.softmax();
    model.add(s);
    this.softmaxLayer = s;
    return model;
  }
  predictActions(state, useSoftmax) {
    return tf.tidy(() => {
      let data = state;
      for (let i = 0; i < this.layers.length; i++) data = this.layers[i].apply(data);
      if (${test}) data = this.softmaxLayer.apply(data);
      return data;
    });
  }
  policyLoss(logits, actions, rewards) {
    return tf.tidy(() => {
      const probabilities = logits.softmax();
      const chosen = tf.sum(tf.mul(probabilities, tf.oneHot(actions, 3)), 1).clipByValue(1e-5, 1);
      return tf.neg(tf.sum(tf.mul(tf.log(chosen), rewards)));
    });
  }
  train(states, actions, rewards) {
    this.opt.minimize(() => {
      const logits = this.predictActions(states, ${flag});
      return this.policyLoss(logits, actions, rewards);
    });
  }
}
`;

const twice = (code) => lint.lintText(code, '/p/agent.js').diagnostics.filter((d) => d.rule === 'activation-applied-twice' || /applied twice/.test(d.message));

test('a softmax layer applied only under a flag the step sets false: the loss softmax is applied once, no finding', () => {
  assert.deepEqual(twice(agent()), []);
  assert.deepEqual(twice(agent({ test: 'useSoftmax' })), []);
  assert.deepEqual(twice(agent({ test: '!(!useSoftmax)' })), []);
});

test('the flag set true by the step applies the softmax twice, and is reported', () => {
  assert.equal(twice(agent({ flag: 'true' })).length, 1);
  assert.equal(twice(agent({ test: 'useSoftmax', flag: 'true' })).length, 1);
});
