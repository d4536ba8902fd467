// A forward pass written by hand as a loop over layers (Core-API code's small MLP) is the model's output in a training
// step, as model.predict is: the PPO and SAC losses around it are read, and what it computes before the step is data.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const NET = `let actor = null, q1 = null, q2 = null;
function fwd(v, x) {
  let a = x;
  for (let l = 0; l < v.Ws.length; l++) {
    a = tf.matMul(a, v.Ws[l], false, true).add(v.bs[l]);
    if (l < v.Ws.length - 1) a = tf.tanh(a);
  }
  return a;
}
function qFwd(v, obs, act) {
  return fwd(v, tf.concat([obs, act], 1)).reshape([-1]);
}
`;
const kinks = (text) => lint.lintText(text, 'w.js').diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line);

test('a PPO loss on a loop-of-layers actor: the clip and the min are found', () => {
  const text = `${HEADER}${NET}export function ppoStep(opt, obs, act, logp, adv, clip, vars) {
  opt.minimize(() => {
    const mu = fwd(actor, obs);
    const ratio = tf.exp(act.sub(mu).square().mul(-0.5).sum(1).sub(logp));
    const clipped = tf.clipByValue(ratio, 1 - clip, 1 + clip);
    return tf.minimum(ratio.mul(adv), clipped.mul(adv)).mean().neg();
  }, false, vars);
}
`;
  assert.deepEqual(kinks(text), [18, 19]);
  const site = lint.lintText(text, 'w.js').sites.find((s) => s.kind === 'minimize');
  assert.equal(site.unreadable, undefined);
});

test("SAC: the twin critics' min in the actor loss is a kink; the bootstrap target computed in tf.tidy before the step is data", () => {
  const text = `${HEADER}${NET}export function sacStep(optCritic, optActor, obs, act, rew, obs2, actorVars, criticVars) {
  const y = tf.tidy(() => rew.add(tf.minimum(qFwd(q1, obs2, act), qFwd(q2, obs2, act)).mul(0.99)));
  optCritic.minimize(() => qFwd(q1, obs, act).sub(y).square().mean(), false, criticVars);
  optActor.minimize(() => {
    const a = tf.tanh(fwd(actor, obs));
    return tf.minimum(qFwd(q1, obs, a), qFwd(q2, obs, a)).mean().neg();
  }, false, actorVars);
}
`;
  const r = lint.lintText(text, 'w.js');
  const [critic, actorSite] = r.sites.filter((s) => s.kind === 'minimize');
  // The target's own min is not the critic loss's: it was computed before the tape.
  assert.doesNotMatch(critic.expression, /min/);
  assert.deepEqual(kinks(text), [19]);
  assert.match(actorSite.expression, /min\(/);
});

test('a loop that sums products of other tensors (a weight penalty) is not a network: the prediction stays the one the step makes', () => {
  const sum = `${HEADER}const w = tf.variable(tf.randomNormal([4, 1]));
const weights = [w];
function regularization() {
  let r = tf.scalar(0);
  for (const k of weights) r = r.add(tf.sum(tf.matMul(k, k, true)));
  return r;
}
export function step(opt, xs, ys) {
  opt.minimize(() => tf.mean(tf.abs(ys.sub(xs.matMul(w)))).add(regularization()));
}
`;
  const site = lint.lintText(sum, 'r.js').sites.find((s) => s.kind === 'minimize');
  // Not taken for the model's output: the prediction is still xs.matMul(w), whose L1 kink is found.
  assert.deepEqual(kinks(sum), [10]);
  assert.ok(site);
});
