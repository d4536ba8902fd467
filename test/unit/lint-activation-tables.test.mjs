// A from-scratch network that picks its activation from a table by name (`this.act = ACTIVATIONS[activation]`,
// `activation = 'sigmoid'` by default) and backpropagates `(target - out) * this.act.df(out)`: the squared error on a
// sigmoid output (activationTables.ts); its rows read from `for (const [x, t] of data)` (iteratedArrays.ts).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const am = (text) => lint.lintText(text, 'nn.js').diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => `${d.line}: ${d.message}`);

const network = ({ made = 'new NeuralNetwork(2, 4, 1)', targets = ['[0]', '[1]', '[1]', '[0]'], element = 'oi' } = {}) => `const ACTIVATIONS = {
  sigmoid: { f: (x) => 1 / (1 + Math.exp(-x)), df: (y) => y * (1 - y) },
  tanh: { f: (x) => Math.tanh(x), df: (y) => 1 - y * y },
};
class NeuralNetwork {
  constructor(inputs, hidden, outputs, activation = 'sigmoid') {
    this.act = ACTIVATIONS[activation];
    this.w1 = Array.from({ length: hidden }, () => Array.from({ length: inputs }, () => Math.random() - 0.5));
    this.w2 = Array.from({ length: outputs }, () => Array.from({ length: hidden }, () => Math.random() - 0.5));
  }
  forward(x) {
    this.h = this.w1.map((row) => this.act.f(row.reduce((s, w, i) => s + w * x[i], 0)));
    this.o = this.w2.map((row) => this.act.f(row.reduce((s, w, i) => s + w * this.h[i], 0)));
    return this.o;
  }
  train(x, target, lr = 0.1) {
    const o = this.forward(x);
    const outErr = o.map((${element}, k) => (target[k] - ${element}) * this.act.df(${element}));
    this.w2 = this.w2.map((row, k) => row.map((w, j) => w + lr * outErr[k] * this.h[j]));
  }
}
const nn = ${made};
const data = [[[0, 0], ${targets[0]}], [[0, 1], ${targets[1]}], [[1, 0], ${targets[2]}], [[1, 1], ${targets[3]}]];
for (let e = 0; e < 1000; e++) for (const [x, t] of data) nn.train(x, t);
`;

const WARNING = '18: the backpropagated squared error on a sigmoid output with class targets: its gradient vanishes when saturated.';

test('the sigmoid entry picked by default, trained on XOR rows a for…of loop destructures: reported', () => {
  assert.deepEqual(am(network()), [WARNING]);
  assert.deepEqual(am(network({ element: 'out' })), [WARNING]);
});

test('the tanh entry picked by the only call, or entries callers disagree on, keep it silent', () => {
  assert.deepEqual(am(network({ made: "new NeuralNetwork(2, 4, 1, 'tanh')" })), []);
  assert.deepEqual(am(network({ made: "new NeuralNetwork(2, 4, 1, Math.random() > 0.5 ? 'tanh' : 'sigmoid')" })), []);
});

test('continuous targets in the rows keep it silent', () => {
  assert.deepEqual(am(network({ targets: ['[0.1]', '[0.35]', '[0.6]', '[0.85]'] })), []);
});
