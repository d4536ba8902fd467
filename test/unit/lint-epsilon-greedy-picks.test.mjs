// A policy loss that takes the log of the probability of an epsilon-greedy action: `actions = tf.where(explore,
// tf.randomUniformInt(…), logits.argMax(2))`, then `logits.mul(tf.oneHot(actions, k)).sum(2).log()`. The action is the
// greedy one or a random one, so the probability picked may be any entry of the softmax, which reaches 0 once it
// saturates: the log is unguarded (holdout267's car-policy networks). The mask is a 0/1 selection without a gradient
// (argMaxMasks.ts isIndexChoice); before, `.argMax()` was an unknown function of the output and the pick went unread.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const policy = (actions) => `import * as tf from '@tensorflow/tfjs';
const network = tf.sequential();
network.add(tf.layers.dense({ units: 4, activation: 'softmax', inputShape: [8] }));
const optimizer = tf.train.adam();
export function update(states, rewards, E) {
  optimizer.minimize(() => {
    const probs = network.predict(states);
    const best = probs.argMax(1);
    ${actions}
    const logProbs = probs.mul(tf.oneHot(actions, 4)).sum(1).log();
    return tf.mul(rewards, logProbs).mean().neg();
  });
}
`;

const logs = (text) => lint.lintText(text, 'policy.js').diagnostics.filter((d) => d.code === 'log-of-zero');

test('the log of an epsilon-greedy action\'s probability can reach log(0)', () => {
  const found = logs(policy(`const explore = tf.less(tf.randomUniform([8]), E);
    const actions = tf.where(explore, tf.randomUniformInt([8], 0, 4), best);`));
  assert.equal(found.length, 1);
  assert.equal(found[0].line, 11);
});

test('random indices drawn as int32 from randomUniform are such a choice too', () => {
  assert.equal(logs(policy(`const actions = tf.where(tf.less(tf.randomUniform([8]), E), tf.randomUniform([8], 0, 4, 'int32'), best);`)).length, 1);
});

test('the greedy action alone picks the largest probability, at least 1/k: no log(0)', () => {
  assert.deepEqual(logs(policy('const actions = best;')), []);
});
