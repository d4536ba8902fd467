// Ports of the classic minimal Python networks ("a neural network in 11 lines"): a script that trains at its top level
// or in a timer's callback, with mathjs or numeric.js, layers kept in `var l1` assigned in the loop (or element by
// element), the targets often called `output` or `output_dataset`, and the sigmoid written with the library's calls or
// given its derivative by a flag. The output error times the sigmoid's derivative is a squared error backpropagated
// through the sigmoid: on 0/1 targets, an activation mismatch.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const codes = (code) => lint.lintText(code, '/p/index.js').diagnostics.map((d) => `${d.code}:${d.line}`);

const mathjsScript = (targets) => `const math = require('mathjs');
function sigmoid(value) {
  return 1 / (1 + math.pow(math.e, -value));
}
function deriv(y) {
  return y * (1 - y);
}
const x = math.matrix([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]);
const y = math.transpose(math.matrix([${targets}]));
let syn0 = math.random([3, 1], -1, 1);
let l1;
let l1_error;
for (let i = 0; i < 60000; i++) {
  l1 = math.multiply(x, syn0).map(sigmoid);
  l1_error = math.subtract(y, l1);
  const l1_delta = math.dotMultiply(l1_error, l1.map(deriv));
  syn0 = math.add(syn0, math.multiply(math.transpose(x), l1_delta));
}
`;

test('a script training at its top level with mathjs: the delta on 0/1 targets is found', () => {
  assert.deepEqual(codes(mathjsScript('[0, 0, 1, 1]')), ['activation-mismatch:15']);
});

test('the same script fitting fractions in [0, 1] is a regression: silent', () => {
  assert.deepEqual(codes(mathjsScript('[0.1, 0.35, 0.6, 0.9]')), []);
});

test("numeric.js in a timer's callback: a sigmoid written with the library's calls and given its derivative by a flag", () => {
  const src = `function nonlin(x, deriv) {
  if (deriv) {
    return numeric.mul(x, numeric.sub(1, x));
  }
  return numeric.div(1, numeric.add(1, numeric.exp(numeric.neg(x))));
}
function train(X, y, iterations) {
  var syn0 = numeric.sub(numeric.mul(2, numeric.random([3, 1])), 1);
  var l0 = undefined, l1 = undefined, l1_error = undefined, l1_delta = undefined;
  var i = 0;
  var timer = setInterval(function () {
    l0 = X;
    l1 = nonlin(numeric.dot(l0, syn0));
    l1_error = numeric.sub(y, l1);
    l1_delta = numeric.mul(l1_error, nonlin(l1, true));
    syn0 = numeric.add(syn0, numeric.dot(numeric.transpose(l0), l1_delta));
    if (++i >= iterations) clearInterval(timer);
  }, 1);
}
train([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], [[0], [0], [1], [1]], 1000);
`;
  assert.deepEqual(codes(src), ['activation-mismatch:14']);
});

test('element by element, the targets called output, the layer overwritten with its sigmoid before the error', () => {
  const src = `var input = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]];
var output = [0, 0, 0, 1];
function nonlin(x, deriv) {
  if (deriv === true) return x * (1 - x);
  return 1 / (1 + Math.exp(-x));
}
var syn0 = [Math.random(), Math.random(), Math.random()];
var l1 = [];
var l1_error = [];
var l1_delta = [];
for (var i = 0; i < 100000; i++) {
  for (var j = 0; j < input.length; j++) {
    l1[j] = input[j][0] * syn0[0] + input[j][1] * syn0[1] + input[j][2] * syn0[2];
    l1[j] = nonlin(l1[j]);
    l1_error[j] = output[j] - l1[j];
    l1_delta[j] = l1_error[j] * nonlin(l1[j], true);
    for (var k = 0; k < 3; k++) syn0[k] += input[j][k] * l1_delta[j];
  }
}
`;
  assert.deepEqual(codes(src), ['activation-mismatch:15']);
  // Before its sigmoid the layer is a weighted sum: an error taken there is not the output's.
  const early = src.replace('    l1[j] = nonlin(l1[j]);\n    l1_error[j] = output[j] - l1[j];', '    l1_error[j] = output[j] - l1[j];\n    l1[j] = nonlin(l1[j]);');
  assert.deepEqual(codes(early), []);
});

test('each callback of a script is read on its own: a correct cross-entropy step beside an unrelated product is silent', () => {
  const src = `function sigmoid(x) { return 1 / (1 + Math.exp(-x)); }
const labels = [0, 1, 1, 0];
let w = 0.1;
document.getElementById('train').addEventListener('click', () => {
  for (let i = 0; i < 4; i++) {
    const output = sigmoid(w * i);
    const error = labels[i] - output;
    w += 0.1 * error * i;
  }
});
document.getElementById('explain').addEventListener('click', () => {
  for (const x of [-2, -1, 0, 1, 2]) {
    const output = sigmoid(x);
    const error = 0.01;
    console.log(x, error * output * (1 - output));
  }
});
`;
  assert.deepEqual(codes(src), []);
});

test("a name that holds sigmoid with a prefix (applySigmoid, fastSigmoid) gives a sigmoid's value", () => {
  for (const name of ['applySigmoid', 'fastSigmoid']) {
    const src = `function ${name}(x) { return 1 / (1 + Math.exp(-x)); }
function sigmoidDerivative(y) { return y * (1 - y); }
function train(inputs, targets, epochs, learningRate) {
  const p = [Math.random(), Math.random(), Math.random()];
  for (let c = 0; c < epochs; c++) {
    for (let i = 0; i < inputs.length; i++) {
      const xi = inputs[i];
      const t = targets[i];
      const y = ${name}(p[0] * xi[0] + p[1] * xi[1] + p[2]);
      const dL_dy = y - t;
      p[0] -= learningRate * dL_dy * sigmoidDerivative(y) * xi[0];
    }
  }
}
train([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0], 1000, 0.5);
`;
    assert.deepEqual(codes(src), ['activation-mismatch:10'], name);
  }
});
