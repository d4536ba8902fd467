// A hand network trained by another class of the file: `this.nn = null` in its constructor, `this.nn = new
// NeuralNetwork(…)` when the user starts, and `this.nn.backward(this.X, this.y)` on a written XOR table. The null is a
// field not yet made, not another class (functionValues.ts sameClass); `yTrue`/`yPred` name the target and the output
// (backpropDeltas.ts).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const page = (cleared, ys = '[[0], [1], [1], [0]]') => `const Matrix = {
  sub: (A, B) => A.map((row, i) => row.map((v, j) => v - B[i][j])),
  mul: (A, B) => A.map((row, i) => row.map((v, j) => v * B[i][j])),
  map: (A, fn) => A.map((row) => row.map(fn)),
};
const sigmoid = (x) => 1 / (1 + Math.exp(-x));
const sigmoidD = (x) => { const s = sigmoid(x); return s * (1 - s); };
class NeuralNetwork {
  forward(X) { /* … */ return this.activations[this.depth]; }
  backward(X, yTrue) {
    const yPred = this.activations[this.depth];
    let delta = Matrix.mul(Matrix.sub(yPred, yTrue), Matrix.map(this.zValues[this.depth - 1], sigmoidD));
    return delta;
  }
}
class Renderer {
  constructor() {
    ${cleared}
    this.X = [[0, 0], [0, 1], [1, 0], [1, 1]];
    this.y = ${ys};
  }
  start() { this.nn = new NeuralNetwork(); }
  step() { this.nn.backward(this.X, this.y); }
}
`;
const am = (text) => lint.lintText(text, 'neural-network.js').diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => d.line);

test('a field cleared to null before its network is made still holds that network: the XOR targets reach backward()', () => {
  assert.deepEqual(am(page('this.nn = null;')), [12]);
  assert.deepEqual(am(page('this.nn = undefined;')), [12]);
  assert.deepEqual(am(page('')), [12]);
});

test('continuous targets handed the same way keep it silent; a field given two classes says nothing', () => {
  assert.deepEqual(am(page('this.nn = null;', '[[0.1], [0.4], [0.7], [0.2]]')), []);
  const two = page('this.nn = null;').replace('class Renderer {', 'class Other { backward(X, t) { return t; } }\nclass Renderer {').replace("start() { this.nn = new NeuralNetwork(); }", "start() { this.nn = new NeuralNetwork(); }\n  reset() { this.nn = new Other(); }");
  assert.deepEqual(am(two), []);
});
