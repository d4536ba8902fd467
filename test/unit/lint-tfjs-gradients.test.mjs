import test from 'node:test';
import assert from 'node:assert/strict';
import { loadTf } from '../oracle/tfjs/lossOracle.mjs';
import { lint } from './lint-support.mjs';

// The no-gradient rule's table comes from TF.js's own gradient registry (tf.getGradient), so it cannot drift.
test('every comparison and logic kernel the lint names exists in TF.js, and has a gradient exactly when the lint says', async () => {
  const tf = await loadTf();
  const kernels = new Set(Object.values(lint.COMPARISON_KERNELS));
  assert.ok(kernels.size >= 9);
  for (const kernel of kernels) {
    assert.equal(tf[kernel], kernel, `TF.js names the kernel ${kernel}`);
    assert.equal(Boolean(tf.getGradient(kernel)), !lint.GRADIENTLESS_KERNELS.has(kernel), `${kernel}: gradient registered?`);
  }
  for (const kernel of lint.GRADIENTLESS_KERNELS) assert.ok(kernels.has(kernel), `${kernel} is reachable from an op the lint reads`);
});

test('every tf op the lint maps to a kernel runs that kernel', async () => {
  const tf = await loadTf();
  for (const [op, kernel] of Object.entries(lint.COMPARISON_KERNELS)) {
    if (op.endsWith('Strict') || typeof tf[op] !== 'function') continue;
    const seen = [];
    const a = tf.tensor1d([1, 0]);
    const b = tf.tensor1d([0, 1]);
    const before = tf.engine().state.numTensors;
    const profile = await tf.profile(() => (kernel === 'LogicalNot' ? tf[op](a.cast('bool')) : kernel.startsWith('Logical') ? tf[op](a.cast('bool'), b.cast('bool')) : tf[op](a, b)));
    for (const k of profile.kernels) seen.push(k.name);
    assert.ok(seen.includes(kernel), `tf.${op} runs ${seen.join(', ')}, not ${kernel}`);
    assert.ok(tf.engine().state.numTensors >= before);
    tf.dispose([a, b]);
  }
});

// The categorical-on-sigmoid rule's claim, measured: TF.js's categoricalCrossentropy divides sigmoid outputs by
// their sum, so with every sigmoid saturated the loss stays at log(k) while its gradient vanishes; a softmax's does not.
test('categoricalCrossentropy on saturated sigmoids stalls at log(k) with a vanishing gradient, a softmax at the same logits keeps its gradient', async () => {
  const tf = await loadTf();
  const y = tf.tensor2d([[1, 0, 0]]);
  const z = tf.tensor2d([[8, 8, 8]]);
  const loss = (act) => (logits) => tf.metrics.categoricalCrossentropy(y, act(logits)).mean();
  const sigmoidGrad = tf.grad(loss(tf.sigmoid))(z).dataSync();
  const softmaxGrad = tf.grad(loss(tf.softmax))(z).dataSync();
  assert.ok(Math.abs(loss(tf.sigmoid)(z).dataSync()[0] - Math.log(3)) < 1e-3);
  assert.ok(Math.abs(sigmoidGrad[0]) < 1e-3, `sigmoid gradient ${sigmoidGrad[0]}`);
  assert.ok(Math.abs(softmaxGrad[0] + 2 / 3) < 1e-3, `softmax gradient ${softmaxGrad[0]}`);
});
