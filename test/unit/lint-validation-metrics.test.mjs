// A loss-shaped function the file calls only from cross-validation (`leaveOneOutMAE`, `crossValidate`, `validate…`,
// `backtest`) is a metric: its kinks never reach a gradient (functionNames.ts NOT_A_LOSS, onlyEvaluated). holdout264's
// ridge stacker reports a leave-one-out MAE of coefficients fitted in closed form.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const stacker = (caller) => `function meanAbsoluteError(y: number[], yhat: number[]): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += Math.abs(y[i] - yhat[i]);
  return s / y.length;
}
function ${caller}(rows: { x: number; y: number }[], fit: (r: typeof rows) => (x: number) => number): number {
  const predictions = rows.map((r, i) => fit(rows.filter((_, j) => j !== i))(r.x));
  return meanAbsoluteError(rows.map((r) => r.y), predictions);
}
export const report = (rows, fit) => ${caller}(rows, fit);
`;

const kinks = (text) => lint.lintText(text, 'stacker.ts').diagnostics.filter((d) => d.code === 'non-differentiable');

test('an MAE called only from cross-validation is a metric', () => {
  for (const caller of ['leaveOneOutMAE', 'crossValidate', 'validateFold', 'backtestModel', 'loocvError']) assert.deepEqual(kinks(stacker(caller)), [], caller);
});

test('the same MAE called from a training step is still a loss', () => {
  assert.equal(kinks(stacker('trainStep')).length, 1);
});
