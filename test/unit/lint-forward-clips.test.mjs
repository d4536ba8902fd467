// A clip of a model's output inside a forward pass that a gradient closure of the file runs (a SAC actor network class
// clamping its log-std head, `this.actor.forward(obs, true)` in the actor's loss): the clip's kinks are on the loss's
// path, though the loss reads the other class's method as an output of its own (forwardClips.ts). holdout377's and
// holdout398's SAC agents; an actor the file never differentiates, and a probability guard, stay silent.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const sac = ({ bounds = 'logStdMin, logStdMax', step = 'tf.variableGrads(actorObjective)' } = {}) => `import * as tf from '@tensorflow/tfjs';
const logStdMin = -20;
const logStdMax = 2;
class ActorNetwork {
  constructor(net, actions) {
    this.net = net;
    this.muLayer = tf.layers.dense({ units: actions });
    this.logStdLayer = tf.layers.dense({ units: actions });
  }
  forward(observation, withLogProb) {
    const out = this.net.apply(observation);
    const mu = this.muLayer.apply(out);
    let logStd = this.logStdLayer.apply(out);
    logStd = tf.clipByValue(logStd, ${bounds});
    const std = tf.exp(logStd);
    const sample = mu.add(tf.randomNormal(mu.shape).mul(std));
    const logProb = withLogProb ? sample.sub(mu).div(std).square().add(logStd.mul(2)).mul(-0.5).sum(1) : undefined;
    return { sample: tf.tanh(sample), logProb };
  }
}
export class Learner {
  constructor(net, critic, actions) {
    this.actor = new ActorNetwork(net, actions);
    this.critic = critic;
    this.optimizer = tf.train.adam(3e-4);
  }
  update(observation) {
    const actorObjective = () => {
      const { sample, logProb } = this.actor.forward(observation, true);
      const q = this.critic.predict([observation, sample]);
      return logProb.mul(0.2).sub(q).mean();
    };
    const { grads } = ${step};
    this.optimizer.applyGradients(grads);
  }
}
`;

const kinks = (t) => {
  const r = lint.lintText(t, '/src/learning.js');
  assert.equal(r.internalError, undefined);
  return r.diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => `${d.line}: ${d.message}`);
};

test("a SAC actor's log-std clip in the forward pass its differentiated objective runs: a kink on the loss's path", () => {
  assert.deepEqual(kinks(sac()), ['14: clip(logStd, -20, 2) has a kink at logStd = -20: the gradient jumps there.']);
});

test('the same actor when the file differentiates nothing that runs it: silent', () => {
  assert.deepEqual(kinks(sac({ step: 'this.remote.gradients(observation)' })), []);
});

test('a clip keeping a probability off 0 and 1 is a guard: silent', () => {
  assert.deepEqual(kinks(sac({ bounds: '1e-7, 1 - 1e-7' })), []);
});
