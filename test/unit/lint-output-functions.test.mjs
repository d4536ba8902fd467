// A method of another module's object given the model's output in a training step (`nn.ssim2d(batch, out)`,
// `dist.logProb(out)`) is a function of the output the lint cannot see into (translateCalls.ts): its range is unknown,
// so a hazard of its value alone (the log of an SSIM) is not reported, while the kinks of the loss made from it (a PPO
// clip of the ratio) are.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const found = (text) => lint.lintText(text, 'train.ts').diagnostics.map((d) => `${d.line}: ${d.code}`);

test('the log of an SSIM an imported module computes from the output is not taken for a log of a probability', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
import * as nn from './nn';
export function step(opt: tf.Optimizer, decode: (z: tf.Tensor) => tf.Tensor4D, z: tf.Tensor, batch: tf.Tensor4D) {
  return opt.minimize(() => {
    const out = decode(z);
    return tf.add(tf.losses.logLoss(batch, out).mul(2), nn.ssim2d(batch, out, 11).mean().log().neg()).div(2) as tf.Scalar;
  });
}
`;
  assert.deepEqual(found(text), []);
});

test("a PPO ratio made from a distribution's log-probability of the output still has its clip's kinks", () => {
  const text = `import * as tf from '@tensorflow/tfjs';
export function step(opt: tf.Optimizer, actor: tf.LayersModel, dist: any, states: tf.Tensor, actions: tf.Tensor, oldLogProbs: tf.Tensor, advantages: tf.Tensor) {
  return opt.minimize(() => {
    const logits = actor.predict(states) as tf.Tensor;
    const ratio = tf.exp(dist.logProb(logits, actions).sub(oldLogProbs));
    const clipped = tf.clipByValue(ratio, 0.8, 1.2);
    return tf.minimum(ratio.mul(advantages), clipped.mul(advantages)).mean().neg() as tf.Scalar;
  });
}
`;
  const codes = found(text);
  assert.ok(codes.includes('6: non-differentiable') && codes.includes('7: non-differentiable'), codes.join('\n'));
  assert.ok(!codes.some((c) => /log-of-zero/.test(c)), codes.join('\n'));
});
