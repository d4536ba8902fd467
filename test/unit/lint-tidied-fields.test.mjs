// A training step that computes its losses inside `tf.tidy` and destructures them (`const { policyLoss, valueLoss } =
// tf.tidy(() => { …; return { policyLoss, valueLoss }; })`), and data tensors made with `tf.zeros` and then filled
// through a buffer (`advantages.bufferSync().set(a, i, j)`), as an RL² PPO agent writes them (holdout145).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const agent = (losses, batch) => `import * as tf from '@tensorflow/tfjs';
export class Agent {
  private network: tf.LayersModel;
  private optimizer = tf.train.adam(1e-3);
  constructor() {
    const input = tf.input({ shape: [8] });
    const h = tf.layers.dense({ units: 32, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
    const policyHead = tf.layers.dense({ units: 4, activation: 'softmax' }).apply(h) as tf.SymbolicTensor;
    const valueHead = tf.layers.dense({ units: 1, activation: 'tanh' }).apply(h) as tf.SymbolicTensor;
    this.network = tf.model({ inputs: input, outputs: [policyHead, valueHead] });
  }
  private prepareBatch(episodes: number[][]) {
    const states = tf.tensor2d(episodes);
    const actions = tf.tensor1d(episodes.map((e) => e[0]), 'int32');
    const returns = tf.tensor1d(episodes.map((e) => e[1]));
    const advantages = tf.zeros([episodes.length]);
    const oldLogProbs = tf.zeros([episodes.length]);
${batch}
    return { states, actions, returns, advantages, oldLogProbs };
  }
  train(episodes: number[][]) {
    this.update(this.prepareBatch(episodes));
  }
  private update(batch: { states: tf.Tensor; actions: tf.Tensor; returns: tf.Tensor; advantages: tf.Tensor; oldLogProbs: tf.Tensor }) {
    const f = (): tf.Scalar => {
      const [policyOutput, valueOutput] = this.network.predict(batch.states) as [tf.Tensor, tf.Tensor];
${losses}
      return tf.add(policyLoss, valueLoss) as tf.Scalar;
    };
    const { grads } = tf.variableGrads(f);
    this.optimizer.applyGradients(grads);
  }
}
`;
const body = `        const mask = tf.oneHot(batch.actions, 4);
        const newLogProbs = tf.log(tf.add(tf.sum(tf.mul(policyOutput, mask), -1), 1e-8));
        const ratio = tf.exp(tf.sub(newLogProbs, batch.oldLogProbs));
        const clipped = tf.clipByValue(ratio, 0.8, 1.2);
        const policyLoss = tf.neg(tf.mean(tf.minimum(tf.mul(batch.advantages, ratio), tf.mul(batch.advantages, clipped))));
        const valueLoss = tf.mean(tf.square(tf.sub(valueOutput, batch.returns)));`;
const tidied = `      const { policyLoss, valueLoss } = tf.tidy(() => {
${body}
        return { policyLoss, valueLoss };
      });`;
const filled = `    episodes.forEach((e, i) => {
      advantages.bufferSync().set(e[2], i);
      oldLogProbs.bufferSync().set(e[3], i);
    });`;
const kinks = (text) => lint.lintText(text, 'agent.ts').diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.message.slice(0, 4));

test('losses destructured from the object a tf.tidy returns are read, with their kinks', () => {
  assert.deepEqual(kinks(agent(tidied, filled)), ['clip', 'min(']);
});

test('advantages made with tf.zeros and filled through a buffer are data, not zero', () => {
  // Written in place, with the buffer: the PPO clip and min are found.
  assert.deepEqual(kinks(agent(body, filled)), ['clip', 'min(']);
  // Never filled, the advantages are zero and the min of 0 and 0 has no kink: nothing to report.
  assert.deepEqual(kinks(agent(body, '')), []);
});
