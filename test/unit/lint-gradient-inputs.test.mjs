// A function given to tf.grad / tf.grads / tf.valueAndGrad(s) that uses none of its inputs (holdout208's style-transfer
// hook: `tf.grads((img) => tf.scalar(totalLoss))`): no-gradient, at its parameters. Each case is also run with the
// installed TF.js, which decides: every reported snippet throws, every silent one computes its gradient.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { lint } from './lint-support.mjs';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs');

const cases = [
  { reported: true, code: `const x = tf.tensor1d([1, 2]);
const totalLoss = 3;
const gradients = tf.grads((img) => tf.scalar(totalLoss));
gradients([x]);` },
  { reported: true, code: `const x = tf.tensor1d([1, 2]);
tf.valueAndGrad((a) => tf.scalar(1).mul(2))(x);` },
  // The same tensor read from the closure is connected: TF.js follows tensors, not parameter names.
  { reported: false, code: `const a = tf.tensor1d([1, 2]);
tf.grad((x) => tf.sum(tf.square(a)))(a);` },
  { reported: false, code: `const x = tf.tensor1d([1, 2]);
tf.grad((v) => tf.sum(tf.square(v)))(x);` },
  // Applied to tensors the file does not show: not reported.
  { reported: false, code: `const f = tf.grad((v) => tf.scalar(1));
module.exports = { f };` },
];

test('a gradient function that uses none of its inputs is no-gradient, as TF.js decides', () => {
  for (const c of cases) {
    const text = `const tf = require('@tensorflow/tfjs');\n${c.code}\n`;
    const found = lint.lintText(text, '/p/step.js').diagnostics.filter((d) => d.code === 'no-gradient');
    assert.equal(found.length, c.reported ? 1 : 0, c.code);
    if (c.reported) {
      assert.match(found[0].message, /uses none of its inputs/);
      assert.match(text.slice(found[0].start, found[0].end), /^(img|a)$/);
      assert.throws(() => new Function('tf', 'module', c.code)(tf, {}), /Cannot compute gradient of y=f\(x\) with respect to x/);
    } else if (!c.code.includes('module.exports')) {
      assert.doesNotThrow(() => new Function('tf', 'module', c.code)(tf, {}), c.code);
    }
  }
});
