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
