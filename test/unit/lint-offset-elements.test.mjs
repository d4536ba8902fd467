// Elements of the prediction at different offsets of one loop index (`output[2 * i]` and `output[2 * i + 1]`, `out[i + 1]`
// and `out[i]`) are different values: a margin-ranking loss's pair, a smoothness penalty's neighbours. They were both
// read as the prediction, so x1 − x2 was 0 and the hinge on it a constant (tensorParts.ts offsetElement). holdout261's
// neataptic-style cost table has the ranking loss.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const kinks = (text) => lint.lintText(text, 'cost.js').diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line);

test('a margin-ranking loss over pairs of outputs has a kink where the margin is met', () => {
  assert.deepEqual(kinks(`export const cost = {
  RANKING: function (target, output) {
    let error = 0;
    const l = output.length / 2;
    for (let i = 0; i < l; i++) {
      const x1 = output[2 * i];
      const x2 = output[2 * i + 1];
      const y = target[i] === 1 ? 1 : -1;
      error += Math.max(0, -y * (x1 - x2) + 1);
    }
    return error / l;
  },
};
`), [9]);
});

test('a smoothness penalty on neighbouring outputs has a kink where they are equal', () => {
  assert.deepEqual(kinks(`export function smoothLoss(target, output) {
  let loss = 0;
  for (let i = 0; i < output.length - 1; i++) loss += (target[i] - output[i]) ** 2 + 0.1 * Math.abs(output[i + 1] - output[i]);
  return loss / output.length;
}
`), [3]);
});

test('the same element read twice is one value: a squared error has no kink', () => {
  assert.deepEqual(kinks(`export function mse(target, output) {
  let loss = 0;
  for (let i = 0; i < output.length; i++) loss += (target[i] - output[i]) * (target[i] - output[i]);
  return loss / output.length;
}
`), []);
});
