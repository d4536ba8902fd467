// Cases a review of the forty-second session's lint changes found (/work/briefs/review-42.md), each now as the code
// means: Ramda's clamp(lo, hi, value), a const table's fixed key, a total-variation loss over image derivatives named
// as Leibniz writes them, class numbers min-max scaled, a Toy network given tanh from outside the class, and a NumPy
// sigmoid whose comment mentions tanh. (A PPO surrogate only reported is tested in lint-plain-ppo-surrogates.)
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const found = (text, file) => {
  const r = lint.lintText(text, file);
  assert.equal(r.internalError, undefined);
  return r.diagnostics.map((d) => `${d.line} ${d.code}`);
};

test("Ramda's clamp takes the value last: clamp(1e-7, 1 - 1e-7, p) guards the logs", () => {
  const bce = (imp, call) => `${imp}
export function bce(yTrue: number[], yPred: number[]) {
  let loss = 0;
  for (let i = 0; i < yPred.length; i++) {
    const p = ${call};
    loss -= yTrue[i] * Math.log(p) + (1 - yTrue[i]) * Math.log(1 - p);
  }
  return loss / yPred.length;
}
`;
  assert.deepEqual(found(bce("import { clamp } from 'ramda';", 'clamp(1e-7, 1 - 1e-7, yPred[i])'), '/src/bce.ts'), []);
  assert.deepEqual(found(bce("import * as R from 'ramda';", 'R.clamp(1e-7, 1 - 1e-7, yPred[i])'), '/src/bce.ts'), []);
});

test('a const table read by a key the code fixes (a const, a parameter every call gives) is that entry', () => {
  const built = (key, call) => `import * as tf from '@tensorflow/tfjs';
const CONFIGS = { binary: { units: 1 }, multi: { units: 3 } };
function build(kind) {
  const cfg = CONFIGS[${key}];
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }));
  model.add(tf.layers.dense({ units: cfg.units, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return model;
}
const MODE = 'binary';
export const m = build(${call});
`;
  assert.deepEqual(found(built('kind', "'binary'"), '/src/m.ts'), ['8 activation-mismatch']);
  assert.deepEqual(found(built('MODE', "'multi'"), '/src/m.ts'), ['8 activation-mismatch']);
  assert.deepEqual(found(built('kind', "'multi'"), '/src/m.ts'), []);
});

test("a total-variation loss over image derivatives named as Leibniz writes them (dI_dx) keeps its kinks", () => {
  const tv = `export function totalVariationLoss(img: number[][]): number {
  let loss = 0;
  for (let y = 0; y < img.length - 1; y++) for (let x = 0; x < img[y].length - 1; x++) {
    const dI_dx = img[y][x + 1] - img[y][x];
    const dI_dy = img[y + 1][x] - img[y][x];
    loss += Math.abs(dI_dx) + Math.abs(dI_dy);
  }
  return loss;
}
`;
  assert.ok(found(tv, '/src/tv.ts').includes('6 non-differentiable'));
});

test('class numbers 0..k min-max scaled are fractions in [0, 1]: a sigmoid regressed on them is no mismatch', () => {
  const text = (labels) => `function convertToTensor(data) {
  return tf.tidy(() => {
    const labels = data.map((d) => ${labels});
    const labelTensor = tf.tensor2d(labels, [labels.length, 1]);
    const labelMax = labelTensor.max();
    const labelMin = labelTensor.min();
    return { labels: labelTensor.sub(labelMin).div(labelMax.sub(labelMin)) };
  });
}
async function run(data, xs) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: tf.losses.meanSquaredError });
  const { labels } = convertToTensor(data);
  await model.fit(xs, labels);
}
`;
  assert.deepEqual(found(text('[0, 1, 2, 3][d.k]'), '/web/script.js'), []);
  assert.deepEqual(found(text('d.ok ? 1 : 0'), '/web/script.js'), ['13 activation-mismatch']);
});

test('a Toy network whose activation object is set from outside the class (nn.activation_function = tanh, Object.assign) is not read as the sigmoid', () => {
  const toy = (after) => `class ActivationFunction {
  constructor(func, dfunc) { this.func = func; this.dfunc = dfunc; }
}
let sigmoid = new ActivationFunction(x => 1 / (1 + Math.exp(-x)), y => y * (1 - y));
let tanh = new ActivationFunction(x => Math.tanh(x), y => 1 - (y * y));
class NeuralNetwork {
  constructor(i, h, o) { this.weights_ho = new Matrix(o, h); this.setActivationFunction(); }
  setActivationFunction(func = sigmoid) { this.activation_function = func; }
  train(input_array, target_array) {
    let outputs = Matrix.multiply(this.weights_ho, Matrix.fromArray(input_array));
    outputs.map(this.activation_function.func);
    let targets = Matrix.fromArray(target_array);
    let output_errors = Matrix.subtract(targets, outputs);
    let gradients = Matrix.map(outputs, this.activation_function.dfunc);
    gradients.multiply(output_errors);
    this.weights_ho.add(gradients);
  }
}
let nn = new NeuralNetwork(2, 2, 1);
${after}
const rows = [{ inputs: [0, 0], targets: [0] }, { inputs: [0, 1], targets: [1] }, { inputs: [1, 0], targets: [1] }, { inputs: [1, 1], targets: [0] }];
function draw() { const d = random(rows); nn.train(d.inputs, d.targets); }
`;
  assert.deepEqual(found(toy(''), '/web/sketch.js'), ['13 activation-mismatch']);
  assert.deepEqual(found(toy('nn.activation_function = tanh;'), '/web/sketch.js'), []);
  assert.deepEqual(found(toy('Object.assign(nn, { activation_function: tanh });'), '/web/sketch.js'), []);
});

test('a NumPy sigmoid helper whose comment mentions tanh is still the exp form: only log(1 - p) reaches log(0) in float64', () => {
  const text = `import numpy as np


def sigmoid(z):
    # numerically the same as 0.5 * (1 + np.tanh(0.5 * z))
    return 1.0 / (1.0 + np.exp(-z))


A = sigmoid(np.dot(w.T, X) + b)
cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
`;
  assert.deepEqual(found(text, '/src/logreg.py').filter((d) => d.endsWith('log-of-zero')), ['10 log-of-zero']);
});
