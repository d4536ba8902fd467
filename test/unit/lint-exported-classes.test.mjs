// A class a module exports whole, `module.exports = NeuralNetwork` or `export default NeuralNetwork` after its
// declaration, is the same class in the files that import it: the calls those files make of its methods (`nn.train(data)`)
// give its parameters their values, as for `export class` (imports.ts resolves the name to its declaration).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

function lintProject(files, fileName) {
  const map = new Map(Object.entries(files));
  const r = lint.lintText(map.get(fileName), fileName, { project: lint.projectFromMap(map) });
  assert.equal(r.internalError, undefined);
  return r.diagnostics.map((d) => `${d.code}:${d.line}`);
}

const network = (exportLine) => `class NeuralNetwork {
  sigmoid(x) { return 1 / (1 + Math.exp(-x)); }
  sigmoid_derivative(x) { return x * (1 - x); }
  backwardPass(labelArr, Oo, Od) {
    for (let i = 0; i < 2; i++) Od[i] = (Oo[i] - labelArr[i]) * this.sigmoid_derivative(Oo[i]);
  }
  train(data) {
    for (let s = 0; s < data.labels.length; s++) {
      const Oo = data.inputs[s].map((x) => this.sigmoid(x)), Od = [0, 0];
      this.backwardPass(data.labels[s], Oo, Od);
    }
  }
}
${exportLine}
`;
const caller = (importLine, labels) => `${importLine}
const data = { inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], labels: ${labels} };
const nn = new NeuralNetwork();
nn.train(data);
`;
const XOR = '[[1, 0], [0, 1], [0, 1], [1, 0]]';
const VALUES = '[[0.2, 0.7], [0.4, 0.1], [0.3, 0.6], [0.9, 0.5]]';

test('module.exports = Class: the targets another file trains it on decide', () => {
  const files = (labels) => ({ '/p/JS/VNN.js': network('module.exports = NeuralNetwork;'), '/p/JS/test1.js': caller("const NeuralNetwork = require('./VNN.js');", labels) });
  assert.deepEqual(lintProject(files(XOR), '/p/JS/VNN.js'), ['activation-mismatch:5']);
  assert.deepEqual(lintProject(files(VALUES), '/p/JS/VNN.js'), []);
});

test('export default Class after its declaration: the same', () => {
  const files = (labels) => ({ '/p/src/net.js': network('export default NeuralNetwork;'), '/p/src/main.js': caller("import NeuralNetwork from './net.js';", labels) });
  assert.deepEqual(lintProject(files(XOR), '/p/src/net.js'), ['activation-mismatch:5']);
  assert.deepEqual(lintProject(files(VALUES), '/p/src/net.js'), []);
});
