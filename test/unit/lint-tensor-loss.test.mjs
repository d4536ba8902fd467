// The loss given to model.compile() is the tensor a tf.losses function computed (`const tdLoss =
// tf.losses.meanSquaredError(outputs, target); model.compile({ loss: tdLoss })`): TF.js takes it for a dictionary of
// losses per output and throws (compileSite.ts, frameworkLoss.ts). The real TF.js is the oracle.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { lint } from './lint-support.mjs';

const require = createRequire(import.meta.url);

const text = `const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [4], units: 2 }));
async function learn(xs, ys) {
  const tdLoss = tf.losses.meanSquaredError(ys, model.predict(xs));
  model.compile({ optimizer: tf.train.adam(0.001), loss: tdLoss });
  await model.fit(xs, ys);
}
module.exports = { learn };
`;

test('TF.js throws when compile is given a computed loss tensor, and trains with the fix', () => {
  const tf = require('@tensorflow/tfjs');
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 2 }));
  assert.throws(() => model.compile({ optimizer: 'adam', loss: tf.losses.meanSquaredError(tf.zeros([1, 2]), tf.ones([1, 2])) }), /Unknown entry in loss dictionary/);
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
});

test('the tensor given as the loss is an unknown-loss error at the compile, fixed by the loss name', () => {
  const r = lint.lintText(text, 'dqn.js');
  assert.deepEqual(r.diagnostics.map((d) => `${d.line}: ${d.code} ${d.severity}`), ['6: unknown-loss error']);
  assert.match(r.diagnostics[0].message, /tensor tf\.losses\.meanSquaredError\(…\) computes/);
  const fixed = lint.applySourceEdits(text, r.diagnostics[0].fixes[0].edits);
  assert.match(fixed.split('\n')[5], /loss: 'meanSquaredError'/);
  assert.deepEqual(lint.lintText(fixed, 'dqn.js').diagnostics, []);
});
