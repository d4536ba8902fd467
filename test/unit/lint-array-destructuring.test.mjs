import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";

const siteAt = (r, kind) => r.sites.find((s) => s.kind === kind);

test('elements destructured from a helper that returns an array (through tf.tidy, or another helper) are read', () => {
  const text = `${HEADER}const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [4] }));
const optimizer = tf.train.adam();
class Policy {
  logitsAndActions(inputs: tf.Tensor) {
    return tf.tidy(() => {
      const logits = model.predict(inputs) as tf.Tensor;
      const actions = tf.multinomial(tf.concat([tf.sigmoid(logits), tf.sub(1, tf.sigmoid(logits))], 1), 1);
      return [logits, actions];
    });
  }
  step(inputs: tf.Tensor, labels: tf.Tensor) {
    return tf.variableGrads(() => {
      const [logits, actions] = this.logitsAndActions(inputs);
      return tf.losses.sigmoidCrossEntropy(labels, logits).asScalar();
    });
  }
}`;
  const r = lint.lintText(text, 'policy.ts');
  const site = r.sites.find((s) => s.kind === 'minimize');
  assert.equal(site.unreadable, undefined);
  assert.match(site.expression, /log\(1 \+ exp\(-abs\(yPred\)\)\)/);
  // An array that is not written out in the helper stays unread, and says why.
  const opaque = lint.lintText(text.replace('return [logits, actions];', 'const out = [logits, actions];\n      return out;'), 'policy.ts');
  assert.match(opaque.sites.find((s) => s.kind === 'minimize').unreadable, /logits: destructuring is not followed/);
});

test("a helper that returns another helper's array gives that helper's element; the loss is read on the output it mentions", () => {
  const text = `${HEADER}const w = tf.variable(tf.randomNormal([4, 1]));
const g = tf.variable(tf.randomNormal([2, 4]));
const dOpt = tf.train.sgd(0.1);
const gOpt = tf.train.sgd(0.1);
function discriminate(xs: tf.Tensor) {
  const logits = xs.matMul(w);
  return [logits, tf.sigmoid(logits)];
}
function discriminateFake(zs: tf.Tensor) {
  return discriminate(tf.tanh(zs.matMul(g)));
}
function train(real: tf.Tensor, zs: tf.Tensor) {
  dOpt.minimize(() => {
    const [logitsReal] = discriminate(real);
    return tf.losses.sigmoidCrossEntropy(tf.onesLike(logitsReal), logitsReal);
  }, true, [w]);
  gOpt.minimize(() => {
    const [logitsFake, probsFake] = discriminateFake(zs);
    return tf.neg(tf.mean(tf.log(probsFake)));
  }, true, [g]);
}`;
  const r = lint.lintText(text, 'gan.ts');
  const steps = r.sites.filter((s) => s.kind === 'minimize');
  assert.equal(steps.length, 2);
  for (const s of steps) assert.equal(s.unreadable, undefined, s.unreadable);
  assert.match(steps[1].expression, /^-log\(sigmoid\(yPred_\d\)\)$/);
});

test("a multi-output loss destructures its prediction and target: each output, and an output's own outputs, is a part", () => {
  const text = `${HEADER}export function vaeLoss(yTrue: tf.Tensor[], yPred: any) {
  const [onTrue, velTrue] = yTrue;
  const [zMean, zLogVar, decoded] = yPred;
  const [on, vel] = decoded;
  const recon = tf.metrics.binaryCrossentropy(onTrue, on).add(tf.losses.meanSquaredError(velTrue, vel));
  const kl = tf.mul(-0.5, tf.sum(tf.sub(tf.sub(tf.add(1, zLogVar), tf.square(zMean)), tf.exp(zLogVar)), -1));
  return tf.mean(recon.add(kl));
}`;
  const r = lint.lintText(text, 'vae.ts');
  const site = r.sites.find((s) => s.name === 'vaeLoss');
  assert.equal(site.unreadable, undefined);
  assert.equal(site.wrt, 'yPred_2_0');
  for (const part of ['yPred_2_1', 'yPred_1', 'yPred_0', 'yTrue_2']) assert.match(site.expression, new RegExp(`\\b${part}\\b`), part);
  assert.ok(r.diagnostics.some((d) => d.code === 'exp-overflow' && d.line === 7), 'exp of the log-variance');
});
