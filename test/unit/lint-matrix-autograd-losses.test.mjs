// Losses of small matrix autograds written by hand: the loss computes a number from the rows of the prediction
// (`output.data.map(…)`), then hands it back wrapped as a 1×1 tensor for the backward pass
// (`new Tensor([[lossValue]])`). The wrapped number is the loss, whatever the class is.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const codes = (code, file = '/p/src/losses.js') => lint.lintText(code, file).diagnostics.map((d) => `${d.code}:${d.line}`);

const lossModule = (body, wrap = 'new Tensor([[lossValue]])') => `class LossFunctions {
  ${body}
}
function wrap(lossValue, output) {
  const lossTensor = ${wrap};
  lossTensor._prev = [output];
  return lossTensor;
}
`;

const MAE = `meanAbsolute(output, target) {
    const diffs = output.data.map((row, i) =>
      row.map((o, j) => Math.abs(o - target.data[i][j])),
    );
    const n = output.data.length * output.data[0].length;
    const lossValue = diffs.reduce((s, row) => s + row.reduce((a, v) => a + v, 0), 0) / n;
    const lossTensor = new Tensor([[lossValue]]);
    lossTensor._prev = [output];
    lossTensor._backward = function () {
      output.grad = output.data.map((row, i) => row.map((o, j) => (o - target.data[i][j] >= 0 ? 1 : -1) / n));
    };
    return lossTensor;
  }`;

const MSE = MAE.replace('Math.abs(o - target.data[i][j])', '(o - target.data[i][j]) ** 2').replace('meanAbsolute', 'meanSquared');

test('a hand-written MAE handed back as a 1×1 tensor is read: its kink is reported', () => {
  assert.deepEqual(codes(lossModule(MAE)), ['non-differentiable:4']);
});

test('the squared error of the same library is smooth: nothing to report', () => {
  assert.deepEqual(codes(lossModule(MSE)), []);
});

test('the class of the 1×1 value does not matter, nor nesting deeper than two', () => {
  assert.deepEqual(codes(lossModule(MAE.replace('new Tensor([[lossValue]])', 'new Matrix([[[lossValue]]])'))), ['non-differentiable:4']);
  const ownMatrix = `class Matrix { constructor(rows) { this.data = rows; } }\n${lossModule(MAE.replace('new Tensor([[lossValue]])', 'new Matrix([[lossValue]])'))}`;
  assert.deepEqual(codes(ownMatrix), ['non-differentiable:5']);
});

test('a list of one row or of two numbers is not a 1×1 value: the loss stays unread, and says so', () => {
  for (const wrapped of ['new Tensor([lossValue])', 'new Tensor([[lossValue, 0]])', 'new Tensor([[...lossValue]])']) {
    const text = lossModule(MAE.replace('new Tensor([[lossValue]])', wrapped));
    assert.deepEqual(codes(text), [], wrapped);
    const site = lint.lintText(text, '/p/src/losses.js').sites.find((s) => s.name === 'meanAbsolute');
    assert.match(site?.unreadable ?? '', /is not supported in a loss/, wrapped);
  }
});
