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

test("a tensor library's constants of one written number (`this.power = new onegrad.tensor([2], false)`) are that number, and negative() negates", () => {
  const nn = `var onegrad = require('./tensor.js');
class MAE {
  constructor() {
    this.power = new onegrad.tensor([2], false);
    this.half = new onegrad.tensor([0.5], false);
  }
  compute(y, yHat) {
    return y.sub(yHat).pow(this.power).pow(this.half);
  }
}
class CrossEntropyLoss {
  constructor() { this.one = onegrad.tensor([1]); }
  compute(y, yHat) {
    var comp1 = y.dot(yHat.clip(1e-7, 1 - 1e-7).log());
    var comp3 = yHat.negative().add(this.one);
    return comp1.add(y.negative().add(this.one).dot(comp3.log())).negative();
  }
}
module.exports = { MAE, CrossEntropyLoss };
`;
  // sqrt((y - ŷ)²) = |y - ŷ|: a kink, and a square root at 0; the cross-entropy is read through negative(), its
  // unclipped log(1 - ŷ) reported.
  assert.deepEqual(codes(nn, '/p/onegrad/nn.js').sort(), ['log-of-zero:16', 'non-differentiable:8', 'sqrt-at-zero:8']);
  // A constant the library is given several numbers for, or a list of two, has no one value: no kink is claimed; nor
  // is a typed array or a set of one number a number.
  assert.deepEqual(codes(nn.replace('[0.5], false', '[0.5, 0.5], false'), '/p/onegrad/nn.js').filter((c) => !c.startsWith('log')), []);
  assert.deepEqual(codes(nn.replace('new onegrad.tensor([0.5], false)', 'new Float32Array([0.5])'), '/p/onegrad/nn.js').filter((c) => !c.startsWith('log')), []);
  // A negative written number is one too: (y - ŷ)^2 then ^(-(-0.5)) is the same |y - ŷ|.
  assert.deepEqual(codes(nn.replace('.pow(this.half)', '.pow(this.half.neg())').replace('[0.5], false', '[-0.5], false'), '/p/onegrad/nn.js').sort(), ['log-of-zero:16', 'non-differentiable:8', 'sqrt-at-zero:8']);
});
