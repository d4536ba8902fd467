// A loss that also gives its derivative when asked (`mse(yTrue, yPred, prime = false)`, as from-scratch libraries
// write a loss table): the loss is what the function returns unasked. The derivative's branch is not the loss: its
// jumps (a hinge's derivative) and divisions are the loss's own kink and gradient, not findings of their own.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const codes = (code, file = '/p/src/LossFunctions.js') => lint.lintText(code, file).diagnostics.map((d) => `${d.code}:${d.line}`);

const table = (flag = 'prime = false', test = 'prime') => `class LossFunctions {
  static Hinge(y_true, y_pred, ${flag}) {
    if (${test}) {
      return 1 - y_pred * y_true <= 0 ? 0 : y_true;
    }
    return Math.max(0, 1 - y_pred * y_true);
  }

  static Huber(y_true, y_pred, ${flag}, huber_delta = 0.5) {
    if (${test}) {
      return Math.abs(y_true - y_pred) <= huber_delta ? y_pred - y_true : huber_delta * Math.sign(y_pred - y_true);
    }
    return Math.pow(y_true - y_pred, 2) <= huber_delta ? 0.5 * Math.pow(y_true - y_pred, 2) : huber_delta * (Math.abs(y_true - y_pred) - 0.5 * huber_delta);
  }

  static MeanSquaredError(y_true, y_pred, ${flag}) {
    if (${test}) {
      return 2 * (y_true - y_pred);
    }
    return Math.pow(y_true - y_pred, 2);
  }
}
module.exports = LossFunctions;
`;

test('the loss unasked: the hinge\'s kink at its max, and a Huber whose branches are split by the squared error (a jump)', () => {
  // The Huber tests (y − ŷ)² ≤ δ where its pieces meet at |y − ŷ| = δ: at |e| = √δ they do not join.
  assert.deepEqual(codes(table()), ['non-differentiable:6', 'non-differentiable:13']);
});

test('every name such a flag goes by', () => {
  for (const name of ['derivative', 'deriv', 'isDerivative', 'backward']) {
    assert.deepEqual(codes(table(`${name} = false`, name)), ['non-differentiable:6', 'non-differentiable:13'], name);
  }
});

test('a flag that is not named for a derivative, or that starts true, is a setting: each way is read', () => {
  // `squared = false` chooses between two losses: both are read, so the branch's jump is reported too.
  assert.ok(codes(table('squared = false', 'squared')).includes('non-differentiable:4'));
  assert.ok(codes(table('prime = true', 'prime')).includes('non-differentiable:4'));
});
