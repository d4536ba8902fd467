// Hand-written networks whose pieces sit in members rather than locals: a derivative that maps σ′ over a whole matrix
// (`this.activationDerivative = (m) => math.map(m, (x) => x * (1 - x))`), an output kept in a nested cache field
// (`this.cache.outputOut`), a network made in a sloppy-mode global (`net = new Network()` with no declaration), and a
// backward pass handed the array its forward pass wrote the sigmoid into (`Oo[i] = this.sigmoid(Oo[i])`). Also, for
// matrix classes' losses: an element-wise map called `apply`, and a count read off the target by another name
// (`sum / yTrue.rows_`), which is no value of the target and so never 0.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const findings = (text, file = '/web/app.js') => {
  const r = lint.lintText(text, file);
  assert.equal(r.internalError, undefined);
  return r.diagnostics.map((d) => `${d.code}:${d.line}`);
};

const mathjsNetwork = ({ declare = 'const net = new Network();', on = '1', derivative = 'math.map(m, (x) => x * (1 - x))' } = {}) => `class Network {
  constructor() {
    this.w = math.random([10, 5]);
    this.activation = (m) => math.map(m, (x) => 1 / (1 + Math.exp(-x)));
    this.activationDerivative = (m) => ${derivative};
  }
  cache = { loss: [] };
  feedForward = (input) => {
    this.cache.outputOut = this.activation(math.multiply(this.w, input));
    return this.cache.outputOut;
  };
  backPropagate = (target) => {
    target = math.transpose(math.matrix([target]));
    let dEdA = math.subtract(target, this.cache.outputOut);
    let dAdZ = this.activationDerivative(this.cache.outputOut);
    this.grad = math.dotMultiply(dEdA, dAdZ);
  };
  train = (input, target) => {
    this.feedForward(input);
    this.backPropagate(target);
  };
}
${declare}
function trainAll(data, labels) {
  data.forEach((current, index) => {
    const oneHotLabel = Array(10).fill(0);
    oneHotLabel[labels[index]] = ${on};
    net.train(current, oneHotLabel);
  });
}
`;

test('a derivative mapped over the matrix, an output in a nested cache field: squared error on a sigmoid with class targets', () => {
  assert.deepEqual(findings(mathjsNetwork()), ['activation-mismatch:14']);
  // The map's function is not σ′ (a tanh's 1 − y²): no sigmoid derivative, nothing to report.
  assert.deepEqual(findings(mathjsNetwork({ derivative: 'math.map(m, (x) => 1 - x * x)' })), []);
});

test('a network made in a sloppy-mode global is the class its assignment makes', () => {
  assert.deepEqual(findings(mathjsNetwork({ declare: 'function setup() { net = new Network(); }' })), ['activation-mismatch:14']);
  // Given something else as well: no one class, so no targets are followed to it.
  assert.deepEqual(findings(mathjsNetwork({ declare: 'function setup() { net = new Network(); }\nfunction reset() { net = loadNetwork(); }' })), []);
  // … or written another way: as the global object's property, by a logical assignment, by destructuring.
  for (const other of ['window.net = loadNetwork();', 'net ??= loadNetwork();', '[net] = [loadNetwork()];']) {
    assert.deepEqual(findings(mathjsNetwork({ declare: `function setup() { net = new Network(); }\nfunction reset() { ${other} }` })), [], other);
  }
});

test('zeros with 0.99 at the class are one-hot targets; with 0.5 they are not', () => {
  assert.deepEqual(findings(mathjsNetwork({ on: '0.99' })), ['activation-mismatch:14']);
  assert.deepEqual(findings(mathjsNetwork({ on: '0.5' })), []);
  // A row reused for the next example, reset after training on it: still one-hot.
  assert.deepEqual(findings(mathjsNetwork().replace('net.train(current, oneHotLabel);', 'net.train(current, oneHotLabel);\n    oneHotLabel[labels[index]] = 0;')), ['activation-mismatch:14']);
  // A row given two values (0.92 and 0.35, measurements) is no one-hot row.
  assert.deepEqual(findings(mathjsNetwork({ on: '0.92;\n    oneHotLabel[1] = 0.35' })), []);
});

const arrayNetwork = (rows) => `class NeuralNetwork {
  sigmoid(x) { return 1 / (1 + Math.exp(-x)); }
  sigmoid_derivative(x) { return x * (1 - x); }
  forwardPass(inputArr, Ho, Oo) {
    for (let i = 0; i < 2; i++) {
      Oo[i] = this.Bo[i];
      for (let j = 0; j < 2; j++) Oo[i] += this.Wo[i][j] * inputArr[j];
      Oo[i] = this.sigmoid(Oo[i]);
    }
  }
  backwardPass(labelArr, Oo, Oe, Od) {
    for (let i = 0; i < 2; i++) {
      Oe[i] = Oo[i] - labelArr[i];
      Od[i] = Oe[i] * this.sigmoid_derivative(Oo[i]);
    }
  }
  fit(inputs, labels) {
    for (let s = 0; s < inputs.length; s++) {
      const Oo = [0, 0], Oe = [0, 0], Od = [0, 0];
      this.forwardPass(inputs[s], [], Oo);
      this.backwardPass(labels[s], Oo, Oe, Od);
    }
  }
}
const nn = new NeuralNetwork();
nn.fit([[0, 0], [0, 1], [1, 0], [1, 1]], ${rows});
`;

test('a backward pass given the array the forward pass wrote a sigmoid into: its error against the labels', () => {
  assert.deepEqual(findings(arrayNetwork('[[1, 0], [0, 1], [0, 1], [1, 0]]')), ['activation-mismatch:13']);
  // Fractions as targets: a regression, nothing to report.
  assert.deepEqual(findings(arrayNetwork('[[0.2, 0.7], [0.4, 0.1], [0.3, 0.6], [0.9, 0.5]]')), []);
});

const matrixLoss = (forward) => `import { Matrix } from '../lib/linalg';
import { Loss } from './base';
export class CrossEntropy extends Loss {
  forward(yTrue: Matrix, yPred: Matrix) {
    ${forward}
  }
}
`;

test("a matrix class's element-wise apply is a map; a count read off the target is no divisor of 0", () => {
  assert.deepEqual(findings(matrixLoss('return yTrue.mul(yPred.apply((x) => x.log())).sum() * -1 / yTrue.rows_;'), '/src/losses.ts'), ['log-of-zero:5']);
  assert.deepEqual(findings(matrixLoss('return yTrue.mul(yPred.apply((x) => Math.log(Math.max(x, 1e-7)))).sum() * -1 / yTrue.numRows;'), '/src/losses.ts'), []);
  // A field that names no dimension is still a part of the target's values, which may be 0: a weight, a crowd count.
  assert.deepEqual(findings(matrixLoss('return yTrue.mul(yPred.apply((x) => Math.log(Math.max(x, 1e-7)))).sum() / yTrue.weight;'), '/src/losses.ts'), ['division-by-zero:5']);
  assert.deepEqual(findings(matrixLoss('return Math.abs(yTrue.count - yPred.count) / yTrue.count;'), '/src/losses.ts'), ['non-differentiable:5', 'division-by-zero:5']);
});

const factoryNetwork = (restore) => `class SimpleNet {
  constructor(n) { this.w = new Array(n).fill(0.1); this.lr = 0.1; }
  sigmoid(x) { return 1 / (1 + Math.exp(-x)); }
  train(inputs, targets) {
    const outputs = [this.sigmoid(inputs.reduce((s, v, j) => s + v * this.w[j], 0))];
    for (let i = 0; i < outputs.length; i++) {
      const error = targets[i] - outputs[i];
      for (let j = 0; j < this.w.length; j++) this.w[j] += this.lr * error * outputs[i] * (1 - outputs[i]) * inputs[j];
    }
  }
  static deserialize(json) {
    const net = new SimpleNet(1);
    net.w = JSON.parse(json).w;
    return net;
  }
}
class Engine {
  constructor() { this.model = new SimpleNet(3); }
  load(saved) { this.model = ${restore}; }
  learn(rows) {
    for (const row of rows) this.model.train(row.features, [row.outcome === 'success' ? 1 : 0]);
  }
}
`;

test("an instance a static factory of its own class hands back (Net.deserialize(json)) is still that class's", () => {
  assert.deepEqual(findings(factoryNetwork('SimpleNet.deserialize(saved)')), ['activation-mismatch:7']);
  // A factory of something else: no one class, so the targets are not followed to this network's training.
  assert.deepEqual(findings(factoryNetwork('Other.deserialize(saved)')), []);
});
