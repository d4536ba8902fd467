// A network of neuron objects: the network computes each output neuron's error (`neuron.output - target`) and hands
// it to the neuron's own method, which multiplies it by the sigmoid's derivative at its output
// (`backpropagate(error) { this.delta = error * sigmoidDerivative(this.output); }`): the squared error's gradient on a
// sigmoid output, as if written in one function. On one-hot digit targets it is the mismatch; a neuron that keeps the
// error as its delta (cross-entropy's), or targets that are not classes, stay silent.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const network = ({ neuronDelta = 'error * sigmoidDerivative(this.output)', target = 'digit === i ? 1 : 0' } = {}) => `function sigmoid(x) { return 1 / (1 + Math.exp(-x)); }
function sigmoidDerivative(s) { return s * (1 - s); }

class Neuron {
  constructor(inputs) { this.weights = Array.from({ length: inputs }, () => Math.random() - 0.5); this.bias = 0; this.output = 0; this.delta = 0; }
  activate(inputs) {
    const sum = inputs.reduce((s, x, i) => s + x * this.weights[i], this.bias);
    this.output = sigmoid(sum);
    return this.output;
  }
  backpropagate(error) {
    this.delta = ${neuronDelta};
  }
}

export class Network {
  constructor() { this.outputs = Array.from({ length: 10 }, () => new Neuron(64)); }
  backpropagate(targetOutputs) {
    let squaredErrorSum = 0;
    for (let i = 0; i < targetOutputs.length; i++) {
      const neuron = this.outputs[i];
      const target = targetOutputs[i];
      const error = neuron.output - target;
      squaredErrorSum += error * error;
      neuron.backpropagate(error);
    }
    return squaredErrorSum / targetOutputs.length;
  }
  train(samples) {
    for (const { pixels, digit } of samples) {
      this.outputs.forEach((n) => n.activate(pixels));
      const targets = Array.from({ length: 10 }, (_, i) => ${target});
      this.backpropagate(targets);
    }
  }
}
`;

const mismatches = (code) => lint.lintText(code, '/p/NeuralNetwork.js').diagnostics.filter((d) => d.code === 'activation-mismatch');

test("an error handed to a neuron's method that multiplies it by the sigmoid's derivative, on one-hot targets, is the mismatch", () => {
  const found = mismatches(network());
  assert.equal(found.length, 1);
  assert.equal(found[0].line, 23);
  assert.match(found[0].detail, /sigmoidDerivative\(this\.output\)/);
});

test("a neuron that keeps the error as its delta, or targets that are not classes, stay silent", () => {
  assert.equal(mismatches(network({ neuronDelta: 'error' })).length, 0);
  assert.equal(mismatches(network({ target: 'digit / 9' })).length, 0);
});
