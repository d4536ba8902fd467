// JavaScript's arithmetic operators on TF.js tensors (`tf.maximum(0, 1 - yTrue * yPred)` in a compiled loss): a tensor
// is an object, so the product is NaN and the loss no longer reaches the model; training throws (tensorOperators.ts).
// The real TF.js is the oracle: the loss as written throws at model.fit, and the fix (tf.mul) trains. holdout369.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { lint } from './lint-support.mjs';

const require = createRequire(import.meta.url);

const text = `const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2] }));
function hinge(yTrue, yPred) {
  return tf.maximum(0, 1 - yTrue * yPred);
}
model.compile({ optimizer: 'sgd', loss: hinge });
function scaled(values) {
  return values.map((v) => v * 2 - 1);
}
async function learn(xs, ys, optimizer) {
  const n = xs.shape[0] - 1;
  optimizer.minimize(() => tf.losses.meanSquaredError(ys, model.predict(xs)).mul(2));
  return n * ys.dataSync()[0];
}
module.exports = { learn, scaled, model };
`;

async function fitWith(loss) {
  const tf = require('@tensorflow/tfjs');
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [2] }));
  model.compile({ optimizer: 'sgd', loss });
  try {
    await model.fit(tf.tensor2d([[0, 1], [1, 0]]), tf.tensor2d([[1], [-1]]), { epochs: 1, verbose: 0 });
    return undefined;
  } catch (e) {
    return e.message;
  }
}

test('TF.js: `*` on two tensors in a compiled loss throws at fit; tf.mul trains', async () => {
  const tf = require('@tensorflow/tfjs');
  assert.match((await fitWith((yTrue, yPred) => tf.maximum(0, 1 - yTrue * yPred))) ?? '', /Cannot find a connection between any variable and the result of the loss function/);
  assert.equal(await fitWith((yTrue, yPred) => tf.maximum(0, tf.sub(1, tf.mul(yTrue, yPred)))), undefined);
});

test('the operator on the compiled loss\'s tensors is a no-gradient error, fixed by tf.mul; numbers stay silent', () => {
  const r = lint.lintText(text, 'hinge.js');
  const found = r.diagnostics.filter((d) => d.code === 'no-gradient');
  assert.deepEqual(found.map((d) => `${d.line}: ${d.severity}`), ['5: error']);
  assert.match(found[0].message, /JavaScript's `-` and `\*` on a TF\.js tensor gives NaN/);
  const fixed = lint.applySourceEdits(text, found[0].fixes[0].edits);
  assert.match(fixed.split('\n')[4], /tf\.maximum\(0, tf\.sub\(1, tf\.mul\(yTrue, yPred\)\)\)/);
  assert.deepEqual(lint.lintText(fixed, 'hinge.js').diagnostics.filter((d) => d.code === 'no-gradient'), []);
});

test("a loss that is NaN by an operator has no kink of its own: only the no-gradient error is said, and the fixed loss's kink is", () => {
  const r = lint.lintText(text, 'hinge.js');
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}:${d.line}`), ['no-gradient:5']);
  const fixed = lint.applySourceEdits(text, r.diagnostics[0].fixes[0].edits);
  assert.deepEqual(lint.lintText(fixed, 'hinge.js').diagnostics.map((d) => `${d.code}:${d.line}`), ['non-differentiable:5']);
  // A NaN on a debug line beside the loss leaves the loss as it is: its own hazards are still said.
  const debugged = `const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));
function bce(yTrue, yPred) {
  const debug = 1 - yTrue * yPred;
  console.log(debug);
  return tf.neg(tf.mean(tf.add(tf.mul(yTrue, tf.log(yPred)), tf.mul(tf.sub(1, yTrue), tf.log(tf.sub(1, yPred))))));
}
model.compile({ optimizer: 'sgd', loss: bce });
`;
  const codes = new Set(lint.lintText(debugged, 'bce.js').diagnostics.map((d) => d.code));
  assert.ok(codes.has('log-of-zero') && codes.has('no-gradient'), [...codes].join());
});

test("an op's result in a training step: `err.square().mean() * 2` is NaN too", () => {
  const step = `import * as tf from '@tensorflow/tfjs';
export function step(model, xs, ys, optimizer) {
  optimizer.minimize(() => {
    const err = tf.sub(model.predict(xs), ys);
    return err.square().mean() * 2;
  });
}
`;
  assert.deepEqual(lint.lintText(step, 'step.ts').diagnostics.filter((d) => d.code === 'no-gradient').map((d) => d.line), [5]);
});

test('a step given to minimize by a name that says nothing (`optimizer.minimize(step)`) is training code too', () => {
  const fit = (value) => `import * as tf from '@tensorflow/tfjs';
export function fitLine(xs, ys, w, b) {
  const optimizer = tf.train.sgd(0.1);
  const step = () => ${value};
  for (let i = 0; i < 100; i++) optimizer.minimize(step);
}
`;
  assert.deepEqual(lint.lintText(fit('tf.mean(tf.square(tf.sub(xs.mul(w).add(b), ys))) * 0.5'), 'fit.js').diagnostics.filter((d) => d.code === 'no-gradient').map((d) => d.line), [4]);
  assert.deepEqual(lint.lintText(fit('tf.mean(tf.square(tf.sub(xs.mul(w).add(b), ys))).mul(0.5)'), 'fit.js').diagnostics.filter((d) => d.code === 'no-gradient'), []);
});
