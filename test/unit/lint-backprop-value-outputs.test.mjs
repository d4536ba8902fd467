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

// holdout395: a matrix class whose own method turns a copy of the outputs into the derivative in place
// (`gradients = outputs.copy(); gradients.dsigmoid(); gradients.multiply(errors)`), and an element-wise product named
// for the matrix (`this.matrixMultiplyElementWise(errors, derivatives)`).
const inPlace = (targets) => `class NeuralNetwork {
  train(input_array, targets_array) {
    let inputs = Matrix.fromArray(input_array);
    let hidden = Matrix.multiply(this.weights_ih, inputs);
    hidden.sigmoid();
    let outputs = Matrix.multiply(this.weights_ho, hidden);
    outputs.sigmoid();
    let targets = Matrix.fromArray(targets_array);
    let output_errors = Matrix.subtract(targets, outputs);
    let gradients = outputs.copy();
    gradients.dsigmoid();
    gradients.multiply(output_errors);
    gradients.multiply(this.learning_rate);
    this.weights_ho.add(Matrix.multiply(gradients, Matrix.transpose(hidden)));
  }
}
const nn = new NeuralNetwork();
nn.train([0, 0], [${targets[0]}]);
nn.train([0, 1], [${targets[1]}]);
nn.train([1, 0], [${targets[2]}]);
nn.train([1, 1], [${targets[3]}]);
`;

test('gradients.dsigmoid() on a copy of the outputs, in place, times the error: 0/1 rows are classes', () => {
  assert.deepEqual(am(inPlace([0, 1, 1, 0])), [9]);
  assert.deepEqual(am(inPlace([0.2, 0.9, 0.85, 0.1])), []);
});

const elementWise = (targets) => `class Net {
  sigmoid(x) { return 1 / (1 + Math.exp(-x)); }
  sigmoidDerivative(x) { return x * (1 - x); }
  predict(inputs) {
    let hidden = this.matrixMultiply(this.weightsIH, inputs.map((x) => [x])).map((row) => row.map(this.sigmoid));
    let outputs = this.matrixMultiply(this.weightsHO, hidden).map((row) => row.map(this.sigmoid));
    return outputs[0][0];
  }
  train(inputs, targets) {
    let output = this.predict(inputs);
    let outputMatrix = [[output]];
    let targetMatrix = targets.map((x) => [x]);
    let outputErrors = this.matrixSubtract(targetMatrix, outputMatrix);
    let outputGradients = outputMatrix.map((row) => row.map(this.sigmoidDerivative));
    let outputDeltas = this.matrixMultiplyElementWise(outputErrors, outputGradients);
    this.biasO = this.matrixAdd(this.biasO, outputDeltas);
  }
}
const net = new Net();
const data = [{ x: [0, 0], t: [${targets[0]}] }, { x: [1, 1], t: [${targets[1]}] }];
for (const d of data) net.train(d.x, d.t);
`;

test('matrixMultiplyElementWise(errors, derivatives) is the element-wise product of the error and σ′', () => {
  assert.deepEqual(am(elementWise([0, 1])), [13]);
  assert.deepEqual(am(elementWise([0.3, 0.6])), []);
});

// holdout395: a network written as a constructor function with prototype methods, trained on rows picked from a list.
const prototypeNet = (targets) => `function NeuralNetwork(inputs, hidden, outputs) {
  this.weights_ih = new Matrix(hidden, inputs);
  this.weights_ho = new Matrix(outputs, hidden);
}
function sigmoid(x) {
  return 1 / (1 + Math.exp(-x));
}
function derivativeOfSigmoid(y) {
  return y * (1 - y);
}
NeuralNetwork.prototype.train = function (input_array, target_array) {
  let hidden = Matrix.multiply(this.weights_ih, Matrix.fromArray(input_array));
  hidden.map(sigmoid);
  let outputs = Matrix.multiply(this.weights_ho, hidden);
  outputs.map(sigmoid);
  let targets = Matrix.fromArray(target_array);
  let output_errors = Matrix.subtract(targets, outputs);
  let gradients = Matrix.map(outputs, derivativeOfSigmoid);
  gradients.multiply(output_errors);
  this.weights_ho.add(Matrix.multiply(gradients, Matrix.transpose(hidden)));
};
let training_data = [
  { inputs: [0], targets: [${targets[0]}] },
  { inputs: [1], targets: [${targets[1]}] },
];
let nn = new NeuralNetwork(1, 2, 1);
for (let i = 0; i < 1000; i++) {
  let data = random(training_data);
  nn.train(data.inputs, data.targets);
}
`;

test("nn.train(…) of a constructor function's prototype method: the rows it is given say classes", () => {
  assert.deepEqual(am(prototypeNet([0, 1])), [17]);
  assert.deepEqual(am(prototypeNet([0.25, 0.8])), []);
});
