// Hand networks on a matrix class of their own, as many tutorials write one: `Matrix.substract(targets, outputs)` (a
// common misspelling of subtract) and a static `Matrix.multiply(a, b)` that is element-wise because the same class
// has `Matrix.dot` for the matrix product. The output's delta (target − output) · σ'(output) is a squared error
// backpropagated through the sigmoid: on XOR's 0/1 targets, an activation mismatch.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const codes = (code) => lint.lintText(code, '/p/script.js').diagnostics.map((d) => `${d.code}:${d.line}`);

const network = ({ subtract = 'substract', product = 'dot' } = {}) => `class NeuralNetwork {
  constructor(inputs, hidden, outputs) {
    this.weights0 = Matrix.random(inputs, hidden);
    this.weights1 = Matrix.random(hidden, outputs);
  }
  feedForward(inputArray) {
    this.inputs = Matrix.fromArray(inputArray);
    this.hidden = Matrix.map(Matrix.${product}(this.inputs, this.weights0), (x) => sigmoid(x));
    return Matrix.map(Matrix.${product}(this.hidden, this.weights1), (x) => sigmoid(x));
  }
  train(inputArray, targetArray) {
    const outputs = this.feedForward(inputArray);
    const targets = Matrix.fromArray(targetArray);
    const outputErrors = Matrix.${subtract}(targets, outputs);
    const outputDerivatives = Matrix.map(outputs, (x) => sigmoid(x, true));
    const outputDeltas = Matrix.multiply(outputErrors, outputDerivatives);
    this.weights1 = Matrix.add(this.weights1, Matrix.${product}(Matrix.transpose(this.hidden), outputDeltas));
  }
}

function sigmoid(x, derivative = false) {
  if (derivative) return x * (1 - x);
  return 1 / (1 + Math.exp(-x));
}

const nn = new NeuralNetwork(2, 4, 1);
const data = [
  { inputs: [0, 0], targets: [0] },
  { inputs: [0, 1], targets: [1] },
  { inputs: [1, 0], targets: [1] },
  { inputs: [1, 1], targets: [0] },
];
for (let i = 0; i < 10000; i++) {
  const d = data[Math.floor(Math.random() * data.length)];
  nn.train(d.inputs, d.targets);
}
`;

test('the misspelt substract and an element-wise multiply beside a dot: the delta is found', () => {
  assert.deepEqual(codes(network()), ['activation-mismatch:14']);
  assert.deepEqual(codes(network({ subtract: 'subtract' })), ['activation-mismatch:14']);
});

test('a class whose multiply is also its matrix product (no dot) cannot say the product is element-wise: silent', () => {
  assert.deepEqual(codes(network({ product: 'multiply' })), []);
});
