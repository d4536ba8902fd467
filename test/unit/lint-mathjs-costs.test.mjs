// Logistic-regression costs ported from Python/Octave courses with mathjs (`math` of a page's script tag, or the module
// imported whole): `math.log(math.subtract(1, h))` of a sigmoid hypothesis written with `math.dotDivide`, `math.exp`,
// `math.dotMultiply`. These are plain float64 numbers, read as `Math.log` over a loop is.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const codes = (code, file = '/p/logistic.js') => lint.lintText(code, file).diagnostics.map((d) => `${d.code}:${d.line}`);

const course = (header = '', eps = '') => `${header}function hypothesis(theta, X) {
  return sigmoid(math.multiply(X, theta));
}
function sigmoid(z) {
  return math.dotDivide(1, math.add(1, math.exp(math.dotMultiply(-1, z))));
}
function cost(theta, X, y) {
  const h = hypothesis(theta, X);
  const y1 = math.dotMultiply(math.dotMultiply(-1, y), math.log(math.add(h${eps})));
  const y0 = math.dotMultiply(math.subtract(1, y), math.log(math.add(math.subtract(1, h)${eps})));
  return math.sum(math.subtract(y1, y0)) / math.size(y)[0];
}
`;

test('a page\'s mathjs cost: the unclipped log(1 - h) of the sigmoid hypothesis is reported, log(h) is not', () => {
  // In float64 the written-out sigmoid is exactly 1 from a logit of 36.7, but exactly 0 only past -709, beyond any
  // logit a model gives (LOGIT_BOUND): log(h) stays finite.
  assert.deepEqual(codes(course('', ', 0')), ['log-of-zero:10']);
});

test('the same cost with mathjs imported whole', () => {
  assert.deepEqual(codes(course("const math = require('mathjs');\n", ', 0')), ['log-of-zero:11']);
  assert.deepEqual(codes(course("import * as math from 'mathjs';\n", ', 0')), ['log-of-zero:11']);
});

test('an epsilon added inside each log keeps it finite: nothing to report', () => {
  assert.deepEqual(codes(course('', ', 1e-7')), []);
});

test('a `math` the file defines itself is not mathjs: its functions are not read', () => {
  const own = `const math = { log: (x) => x, subtract: (a, b) => a - b, add: (a, b) => a + b };\n${course('', ', 0')}`;
  assert.deepEqual(codes(own), []);
});

test('a cost a sloppy script assigns to an undeclared name (`jCost = (X, y, theta) => …`) is named by it', () => {
  const sloppy = course("const math = require('mathjs');\n", ', 0').replace('function cost(theta, X, y) {', 'jCostLogistic = (theta, X, y) => {');
  assert.ok(sloppy.includes('jCostLogistic = (theta, X, y) => {'));
  assert.deepEqual(codes(sloppy), ['log-of-zero:11']);
  // A name that says nothing of a cost: its logs are not a loss's.
  assert.deepEqual(codes(sloppy.replace('jCostLogistic =', 'step =')), []);
});
