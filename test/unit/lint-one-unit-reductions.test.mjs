// A max over the last axis of a one-unit model's output is the value itself (a DDPG critic's `predict([s, a]).max(-1)`,
// copied from a DQN's Q-values): no kink where elements tie, since there is one (perElement.ts). holdout399's DDPG; a
// Q-network with one unit per action keeps its max's kink.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const text = (units) => `import * as tf from '@tensorflow/tfjs';
function critic() {
  const state = tf.input({ shape: [4] });
  const action = tf.input({ shape: [2] });
  let h = tf.layers.concatenate().apply([state, action]);
  h = tf.layers.dense({ units: 64, activation: 'relu' }).apply(h);
  const q = tf.layers.dense({ units: ${units} }).apply(h);
  return tf.model({ inputs: [state, action], outputs: q });
}
const net = critic();
const optimizer = tf.train.adam(1e-3);
export function trainActor(states, actions) {
  optimizer.minimize(() => {
    const qs = net.predict([states, actions]).max(-1);
    return qs.mean().neg();
  });
}
`;

const kinks = (t) => {
  const r = lint.lintText(t, '/src/ddpg.js');
  assert.equal(r.internalError, undefined);
  return r.diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line);
};

test('max(-1) of a one-unit critic is the value: no kink', () => {
  assert.deepEqual(kinks(text(1)), []);
});

test('max(-1) over three units keeps its kink where they tie', () => {
  assert.deepEqual(kinks(text(3)), [14]);
});
