// Mends from a review of the forty-third session's reading rules (/work/review43/report.md), each reproduced there:
// - a loss dictionary on a tf.sequential whose output is a nested model (a combined GAN's `disc`, `[encoder, head]`)
//   or a wrapper (`timeDistributed({ …, name: 'tags' })`) is keyed by that model's or wrapper's name, which TF.js accepts;
// - `multiplicaMatriz` is the matrix product in a Portuguese network with no other product helper: no element-wise
//   error × derivative there;
// - an error handed to a method one class of the file defines as error × σ′ and another as the error alone
//   (cross-entropy's) is not known to be the squared error's;
// - a training loop that returns an accuracy score is no ranking: its unguarded log is still reported.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const codes = (text, name) => lint.lintText(text, name).diagnostics.map((d) => `${d.line}: ${d.code}`);

const MAP1 = "const tf = require('@tensorflow/tfjs');\nconst disc = tf.sequential({ name: 'disc' });\ndisc.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }));\ndisc.add(tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'disc_out' }));\nconst gen = tf.sequential({ name: 'gen' });\ngen.add(tf.layers.dense({ units: 4, inputShape: [2], activation: 'tanh' }));\nconst combined = tf.sequential();\ncombined.add(gen);\ncombined.add(disc);\ncombined.compile({ optimizer: 'adam', loss: { disc: 'binaryCrossentropy' } });\nconsole.log('ok', combined.outputNames);\n";
const MAP2 = "const tf = require('@tensorflow/tfjs');\nconst model = tf.sequential();\nmodel.add(tf.layers.lstm({ units: 16, returnSequences: true, inputShape: [10, 8] }));\nmodel.add(tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 5, activation: 'softmax', name: 'tags_dense' }), name: 'tags' }));\nmodel.compile({ optimizer: 'adam', loss: { tags: 'categoricalCrossentropy' } });\nconsole.log('ok', model.outputNames);\n";
const MAP3 = "const tf = require('@tensorflow/tfjs');\nconst encoder = tf.sequential({ name: 'encoder', layers: [tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' })] });\nconst head = tf.sequential({ name: 'head', layers: [tf.layers.dense({ units: 3, inputShape: [8], activation: 'softmax' })] });\nconst model = tf.sequential({ layers: [encoder, head] });\nmodel.compile({ optimizer: 'adam', loss: { head: 'categoricalCrossentropy' } });\nconsole.log('ok', model.outputNames);\n";
const PT1 = "function sigmoid(x) { return 1 / (1 + Math.exp(-x)); }\nfunction derivadaSigmoid(y) { return y * (1 - y); }\nfunction multiplicaMatriz(a, b) { return a.map((linha) => b[0].map((_, j) => linha.reduce((s, v, k) => s + v * b[k][j], 0))); }\nfunction subtraiMatriz(a, b) { return a.map((linha, i) => linha.map((v, j) => v - b[i][j])); }\nfunction hadamard(a, b) { return a.map((linha, i) => linha.map((v, j) => v * b[i][j])); }\nfunction transpoe(m) { return m[0].map((_, j) => m.map((linha) => linha[j])); }\n\n// entropia cruzada na sa\u00edda: o delta da sa\u00edda \u00e9 o pr\u00f3prio erro; s\u00f3 a camada oculta usa a derivada\nexport function treinar(rede, entrada, esperado, taxa) {\n  const oculta = multiplicaMatriz(rede.pesosEntradaOculta, entrada).map((l) => l.map(sigmoid));\n  const saida = multiplicaMatriz(rede.pesosOcultaSaida, oculta).map((l) => l.map(sigmoid));\n  const erro = subtraiMatriz(esperado, saida);\n  const erroOculta = multiplicaMatriz(transpoe(rede.pesosOcultaSaida), erro);\n  const gradienteOculta = hadamard(erroOculta, oculta.map((l) => l.map(derivadaSigmoid)));\n  rede.pesosOcultaSaida = rede.pesosOcultaSaida.map((l, i) => l.map((w, j) => w + taxa * multiplicaMatriz(erro, transpoe(oculta))[i][j]));\n  rede.pesosEntradaOculta = rede.pesosEntradaOculta.map((l, i) => l.map((w, j) => w + taxa * multiplicaMatriz(gradienteOculta, transpoe(entrada))[i][j]));\n}\n\nconst dados = [[[0], [0]], [[0], [1]], [[1], [0]], [[1], [1]]];\nconst alvos = [[[0]], [[1]], [[1]], [[0]]];\nexport function treinarXor(rede) { for (let e = 0; e < 10000; e++) dados.forEach((x, i) => treinar(rede, x, alvos[i], 0.1)); }\n";
const HAND2 = "function sigmoid(x) { return 1 / (1 + Math.exp(-x)); }\nfunction sigmoidDerivative(s) { return s * (1 - s); }\n\nclass HiddenNeuron {\n  constructor(inputs) { this.weights = Array.from({ length: inputs }, () => Math.random() - 0.5); this.bias = 0; this.output = 0; this.delta = 0; }\n  activate(inputs) {\n    const sum = inputs.reduce((s, x, i) => s + x * this.weights[i], this.bias);\n    this.output = sigmoid(sum);\n    return this.output;\n  }\n  backpropagate(error) {\n    this.delta = error * sigmoidDerivative(this.output);\n  }\n}\n\nclass OutputNeuron {\n  constructor(inputs) { this.weights = Array.from({ length: inputs }, () => Math.random() - 0.5); this.bias = 0; this.output = 0; this.delta = 0; }\n  activate(inputs) {\n    const sum = inputs.reduce((s, x, i) => s + x * this.weights[i], this.bias);\n    this.output = sigmoid(sum);\n    return this.output;\n  }\n  // cross-entropy on a sigmoid: the derivative cancels, the delta is the error itself\n  backpropagate(error) {\n    this.delta = error;\n  }\n}\n\nexport class Network {\n  constructor() {\n    this.hidden = Array.from({ length: 16 }, () => new HiddenNeuron(64));\n    this.outputs = Array.from({ length: 10 }, () => new OutputNeuron(16));\n  }\n  backpropagate(targetOutputs) {\n    for (let i = 0; i < targetOutputs.length; i++) {\n      const neuron = this.outputs[i];\n      const target = targetOutputs[i];\n      const error = neuron.output - target;\n      neuron.backpropagate(error);\n    }\n    this.hidden.forEach((h, j) => h.backpropagate(this.outputs.reduce((s, o) => s + o.delta * o.weights[j], 0)));\n  }\n  train(samples) {\n    for (const { pixels, digit } of samples) {\n      const hs = this.hidden.map((n) => n.activate(pixels));\n      this.outputs.forEach((n) => n.activate(hs));\n      const targets = Array.from({ length: 10 }, (_, i) => digit === i ? 1 : 0);\n      this.backpropagate(targets);\n    }\n  }\n}\n";
const SCORE = "function sigmoid(z) { return 1 / (1 + Math.exp(-z)); }\n\nexport function trainEpoch(w, b, data, lr) {\n  let cost = 0;\n  let correct = 0;\n  for (const { x, y } of data) {\n    const p = sigmoid(w * x + b);\n    cost += -(y * Math.log(p) + (1 - y) * Math.log(1 - p));\n    w -= lr * (p - y) * x;\n    b -= lr * (p - y);\n    if ((p >= 0.5 ? 1 : 0) === y) correct++;\n  }\n  const accuracyScore = correct / data.length;\n  return accuracyScore;\n}\n";

test('loss dictionaries keyed by a nested model or a wrapper that is the output: no unknown-loss', () => {
  for (const [name, text] of [['map1', MAP1], ['map2', MAP2], ['map3', MAP3]]) assert.deepEqual(codes(text, `/p/${name}.js`), [], name);
});

test("multiplicaMatriz as the matrix product of a Portuguese network with cross-entropy at the output: silent", () => {
  assert.deepEqual(codes(PT1, '/p/rede.js'), []);
});

test('an error handed to same-named methods of which one keeps the error as its delta: silent', () => {
  assert.deepEqual(codes(HAND2, '/p/network.js'), []);
});

test("a training loop that returns an accuracy score keeps its log-of-zero", () => {
  assert.deepEqual(codes(SCORE, '/p/train.js'), ['8: log-of-zero']);
});

test("an error handed to a method that multiplies it by σ′ only in the hidden neurons' branch (isOutput ? error : …): silent", () => {
  const shared = HAND2.replace(/class HiddenNeuron[\s\S]*?\n}\n\nclass OutputNeuron[\s\S]*?\n}\n/, `class Neuron {
  constructor(inputs, isOutput) { this.weights = Array.from({ length: inputs }, () => Math.random() - 0.5); this.bias = 0; this.output = 0; this.delta = 0; this.isOutput = isOutput; }
  activate(inputs) {
    const sum = inputs.reduce((s, x, i) => s + x * this.weights[i], this.bias);
    this.output = sigmoid(sum);
    return this.output;
  }
  backpropagate(error) {
    this.delta = this.isOutput ? error : error * sigmoidDerivative(this.output);
  }
}
`).replace(/new HiddenNeuron\(64\)/, 'new Neuron(64, false)').replace(/new OutputNeuron\(16\)/, 'new Neuron(16, true)');
  assert.match(shared, /this\.isOutput \? error/);
  assert.doesNotMatch(shared, /HiddenNeuron|OutputNeuron/);
  assert.deepEqual(codes(shared, '/p/network.js'), []);
  // The output's own way multiplied by σ′ is the squared error's delta.
  assert.equal(codes(shared.replace('this.isOutput ? error : error * sigmoidDerivative(this.output)', 'this.isOutput ? error * sigmoidDerivative(this.output) : error'), '/p/network.js').length, 1);
});

const HAND4 = "function sigmoid(x) { return 1 / (1 + Math.exp(-x)); }\nfunction sigmoidDerivative(s) { return s * (1 - s); }\n\nexport class Network {\n  backpropagate(targetOutputs, isOutput) {\n    for (let i = 0; i < targetOutputs.length; i++) {\n      const neuron = this.outputs[i];\n      const target = targetOutputs[i];\n      const error = neuron.output - target;\n      neuron.delta = isOutput ? error : error * sigmoidDerivative(neuron.output);\n    }\n  }\n  train(samples) {\n    for (const { pixels, digit } of samples) {\n      const targets = Array.from({ length: 10 }, (_, i) => digit === i ? 1 : 0);\n      this.backpropagate(targets, true);\n    }\n  }\n}\n";

test("within one function too, an error times σ′ in the hidden layers' branch only (isOutput ? error : …) is silent", () => {
  assert.deepEqual(codes(HAND4, '/p/network.js'), []);
  assert.equal(codes(HAND4.replace('isOutput ? error : error * sigmoidDerivative(neuron.output)', 'isOutput ? error * sigmoidDerivative(neuron.output) : error'), '/p/network.js').length, 1);
});
