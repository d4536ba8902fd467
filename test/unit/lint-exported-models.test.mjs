// A model built at the top of one module and compiled in another: `export const model = tf.sequential()` (or
// `module.exports = { model }`) with `model.add(…)` after it, imported by name, destructured from `require`, taken
// as a member of the whole module, or given another name.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const CJS_MODEL = `const tf = require('@tensorflow/tfjs');
const net = tf.sequential();
net.add(tf.layers.dense({ units: 16, inputShape: [8], activation: 'relu' }));
net.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
module.exports = { net, other: 4 };
`;
const ES_MODEL = `import * as tf from '@tensorflow/tfjs';
export const net = tf.sequential();
net.add(tf.layers.dense({ units: 16, inputShape: [8], activation: 'relu' }));
net.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
`;

function lintProject(files, fileName) {
  const map = new Map(Object.entries(files));
  const result = lint.lintText(map.get(fileName), fileName, { project: lint.projectFromMap(map) });
  assert.equal(result.internalError, undefined);
  return result;
}

const compileCce = (receiver) => `${receiver}.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });\n`;

test('a model a CommonJS module builds at its top level is read where another file compiles it', () => {
  const uses = {
    destructured: `const tf = require('@tensorflow/tfjs');\nconst { net } = require('./lib/model');\n${compileCce('net')}`,
    renamed: `const tf = require('@tensorflow/tfjs');\nconst { net: classifier } = require('./lib/model');\n${compileCce('classifier')}`,
    aliased: `const tf = require('@tensorflow/tfjs');\nconst { net } = require('./lib/model');\nconst model = net;\n${compileCce('model')}`,
    member: `const tf = require('@tensorflow/tfjs');\nconst model = require('./lib/model').net;\n${compileCce('model')}`,
    module: `const tf = require('@tensorflow/tfjs');\nconst lib = require('./lib/model');\n${compileCce('lib.net')}`,
  };
  for (const [how, text] of Object.entries(uses)) {
    const r = lintProject({ '/p/lib/model.js': CJS_MODEL, '/p/train.js': text }, '/p/train.js');
    const site = r.sites.find((s) => s.kind === 'compile');
    assert.equal(site?.activation, 'sigmoid', how);
    assert.equal(site.units, 1, how);
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['activation-mismatch'], how);
  }
});

test('an ES module exporting a model built by adds: a named import and a namespace import read it', () => {
  for (const text of [
    `import * as tf from '@tensorflow/tfjs';\nimport { net } from './model';\n${compileCce('net')}`,
    `import * as tf from '@tensorflow/tfjs';\nimport * as models from './model';\n${compileCce('models.net')}`,
  ]) {
    const r = lintProject({ '/p/model.ts': ES_MODEL, '/p/train.ts': text }, '/p/train.ts');
    assert.equal(r.sites.find((s) => s.kind === 'compile')?.activation, 'sigmoid', text);
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['activation-mismatch'], text);
  }
});

test('an exported value that is not a model, or a member the module does not export, says nothing', () => {
  const notModel = `const tf = require('@tensorflow/tfjs');\nconst lib = require('./lib/model');\n${compileCce('lib.other')}${compileCce('lib.missing')}`;
  const r = lintProject({ '/p/lib/model.js': CJS_MODEL, '/p/train.js': notModel }, '/p/train.js');
  assert.deepEqual(r.diagnostics, []);
  // A package, not a file of the project: not followed.
  const pkg = `const tf = require('@tensorflow/tfjs');\nconst { net } = require('some-models');\n${compileCce('net')}`;
  assert.deepEqual(lintProject({ '/p/train.js': pkg }, '/p/train.js').diagnostics, []);
});

test('a field of an instance of a class another module declares is the model that class builds there', () => {
  const lib = `import * as tf from '@tensorflow/tfjs';
export class Translator {
  constructor(vocab) {
    this.model = this.createModel(vocab);
  }
  createModel(vocab) {
    const input = tf.input({ shape: [16] });
    const out = tf.layers.dense({ units: vocab, activation: 'relu', name: 'final_layer' }).apply(input);
    return tf.model({ inputs: input, outputs: out });
  }
}
`;
  for (const use of ['const t = new Translator(500);\nconst model = t.model;\nmodel.compile', 'new Translator(500).model.compile']) {
    const text = `import * as tf from '@tensorflow/tfjs';\nimport { Translator } from './translator.js';\n${use}({ optimizer: 'adam', loss: 'categoricalCrossentropy' });\n`;
    const r = lintProject({ '/p/translator.js': lib, '/p/train.js': text }, '/p/train.js');
    assert.equal(r.sites.find((s) => s.kind === 'compile')?.activation, 'relu', use);
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['activation-mismatch'], use);
  }
});

test("a builder called as a member of a whole module (model.getGenerator()) is read in that module", () => {
  const lib = `const tf = require('@tensorflow/tfjs');
function getGenerator() {
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputDim: 100, units: 784 }));
  m.add(tf.layers.activation({ activation: 'tanh' }));
  return m;
}
module.exports = { getGenerator };
`;
  const uses = [
    `const tf = require('@tensorflow/tfjs');\nconst model = require('./lib/model');\nconst g = model.getGenerator();\ng.compile({ loss: 'binaryCrossentropy', optimizer: 'sgd' });\n`,
    `import * as tf from '@tensorflow/tfjs';\nimport * as models from './lib/model';\nmodels.getGenerator().compile({ loss: 'binaryCrossentropy', optimizer: 'sgd' });\n`,
  ];
  for (const text of uses) {
    const r = lintProject({ '/p/lib/model.js': lib, '/p/train.js': text }, '/p/train.js');
    assert.equal(r.sites.find((s) => s.kind === 'compile')?.activation, 'tanh', text);
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['activation-mismatch'], text);
  }
});

test('a model parameter no code of the file passes, in a class whose one method builds a model: that model', () => {
  const text = (extra) => `import * as tf from '@tensorflow/tfjs';
export class ModelUtils {
  createModel(numClasses) {
    return tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu' }), tf.layers.dense({ units: numClasses, activation: 'softmax' })] });
  }
  ${extra}
  async evaluateModel(model, testData) {
    const predictions = model.predict(testData.xTest);
    return tf.losses.softmaxCrossEntropy(testData.yTest, predictions);
  }
}
`;
  const codes = (t) => lint.lintText(t, 'model-utils.js').diagnostics.map((d) => `${d.code}:${d.line}`);
  assert.deepEqual(codes(text('')), ['activation-mismatch:9']);
  // Two methods building different models: which one the caller passes is open.
  assert.deepEqual(codes(text("createLogits() { return tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 3 })] }); }")), []);
});
