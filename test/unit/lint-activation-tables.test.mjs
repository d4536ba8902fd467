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

const switched = ({ made = 'new NeuralNetwork([2, 3, 1])', style = 'switch' } = {}) => `class NeuralNetwork {
  constructor(sizes, activation = 'sigmoid') {
    this.activation = activation;
    this.weights = sizes.slice(1).map((n, i) => Array.from({ length: n }, () => Array.from({ length: sizes[i] }, () => Math.random() - 0.5)));
  }
  activate(x) {
    return this.activation === 'sigmoid' ? 1 / (1 + Math.exp(-x)) : Math.tanh(x);
  }
  derivative(y) {
${style === 'switch' ? `    switch (this.activation) {
      case 'sigmoid': return y * (1 - y);
      case 'tanh': return 1 - y * y;
      default: return y > 0 ? 1 : 0;
    }` : `    if (this.activation === 'tanh') return 1 - y * y;
    else if (this.activation === 'sigmoid') return y * (1 - y);
    return y > 0 ? 1 : 0;`}
  }
  forward(input) {
    let a = input;
    for (const w of this.weights) a = w.map((row) => this.activate(row.reduce((s, wi, j) => s + wi * a[j], 0)));
    return a;
  }
  train(input, target) {
    const outputs = this.forward(input);
    const errors = outputs.map((o, i) => target[i] - o);
    return errors.map((e, i) => e * this.derivative(outputs[i]));
  }
}
const nn = ${made};
const data = [{ input: [0, 0], output: [0] }, { input: [0, 1], output: [1] }, { input: [1, 0], output: [1] }, { input: [1, 1], output: [0] }];
for (let e = 0; e < 100; e++) data.forEach((d) => nn.train(d.input, d.output));
`;

test('a derivative that switches on the activation the class keeps, fixed to sigmoid by its default: reported', () => {
  for (const style of ['switch', 'if']) {
    const text = switched({ style });
    const line = text.split('\n').findIndex((l) => l.includes('target[i] - o')) + 1;
    assert.deepEqual(am(text), [`${line}: the backpropagated squared error on a sigmoid output with class targets: its gradient vanishes when saturated.`]);
  }
});

test('the same network made with tanh, or with an activation the file does not fix, stays silent', () => {
  assert.deepEqual(am(switched({ made: "new NeuralNetwork([2, 3, 1], 'tanh')" })), []);
  assert.deepEqual(am(switched({ made: "new NeuralNetwork([2, 3, 1], 'tanh')", style: 'if' })), []);
  assert.deepEqual(am(switched({ made: 'new NeuralNetwork([2, 3, 1], process.argv[2])' })), []);
});
