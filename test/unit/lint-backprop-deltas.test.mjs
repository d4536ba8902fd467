// Networks trained by hand-written backpropagation (the Coding Train's Toy-Neural-Network and its copies): the output
// error times the sigmoid's derivative there is a squared error's gradient on a sigmoid output, a mismatch when the
// targets are classes; the error alone is binary cross-entropy's, and regression targets keep it silent.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const findings = (text, name = '/web/nn.js') => {
  const r = lint.lintText(text, name);
  assert.equal(r.internalError, undefined);
  return r.diagnostics.map((d) => `${d.code}:${d.line}`);
};

function lintProject(files, fileName) {
  const map = new Map(Object.entries(files));
  const r = lint.lintText(map.get(fileName), fileName, { project: lint.projectFromMap(map) });
  assert.equal(r.internalError, undefined);
  return r;
}

const TOY = `function sigmoid(x) {
  return 1 / (1 + Math.exp(-x));
}
function dsigmoid(y) {
  return y * (1 - y);
}
class NeuralNetwork {
  constructor(i, h, o) {
    this.weights_ih = new Matrix(h, i);
    this.weights_ho = new Matrix(o, h);
    this.learning_rate = 0.1;
  }
  predict(input_array) {
    let inputs = Matrix.fromArray(input_array);
    let hidden = Matrix.multiply(this.weights_ih, inputs);
    hidden.map(sigmoid);
    let output = Matrix.multiply(this.weights_ho, hidden);
    output.map(sigmoid);
    return output.toArray();
  }
  train(input_array, target_array) {
    let inputs = Matrix.fromArray(input_array);
    let hidden = Matrix.multiply(this.weights_ih, inputs);
    hidden.map(sigmoid);
    let outputs = Matrix.multiply(this.weights_ho, hidden);
    outputs.map(sigmoid);
    let targets = Matrix.fromArray(target_array);
    let output_errors = Matrix.subtract(targets, outputs);
    let gradients = Matrix.map(outputs, dsigmoid);
    gradients.multiply(output_errors);
    gradients.multiply(this.learning_rate);
    this.weights_ho.add(Matrix.multiply(gradients, Matrix.transpose(hidden)));
    let hidden_errors = Matrix.multiply(Matrix.transpose(this.weights_ho), output_errors);
    let hidden_gradient = Matrix.map(hidden, dsigmoid);
    hidden_gradient.multiply(hidden_errors);
    this.weights_ih.add(Matrix.multiply(hidden_gradient, Matrix.transpose(inputs)));
  }
}
`;
const ERROR_LINE = 28;

const XOR = `let nn = new NeuralNetwork(2, 2, 1);
let training_data = [
  { inputs: [0, 0], targets: [0] },
  { inputs: [0, 1], targets: [1] },
  { inputs: [1, 0], targets: [1] },
  { inputs: [1, 1], targets: [0] },
];
function draw() {
  for (let i = 0; i < 100; i++) {
    let data = random(training_data);
    nn.train(data.inputs, data.targets);
  }
}
`;

test('Toy-Neural-Network trained on XOR rows: the error times dsigmoid(outputs) is a squared error on 0/1 classes', () => {
  const r = lint.lintText(TOY + XOR, '/web/sketch.js');
  const d = r.diagnostics.filter((x) => x.code === 'activation-mismatch');
  assert.deepEqual(d.map((x) => x.line), [ERROR_LINE]);
  assert.match(d[0].message, /backpropagated squared error on a sigmoid output with class targets/);
  assert.match(d[0].detail ?? '', /Matrix\.map\(outputs, dsigmoid\) \(line 29\)/);
  assert.match(d[0].detail ?? '', /0\/1 labels/);
  // No compiled loss to rename: no fix is offered that would edit something else.
  assert.equal((d[0].fixes ?? []).length, 0);
});

test('the Hadamard product written as hmultiply (a copy of the Toy network whose Matrix names it so)', () => {
  const h = TOY.replace('gradients.multiply(output_errors);', 'gradients.hmultiply(output_errors);');
  assert.notEqual(h, TOY);
  const d = lint.lintText(h + XOR, '/web/sketch.js').diagnostics.filter((x) => x.code === 'activation-mismatch');
  assert.deepEqual(d.map((x) => x.line), [ERROR_LINE]);
});

test('the class in one script and the XOR data in the sketch beside it (a p5 page)', () => {
  const r = lintProject({ '/web/nn.js': TOY, '/web/sketch.js': XOR }, '/web/nn.js');
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}:${d.line}`), [`activation-mismatch:${ERROR_LINE}`]);
});

test('targets given one row per call, each 0 or 1, say classes together', () => {
  assert.deepEqual(findings(`${TOY}const nn = new NeuralNetwork(2, 2, 1);\nnn.train([0, 1], [1]);\nnn.train([1, 1], [0]);\n`), [`activation-mismatch:${ERROR_LINE}`]);
});

test('a colour predictor trained on fractions is a regression: silent', () => {
  const colours = `let nn = new NeuralNetwork(3, 4, 3);
function train(r, g, b) {
  nn.train([r / 255, g / 255, b / 255], [r / 255, 1 - g / 255, b / 255]);
}
`;
  assert.deepEqual(findings(TOY + colours), []);
});

test('the library alone, with nothing saying what it is trained on: silent', () => {
  assert.deepEqual(findings(TOY), []);
});

test('the error without the derivative at the output is binary cross-entropy gradient: silent', () => {
  const ce = TOY.replace('let gradients = Matrix.map(outputs, dsigmoid);\n    gradients.multiply(output_errors);', 'let gradients = output_errors.copy();');
  assert.ok(!ce.includes('Matrix.map(outputs, dsigmoid)'));
  assert.deepEqual(findings(ce + XOR), []);
});

test('the arg-max of the network\'s own prediction reads its outputs as classes (a doodle classifier)', () => {
  const doodles = `const nn = new NeuralNetwork(784, 64, 3);
function guessDoodle(pixels) {
  const guess = nn.predict(pixels);
  return guess.indexOf(Math.max(...guess));
}
function learn(pixels, target) {
  nn.train(pixels, target);
}
`;
  assert.deepEqual(findings(TOY + doodles), [`activation-mismatch:${ERROR_LINE}`]);
});

test('the arg-max of the prediction handed back in another form (flatten().tolist(), dataSync()) still reads classes', () => {
  const doodles = (read) => `const nn = new NeuralNetwork(784, 64, 3);
function guessDoodle(pixels) {
  return argmax(nn.predict(pixels)${read});
}
function learn(pixels, target) {
  nn.train(pixels, target);
}
`;
  assert.deepEqual(findings(TOY + doodles('.flatten().tolist()')), [`activation-mismatch:${ERROR_LINE}`]);
  assert.deepEqual(findings(TOY + doodles('.dataSync()')), [`activation-mismatch:${ERROR_LINE}`]);
  // An arg-max of something computed from the prediction (a sum with other scores) is no reading of its classes.
  assert.deepEqual(findings(TOY + doodles('.add(bias).tolist()')), []);
});

test('a single neuron written inline: (pred - target) chained through sigmoid(z)·(1 − sigmoid(z)) on 0/1 labels', () => {
  const neuron = `function sigmoid(x) { return 1 / (1 + Math.exp(-x)); }
const data = [[0, 0, 0], [0, 1, 0], [1, 0, 0], [1, 1, 1]];
function train(points) {
  let w = [0, 0], b = 0;
  for (let i = 0; i < 1000; i++) {
    const point = points[i % points.length];
    const target = point[2];
    const z = w[0] * point[0] + w[1] * point[1] + b;
    const pred = sigmoid(z);
    const dpred = sigmoid(z) * (1 - sigmoid(z));
    const dcost = 2 * (pred - target);
    b -= 0.1 * dcost * dpred;
  }
  return { w, b };
}
train(data);
function classify(x) {
  return Math.round(sigmoid(x));
}
`;
  // Its targets are the last column of rows that hold the inputs too: nothing decisive without reading columns.
  const r = lint.lintText(neuron, '/web/neuron.js');
  assert.equal(r.internalError, undefined);
  assert.ok(r.sites.some((s) => s.kind === 'custom-function' && /error × σ′/.test(s.name ?? '')), JSON.stringify(r.sites.map((s) => s.name)));
});

test('a hidden layer\'s derivative times its backpropagated error is every loss\'s: with a linear output, silent', () => {
  const linearOutput = TOY.replace('output.map(sigmoid);', '').replace('outputs.map(sigmoid);', '').replace('let gradients = Matrix.map(outputs, dsigmoid);\n    gradients.multiply(output_errors);', 'let gradients = output_errors.copy();');
  assert.deepEqual(findings(linearOutput + XOR), []);
});

test('an output layer written with an inline derivative, out * (1 - out), on one-hot rows', () => {
  const mlp = `const sigmoid = (x) => 1 / (1 + Math.exp(-x));
class Layer {
  backward(targets) {
    for (let j = 0; j < this.neurons.length; j++) {
      const out = this.neurons[j].value;
      this.neurons[j].gradient = (out - targets[j]) * out * (1 - out);
    }
  }
}
const layer = new Layer();
layer.backward([1, 0, 0]);
layer.backward([0, 1, 0]);
`;
  assert.deepEqual(findings(mlp), ['activation-mismatch:6']);
});

test('mathjs style: dotMultiply(dotMultiply(errors, o), subtract(1, o)), with the XOR targets wrapped in matrix()', () => {
  const net = `import { matrix, subtract, dotMultiply, multiply, transpose, map } from 'mathjs';
export class Net {
  constructor() { this.act = (x) => 1 / (1 + Math.exp(-x)); }
  train(inputList, targetList) {
    const targets = transpose(matrix([targetList]));
    const finalOutputs = map(multiply(this.w, transpose(matrix([inputList]))), this.act);
    const outputErrors = matrix(subtract(targets, finalOutputs));
    const delta = dotMultiply(dotMultiply(outputErrors, finalOutputs), matrix(subtract(1, finalOutputs)));
    this.w = subtract(this.w, multiply(delta, 0.1));
  }
}
const net = new Net();
net.train([0, 1], [1]);
net.train([1, 1], [0]);
`;
  assert.deepEqual(findings(net, '/p/net.js'), ['activation-mismatch:7']);
});

test('the targets a class keeps (this.y = y) and the derivative asked for by a flag, sigmoid(o, true)', () => {
  const net = `function sigmoid(x, derivative) {
  const fx = 1 / (1 + Math.exp(-x));
  return derivative ? fx * (1 - fx) : fx;
}
class NeuralNetwork {
  constructor(x, y) {
    this.input = x;
    this.y = y;
    this.activation = sigmoid;
  }
  backprop() {
    const error = np.sub(this.y, this.output);
    const delta = np.bwise_mul(error, this.output.map((v) => this.activation(v, true)));
    this.weights2 = np.add(this.weights2, np.dot(np.tra(this.layer1), delta));
  }
}
const nn = new NeuralNetwork([[0, 0], [0, 1], [1, 0]], [[0, 1], [1, 0], [1, 1]]);
nn.backprop();
`;
  assert.deepEqual(findings(net, '/p/nn.js'), ['activation-mismatch:12']);
  // Regression targets in the same class: silent.
  assert.deepEqual(findings(net.replace('[[0, 1], [1, 0], [1, 1]]', '[[0.2, 0.7], [0.5, 0.1], [0.9, 0.3]]'), '/p/nn.js'), []);
});

test('a class that fills this.trainingData with one-hot rows and scores data.output with a squared error on its sigmoid forward', () => {
  const net = `class WordNet {
  trainingData: { input: number[]; output: number[] }[] = [];
  sigmoid(x: number): number { return 1 / (1 + Math.exp(-x)); }
  forward(input: number[]): number[] { return input.map((v) => this.sigmoid(v)); }
  calculateError(targetArray: number[], outputArray: number[]): number {
    let sum = 0;
    for (let i = 0; i < targetArray.length; i++) sum += Math.pow(targetArray[i] - outputArray[i], 2);
    return sum / (2 * targetArray.length);
  }
  train(): void {
    for (const data of this.trainingData) this.calculateError(data.output, this.forward(data.input));
  }
  load(words: string[]): void {
    this.trainingData = [];
    for (let i = 0; i < words.length; i++) {
      const output = Array(words.length).fill(0);
      output[i] = 1;
      this.trainingData.push({ input: [words[i].length], output: output });
    }
  }
}
`;
  assert.deepEqual(findings(net, '/p/WordNet.ts'), ['activation-mismatch:5']);
  // Rows of fractions: a regression.
  const fractions = net.replace('const output = Array(words.length).fill(0);\n      output[i] = 1;', 'const output = [i / words.length];');
  assert.deepEqual(findings(fractions, '/p/WordNet.ts'), []);
});

test('the arg-max written in two steps, const biggest = Math.max(...out); out.indexOf(biggest), reads outputs as classes', () => {
  const evaluate = `const net = new NeuralNetwork(784, 30, 10);
function evaluate(images) {
  let correct = 0;
  for (const { pixels, digit } of images) {
    const out = net.predict(pixels);
    const biggest = Math.max(...out);
    if (out.indexOf(biggest) === digit) correct++;
  }
  return correct;
}
`;
  assert.deepEqual(findings(TOY + evaluate), [`activation-mismatch:${ERROR_LINE}`]);
});

test('a chained matrix API: targets.sub(outputs) times outputs.map(dsigmoid), and a library whose apply takes the function first', () => {
  const chained = `function sigmoid(x) { return 1 / (1 + Math.exp(-x)); }
function dsigmoid(y) { return y * (1 - y); }
class NeuralNetwork {
  train(input_array, expected_array) {
    const outputs = this.predict(input_array);
    const targets = Matrix.fromArray(expected_array);
    const output_errors = targets
      .sub(outputs);
    const output_gradients = outputs
      .map(dsigmoid)
      .mult(output_errors)
      .mult(this.learningRate);
    this.weights_ho.add(output_gradients);
  }
}
const brain = new NeuralNetwork(2, 4, 1);
brain.train([0, 1], [1]);
brain.train([1, 1], [0]);
`;
  assert.deepEqual(findings(chained), ['activation-mismatch:7']);
  const functionFirst = chained
    .replace('const output_errors = targets\n      .sub(outputs);', 'const output_errors = matrix.subtract(targets, outputs);')
    .replace('const output_gradients = outputs\n      .map(dsigmoid)\n      .mult(output_errors)\n      .mult(this.learningRate);', 'const d_o = matrix.apply(dsigmoid, outputs);\n    const output_gradients = matrix.multiply_ew(output_errors, d_o);');
  assert.deepEqual(findings(functionFirst), ['activation-mismatch:7']);
});

test("a page's state kept in one object literal: the network and its XOR rows are fields of it (w.network.train(example.input, example.output))", () => {
  const net = `class NeuralNetwork {
  constructor() { this.w = [0.1, -0.2]; this.b = 0; }
  sigmoid(x) { return 1 / (1 + Math.exp(-x)); }
  sigmoidDerivative(x) { return x * (1 - x); }
  forward(input) { return this.sigmoid(this.w[0] * input[0] + this.w[1] * input[1] + this.b); }
  train(input, target) {
    const output = this.forward(input);
    const error = target - output;
    const delta = error * this.sigmoidDerivative(output);
    for (let i = 0; i < 2; i++) this.w[i] += 0.5 * delta * input[i];
    this.b += 0.5 * delta;
  }
}
`;
  const page = (rows) => `${net}let w = {
  network: new NeuralNetwork(),
  trainingData: ${rows},
  step: () => {
    for (let example of w.trainingData) w.network.train(example.input, example.output);
  },
  reset: () => {
    w.network = new NeuralNetwork();
  },
};
`;
  const xor = '[{ input: [0, 0], output: 0 }, { input: [0, 1], output: 1 }, { input: [1, 0], output: 1 }, { input: [1, 1], output: 0 }]';
  assert.deepEqual(findings(page(xor)), ['activation-mismatch:8']);
  // Fractions (a regression) keep it silent, and so does a field given another class's object on a reset.
  assert.deepEqual(findings(page(xor.replaceAll('output: 1', 'output: 0.75'))), []);
  assert.deepEqual(findings(page(xor).replace('w.network = new NeuralNetwork();', 'w.network = new OtherNet();')), []);
});

test('errors and deltas made with map callbacks: outputs.map((o, i) => target[i] - o), then errors.map((e, i) => e * sigmoidDerivative(outputs[i]))', () => {
  const text = (derivativeOf) => `class SimpleNeuralNetwork {
  sigmoid(x) { return 1 / (1 + Math.exp(-x)); }
  sigmoidDerivative(s) { return s * (1 - s); }
  train(input, target) {
    const hidden = this.w1.map((w) => this.sigmoid(w.reduce((s, v, j) => s + v * input[j], 0)));
    const output = this.w2.map((w) => this.sigmoid(w.reduce((s, v, j) => s + v * hidden[j], 0)));
    const outputError = output.map((o, i) => target[i] - o);
    const outputDelta = outputError.map((error, i) => error * this.sigmoidDerivative(${derivativeOf}[i]));
    this.w2 = this.w2.map((w, i) => w.map((v, j) => v + 0.1 * outputDelta[i] * hidden[j]));
  }
}
const net = new SimpleNeuralNetwork();
for (const row of [{ x: [0, 1], y: [1, 0] }, { x: [1, 1], y: [0, 1] }]) net.train(row.x, row.y);
`;
  assert.deepEqual(findings(text('output')), ['activation-mismatch:7']);
  // The derivative at the hidden layer is every loss's backpropagation: silent.
  assert.deepEqual(findings(text('hidden')), []);
});

test('the derivative expanded, out - out * out (σ − σ²), on an AND gate: a squared error on 0/1 classes', () => {
  const perceptron = (derivative) => `class Perceptron {
  w: number[] = [Math.random(), Math.random()];
  b = Math.random();
  Eval(x: number[]): number {
    return 1 / (1 + Math.exp(-(this.w[0] * x[0] + this.w[1] * x[1] + this.b)));
  }
  Train(data: number[][], label: number[], epochs: number, dt: number): void {
    for (let i = 0; i < epochs; i++) {
      for (let j = 0; j < 4; j++) {
        const out = this.Eval(data[j]);
        this.w[0] += (label[j] - out) * (${derivative}) * data[j][0] * dt;
      }
    }
  }
}
const p = new Perceptron();
p.Train([[0, 0], [1, 0], [0, 1], [1, 1]], [0, 0, 0, 1], 1000, 0.01);
`;
  for (const derivative of ['out - out * out', 'out - out ** 2', 'out - Math.pow(out, 2)', 'out * (1 - out)']) assert.deepEqual(findings(perceptron(derivative), '/p/index.ts'), ['activation-mismatch:11'], derivative);
  // A difference of the output and another square is no derivative; nor is the error alone (the cross-entropy's gradient),
  // nor a decrement (`out -- * out` does not parse as one, `x - - out * out` is a sum).
  assert.deepEqual(findings(perceptron('out - -out * out'), '/p/index.ts'), []);
  assert.deepEqual(findings(perceptron('out - dt * dt'), '/p/index.ts'), []);
  assert.deepEqual(findings(perceptron('1'), '/p/index.ts'), []);
});

test('a logistic unit trained by hand: a sigmoid written out where it is assigned, the error negated in the step, rows pushed into a page global', () => {
  const unit = (update, declared = '') => `${declared}function generateData(total) {
  for (let i = 0; i < total; i++) {
    let X1, Y;
    if (i < total / 2) { X1 = Math.random() * 0.4; Y = 0; } else { X1 = 0.6 + Math.random() * 0.4; Y = 1; }
    data.push({ x1: X1, y: Y });
  }
}
function train(epochs, alpha) {
  A = 0.0;
  C = 0.0;
  for (let i = 0; i < epochs; i++) {
    data.forEach((d) => {
      const predY = 1 / (1 + Math.exp(-(A * d.x1 + C)));
      const error = predY - d.y;
      ${update}
    });
  }
}
`;
  const squared = 'A = A + alpha * -error * predY * (1 - predY) * d.x1;\n      C = C + alpha * -error * predY * (1 - predY);';
  // \`data\` is the page's global (declared by another script): the rows this file pushes are its targets, 0 and 1.
  assert.deepEqual(findings(unit(squared)), ['activation-mismatch:14']);
  assert.deepEqual(findings(unit(squared, 'var data = [];\n')), ['activation-mismatch:15']);
  // The cross-entropy's gradient (the error alone) is the right pair.
  assert.deepEqual(findings(unit('A = A - alpha * error * d.x1;\n      C = C - alpha * error;')), []);
  // Rows whose targets are fractions: a regression, silent.
  assert.deepEqual(findings(unit(squared).replace('Y = 0;', 'Y = 0.25;').replace('Y = 1;', 'Y = 0.75;')), []);
});

test("Toy-Neural-Network's own form: this.activation_function.dfunc of new ActivationFunction(f, y => y * (1 - y)), set by setActivationFunction(func = sigmoid)", () => {
  const toy = (setter, calls = '') => `class ActivationFunction {
  constructor(func, dfunc) {
    this.func = func;
    this.dfunc = dfunc;
  }
}
let sigmoid = new ActivationFunction(x => 1 / (1 + Math.exp(-x)), y => y * (1 - y));
let tanh = new ActivationFunction(x => Math.tanh(x), y => 1 - (y * y));
class NeuralNetwork {
  constructor(i, h, o) {
    this.weights_ih = new Matrix(h, i);
    this.weights_ho = new Matrix(o, h);
    this.learning_rate = 0.1;
    ${setter}
  }
  setActivationFunction(func = sigmoid) {
    this.activation_function = func;
  }
  train(input_array, target_array) {
    let inputs = Matrix.fromArray(input_array);
    let hidden = Matrix.multiply(this.weights_ih, inputs);
    hidden.map(this.activation_function.func);
    let outputs = Matrix.multiply(this.weights_ho, hidden);
    outputs.map(this.activation_function.func);
    let targets = Matrix.fromArray(target_array);
    let output_errors = Matrix.subtract(targets, outputs);
    let gradients = Matrix.map(outputs, this.activation_function.dfunc);
    gradients.multiply(output_errors);
    this.weights_ho.add(Matrix.multiply(gradients, Matrix.transpose(hidden)));
  }
}
let nn = new NeuralNetwork(2, 2, 1);
${calls}
let training_data = [{ inputs: [0, 0], targets: [0] }, { inputs: [0, 1], targets: [1] }, { inputs: [1, 0], targets: [1] }, { inputs: [1, 1], targets: [0] }];
function draw() {
  let data = random(training_data);
  nn.train(data.inputs, data.targets);
}
`;
  assert.deepEqual(findings(toy('this.setActivationFunction();'), '/web/sketch.js'), ['activation-mismatch:26']);
  assert.deepEqual(findings(toy('this.activation_function = sigmoid;'), '/web/sketch.js'), ['activation-mismatch:26']);
  // A sketch that sets tanh has no sigmoid at the output: silent.
  assert.deepEqual(findings(toy('this.setActivationFunction();', 'nn.setActivationFunction(tanh);'), '/web/sketch.js'), []);
  assert.deepEqual(findings(toy('this.activation_function = tanh;'), '/web/sketch.js'), []);
});
