// Activations that give their derivative when asked, as the classic minimal networks and their JavaScript ports write
// them: `function nonlin(x, deriv) { if (deriv == true) return x * (1 - x); return 1 / (1 + Math.exp(-x)); }`. Unasked,
// the function is a sigmoid; `nonlin(l1, true)` is the sigmoid's derivative at the output. The error `y - l1` times
// that derivative is a squared error backpropagated through the sigmoid: on 0/1 targets, an activation mismatch.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const codes = (code) => lint.lintText(code, '/p/nn.js').diagnostics.map((d) => `${d.code}:${d.line}`);

const network = ({ nonlin, decl = 'const', targets = '[[0], [0], [1], [1]]' }) => `${nonlin}
function dot(a, w) { return a.map((row) => w[0].map((_, j) => row.reduce((s, v, k) => s + v * w[k][j], 0))); }
function train(X, y, syn0) {
  for (let iter = 0; iter < 10000; iter++) {
    ${decl} l1 = nonlin(dot(X, syn0));
    ${decl} l1_error = y - l1;
    ${decl} l1_delta = l1_error * nonlin(l1, true);
  }
}
const X = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]];
const y = ${targets};
train(X, y, [[0.1], [0.2], [0.3]]);
`;

const IF_FLAG = `function nonlin(x, deriv) {
  if (deriv == true) return x.map((v) => v * (1 - v));
  return x.map((v) => 1 / (1 + Math.exp(-v)));
}`;
const TERNARY = `function nonlin(x, deriv = false) {
  return deriv ? x.map((v) => v * (1 - v)) : x.map((v) => 1 / (1 + Math.exp(-v)));
}`;
const ELSE = `function nonlin(x, derivative) {
  if (!derivative) {
    return x.map((v) => 1 / (1 + Math.exp(-v)));
  } else {
    return x.map((v) => v * (1 - v));
  }
}`;

test('a sigmoid that gives its derivative by a flag: the delta on 0/1 targets is found, however the flag is tested', () => {
  assert.deepEqual(codes(network({ nonlin: IF_FLAG })), ['activation-mismatch:9']);
  assert.deepEqual(codes(network({ nonlin: TERNARY })), ['activation-mismatch:8']);
  assert.deepEqual(codes(network({ nonlin: ELSE })), ['activation-mismatch:12']);
});

test('an output kept in a var or let the loop never assigns again is the sigmoid\'s value', () => {
  assert.deepEqual(codes(network({ nonlin: IF_FLAG, decl: 'var' })), ['activation-mismatch:9']);
  assert.deepEqual(codes(network({ nonlin: IF_FLAG, decl: 'let' })), ['activation-mismatch:9']);
});

test('continuous targets in [0, 1] are a fitting regression: silent', () => {
  assert.deepEqual(codes(network({ nonlin: IF_FLAG, targets: '[[0.12], [0.4], [0.73], [0.95]]' })), []);
});

test('a flag that starts true asks for the derivative unasked: the function is not read as a sigmoid', () => {
  assert.deepEqual(codes(network({ nonlin: TERNARY.replace('deriv = false', 'deriv = true') })), []);
});
