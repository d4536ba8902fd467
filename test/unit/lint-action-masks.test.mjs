// An action mask added to a policy's logits is 0 for every action it keeps: the loss is read without it, so the
// kinks of the PPO clip and min around it are found where the kept actions' probabilities put them.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const ppo = (maskedLogits) => `${HEADER}export class Agent {
  model: tf.LayersModel;
  optimizer = tf.train.adam(1e-3);
  epsilon = 0.2;
  train(states: tf.Tensor, masks: tf.Tensor, legal: tf.Tensor, oldProbs: tf.Tensor, actions: number[], rewards: tf.Tensor) {
    this.optimizer.minimize(() => {
      const output: any = this.model.predict(states);
      const logits = output[0];
      const values = output[1];
      const probs = tf.softmax(${maskedLogits});
      const advantages = rewards.sub(values).flatten();
      const probOfAction = tf.sum(probs.mul(tf.oneHot(actions, 4)), 1);
      const ratio = probOfAction.div(oldProbs);
      const surr1 = ratio.mul(advantages);
      const surr2 = ratio.clipByValue(1 - this.epsilon, 1 + this.epsilon).mul(advantages);
      return tf.mean(tf.minimum(surr1, surr2)).neg() as tf.Scalar;
    });
  }
}
`;
const kinkLines = (text) => lint.lintText(text, 'agent.ts').diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line);

test('a masked PPO loss has the kinks of its clip and its min, as the unmasked one does', () => {
  const plain = kinkLines(ppo('logits'));
  assert.deepEqual(plain, [16, 17]);
  for (const masked of ['logits.add(masks.mul(tf.scalar(-1e9)))', 'tf.add(logits, tf.mul(masks, -1e9))', 'logits + (1 - legal) * -1e10', 'logits.sub(masks.mul(1e9))']) {
    assert.deepEqual(kinkLines(ppo(masked)), plain, masked);
  }
  // The mask is left out of the formula, not kept as a term of 0.
  const site = lint.lintText(ppo('logits.add(masks.mul(tf.scalar(-1e9)))'), 'agent.ts').sites.find((s) => s.kind === 'minimize');
  assert.doesNotMatch(site.expression, /masks|1e9|\+ 0/);
});

test('a large weight on a term that is not a mask is part of the loss', () => {
  const text = `${HEADER}const w = tf.variable(tf.randomNormal([4, 1]));
export function step(xs, ys, penaltyTerm) {
  tf.train.sgd(0.1).minimize(() => tf.mean(tf.abs(ys.sub(xs.matMul(w)))).add(penaltyTerm.mul(1e6)));
}
`;
  const site = lint.lintText(text, 'a.js').sites.find((s) => s.kind === 'minimize');
  assert.match(site.expression, /penaltyTerm|1e\+?6|1000000/);
  // A small multiplier on a mask-named tensor is not a mask either (a weighted term).
  const weighted = text.replace('penaltyTerm.mul(1e6)', 'penaltyTerm.mul(0.5)').replaceAll('penaltyTerm', 'maskLoss');
  assert.match(lint.lintText(weighted, 'a.js').sites.find((s) => s.kind === 'minimize').expression, /maskLoss/);
});
