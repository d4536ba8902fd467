// A closure of no parameters given to a training method of an object from another module (`network.trainPolicy(() =>
// …)`, a network class that runs the optimizer) is the loss it trains on; that object's own methods inside it give
// the outputs (siteDiscovery.ts trainingMethodSteps, modelOutputs.ts onTrainedObject).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const read = (text) => {
  const r = lint.lintText(text, 'agent.js');
  return { found: r.diagnostics.map((d) => `${d.line}: ${d.code}`), sites: r.sites.map((s) => `${s.kind} ${s.via}`) };
};

const agent = (step, returned = 'return minAdvantage.minimum(ratio.mul(advantages)).mean().neg();') => `import tf from '@tensorflow/tfjs';
export function trainOnBuffer(network, observations, actions, advantages, logprobabilities, clip) {
  const minAdvantage = tf.where(advantages.greater(0), advantages.mul(1 + clip), advantages.mul(1 - clip));
  ${step}(() => {
    const ratio = tf.sum(tf.oneHot(actions, 4).mul(tf.softmax(network.actions(observations))), 1).sub(logprobabilities).exp();
    ${returned}
  });
}
`;

test("PPO's clipped surrogate handed to network.trainPolicy is read: the minimum's kink is found", () => {
  const r = read(agent('network.trainPolicy'));
  assert.deepEqual(r.sites, ['minimize network.trainPolicy']);
  assert.deepEqual(r.found, ['6: non-differentiable']);
});

test('a callback that returns nothing is no loss, and a method the file defines is read where it uses the closure', () => {
  assert.deepEqual(read(agent('network.trainPolicy', 'console.log(ratio);')).sites, []);
  assert.deepEqual(read(agent('network.summarize')).sites, []);
});

test("a private field keeps its name (this.#clipRatio is a clip ratio, 0.2), so the surrogate's clip is found", () => {
  const text = `import tf from '@tensorflow/tfjs';
function logProbabilities(logits, action) {
  return tf.sum(tf.oneHot(action, 4).mul(tf.softmax(logits)), 1);
}
export class Agent {
  #clipRatio = 0.2;
  trainOnBuffer(network, buffer) {
    const [observations, actions, advantages, logprobabilities] = buffer.tensors();
    const minAdvantage = tf.tidy(() => {
      const clip = tf.scalar(this.#clipRatio);
      return tf.where(advantages.greater(tf.zerosLike(advantages)), clip.add(1).mul(advantages), clip.neg().add(1).mul(advantages));
    });
    network.trainPolicy(() => {
      const ratio = logProbabilities(network.actions(observations), actions).sub(logprobabilities).exp();
      return minAdvantage.minimum(ratio.mul(advantages)).mean().neg();
    });
  }
}
`;
  assert.deepEqual(read(text).found, ['15: non-differentiable']);
});
