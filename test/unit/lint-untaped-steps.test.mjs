// A training step whose model ran before the function given to it (the loss computed first, then
// `optimizer.minimize(() => loss)`): TF.js records gradients only of what that function computes, so the step throws.
// Real TF.js (CPU backend) runs every case: the lint reports no-gradient exactly where TF.js throws, and the fixed form
// (the model call inside the function) trains.
import test from 'node:test';
import assert from 'node:assert/strict';
import { loadTf } from '../oracle/tfjs/lossOracle.mjs';
import { lint } from './lint-support.mjs';

const MODEL = `const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2], activation: 'softmax' })] });
const xs = tf.tensor2d([[0, 1], [1, 0], [1, 1], [0, 0]]);
const ys = tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), 3);
const optimizer = tf.train.sgd(0.1);
`;

/** Each case: the step's code, and whether TF.js throws (and so the lint should report no-gradient). */
const CASES = [
  { name: 'minimize of a loss computed before', throws: true, code: `const loss = tf.losses.softmaxCrossEntropy(ys, tf.log(tf.add(model.predict(xs), 1e-7)));
optimizer.minimize(() => loss);` },
  { name: 'minimize of a loss made inside from a prediction made before', throws: true, code: `const probs = model.predict(xs);
optimizer.minimize(() => tf.neg(tf.mean(tf.sum(tf.mul(ys, tf.log(tf.add(probs, 1e-7))), 1))));` },
  { name: 'tf.variableGrads inside one tf.tidy with the forward pass', throws: true, code: `tf.tidy(() => {
  const probs = model.predict(xs);
  const loss = tf.neg(tf.mean(tf.sum(tf.mul(ys, tf.log(tf.add(probs, 1e-7))), 1)));
  const { grads } = tf.variableGrads(() => loss);
  optimizer.applyGradients(grads);
});` },
  { name: 'tf.grads of a closure over the loss', throws: true, code: `const probs = model.predict(xs);
const loss = tf.neg(tf.mean(tf.sum(tf.mul(ys, tf.log(tf.add(probs, 1e-7))), 1)));
const grads = tf.grads((w) => loss)(model.getWeights());` },
  { name: 'minimize of a loss a helper computed before (the helper runs the model)', throws: true, code: `function computeLoss(m, x, y) {
  return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(tf.add(m.predict(x), 1e-7))), 1)));
}
const loss = computeLoss(model, xs, ys);
optimizer.minimize(() => loss);` },
  { name: 'tf.variableGrads of a loss a method computed before (a PPO trainer)', throws: true, code: `class Trainer {
  computeLoss(m, batch) { return tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(batch.ys, tf.log(tf.add(m.predict(batch.xs), 1e-7))), 1)))); }
  train(m, batches) {
    for (const batch of batches) {
      const loss = this.computeLoss(m, batch);
      const { grads } = tf.variableGrads(() => loss);
      optimizer.applyGradients(grads);
    }
  }
}
new Trainer().train(model, [{ xs, ys }]);` },
  { name: 'the fix: the helper called inside the step', throws: false, code: `function computeLoss(m, x, y) {
  return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(tf.add(m.predict(x), 1e-7))), 1)));
}
const first = computeLoss(model, xs, ys);
optimizer.minimize(() => computeLoss(model, xs, ys));` },
  { name: 'a temperature listed and read inside, the model run before (a SAC alpha loss)', throws: false, code: `const logAlpha = tf.variable(tf.scalar(0));
const logp = tf.log(tf.add(model.predict(xs), 1e-7));
const { grads } = tf.variableGrads(() => tf.neg(tf.mean(tf.mul(tf.exp(logAlpha), tf.add(logp, -1)))), [logAlpha]);` },
  { name: 'the fix: the forward pass inside minimize', throws: false, code: `optimizer.minimize(() => {
  const probs = model.predict(xs);
  return tf.neg(tf.mean(tf.sum(tf.mul(ys, tf.log(tf.add(probs, 1e-7))), 1)));
});` },
  { name: 'the fix: a loss function the step calls', throws: false, code: `const lossOf = () => tf.neg(tf.mean(tf.sum(tf.mul(ys, tf.log(tf.add(model.predict(xs), 1e-7))), 1)));
optimizer.minimize(lossOf);` },
  { name: 'advantages from a critic run before, the actor run inside', throws: false, code: `const baseline = model.predict(xs).mean(1, true);
optimizer.minimize(() => {
  const probs = model.predict(xs);
  return tf.neg(tf.mean(tf.sum(tf.mul(tf.sub(ys, baseline), tf.log(tf.add(probs, 1e-7))), 1)));
});` },
  { name: 'a variable a helper of the step reads, on data parsed before (an Advent of Code fit of the median)', throws: false, globals: { readInput: () => '16,1,2,0,4,2,7,1,2,14' }, code: `const crabs = readInput().trim().split(',').map(Number);
const data = tf.tensor1d(crabs);
const position = tf.scalar(0).variable();
const distance = (x) => x.sub(position).abs();
const total = (x) => distance(x).sum();
for (let i = 0; i < 3; i++) optimizer.minimize(() => total(data));` },
  { name: 'a model run before, beside a variable the step reads (no throw: the variable is on the tape)', throws: false, code: `const probs = model.predict(xs);
const scale = tf.variable(tf.scalar(1));
optimizer.minimize(() => tf.mean(tf.square(tf.sub(ys, tf.mul(probs, scale)))));` },
];

for (const c of CASES) {
  test(`untaped steps: ${c.name}`, async () => {
    const code = `const tf = require('@tensorflow/tfjs');\n${MODEL}${c.code}\n`;
    const r = lint.lintText(code, '/p/step.js');
    assert.equal(r.internalError, undefined);
    const found = r.diagnostics.filter((d) => d.code === 'no-gradient');
    assert.equal(found.length, c.throws ? 1 : 0, JSON.stringify(r.diagnostics.map((d) => d.message)));
    if (c.throws) assert.match(found[0].message, /Cannot (find a connection between any variable|compute gradient of y=f\(x\))/);
    const tf = await loadTf();
    let thrown = null;
    // Functions the case's code reads from elsewhere (an input file's reader), which the lint cannot see into.
    Object.assign(globalThis, c.globals ?? {});
    try {
      tf.tidy(() => new Function('tf', `${MODEL}${c.code}`)(tf));
    } catch (err) {
      thrown = err.message;
    } finally {
      for (const name of Object.keys(c.globals ?? {})) delete globalThis[name];
    }
    if (c.throws) {
      assert.ok(thrown, 'TF.js trains although the lint says the step throws');
      assert.ok(found[0].message.includes(thrown.slice(0, 40)), `the message quotes TF.js's own error: ${thrown}`);
    } else {
      assert.equal(thrown, null);
    }
  });
}

test('untaped steps: a loss a helper computed before names the helper and where it is called', () => {
  const code = `const tf = require('@tensorflow/tfjs');\n${MODEL}function computeLoss(m, x, y) {
  return tf.losses.meanSquaredError(y, m.predict(x));
}
const loss = computeLoss(model, xs, ys);
optimizer.minimize(() => loss);
`;
  const [d] = lint.lintText(code, '/p/step.js').diagnostics.filter((x) => x.code === 'no-gradient');
  assert.ok(d);
  assert.match(d.message, /\(line 7, in computeLoss called at line 9\)/);
});
