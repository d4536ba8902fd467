// Configuration objects (a const CONFIG, a class's defaults merged with its options) and targets found in the
// other files of a project (a module that imports the model's file, a browser script beside it).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";

function lintOne(code, fileName = '/p/model.js') {
  const result = lint.lintText(HEADER + code, fileName);
  assert.equal(result.internalError, undefined);
  return result;
}

function lintProject(files, fileName) {
  const map = new Map(Object.entries(files));
  const result = lint.lintText(map.get(fileName), fileName, { project: lint.projectFromMap(map) });
  assert.equal(result.internalError, undefined);
  return result;
}

const codes = (result) => result.diagnostics.map((d) => d.code);

test('config values: a const CONFIG object gives the activation and the loss', () => {
  const r = lintOne(`const CONFIG = { activation: 'sigmoid', loss: 'meanSquaredError', model: { units: 1 } };
const model = tf.sequential();
model.add(tf.layers.dense({ units: CONFIG.model.units, inputShape: [2], activation: CONFIG.activation }));
model.compile({ optimizer: 'sgd', loss: CONFIG.loss });
model.fit(tf.tensor2d([[0, 0], [1, 1]]), tf.tensor2d([[0], [1]]));
`);
  const site = r.sites.find((s) => s.kind === 'compile');
  assert.equal(site.activation, 'sigmoid');
  assert.equal(site.units, 1);
  assert.deepEqual(codes(r), ['activation-mismatch']);
});

const WRAPPER = `const DEFAULTS = { activation: 'sigmoid', loss: 'meanSquaredError', ys: null };
class Net {
  constructor(config) {
    this.cfg = Object.assign({}, DEFAULTS, config);
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: this.cfg.activation }));
    this.model.compile({ optimizer: 'sgd', loss: this.cfg.loss });
  }
  train(xs) {
    return this.model.fit(xs, tf.tensor(this.cfg.ys));
  }
}
`;

test('config values: Object.assign defaults stand unless the options override them', () => {
  const defaults = lintOne(`${WRAPPER}new Net({ ys: [[0], [1], [1], [0]] }).train(tf.zeros([4, 2]));\n`);
  assert.deepEqual(codes(defaults), ['activation-mismatch']);
  assert.match(defaults.diagnostics[0].detail, /0\/1 labels/);
  const fix = defaults.diagnostics[0].fixes[0];
  const text = HEADER + `${WRAPPER}new Net({ ys: [[0], [1], [1], [0]] }).train(tf.zeros([4, 2]));\n`;
  // The fix edits the default where it is written, not `this.cfg.loss` (which would override every caller).
  assert.equal(text.slice(fix.edits[0].start, fix.edits[0].end), 'meanSquaredError');
  const overridden = lintOne(`${WRAPPER}new Net({ loss: 'binaryCrossentropy', ys: [[0], [1], [1], [0]] }).train(tf.zeros([4, 2]));\n`);
  assert.deepEqual(codes(overridden), []);
  const continuous = lintOne(`${WRAPPER}new Net({ ys: [[0.25], [0.5], [0.75], [1]] }).train(tf.zeros([4, 2]));\n`);
  assert.deepEqual(codes(continuous), []);
});

test('config values: callers that pass different settings give no single value', () => {
  const build = `function build(cfg) {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 1, inputShape: [3] }));
  m.compile({ optimizer: 'adam', loss: cfg.loss });
  return m;
}
`;
  const one = lintOne(`${build}build({ loss: 'mse' });\n`);
  assert.deepEqual(codes(one), ['unknown-loss']);
  const two = lintOne(`${build}build({ loss: 'mse' });\nbuild({ loss: 'meanAbsoluteError' });\n`);
  assert.deepEqual(codes(two), []);
});

test('targets: rows pushed into an array, and a conditional between one-hot rows', () => {
  const r = lintOne(`const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, inputShape: [2], activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
const rows = [];
const labels = [];
function record(x, v) {
  rows.push(x);
  labels.push(v < 0 ? [1, 0, 0] : v > 0 ? [0, 0, 1] : [0, 1, 0]);
}
model.fit(tf.tensor2d(rows), tf.tensor2d(labels));
`);
  assert.deepEqual(codes(r), ['activation-mismatch']);
  const mixed = lintOne(`const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
const ys = [];
ys.push(ok ? [1] : [0.5]);
model.fit(tf.zeros([1, 2]), tf.tensor2d(ys));
`);
  assert.deepEqual(codes(mixed), []);
});

const MODEL_MODULE = `import * as tf from '@tensorflow/tfjs';
export function buildModel() {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 4, inputShape: [8], activation: 'sigmoid' }));
  m.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return m;
}
`;

test('other files: a module that imports the model builder and fits it on one-hot targets', () => {
  const files = {
    '/p/src/model.js': MODEL_MODULE,
    '/p/src/train.js': `import * as tf from '@tensorflow/tfjs';\nimport { buildModel } from './model';\nconst model = buildModel();\nmodel.fit(tf.zeros([2, 8]), tf.oneHot(tf.tensor1d([0, 3], 'int32'), 4));\n`,
  };
  const r = lintProject(files, '/p/src/model.js');
  assert.deepEqual(codes(r), ['activation-mismatch']);
  assert.match(r.diagnostics[0].detail, /one-hot .*line 4 of train\.js/);
  // The same text in a folder above also imports it.
  const above = lintProject({ '/p/src/model.js': MODEL_MODULE, '/p/train.js': files['/p/src/train.js'].replace("'./model'", "'./src/model'") }, '/p/src/model.js');
  assert.deepEqual(codes(above), ['activation-mismatch']);
  // Without a listing (a host that cannot list folders) nothing is searched.
  const map = new Map(Object.entries(files));
  const unlisted = lint.lintText(MODEL_MODULE, '/p/src/model.js', { project: { readFile: (p) => map.get(p) } });
  assert.deepEqual(codes(unlisted), []);
});

test('other files: a module that does not import this one, or fits another model, is no evidence', () => {
  const other = lintProject({
    '/p/model.js': MODEL_MODULE,
    '/p/other.js': `import * as tf from '@tensorflow/tfjs';\nimport { buildModel } from './elsewhere';\nconst model = buildModel();\nmodel.fit(tf.zeros([2, 8]), tf.oneHot(tf.tensor1d([0, 3], 'int32'), 4));\n`,
  }, '/p/model.js');
  assert.deepEqual(codes(other), []);
  const otherModel = lintProject({
    '/p/model.js': MODEL_MODULE,
    '/p/train.js': `import * as tf from '@tensorflow/tfjs';\nimport { buildModel } from './model';\nconst base = buildModel();\nconst model = tf.sequential();\nmodel.fit(tf.zeros([2, 8]), tf.oneHot(tf.tensor1d([0, 3], 'int32'), 4));\n`,
  }, '/p/model.js');
  assert.deepEqual(codes(otherModel), []);
});

test('other files: browser scripts share globals, modules do not', () => {
  const model = "const net = tf.sequential();\nnet.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));\nnet.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });\n";
  const sketch = 'function setup() {\n  net.fit(tf.tensor2d([[0, 0], [1, 1]]), tf.tensor2d([[0], [1]]));\n}\n';
  const scripts = lintProject({ '/web/model.js': model, '/web/sketch.js': sketch }, '/web/model.js');
  assert.deepEqual(codes(scripts), ['activation-mismatch']);
  const shadowed = lintProject({ '/web/model.js': model, '/web/sketch.js': `function setup() {\n  const net = tf.sequential();\n${sketch.split('\n')[1]}\n}\n` }, '/web/model.js');
  assert.deepEqual(codes(shadowed), []);
  const module = lintProject({ '/web/model.js': model, '/web/sketch.js': `import * as tf from '@tensorflow/tfjs';\n${sketch}` }, '/web/model.js');
  assert.deepEqual(codes(module), []);
});

test('other files: a class constructed in another script with its settings there', () => {
  const files = {
    '/web/nn.js': `class Network {
  constructor(data) {
    this.data = data;
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));
    this.model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  }
  train() {
    return this.model.fit(tf.tensor2d(this.data.inputs), tf.tensor2d(this.data.targets));
  }
}
`,
    '/web/sketch.js': 'let data = { inputs: [[0, 0], [0, 1]], targets: [[0], [1]] };\nfunction setup() {\n  nn = new Network(data);\n  nn.train();\n}\n',
  };
  const r = lintProject(files, '/web/nn.js');
  assert.deepEqual(codes(r), ['activation-mismatch']);
  assert.match(r.diagnostics[0].detail, /of sketch\.js/);
});

test('targets: one-hot rows written out (Array(k).fill(0) then row[label] = 1), returned by a loader of the file', () => {
  const code = `function load(rows) {
  const xs = rows.map((r) => [r.a, r.b]);
  const ys = rows.map((r) => {
    const row = Array(3).fill(0);
    row[r.label] = 1;
    return row;
  });
  return { xs, ys };
}
const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, inputShape: [2], activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
async function train(rows) {
  const data = await load(rows);
  await model.fit(tf.tensor2d(data.xs), tf.tensor2d(data.ys));
}
`;
  const r = lintOne(code);
  assert.deepEqual(codes(r), ['activation-mismatch']);
  assert.match(r.diagnostics[0].detail, /one-hot rows set by hand/);
  const scaled = lintOne(code.replace('row[r.label] = 1;', 'row[r.label] = r.share;'));
  assert.deepEqual(codes(scaled), []);
});

test('targets of a minimize closure: the variable its target comes from says classes or continuous values', () => {
  const closure = (ys) => `const net = tf.sequential();
net.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));
const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const ys = tf.tensor2d(${ys});
const opt = tf.train.sgd(0.1);
for (let i = 0; i < 100; i++) opt.minimize(() => tf.mean(tf.square(tf.sub(net.predict(xs), ys))));
`;
  const classes = lintOne(closure('[[0], [1], [1], [0]]'));
  assert.deepEqual(codes(classes), ['activation-mismatch']);
  assert.match(classes.diagnostics[0].detail, /0\/1 labels \(line 5\)/);
  assert.deepEqual(codes(lintOne(closure('[[0.1], [0.9], [0.8], [0.2]]'))), []);
});

test('config values: a default read by two compile calls is fixed where it is used, not where it is written', () => {
  const code = `const CONFIG = { loss: 'meanSquaredError' };
const classifier = tf.sequential();
classifier.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));
classifier.compile({ optimizer: 'sgd', loss: CONFIG.loss });
classifier.fit(tf.zeros([2, 2]), tf.tensor2d([[0], [1]]));
const regressor = tf.sequential();
regressor.add(tf.layers.dense({ units: 1, inputShape: [2] }));
regressor.compile({ optimizer: 'sgd', loss: CONFIG.loss });
`;
  const r = lintOne(code);
  assert.deepEqual(codes(r), ['activation-mismatch']);
  const [edit] = r.diagnostics[0].fixes[0].edits;
  assert.equal((HEADER + code).slice(edit.start, edit.end), 'CONFIG.loss');
  assert.equal(r.diagnostics[0].line, 5);
});

test('targets of fitDataset: the ys a dataset is built with (zip, map, a generator), through batch and shuffle', () => {
  const model = "const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));\nmodel.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\n";
  const datasets = {
    zip: "const ds = tf.data.zip({ xs: tf.data.array(rows.map((r) => [r.a, r.b])), ys: tf.data.array(rows.map((r) => [r.spam ? 1 : 0])) }).batch(32);\n",
    map: "const ds = tf.data.array(rows).map((r) => ({ xs: [r.a, r.b], ys: [r.label === 'spam' ? 1 : 0] })).shuffle(100).batch(16);\n",
    generator: "const ds = tf.data.generator(function* () { for (const r of rows) yield { xs: [r.a, r.b], ys: [Number(r.a > r.b)] }; }).batch(8);\n",
  };
  for (const [name, ds] of Object.entries(datasets)) {
    const r = lintOne(`${model}${ds}model.fitDataset(ds, { epochs: 5 });\n`);
    assert.deepEqual(codes(r), ['activation-mismatch'], name);
  }
  const continuous = lintOne(`${model}const ds = tf.data.array(rows).map((r) => ({ xs: [r.a, r.b], ys: [r.price / maxPrice] })).batch(16);\nmodel.fitDataset(ds, { epochs: 5 });\n`);
  assert.deepEqual(codes(continuous), []);
  // Datasets zipped from a generator function given by name, and an array.
  const named = lintOne(`${model}function* labels() { const d = ys.dataSync(); for (let i = 0; i < d.length; i++) yield [d[i]]; }\nconst ys = tf.tensor2d([[0], [1], [1], [0]]);\nconst ds = tf.data.zip({ xs: tf.data.array(inputs), ys: tf.data.generator(labels) }).batch(4);\nmodel.fitDataset(ds, { epochs: 5 });\n`);
  assert.deepEqual(codes(named), ['activation-mismatch']);
});

test('a custom loop over a dataset (ds.forEachAsync(({ xs, ys }) => optimizer.minimize(…))): the targets are what the dataset zipped under that name holds', () => {
  const loop = (labels) => `const w = tf.variable(tf.randomUniform([2, 1]));
const b = tf.variable(tf.zeros([1]));
const net = (x) => x.matMul(w).add(b).sigmoid();
const ys = tf.tensor2d(${labels});
function* labels() {
  const d = ys.dataSync();
  for (let i = 0; i < d.length; i++) yield [d[i]];
}
const ds = tf.data.zip({ trainingXs: tf.data.array([[0, 0], [0, 1], [1, 0], [1, 1]]), trainingYs: tf.data.generator(labels) }).shuffle(4).batch(4);
const optimizer = tf.train.adam(0.1);
export async function train() {
  await ds.forEachAsync(({ trainingXs, trainingYs }) => {
    optimizer.minimize(() => tf.losses.meanSquaredError(trainingYs, net(trainingXs)));
  });
}
`;
  assert.deepEqual(codes(lintOne(loop('[[0], [1], [1], [0]]'))), ['activation-mismatch']);
  assert.deepEqual(codes(lintOne(loop('[[0.2], [0.9], [0.7], [0.1]]'))), []);
});

test('other files: a module in a sibling folder (src/train beside src/models) that fits the model', () => {
  const files = {
    '/p/src/models/model.js': MODEL_MODULE,
    '/p/src/train/train.js': `import * as tf from '@tensorflow/tfjs';\nimport { buildModel } from '../models/model';\nconst model = buildModel();\nmodel.fit(tf.zeros([2, 8]), tf.oneHot(tf.tensor1d([0, 3], 'int32'), 4));\n`,
    '/p/node_modules/x/train.js': `import { buildModel } from '../../src/models/model';\nbuildModel().fit(a, tf.oneHot(b, 4));\n`,
  };
  const r = lintProject(files, '/p/src/models/model.js');
  assert.deepEqual(codes(r), ['activation-mismatch']);
  assert.match(r.diagnostics[0].detail, /of train\.js/);
});

test("a builder's fit targets count only for the model it returns: a regressor compiled beside the returned classifier keeps its own", () => {
  const text = `${HEADER}function buildModels() {
  const regressor = tf.sequential();
  regressor.add(tf.layers.dense({ units: 1, inputShape: [4], activation: 'sigmoid' }));
  regressor.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  const classifier = tf.sequential();
  classifier.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));
  classifier.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return classifier;
}
async function train(xs, labels) {
  const model = buildModels();
  await model.fit(xs, tf.oneHot(tf.tensor1d(labels, 'int32'), 3), { epochs: 10 });
}`;
  assert.deepEqual(lint.lintText(text, 'two.js').diagnostics, []);
});

test('targets from helpers: a function of the file that makes them, a one-hot helper of another file, a member of its table', () => {
  const model = `const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, inputShape: [2], activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`;
  // A function of this file: what it returns is the evidence, classes or continuous.
  const made = (row) => lintOne(`${model}function makeLabels(rows) { return rows.map((r) => ${row}); }
model.fit(tf.zeros([2, 2]), tf.tensor2d(makeLabels(DATA)));
`);
  assert.deepEqual(codes(made('r.kind === "a" ? [1, 0, 0] : [0, 1, 0]')), ['activation-mismatch']);
  assert.deepEqual(codes(made('[r.a / 10, r.b / 10, r.c / 10]')), []);
  // An imported helper named for one-hot encoding, read through a member of the table it makes.
  const imported = lintOne(`import oneHotEncode from './oneHotEncode';
const TABLE = oneHotEncode(['red', 'green', 'blue']);
const COLORS = TABLE.map;
${model}model.fit(tf.zeros([2, 2]), tf.tensor2d([COLORS.red, COLORS.blue]));
`);
  assert.deepEqual(codes(imported), ['activation-mismatch']);
  assert.match(imported.diagnostics[0].detail, /one-hot \(oneHotEncode/);
  // A helper named otherwise, or a member of a call's result, says nothing.
  assert.deepEqual(codes(lintOne(`import encode from './encode';
const COLORS = encode(['red', 'green', 'blue']).map;
${model}model.fit(tf.zeros([2, 2]), tf.tensor2d([COLORS.red, COLORS.blue]));
`)), []);
  assert.deepEqual(codes(lintOne(`import oneHotEncode from './oneHotEncode';
${model}model.fit(tf.zeros([2, 2]), tf.tensor2d([loadTable().red]));
`)), []);
});

test("a DQN's fit in a replay function given the compiled model: targets made from its own predictions are values, whatever the metrics say", () => {
  const dqn = (targets, metrics = "['accuracy']") => lintOne(`function build() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ${metrics} });
  return model;
}
function replay(model, batch, gamma) {
  const targets = [];
  for (const { state, action, reward, next } of batch) {
    const q = model.predict(state);
    const row = ${targets};
    row[action] = reward + gamma * model.predict(next).max().dataSync()[0];
    targets.push(row);
  }
  return model.fit(tf.stack(batch.map((b) => b.state)), tf.tensor2d(targets));
}
function train(model, memory) { return replay(model, memory.sample(32), 0.99); }
const net = build();
train(net, memory);
`);
  assert.deepEqual(codes(dqn('Array.from(q.dataSync())')), []);
  // One-hot rows fitted in the same replay function are classes, with no metric to say so: the model is followed
  // through both calls to the fit.
  const classes = dqn('tf.oneHot(action, 3)', '[]');
  assert.deepEqual(codes(classes), ['activation-mismatch']);
  assert.match(classes.diagnostics[0].detail, /one-hot \(tf\.oneHot/);
});

test("targets read from rows the file writes out ({ inputs, targets } objects): through map, for…of and an index, all rows taken together", () => {
  const sketch = (targets, fit) => lintOne(`let training_data = [
  { inputs: [0, 1], targets: [${targets[0]}] },
  { inputs: [1, 0], targets: [${targets[1]}] },
  { inputs: [0, 0], targets: [${targets[2]}] },
];
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
${fit}
`);
  const fits = [
    'model.fit(tf.tensor2d(training_data.map((d) => d.inputs)), tf.tensor2d(training_data.map((d) => d.targets)));',
    'for (const d of training_data) model.fit(tf.tensor2d([d.inputs]), tf.tensor2d([d.targets]));',
    'const k = Math.floor(Math.random() * 3);\nmodel.fit(tf.tensor2d([training_data[k].inputs]), tf.tensor2d([training_data[k].targets]));',
  ];
  for (const fit of fits) {
    const classes = sketch([1, 1, 0], fit);
    assert.deepEqual(codes(classes), ['activation-mismatch'], fit);
    assert.match(classes.diagnostics[0].detail, /0\/1 labels/);
    assert.deepEqual(codes(sketch([0.25, 0.5, 1], fit)), [], fit);
  }
  // Rows whose field is computed say nothing by themselves.
  assert.deepEqual(codes(sketch(['f(1)', 'f(2)', 'f(3)'], fits[0])), []);
});

test('review cases: a helper reads its arguments at this call, a shared trainer gives each model its own targets, and only a network\'s predictions are values', () => {
  const model = (name, activation, loss) => `const ${name} = tf.sequential();
${name}.add(tf.layers.dense({ units: 1, inputShape: [2], activation: '${activation}' }));
${name}.compile({ optimizer: 'adam', loss: '${loss}' });
`;
  // Inputs and targets through the same helper: the targets are the fractions given at their own call.
  assert.deepEqual(codes(lintOne(`function toTensor(rows) { return tf.tensor2d(rows); }
${model('model', 'sigmoid', 'meanSquaredError')}const xs = toTensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
const ys = toTensor([[0.12], [0.55], [0.43], [0.91]]);
model.fit(xs, ys);
`)), []);
  // A trainer shared by a classifier and a regressor: each model's targets are those of the call that gives it.
  const shared = (regressorYs) => lintOne(`async function train(m, xs, ys) { await m.fit(xs, ys); }
${model('classifier', 'sigmoid', 'binaryCrossentropy')}${model('regressor', 'sigmoid', 'meanSquaredError')}const xs = tf.zeros([4, 2]);
train(classifier, xs, tf.tensor2d([[0], [1], [1], [0]]));
train(regressor, xs, tf.tensor2d(${regressorYs}));
`);
  assert.deepEqual(codes(shared('[[0.12], [0.55], [0.43], [0.91]]')), []);
  assert.deepEqual(codes(shared('[[1], [0], [0], [1]]')), ['activation-mismatch']);
  // Pseudo-labels from another library's predict are no model's values: the accuracy metric still asks for classes.
  assert.deepEqual(codes(lintOne(`const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });
const pseudo = knn.predict(unlabeled);
model.fit(tf.tensor2d(unlabeled), tf.tensor2d(pseudo, [pseudo.length, 1]));
`)), ['activation-mismatch']);
});

test('an autoencoder fitted on its own inputs (fit(x, x)) has the data as targets, whatever its metrics say', () => {
  const autoencoder = (data) => `const ae = tf.sequential();
ae.add(tf.layers.dense({ units: 8, inputShape: [16], activation: 'relu' }));
ae.add(tf.layers.dense({ units: 16, activation: 'sigmoid' }));
ae.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });
async function train(model, x) {
  await model.fit(x, x, { epochs: 10 });
}
train(ae, ${data});
`;
  // Pixels loaded and scaled elsewhere: a reconstruction, not classes.
  assert.deepEqual(codes(lintOne(autoencoder('loadImages()'))), []);
  // Binary data written out: the targets are 0/1 labels after all.
  assert.deepEqual(codes(lintOne(autoencoder('tf.tensor2d([[0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1]])'))), ['activation-mismatch']);
});

test('an ensemble of autoencoders fitted where the model cannot be followed: every fit of the file reconstructs, so no classes', () => {
  const text = (fit) => `export class Detector {
  constructor(n) { this.models = []; for (let i = 0; i < n; i++) this.models.push(this.build()); }
  build() {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 4, inputShape: [12], activation: 'relu' }));
    model.add(tf.layers.dense({ units: 12, activation: 'sigmoid' }));
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });
    return model;
  }
  async train(data) {
    await Promise.all(this.models.map((model) => ${fit}));
  }
}
`;
  assert.deepEqual(codes(lintOne(text('model.fit(data.inputs, data.inputs, { epochs: 5 })'))), []);
  // A fit on other targets leaves the metric to decide: an explicit binary accuracy (the bare one of twelve sigmoids is
  // categorical accuracy in TF.js, which says nothing of 0/1 targets).
  assert.deepEqual(codes(lintOne(text('model.fit(data.inputs, data.labels, { epochs: 5 })'))), []);
  assert.deepEqual(codes(lintOne(text('model.fit(data.inputs, data.labels, { epochs: 5 })').replace("metrics: ['accuracy']", "metrics: ['binaryAccuracy']"))), ['activation-mismatch']);
});

test('targets: rows of measurement fields (positions, velocities, sizes) are a regression, whatever the metrics say', () => {
  const text = (row) => `const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, inputShape: [32], activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['binaryAccuracy'] });
export async function train(samples) {
  const xs = tf.stack(samples.map((d) => d.image));
  const ys = tf.tensor2d(samples.map((d) => ${row}));
  await model.fit(xs, ys, { epochs: 3 });
}
`;
  assert.deepEqual(codes(lintOne(text('[d.box.x, d.box.y, d.box.width, d.box.height]'))), []);
  // Fields that do not say measurement leave the metric to decide.
  assert.deepEqual(codes(lintOne(text('[d.isCat, d.isDog, d.isBird, d.other]'))), ['activation-mismatch']);
  // One measurement beside three other fields is not enough.
  assert.deepEqual(codes(lintOne(text('[d.a, d.b, d.c, d.size]'))), ['activation-mismatch']);
});

test('targets: helpers named for one-hot data or class numbers make classes; a loaded model recompiled is not the built one', () => {
  const text = (targets, extra = '') => `export class Trainer {
  async prepare(data, modelPath) {
    this.xs = tf.tensor2d(data.x);
    this.ys = tf.tensor2d(${targets});
    if (modelPath) {
      this.model = await tf.loadLayersModel(modelPath);
      this.model.compile({ loss: 'meanSquaredError', optimizer: 'adam' });
    } else {
      this.model = tf.sequential();
      this.model.add(tf.layers.dense({ units: 4, inputShape: [8], activation: 'sigmoid' }));
      this.model.compile({ loss: 'meanSquaredError', optimizer: 'sgd' });
    }
  }
  async train() { await this.model.fit(this.xs, this.ys); }
}
${extra}`;
  const lines = (r) => r.diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => d.line);
  // One-hot rows from a utility: the built sigmoid head with MSE is reported; the recompiled loaded model is unknown.
  assert.deepEqual(lines(lintOne(text('Util.getOneHotData(data, 1)'))), [12]);
  assert.deepEqual(lines(lintOne(text('toArrayNumberClass(data.y)', 'function toArrayNumberClass(a) { return a.map((c) => names.indexOf(c)); }\n'))), [12]);
  // Neither name says classes: silent, as sigmoid + MSE on values in [0, 1] is a regression.
  assert.deepEqual(lines(lintOne(text('Util.getNormalizedData(data, 1)'))), []);
  assert.deepEqual(lines(lintOne(text('toArrayNumberScore(data.y)', 'function toArrayNumberScore(a) { return a.map(Number); }\n'))), []);
});

test('a class field holding a metric arrow function is a metric by its name, not a loss', () => {
  const text = `export class Optimizer {
  build() {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [8], activation: 'tanh' })] });
    model.compile({ optimizer: 'adam', loss: this.stateLoss, metrics: [this.coherenceMetric] });
  }
  private stateLoss = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.mean(tf.abs(tf.sub(yTrue, yPred)));
  private coherenceMetric = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.mean(tf.abs(tf.sub(yTrue, yPred)));
}
`;
  const r = lintOne(text, '/p/opt.ts');
  assert.deepEqual(r.diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line), [7]);
  assert.equal(r.sites.find((s) => s.kind === 'custom-function' && s.name === 'stateLoss')?.name, 'stateLoss');
});

test('targets destructured from what a helper returns, in this file or imported from another, are read', () => {
  const data = `import * as tf from '@tensorflow/tfjs';
export function loadData(rows) {
  const xs = tf.tensor2d(rows.map((r) => r.features));
  const ys = ${'${YS}'};
  return { xs, ys };
}
`;
  const main = `import * as tf from '@tensorflow/tfjs';
import { loadData } from './data';
export async function train(rows) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  const { xs, ys } = loadData(rows);
  await model.fit(xs, ys, { epochs: 10 });
}
`;
  const oneHot = "tf.oneHot(tf.tensor1d(rows.map((r) => r.label), 'int32'), 3)";
  const scaled = 'tf.tensor2d(rows.map((r) => r.shares)).div(100)';
  const project = (ys) => lintProject({ '/p/data.js': data.replace('${YS}', ys), '/p/main.js': main }, '/p/main.js');
  assert.deepEqual(codes(project(oneHot)), ['activation-mismatch']);
  assert.match(project(oneHot).diagnostics[0].detail, /one-hot/);
  // Fractions of 100: continuous targets in [0, 1], a regression; silent.
  assert.deepEqual(codes(project(scaled)), []);
  // The same helper in the file itself.
  const same = main.replace("import { loadData } from './data';\n", data.replace("import * as tf from '@tensorflow/tfjs';\n", '').replace('${YS}', oneHot));
  assert.deepEqual(codes(lint.lintText(same, '/q/main.js')), ['activation-mismatch']);
});

test('targets taken by position from the array a helper returns (const [xs, ys] = getData(), in tf.tidy) are read', () => {
  const text = (ys) => `import * as tf from '@tensorflow/tfjs';
function getData(rows) {
  return tf.tidy(() => {
    const xs = tf.tensor2d(rows.map((r) => r.features));
    const ys = ${ys};
    return [xs, ys];
  });
}
export async function train(rows) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  const [xs, ys] = getData(rows);
  await model.fit(xs, ys, { epochs: 10 });
}
`;
  assert.deepEqual(codes(lint.lintText(text("tf.oneHot(tf.tensor1d(rows.map((r) => r.label), 'int32'), 3)"), '/q/a.js')), ['activation-mismatch']);
  assert.deepEqual(codes(lint.lintText(text('tf.tensor2d(rows.map((r) => r.shares)).div(100)'), '/q/a.js')), []);
});

test('targets destructured from an options parameter are what the calls pass: ({ xs, ys }) => fit(xs, ys) called with one-hot rows', () => {
  const code = (rows) => `export class Search {
  trial = async ({ units }, { inputs, outputs }) => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [4], units: 3, activation: 'sigmoid' }));
    model.compile({ loss: 'meanSquaredError', optimizer: tf.train.adam(0.06) });
    await model.fit(inputs, outputs, { epochs: 100 });
    return model;
  };
  run = async (iris) => {
    const inputs = tf.tensor2d(iris.map((r) => [r.a, r.b, r.c, r.d]));
    const outputs = tf.tensor2d(iris.map((r) => ${rows}));
    await this.trial({ units: 5 }, { inputs, outputs });
  };
}
`;
  const r = lintOne(code("[r.species === 'setosa' ? 1 : 0, r.species === 'virginica' ? 1 : 0, r.species === 'versicolor' ? 1 : 0]"));
  assert.deepEqual(codes(r), ['activation-mismatch']);
  assert.match(r.diagnostics[0].detail, /0\/1/);
  // Continuous rows (fractions) stay silent.
  assert.deepEqual(codes(lintOne(code('[r.a / 10, r.b / 10, r.c / 10]'))), []);
});

test('targets named as one-hot or classification data count as classes when their values say nothing; a reloaded model is not the one built elsewhere', () => {
  const text = `var model;
var classificationData = [];
loadedModel = tf.loadLayersModel('model.json');
loadedModel.then(function (result) {
  model = result;
  model.compile({ loss: 'meanSquaredError', optimizer: 'rmsprop' });
  train();
}).catch(function () {
  model = tf.sequential();
  model.add(tf.layers.dense({ units: 10, activation: 'sigmoid', inputShape: [4] }));
  model.add(tf.layers.dense({ units: 4, activation: 'sigmoid' }));
  model.compile({ loss: 'meanSquaredError', optimizer: 'rmsprop' });
  train();
});
async function train() {
  const rows = await readRows();
  for (const row of rows) classificationData.push(row[5]);
  await model.fit(tf.tensor2d(rows), tf.tensor2d(classificationData), { epochs: 30 });
}
`;
  const r = lintOne(text);
  // Only the model built here (line 13 with the header): the one reloaded from model.json has a head the code does not show.
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.line]), [['activation-mismatch', 13]]);
  assert.match(r.diagnostics[0].detail, /named classificationData/);
  // The same data under a name that says nothing stays unknown: silent.
  assert.deepEqual(codes(lintOne(text.replaceAll('classificationData', 'rowData'))), []);
});

test('an accuracy metric beside a model that outputs images (a 3- or 4-channel convolution) says nothing of its targets', () => {
  const code = (filters) => `export function buildColorizer() {
  const input = tf.input({ shape: [64, 64, 1] });
  const x = tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', padding: 'same' }).apply(input);
  const output = tf.layers.conv2d({ filters: ${filters}, kernelSize: 3, activation: 'sigmoid', padding: 'same' }).apply(x);
  const model = tf.model({ inputs: input, outputs: output });
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });
  return model;
}
`;
  assert.deepEqual(lintOne(code(3)).diagnostics, []);
  // One channel may be a mask of classes: the metric still says classes there.
  assert.deepEqual(lintOne(code(1)).diagnostics.map((d) => d.code), ['activation-mismatch']);
  // A separate activation layer after the convolution is the same image; an explicit categoricalAccuracy asks for classes.
  const separate = code(3).replace("filters: 3, kernelSize: 3, activation: 'sigmoid', padding: 'same' }).apply(x)", "filters: 3, kernelSize: 3, padding: 'same' }).apply(x);\n  const act = tf.layers.activation({ activation: 'sigmoid' }).apply(output0)").replace('const output = tf', 'const output0 = tf').replace('outputs: output }', 'outputs: act }');
  assert.deepEqual(lintOne(separate).diagnostics, []);
  assert.deepEqual(lintOne(code(3).replace("metrics: ['accuracy']", "metrics: ['categoricalAccuracy']")).diagnostics.map((d) => d.code), ['activation-mismatch']);
});

test('a bare accuracy metric says classes of one sigmoid unit (binary accuracy), not of several (TF.js reads it as categorical accuracy there)', () => {
  const code = (units, { activation = 'sigmoid', metric = 'accuracy', fit = '' } = {}) => `export function buildNet() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 32, activation: 'relu', inputShape: [8] }));
  model.add(tf.layers.dense({ units: ${units}, activation: '${activation}' }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['${metric}'] });
  return model;
}
${fit}`;
  const am = (text) => lintOne(text).diagnostics.map((d) => d.code);
  assert.deepEqual(am(code(9)), []);
  assert.deepEqual(am(code(1)), ['activation-mismatch']);
  // An explicit classification metric, a softmax, or targets the data shows as classes still decide.
  assert.deepEqual(am(code(9, { metric: 'binaryAccuracy' })), ['activation-mismatch']);
  assert.deepEqual(am(code(9, { activation: 'softmax' })), ['activation-mismatch']);
  assert.deepEqual(am(code(3, { fit: 'buildNet().fit(tf.zeros([2, 8]), tf.oneHot(tf.tensor1d([0, 2], \'int32\'), 3));\n' })), ['activation-mismatch']);
});

test('the file-wide reconstruction rule: only for models the fits may be, and 0/1 data written out still says classes', () => {
  const file = (fit, width = 12) => `export function build(units) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 4, inputShape: [12], activation: 'relu' }));
  model.add(tf.layers.dense({ units, activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });
  return model;
}
export const nets = [build(${width})];
export async function pretrain(models, x) {
  for (const m of models) await ${fit};
}
`;
  assert.deepEqual(codes(lintOne(file('m.fit(x, x)'))), []);
  // Binary pixels written out are 0/1 targets, as when the fit can be followed.
  assert.deepEqual(codes(lintOne(file('m.fit(tf.tensor2d([[0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0]]), tf.tensor2d([[0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0]]))'))), ['activation-mismatch']);
  // A fit of another model the file names is not this one's.
  const two = `const ae = tf.sequential({ layers: [tf.layers.dense({ units: 16, inputShape: [16], activation: 'sigmoid' })] });
ae.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
const clf = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [16], activation: 'sigmoid' })] });
clf.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });
export async function pretrain(x) { await ae.fit(x, x); }
`;
  assert.deepEqual(codes(lintOne(two)), ['activation-mismatch']);
});

test('a model field set one way or another (`isEval ? tf.loadLayersModel(url) : this.build()`) is the built model fitted', () => {
  const agent = (row) => lintOne(`export class Agent {
  constructor(isEval, name) {
    this.model = isEval ? tf.loadLayersModel('models/' + name) : this.build();
  }
  build() {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });
    return model;
  }
  async replay(memory) {
    const Y = [];
    for (const [state, action, reward] of memory) {
      const row = ${row};
      row[action] = reward;
      Y.push(row);
    }
    await this.model.fit(tf.tensor2d(memory.map((m) => m[0])), tf.tensor2d(Y));
  }
}
`);
  // Rows of the model's own predictions with one value replaced (a DQN's targets) are values, whatever the metrics say.
  assert.deepEqual(codes(agent('Array.from(this.model.predict(tf.tensor2d([state])).dataSync())')), []);
  // One-hot rows fitted on the same field are classes.
  assert.deepEqual(codes(agent('[0, 0, 0]')), ['activation-mismatch']);
});

test('an ES5 agent whose `self.model` (var self = this) is loaded or built: its own-prediction targets are values', () => {
  const agent = (row) => lintOne(`function Agent(opts) {
  var self = this;
  self.model = opts.modelUrl ? tf.loadLayersModel(opts.modelUrl) : createModel(opts.numInputs, opts.numActions);
}
function createModel(numInputs, numActions) {
  var model = tf.sequential();
  model.add(tf.layers.dense({ units: numActions, inputShape: [numInputs], activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError', metrics: ['accuracy'] });
  return model;
}
Agent.prototype.learn = function (batch) {
  var self = this;
  var targets = [];
  batch.forEach(function (t) {
    var q = ${row};
    q[t.action] = t.reward;
    targets.push(q);
  });
  return self.model.fit(tf.tensor2d(batch.map(function (t) { return t.state; })), tf.tensor2d(targets));
};
module.exports = Agent;
`);
  assert.deepEqual(codes(agent('Array.from(self.model.predict(tf.tensor2d([t.state])).dataSync())')), []);
  assert.deepEqual(codes(agent('[0, 0, 0]')), ['activation-mismatch']);
});

test('random targets of a benchmark fit say nothing when another fit of the same model has real ones (one-hot digits)', () => {
  const code = `function getModel() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 10, inputShape: [784], activation: 'softmax' }));
  model.compile({ loss: 'meanSquaredError', optimizer: 'adam' });
  return model;
}
async function benchmark() {
  const dummy = getModel();
  const yDummy = tf.randomUniform([64, 10]);
  await dummy.fit(tf.randomUniform([64, 784]), yDummy);
}
async function train(images, digits) {
  const model = getModel();
  await model.fit(images, tf.oneHot(digits, 10));
}
`;
  const withReal = lintOne(code);
  assert.deepEqual(codes(withReal), ['activation-mismatch']);
  assert.match(withReal.diagnostics[0].detail, /one-hot/);
  // Only random targets: continuous, as before (a softmax regression onto random rows says nothing of classes).
  const onlyRandom = lintOne(code.replace(/async function train[\s\S]*$/, ''));
  assert.doesNotMatch(onlyRandom.diagnostics.map((d) => d.detail).join(' '), /one-hot|class targets/);
});

test('targets followed through a long chain (a helper that scales, pads and slices, a const, a parameter, a tensor): their values, not the accuracy metric, decide', () => {
  const text = (scale) => `const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [8], activation: 'sigmoid' }));
model.compile({ optimizer: tf.train.adam(), loss: 'meanSquaredError', metrics: ['accuracy'] });
function encodeWord(word) {
  return word.toLowerCase().split('').map((c) => ${scale}).concat(Array(8).fill(0)).slice(0, 8);
}
async function trainPair(input, output) {
  const ys = tf.tensor2d([output]);
  await model.fit(tf.tensor2d([input]), ys, { epochs: 5 });
}
async function learn(cleanWord, interestingWord) {
  const input = encodeWord(cleanWord);
  const output = encodeWord(interestingWord);
  await trainPair(input, output);
}
`;
  // Character codes scaled into [0, 1]: continuous, silent.
  assert.deepEqual(lintOne(text('c.charCodeAt(0) / 255')).diagnostics, []);
  // Vowel flags, 0 or 1: classes.
  assert.deepEqual(lintOne(text("'aeiou'.includes(c) ? 1 : 0")).diagnostics.map((d) => d.code), ['activation-mismatch']);
});

test("a bare accuracy beside a regression metric (metrics: ['mae', 'accuracy']) says nothing of classes; an explicit binaryAccuracy still does", () => {
  const code = (metrics) => `export function buildScorer() {
  const model = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu' }),
    tf.layers.dense({ units: 1, activation: 'sigmoid' }),
  ] });
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'meanSquaredError', metrics: ${metrics} });
  return model;
}
`;
  assert.deepEqual(codes(lintOne(code("['mae', 'accuracy']"))), []);
  assert.deepEqual(codes(lintOne(code("['mse', 'acc']"))), []);
  // 'meanSquaredError' is no metric name TF.js's compile knows (it throws "Unknown metric meanSquaredError").
  assert.deepEqual(codes(lintOne(code("['meanSquaredError', 'acc']"))), ['unknown-loss']);
  assert.deepEqual(codes(lintOne(code("['accuracy']"))), ['activation-mismatch']);
  assert.deepEqual(codes(lintOne(code("['mae', 'binaryAccuracy']"))), ['activation-mismatch']);
});
