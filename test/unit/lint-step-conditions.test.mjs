// A training step under a flag (`if (useOneHot) optimizer.minimize(() => softmaxCrossEntropy(…))`) runs with the
// model built under the same flag (`if (useOneHot) model.add(dense(k, 'softmax')) else model.add(dense(1))`), never
// with the other way's head (fileReader.ts minimizeSite: the step's enclosing conditions, as a compile's).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const am = (r) => r.diagnostics.filter((d) => d.code === 'activation-mismatch');

const script = (oneHotLoss, plainLoss = 'loss(model.predict(xs), ys)') => `const useOneHot = false;
const model = tf.sequential();
model.add(tf.layers.dense({ units: 32, inputShape: [8], activation: 'relu' }));
if (useOneHot) {
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
} else {
  model.add(tf.layers.dense({ units: 1 }));
}
const loss = (pred, label) => pred.sub(label).square().mean();
const optimizer = tf.train.adam(0.01);
async function train(xs, ys) {
  for (let e = 0; e < 100; e++) {
    if (useOneHot) {
      optimizer.minimize(() => ${oneHotLoss});
    } else {
      optimizer.minimize(() => ${plainLoss});
    }
  }
}
`;

test('a step under a flag meets only the head built under the same flag', () => {
  const r = lint.lintText(script('tf.losses.softmaxCrossEntropy(ys, model.predict(xs))'), 'script.js');
  const found = am(r);
  // Softmax head with a logits loss: applied twice. The one-unit linear head is not this step's.
  assert.equal(found.length, 1, JSON.stringify(found.map((d) => d.message)));
  assert.match(found[0].message, /applied twice/);
  assert.doesNotMatch(found[0].message, /over 1 logit/);
});

test('the other branch\'s step meets only the other head', () => {
  // Under the else, a binary cross-entropy on the one-unit linear head is a mismatch; the softmax head is not met.
  const r = lint.lintText(script('tf.losses.softmaxCrossEntropy(ys, model.predict(xs))', 'tf.losses.logLoss(ys, model.predict(xs))'), 'script.js');
  const messages = am(r).map((d) => d.message);
  assert.equal(messages.filter((m) => /logLoss|log loss/i.test(m)).length, 1, JSON.stringify(messages));
  assert.ok(!messages.some((m) => /softmax output trained with logLoss|softmax.*logLoss/i.test(m)), JSON.stringify(messages));
});

test('a step outside any flag still meets every way', () => {
  const r = lint.lintText(script('tf.losses.softmaxCrossEntropy(ys, model.predict(xs))').replace('if (useOneHot) {\n      optimizer', '{\n      optimizer'), 'script.js');
  assert.ok(am(r).some((d) => /over 1 logit/.test(d.message)), JSON.stringify(am(r).map((d) => d.message)));
});
