// Where the code changes a model or a setting the lint would otherwise read elsewhere (found by a review of the
// session's model-following changes): the value given here wins, and values other files may pass keep it unread.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const SOFTMAX_NET = `const tf = require('@tensorflow/tfjs');
const net = tf.sequential();
net.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));
module.exports = { net };
`;
const MSE = "compile({ optimizer: 'adam', loss: 'meanSquaredError' });\n";
function lintProject(files, fileName) {
  const map = new Map(Object.entries(files));
  return lint.lintText(map.get(fileName), fileName, { project: lint.projectFromMap(map) });
}

test('an imported or destructured model given another value or layers here is read here', () => {
  const uses = [
    `const tf = require('@tensorflow/tfjs');\nlet { net } = require('./model');\nnet = tf.sequential();\nnet.add(tf.layers.dense({ units: 1, inputShape: [4] }));\nnet.${MSE}`,
    `const tf = require('@tensorflow/tfjs');\nconst { net } = require('./model');\nnet.add(tf.layers.dense({ units: 1 }));\nnet.${MSE}`,
    `const tf = require('@tensorflow/tfjs');\nconst lib = require('./model');\nlib.net = tf.sequential();\nlib.net.add(tf.layers.dense({ units: 1, inputShape: [4] }));\nlib.net.${MSE}`,
  ];
  for (const text of uses) assert.deepEqual(lintProject({ '/p/model.js': SOFTMAX_NET, '/p/train.js': text }, '/p/train.js').diagnostics, [], text);
  // Unchanged here, the module's model is read (softmax + MSE).
  const plain = `const tf = require('@tensorflow/tfjs');\nconst { net } = require('./model');\nnet.${MSE}`;
  assert.deepEqual(lintProject({ '/p/model.js': SOFTMAX_NET, '/p/train.js': plain }, '/p/train.js').diagnostics.map((d) => d.code), ['activation-mismatch']);
});

test('an object handed on or written through brackets is not read by its literal', () => {
  const base = `const tf = require('@tensorflow/tfjs');
const clf = tf.sequential(); clf.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));
const reg = tf.sequential(); reg.add(tf.layers.dense({ units: 1, inputShape: [4] }));
const models = { policy: clf };
`;
  for (const change of ['function swap(o) { o.policy = reg; }\nswap(models);', "models['policy'] = reg;", 'Object.assign(models, { policy: reg });', 'const alias = models;\nalias.policy = reg;']) {
    assert.deepEqual(lint.lintText(`${base}${change}\nmodels.policy.${MSE}`, '/p/m.js').diagnostics, [], change);
  }
  assert.deepEqual(lint.lintText(`${base}models.policy.${MSE}`, '/p/m.js').diagnostics.map((d) => d.code), ['activation-mismatch']);
});

test('parameters of an exported function, or assigned in its body, are not read from this file', () => {
  const helper = (prefix, body = '') => `const tf = require('@tensorflow/tfjs');
${prefix}function buildModel(units, activation = 'sigmoid') {
${body}  const m = tf.sequential({ layers: [tf.layers.dense({ units, inputShape: [3], activation })] });
  m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return m;
}
buildModel(3);
`;
  assert.deepEqual(lint.lintText(helper(''), '/p/b.js').diagnostics.map((d) => d.code), ['activation-mismatch']);
  assert.deepEqual(lint.lintText(helper('export '), '/p/b.js').diagnostics, []);
  assert.deepEqual(lint.lintText(`${helper('')}module.exports = { buildModel };\n`, '/p/b.js').diagnostics, []);
  assert.deepEqual(lint.lintText(helper('', "  if (activation === 'sigmoid') activation = 'softmax';\n"), '/p/b.js').diagnostics, []);
  // A destructured parameter of an exported function: other files may pass other models.
  const train = `const tf = require('@tensorflow/tfjs');
function build() { const m = tf.sequential(); m.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })); return m; }
function train({ model }) { model.${MSE.trim()} }
train({ model: build() });
`;
  assert.deepEqual(lint.lintText(train, '/p/t.js').diagnostics.map((d) => d.code), ['activation-mismatch']);
  assert.deepEqual(lint.lintText(`${train}module.exports = { train };\n`, '/p/t.js').diagnostics, []);
});

// A model variable given one model or another in branches (holdout205's service: a switch on the job type picks a
// builder, and one training method compiles every model with the same default loss).
const BUILDERS = `const tf = require('@tensorflow/tfjs-node');
function regression(dim) {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [dim], units: 8, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
}
function classifier(dim) {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [dim], units: 8, activation: 'relu' }), tf.layers.dense({ units: 3, activation: 'softmax' })] });
}
`;

test('a model assigned in the branches of an if or a switch: each model is checked against a loss both share', () => {
  const ifElse = `${BUILDERS}async function run(kind, config) {
  let net;
  if (kind === 'reg') net = regression(config.dim);
  else net = classifier(config.dim);
  net.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
  return net.fit(config.xs, config.ys);
}
`;
  const switched = `${BUILDERS}class Jobs {
  async run(kind, config) {
    let net;
    switch (kind) {
      case 'REGRESSION':
        net = regression(config.dim);
        break;
      default:
        net = classifier(config.dim);
    }
    return this.train(net, config);
  }
  async train(model, config) {
    model.compile({ optimizer: 'adam', loss: config.loss || 'sparseCategoricalCrossentropy' });
    return model.fit(config.xs, config.ys);
  }
}
`;
  for (const text of [ifElse, switched]) {
    const r = lint.lintText(text, '/p/jobs.js');
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['activation-mismatch'], text);
    assert.match(r.diagnostics[0].message, /linear output/);
  }
});

test('a model assigned in branches whose loss is chosen by the same test stays silent', () => {
  const variants = [
    `async function run(kind, config) {
  let net;
  let loss;
  if (kind === 'reg') {
    net = regression(config.dim);
    loss = 'meanSquaredError';
  } else {
    net = classifier(config.dim);
    loss = 'categoricalCrossentropy';
  }
  net.compile({ optimizer: 'adam', loss });
  return net.fit(config.xs, config.ys);
}`,
    `async function run(kind, config) {
  let net;
  if (kind === 'reg') net = regression(config.dim);
  else net = classifier(config.dim);
  return fitWith(net, kind, config);
}
async function fitWith(model, kind, config) {
  model.compile({ optimizer: 'adam', loss: kind === 'reg' ? 'meanSquaredError' : 'categoricalCrossentropy' });
  return model.fit(config.xs, config.ys);
}`,
    // Assigned one after the other (not in exclusive branches): the last one holds.
    `async function run(config) {
  let net;
  net = classifier(config.dim);
  net = regression(config.dim);
  net.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return net.fit(config.xs, config.ys);
}`,
  ];
  for (const v of variants) assert.deepEqual(lint.lintText(`${BUILDERS}${v}\n`, '/p/jobs.js').diagnostics, [], v);
});

test('a model made in a module the lint cannot read gets its output from the layers added here', () => {
  // `var net = config.CLASSIFIER` (config.js not in the project): only a Sequential model has `add`, so the last
  // layer added is its output, and the 0/1 labels fitted make sigmoid + MSE a classifier trained with the wrong loss.
  const text = (activation, labels) => `var tf = require('@tensorflow/tfjs');
var config = require('./config');
function setUp(rows) {
  var net = config.CLASSIFIER;
  net.add(tf.layers.dense({ units: 8, inputDim: 4, activation: 'relu' }));
  net.add(tf.layers.dense({ units: 1, activation: '${activation}' }));
  net.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  var ys = tf.tensor2d(${labels}, [rows.length, 1]);
  return net.fit(tf.tensor2d(rows.map((r) => r.x)), ys, { epochs: 5 });
}
`;
  const r = lintProject({ '/p/train.js': text('sigmoid', 'rows.map((r) => (r.spam ? 1 : 0))') }, '/p/train.js');
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.line]), [['activation-mismatch', 7]]);
  // A linear head, or continuous targets, stay silent.
  assert.deepEqual(lintProject({ '/p/train.js': text('linear', 'rows.map((r) => (r.spam ? 1 : 0))') }, '/p/train.js').diagnostics, []);
  assert.deepEqual(lintProject({ '/p/train.js': text('sigmoid', 'rows.map((r) => r.price / 100)') }, '/p/train.js').diagnostics, []);
});
