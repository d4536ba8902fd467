// The exp of a VAE's log-variance outside every loss the lint reads (a sampling layer's call(), a lambda layer).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const exps = (r) => r.diagnostics.filter((d) => d.code === 'exp-overflow');

const layer = (body) => `${HEADER}class Sampling extends tf.layers.Layer {
  call(inputs) {
    return tf.tidy(() => {
      const [zMean, zLogVar] = inputs;
      const epsilon = tf.randomNormal(zMean.shape);
      ${body}
    });
  }
  static get className() { return 'Sampling'; }
}
`;

test("a sampling layer's exp of the log-variance it is given overflows: reported with a clip as the fix", () => {
  for (const body of [
    'return zMean.add(zLogVar.mul(0.5).exp().mul(epsilon));',
    'return tf.add(zMean, tf.mul(tf.exp(tf.mul(zLogVar, 0.5)), epsilon));',
    'const half = tf.scalar(0.5);\n      return zMean.add(zLogVar.mul(half).exp().mul(epsilon));',
  ]) {
    const text = layer(body);
    const [d, ...rest] = exps(lint.lintText(text, 'vae.js'));
    assert.ok(d && rest.length === 0, body);
    assert.match(d.message, /zLogVar, which nothing bounds: it overflows to Infinity once zLogVar passes 177/);
    const fixed = lint.applySourceEdits(text, d.fixes[0].edits);
    assert.match(fixed, /tf\.clipByValue\(zLogVar, -10, 10\)/);
    assert.deepEqual(exps(lint.lintText(fixed, 'vae.js')), []);
  }
  // float16 (WebGL phones) overflows far sooner.
  const half = exps(lint.lintText(layer('return zMean.add(zLogVar.mul(0.5).exp().mul(epsilon));'), 'vae.js', { precision: 'float16' }));
  assert.match(half[0].message, /passes 22\.2/);
});

test('no report where the code bounds the value or does not say it is a log-variance', () => {
  for (const body of [
    'const logVar = tf.clipByValue(zLogVar, -10, 10);\n      return zMean.add(logVar.mul(0.5).exp().mul(epsilon));',
    'const logStd = zLogVar;\n      return zMean.add(logStd.exp().mul(epsilon));',
    'return zMean.add(zLogVar.mul(-0.5).exp().mul(epsilon));',
  ]) assert.deepEqual(exps(lint.lintText(layer(body), 'vae.js')), [], body);
});

test('an exp inside a loss the lint reads is the analysis\'s, not reported twice', () => {
  const text = `${HEADER}export function klLoss(zMean, zLogVar) {
  return tf.mul(-0.5, tf.mean(tf.sub(tf.add(1, zLogVar), tf.add(tf.square(zMean), tf.exp(zLogVar)))));
}
`;
  // One finding, the loss analysis's own (its message speaks of the prediction), not a second from the probe.
  const found = exps(lint.lintText(text, 'kl.js'));
  assert.deepEqual(found.map((d) => d.line), [3]);
  assert.doesNotMatch(found[0].message, /nothing bounds/);
});
