// An actor-critic whose critic is fitted with `fit` while its softmax actor, compiled too (with 'meanSquaredError',
// a leftover), is trained by `minimize` of the optimizer it was compiled with, on a forward pass applying its layers
// one by one: the actor's compiled loss never reaches a gradient, so its pairing with the softmax is no finding. Fits
// of the actor itself, or of a model the file does not show is another, keep it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const agent = ({ criticFit = 'this.critic.fit(states, returns, { epochs: 1 })', step = 'this.actorOptimizer.minimize', extra = '' } = {}) => `import * as tf from '@tensorflow/tfjs';

export class Agent {
  constructor(inputs, actions) {
    this.actorOptimizer = tf.train.adam(1e-3);
    this.layers = [];
    this.actor = this.buildActor(inputs, actions);
    this.critic = this.buildCritic(inputs);
  }

  buildActor(inputs, actions) {
    const model = tf.sequential();
    const hidden = tf.layers.dense({ units: 32, activation: 'relu', inputShape: [inputs] });
    const head = tf.layers.dense({ units: actions });
    model.add(hidden);
    model.add(head);
    this.layers.push(hidden, head);
    model.add(tf.layers.softmax());
    model.compile({ loss: 'meanSquaredError', optimizer: this.actorOptimizer });
    return model;
  }

  buildCritic(inputs) {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 32, activation: 'relu', inputShape: [inputs] }));
    model.add(tf.layers.dense({ units: 1 }));
    model.compile({ loss: 'meanSquaredError', optimizer: tf.train.adam(1e-3) });
    return model;
  }

  logits(states) {
    let x = states;
    for (const layer of this.layers) x = layer.apply(x);
    return x;
  }

  async train(states, actions, returns, advantages) {
    await ${criticFit};
    ${step}(() => {
      const logProbs = tf.logSoftmax(this.logits(states));
      const chosen = tf.sum(tf.mul(logProbs, tf.oneHot(actions, 4)), 1);
      return tf.neg(tf.mean(tf.mul(chosen, advantages)));
    });
${extra}  }
}
`;

const mismatches = (code) => lint.lintText(code, '/p/agent.js').diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => d.line);

test('an actor compiled with MSE but trained by minimize of its compile optimizer, beside a fitted critic, is no mismatch', () => {
  assert.deepEqual(mismatches(agent()), []);
});

test('the actor fitted itself, an unknown model fitted, or a step of another optimizer keeps the compile pairing', () => {
  assert.deepEqual(mismatches(agent({ extra: '    await this.actor.fit(states, tf.oneHot(actions, 4));\n' })), [19]);
  assert.deepEqual(mismatches(agent({ criticFit: 'this.model.fit(states, returns)' })), [19]);
  assert.deepEqual(mismatches(agent({ step: 'tf.train.sgd(0.1).minimize' })), [19]);
});
