// A model builder that takes its layers, loss and metrics as arguments (`activeModel.BuildModel(layers, loss,
// optimizer, metrics)`, a method of a class of the file): the layers an array the caller pushes them into, the loss and
// the metrics what the call gives (functionValues.ts calledOnlyHere, layerLoops.ts lastPushed, compileSite.ts
// metricElements, layers.ts stringSource).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const run = (text) => lint.lintText(text, 'builder.js');
const am = (text) => run(text).diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => `${d.line}: ${d.message}`);

const builder = ({ exported = '', push = '', loss = 'let loss = "meanSquaredError";', metrics = "let metrics = ['accuracy'];" } = {}) => `import * as tf from '@tensorflow/tfjs';
${exported}class ModelClass {
  constructor() {
    this.model = tf.sequential();
  }
  BuildModel(layers, _loss, _optimizer, _metrics) {
    for (let i = 0; i < layers.length; i++) {
      this.model.add(layers[i]);
    }
    this.model.compile({ loss: _loss, optimizer: _optimizer, metrics: _metrics });
  }
}
const activeModel = new ModelClass();
function CreateModel() {
  let layers = [];
  layers.push(tf.layers.dense({ units: 64, activation: 'relu', inputShape: [4] }));
  ${push || "layers.push(tf.layers.dense({ units: 1, activation: 'sigmoid' }));"}
  ${loss}
  ${metrics}
  activeModel.BuildModel(layers, loss, 'adam', metrics);
}
`;

test('layers pushed into an array, a loss and metrics held in variables, all given to a method of the class: checked', () => {
  assert.deepEqual(am(builder()), ['10: meanSquaredError on a sigmoid output with class targets: its gradient vanishes when saturated.']);
});

test('a loss name given to a method by the only call of the file is read (it was "a loss the lint cannot read")', () => {
  const text = builder({ loss: 'let loss = "categoricalCrossentropy";', metrics: 'let metrics = [];' });
  assert.deepEqual(am(text), ['10: categoricalCrossentropy on 1 output unit ignores the 0 targets: the model learns to output 1.']);
  assert.deepEqual(run(text).sites.filter((site) => site.unreadable).map((site) => site.unreadable), []);
});

test('without the accuracy metric (a regression metric, or none given) sigmoid + MSE stays silent', () => {
  assert.deepEqual(am(builder({ metrics: "let metrics = ['mae'];" })), []);
});

test('a last layer pushed in a branch leaves the output unknown: silent', () => {
  const push = "if (Math.random() > 0.5) layers.push(tf.layers.dense({ units: 1, activation: 'sigmoid' }));\n  else layers.push(tf.layers.dense({ units: 1 }));";
  assert.deepEqual(am(builder({ push })), []);
});

test('a loss variable given another value before the call is not read as its first value', () => {
  const loss = 'let loss = "meanSquaredError";\n  loss = pickLoss();';
  assert.deepEqual(am(builder({ loss })), []);
});

test('an exported class may be built by other code with other arguments: its parameters are not read from this call', () => {
  assert.deepEqual(am(builder({ exported: 'export ' })), []);
});

test('the fix renames the loss where the caller writes it, not in the builder other callers share', () => {
  const text = builder({ loss: 'const loss = "categoricalCrossentropy";', metrics: 'const metrics = [];' });
  const d = run(text).diagnostics.find((x) => x.code === 'activation-mismatch');
  const fixed = lint.applySourceEdits(text, d.fixes.find((f) => f.preferred).edits);
  assert.match(fixed, /const loss = "binaryCrossentropy";/);
  assert.match(fixed, /this\.model\.compile\(\{ loss: _loss, optimizer: _optimizer, metrics: _metrics \}\)/);
});

// A module whose one builder hands out `{ model, data }` (resolved through a promise, as a step-by-step tutorial's
// `buildCnn(data)` does) and whose exported trainer compiles the `model` it is given: that model (holdout493).
const steps = (loss) => `import * as tf from '@tensorflow/tfjs';
export const buildCnn = function (data: any) {
  return new Promise<{ model: tf.Sequential; data: any }>((resolve) => {
    const model = tf.sequential();
    model.add(tf.layers.conv1d({ inputShape: [data.length, 1], kernelSize: 5, filters: 8, activation: 'relu' }));
    model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
    resolve({ model, data });
  });
};
export const train = function (model: tf.Sequential, xs: tf.Tensor, ys: tf.Tensor) {
  model.compile({ optimizer: tf.train.sgd(0.1), loss: '${loss}' });
  return model.fit(xs, ys, { epochs: 5 });
};
`;

test('the model field of what the one builder returns is the model a trainer of the module is given', () => {
  const found = (loss) => lint.lintText(steps(loss), '/p/src/cnn.ts').diagnostics.map((d) => `${d.line}: ${d.code}`);
  assert.deepEqual(found('binaryCrossentropy'), ['11: activation-mismatch']);
  assert.deepEqual(found('categoricalCrossentropy'), []);
});

// A training helper the file calls with two different models: each call is a way the helper's compile runs, and a
// finding names the model it is about (before, the two models disagreeing left the compile unread).
const twoModels = (second) => `const tf = require('@tensorflow/tfjs');
function tagger() { const m = tf.sequential(); m.add(tf.layers.dense({ units: 3, activation: 'sigmoid', inputShape: [4] })); return m; }
function picker() { const m = tf.sequential(); m.add(tf.layers.dense({ units: 3, activation: '${second}', inputShape: [4] })); return m; }
async function train(model, xs, ys) {
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  await model.fit(xs, ys);
}
train(tagger(), tf.zeros([3, 4]), tf.oneHot(tf.tensor1d([0, 1, 2], 'int32'), 3));
train(picker(), tf.zeros([3, 4]), tf.oneHot(tf.tensor1d([0, 1, 2], 'int32'), 3));
`;

test('a helper given two different models is read once per model', () => {
  const found = lint.lintText(twoModels('softmax'), '/p/train.js').diagnostics;
  assert.deepEqual(found.map((d) => `${d.line}: ${d.code}`), ['5: activation-mismatch']);
  assert.match(found[0].message, /independent sigmoids/);
  assert.match(found[0].detail, /when the model is built with its sigmoid output/);
  // Both models suit the loss: silent.
  const fine = twoModels('softmax').replace("activation: 'sigmoid'", "activation: 'softmax'");
  assert.deepEqual(lint.lintText(fine, '/p/train.js').diagnostics, []);
});

test('a finding in one of the models a helper is given is fixed at that model\'s own output layer', () => {
  const text = twoModels('softmax');
  const [d] = lint.lintText(text, '/p/train.js').diagnostics;
  const fix = d.fixes.find((f) => /activation/.test(f.title));
  assert.ok(fix, 'a fix sets the activation');
  let fixed = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) fixed = fixed.slice(0, e.start) + e.text + fixed.slice(e.end);
  assert.match(fixed.split('\n')[1], /activation: 'softmax'/);
  assert.deepEqual(lint.lintText(fixed, '/p/train.js').diagnostics, []);
});
