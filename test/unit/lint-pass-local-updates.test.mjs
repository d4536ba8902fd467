// A name a loop's pass declares and then sets anew from itself (`let advantage = rewards.sub(values); advantage =
// advantage.sub(mean).div(std)`, advantages normalised per step) is read in order, like any statement of the pass
// (translateLoops.ts): the PPO objective summed over the steps after it is read, and its clip's kink found.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const found = (text) => lint.lintText(text, 'train.js').diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line);

const trainer = (normalise) => `const tf = require('@tensorflow/tfjs');
class Trainer {
  computeLoss(history, model) {
    let policyGain = tf.scalar(0);
    for (const step of history) {
      const live = model.predict(step.state);
      let advantage = step.rewards.sub(step.values);
      ${normalise}
      const lhs = live.div(step.pastProb.add(1e-8));
      const rhs = advantage.sign().mul(0.2).add(1);
      const min = tf.minimum(lhs.mul(advantage), rhs.mul(advantage));
      policyGain = policyGain.add(min.mean(-1));
    }
    return policyGain.div(history.length).neg();
  }
}
module.exports = Trainer;
`;

test('an advantage normalised in the pass that declared it is read, and the PPO minimum found', () => {
  assert.deepEqual(found(trainer('{ const mean = advantage.mean(-1); advantage = advantage.sub(mean).div(advantage.sub(mean).square().mean(-1).sqrt().add(1e-8)); }')), [11]);
  assert.deepEqual(found(trainer('')), [11]);
});
