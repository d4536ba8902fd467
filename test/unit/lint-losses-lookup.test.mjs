// A loss looked up in tf.losses by a name the file gives (`tf.losses[this.config.lossFunction]` with the default
// `lossFunction: 'categoricalCrossentropy'`, `loss: tf.losses[opts.loss]`, `tf.losses['x']`): a name tf.losses lacks is
// undefined there, so calling it throws (unknownTfCalls.ts lookedUpByName); a name it has is that function
// (compileSite.ts namespaceLoss). holdout245's distributed trainer.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const unknown = (r) => r.diagnostics.filter((d) => d.code === 'unknown-loss');

const trainer = (name, use) => `import * as tf from '@tensorflow/tfjs';
export class Trainer {
  constructor(model, config) {
    this.model = model;
    this.config = { epochs: 10, lossFunction: '${name}', ...config };
  }
  step(xs, ys) {
    const optimizer = tf.train.adam();
    ${use}
  }
}
`;
const call = 'optimizer.minimize(() => tf.losses[this.config.lossFunction](ys, this.model.predict(xs)));';
const compile = "this.model.compile({ optimizer: 'adam', loss: tf.losses[this.config.lossFunction] });";

test("a setting's default tf.losses lacks: said where it is looked up, in a step and in a compile", () => {
  for (const use of [call, compile]) {
    const found = unknown(lint.lintText(trainer('categoricalCrossentropy', use), 'trainer.js'));
    assert.equal(found.length, 1, use);
    assert.match(found[0].message, /^tf\.losses has no function 'categoricalCrossentropy'/);
    assert.match(found[0].detail, /\(line 5\)/);
  }
});

test('a literal name tf.losses lacks is said; one it has, or one only tested for, is not', () => {
  const literal = trainer('x', "optimizer.minimize(() => tf.losses['meanSquareError'](ys, this.model.predict(xs)));");
  const [d] = unknown(lint.lintText(literal, 'trainer.js'));
  assert.match(d.message, /'meanSquareError'/);
  assert.match(d.detail, /tf\.losses has 'meanSquaredError'/);
  assert.deepEqual(unknown(lint.lintText(trainer('huberLoss', call), 'trainer.js')), []);
  const tested = trainer('focal', "const f = typeof tf.losses[this.config.lossFunction] === 'function' ? tf.losses[this.config.lossFunction] : tf.losses.logLoss;");
  assert.equal(unknown(lint.lintText(tested, 'trainer.js')).length, 0);
});

test("a name tf.losses has, from a setting's default, is read as that loss in a compile", () => {
  const r = lint.lintText(trainer('huberLoss', compile), 'trainer.js');
  const site = r.sites.find((s) => s.kind === 'compile');
  assert.ok(site && !site.unreadable, JSON.stringify(site));
});
