// Hand-written backpropagation where the names do not say which side is the output: `y - t` with `const y =
// sigmoid(o)` (the output known by its value, backpropDeltas.ts), and an error made element by element in a callback
// (`target.map((t, i) => t - output[i])`) whose targets are the array mapped over (backpropSites.ts). holdout386's
// XOR network and holdout380's NeuralNetwork class.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const am = (text) => {
  const r = lint.lintText(text, '/web/xor.js');
  assert.equal(r.internalError, undefined);
  return r.diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => d.line);
};

const byValue = (targets, output = 'sigmoid(o)') => `const INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];
const TARGETS = [${targets.join(', ')}];
function sigmoid(x) {
  return 1 / (1 + Math.exp(-x));
}
function sigmoidDerivative(y) {
  return y * (1 - y);
}
function train(inputs, targets, epochs = 10, learningRate = 0.1) {
  const p = [Math.random(), Math.random(), Math.random()];
  for (let c = 0; c < epochs; c++) {
    for (let i = 0; i < inputs.length; i++) {
      const xi = inputs[i];
      const t = targets[i];
      const o = p[0] * xi[0] + p[1] * xi[1] + p[2];
      const y = ${output};
      const dL_dy = y - t;
      const dy_do = sigmoidDerivative(y);
      p[0] -= learningRate * dL_dy * dy_do * xi[0];
      p[1] -= learningRate * dL_dy * dy_do * xi[1];
      p[2] -= learningRate * dL_dy * dy_do;
    }
  }
}
train(INPUTS, TARGETS, 1000, 0.5);
`;

test('y - t with const y = sigmoid(o), times sigmoidDerivative(y), on XOR 0/1 targets: squared error on a sigmoid', () => {
  assert.deepEqual(am(byValue([0, 1, 1, 0])), [17]);
});

test('the same network on fractional targets is a regression: silent', () => {
  assert.deepEqual(am(byValue([0.1, 0.75, 0.6, 0.25])), []);
});

test('y - t where y is no sigmoid (a linear output) is not read as one', () => {
  assert.deepEqual(am(byValue([0, 1, 1, 0], 'o')), []);
});

const byCallback = (rows) => `class NeuralNetwork {
  constructor(sizes) {
    this.layers = sizes.slice(1).map((n, i) => ({ weights: Array.from({ length: n }, () => new Array(sizes[i]).fill(0.1)), biases: new Array(n).fill(0) }));
  }
  sigmoid(x) {
    return 1 / (1 + Math.exp(-x));
  }
  sigmoidDerivative(x) {
    return x * (1 - x);
  }
  forward(input) {
    let current = input;
    const activations = [input];
    for (const layer of this.layers) {
      const next = layer.weights.map((row, i) => this.sigmoid(row.reduce((s, w, j) => s + w * current[j], layer.biases[i])));
      activations.push(next);
      current = next;
    }
    return { output: current, activations };
  }
  train(input, target, learningRate = 0.1) {
    const { output, activations } = this.forward(input);
    const outputError = target.map((t, i) => t - output[i]);
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i];
      const layerOutput = activations[i + 1];
      for (let j = 0; j < layer.weights.length; j++) {
        const error = outputError[j] * this.sigmoidDerivative(layerOutput[j]);
        layer.biases[j] += learningRate * error;
      }
    }
  }
}
const data = [
${rows.map(([x, t]) => `  { input: [${x}], target: [${t}] },`).join('\n')}
];
const nn = new NeuralNetwork([2, 3, 1]);
data.forEach(({ input, target }) => nn.train(input, target, 0.5));
`;

test('target.map((t, i) => t - output[i]): the targets are the mapped array, 0/1 rows given through forEach', () => {
  assert.deepEqual(am(byCallback([['0, 0', 0], ['0, 1', 1], ['1, 0', 1], ['1, 1', 0]])), [23]);
});

test('the same class on fractional targets: silent', () => {
  assert.deepEqual(am(byCallback([['0, 0', 0.2], ['0, 1', 0.7], ['1, 0', 0.65], ['1, 1', 0.1]])), []);
});
