import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const kinkLines = (r) => r.diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line - 1);

// A PPO written as in a class: the model outputs destructured above the gradient call, the loss computed there.
const ppo = (gradients) => `${HEADER}export class PPO {
  private model: tf.LayersModel | null = null;
  private config = { clipRatio: 0.2 };
  update(states: tf.Tensor, actions: tf.Tensor, oldLogProbs: tf.Tensor, advantages: tf.Tensor) {
    return tf.tidy(() => {
      const [policy, values] = this.model!.predict(states) as [tf.Tensor, tf.Tensor];
      const logProbs = tf.log(tf.add(tf.gather(policy, actions, 1), 1e-8));
      const ratios = tf.exp(tf.sub(logProbs, oldLogProbs));
      const clipped = tf.clipByValue(ratios, 1 - this.config.clipRatio, 1 + this.config.clipRatio);
      const policyLoss = tf.neg(tf.mean(tf.minimum(tf.mul(ratios, advantages), tf.mul(clipped, advantages))));
      ${gradients}
    });
  }
}`;

test('a loss computed above the gradient call from destructured model outputs is read there', () => {
  const r = lint.lintText(ppo('return tf.variableGrads(() => policyLoss as tf.Scalar);'), 'ppo.ts');
  const step = r.sites.find((s) => s.kind === 'minimize');
  assert.equal(step.unreadable, undefined);
  assert.equal(step.wrt, 'policy');
  assert.deepEqual(kinkLines(r), [9, 10], 'the clip and the min');
});

test("a method named as a forward pass's variant on a model runs the model (modelNew.applyWithPadMask); on data it does not", () => {
  const step = (receiver) => `${HEADER}const optimizer = tf.train.adam();
export function step(${receiver}: any, x: tf.Tensor, logpOld: tf.Tensor, adv: tf.Tensor) {
  optimizer.minimize(() => {
    const logp = tf.logSoftmax(${receiver}.applyWithPadMask(x, tf.onesLike(x)) as tf.Tensor);
    const ratio = tf.exp(tf.sub(logp, logpOld));
    return tf.neg(tf.mean(tf.minimum(tf.mul(ratio, adv), tf.mul(tf.clipByValue(ratio, 0.8, 1.2), adv))));
  });
}`;
  const read = lint.lintText(step('modelNew'), 'a.ts');
  assert.equal(read.sites.find((s) => s.kind === 'minimize').unreadable, undefined);
  assert.deepEqual(kinkLines(read), [6, 6]);
  assert.match(lint.lintText(step('dataset'), 'a.ts').sites.find((s) => s.kind === 'minimize').unreadable ?? '', /cannot tell which value is the model output/);
});

test('a tensor made from values the lint cannot read is data; an imported setting is a setting, an imported EPSILON a fuzz factor', () => {
  const text = `${HEADER}import { MAX_ITEMS, EPSILON } from './config';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, inputShape: [3], activation: 'softmax' }));
const optimizer = tf.train.sgd(0.1);
export function step(xs: tf.Tensor, ys: tf.Tensor, valid: number[]) {
  optimizer.minimize(() => {
    const mask = tf.tensor2d(valid.map(() => Array.from({ length: MAX_ITEMS }, (_, i) => (i < 2 ? 0 : 1))));
    const p = (model.predict(xs) as tf.Tensor).mul(mask).clipByValue(EPSILON, 1 - EPSILON);
    return tf.neg(tf.mean(ys.mul(tf.log(p)).mul(MAX_ITEMS)));
  });
}`;
  const r = lint.lintText(text, 'a.ts');
  const s = r.sites.find((x) => x.kind === 'minimize');
  assert.equal(s.unreadable, undefined);
  assert.match(s.expression, /mask/);
  assert.match(s.expression, /MAX_ITEMS/);
  // The clip to [EPSILON, 1 - EPSILON] guards the log as a literal 1e-7 would: no kink, no log(0).
  assert.deepEqual(r.diagnostics.map((d) => d.code), []);
});
