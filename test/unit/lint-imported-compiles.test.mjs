// A compile a helper of another file does with the model and the loss this file gives it (importedCompiles.ts): a
// function `compileModel(model, lossName)`, a class whose constructor or setter takes the options and whose method
// compiles `this.model`. The finding and its fix are where this file writes the loss and builds the model.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

function lintProject(files, fileName) {
  const map = new Map(Object.entries(files));
  const r = lint.lintText(map.get(fileName), fileName, { project: lint.projectFromMap(map) });
  assert.equal(r.internalError, undefined);
  return r;
}
const codes = (r) => r.diagnostics.map((d) => `${d.line}: ${d.code}`);

const BUILD = `function build(n) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }));
  model.add(tf.layers.dense({ units: n, activation: 'sigmoid' }));
  return model;
}
`;

const HELPER = `function compileModel(model, lossName) {
  model.compile({ optimizer: 'adam', loss: lossName, metrics: ['accuracy'] });
  return model;
}
module.exports = { compileModel };
`;

test('an imported compile helper given the model and the loss: read at the call, as if compiled here', () => {
  const main = (loss, imported = "const { compileModel } = require('./compile');", call = 'compileModel') => `const tf = require('@tensorflow/tfjs');
${imported}
${BUILD}${call}(build(3), '${loss}');
`;
  assert.deepEqual(codes(lintProject({ '/p/compile.js': HELPER, '/p/main.js': main('categoricalCrossentropy') }, '/p/main.js')), ['9: activation-mismatch']);
  assert.deepEqual(codes(lintProject({ '/p/compile.js': HELPER, '/p/main.js': main('binaryCrossentropy') }, '/p/main.js')), []);
  // The whole module required, its helper called as a member.
  assert.deepEqual(codes(lintProject({ '/p/compile.js': HELPER, '/p/main.js': main('categoricalCrossentropy', "const helpers = require('./compile');", 'helpers.compileModel') }, '/p/main.js')), ['9: activation-mismatch']);
  // ES modules, TypeScript.
  const esHelper = 'export function compileModel(model: tf.LayersModel, lossName: string) {\n  model.compile({ optimizer: "adam", loss: lossName });\n}\n';
  const esMain = `import * as tf from '@tensorflow/tfjs';\nimport { compileModel } from './compile';\n${BUILD}compileModel(build(3), 'categoricalCrossentropy');\n`;
  assert.deepEqual(codes(lintProject({ '/p/compile.ts': esHelper, '/p/main.ts': esMain }, '/p/main.ts')), ['9: activation-mismatch']);
});

test('the fix edits this file: the output layer, or the loss where the call writes it', () => {
  const main = `const tf = require('@tensorflow/tfjs');\nconst { compileModel } = require('./compile');\n${BUILD}compileModel(build(3), 'categoricalCrossentropy');\n`;
  const r = lintProject({ '/p/compile.js': HELPER, '/p/main.js': main }, '/p/main.js');
  const [d] = r.diagnostics;
  for (const fix of d.fixes) {
    const fixed = lint.applySourceEdits(main, fix.edits);
    assert.deepEqual(codes(lintProject({ '/p/compile.js': HELPER, '/p/main.js': fixed }, '/p/main.js')), [], fix.title);
  }
});

test('a helper that compiles a loss of its own, compiles twice, or is given no loss here says nothing here', () => {
  const main = `const tf = require('@tensorflow/tfjs');\nconst { compileModel } = require('./compile');\n${BUILD}compileModel(build(3), 'categoricalCrossentropy');\n`;
  const own = "function compileModel(model, lossName) {\n  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });\n}\nmodule.exports = { compileModel };\n";
  const twice = "function compileModel(model, lossName) {\n  model.compile({ loss: lossName });\n  model.compile({ loss: 'binaryCrossentropy' });\n}\nmodule.exports = { compileModel };\n";
  const reassigned = "function compileModel(model, lossName) {\n  model = model.clone();\n  model.compile({ loss: lossName });\n}\nmodule.exports = { compileModel };\n";
  for (const helper of [own, twice, reassigned]) assert.deepEqual(codes(lintProject({ '/p/compile.js': helper, '/p/main.js': main }, '/p/main.js')), [], helper);
  // A package's helper is not read (only the project's own files).
  assert.deepEqual(codes(lintProject({ '/p/main.js': main.replace("'./compile'", "'tf-helpers'") }, '/p/main.js')), []);
});

const TRAINER = `class Trainer {
  constructor(model, options) {
    this.model = model;
    this.options = options;
  }
  compile() {
    this.model.compile({ optimizer: 'adam', loss: this.options.loss, metrics: ['accuracy'] });
  }
}
module.exports = Trainer;
`;

test('an imported class given the model and its options: the method that compiles them, called here, is read here', () => {
  const main = (loss, tail = 't.compile();') => `const tf = require('@tensorflow/tfjs');
const Trainer = require('./trainer');
${BUILD}const t = new Trainer(build(3), { loss: '${loss}' });
${tail}
`;
  assert.deepEqual(codes(lintProject({ '/p/trainer.js': TRAINER, '/p/main.js': main('categoricalCrossentropy') }, '/p/main.js')), ['9: activation-mismatch']);
  assert.deepEqual(codes(lintProject({ '/p/trainer.js': TRAINER, '/p/main.js': main('binaryCrossentropy') }, '/p/main.js')), []);
  // Its compile never called: nothing compiles the model.
  assert.deepEqual(codes(lintProject({ '/p/trainer.js': TRAINER, '/p/main.js': main('categoricalCrossentropy', '') }, '/p/main.js')), []);
});

test('options a setter of an imported class stores over a null placeholder (a wrapper of a saved or new model)', () => {
  const wrapper = `class GenericNNModel {
  constructor(model) {
    this.model = model;
    this.compileOptions = null;
  }
  setCompileOptions(options) {
    this.compileOptions = options;
  }
  async compile() {
    this.model.compile(this.compileOptions);
  }
}
module.exports = GenericNNModel;
`;
  const main = `var tf = require('@tensorflow/tfjs');
var GenericNNModel = require('../generic-neural-network-model');
function getNewModel(numInputs, numLabels) {
  return tf.sequential({ layers: [
    tf.layers.dense({ inputDim: numInputs, units: 64, activation: 'relu' }),
    tf.layers.dense({ units: numLabels, activation: 'sigmoid' }),
  ] });
}
async function loadModel(numInputs, numLabels) {
  const wrapped = new GenericNNModel(getNewModel(numInputs, numLabels));
  wrapped.setCompileOptions({ optimizer: 'sgd', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  await wrapped.compile();
  return wrapped;
}
module.exports = { loadModel };
`;
  const files = { '/p/services/generic-neural-network-model.js': wrapper, '/p/services/models/components.js': main };
  assert.deepEqual(codes(lintProject(files, '/p/services/models/components.js')), ['11: activation-mismatch']);
  // Set twice with different objects: which one the compile reads is the run's.
  const twice = main.replace('await wrapped.compile();', "wrapped.setCompileOptions({ loss: 'binaryCrossentropy' });\n  await wrapped.compile();");
  assert.deepEqual(codes(lintProject({ ...files, '/p/services/models/components.js': twice }, '/p/services/models/components.js')), []);
});

test('a helper that also fits the model: the targets this file gives it decide a pairing that depends on them', () => {
  const train = `async function trainModel(model, xs, ys, lossName) {
  model.compile({ optimizer: 'adam', loss: lossName });
  return model.fit(xs, ys, { epochs: 10 });
}
module.exports = { trainModel };
`;
  const main = (ys) => `const tf = require('@tensorflow/tfjs');
const { trainModel } = require('./train');
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 1, activation: 'sigmoid' }));
const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
trainModel(model, xs, ${ys}, 'meanSquaredError');
`;
  // sigmoid + MSE on 0/1 classes: reported; on fractions: silent.
  assert.deepEqual(codes(lintProject({ '/p/train.js': train, '/p/main.js': main('tf.tensor2d([[0], [1], [1], [0]])') }, '/p/main.js')), ['6: activation-mismatch']);
  assert.deepEqual(codes(lintProject({ '/p/train.js': train, '/p/main.js': main('tf.tensor2d([[0.12], [0.5], [0.73], [0.9]])') }, '/p/main.js')), []);
  // The same through a class: `new Trainer(model, { loss })`, then `t.train(xs, ys)` fits `this.model`.
  const trainer = `class Trainer {
  constructor(model, options) {
    this.model = model;
    this.options = options;
  }
  async train(xs, ys) {
    this.model.compile({ optimizer: 'adam', loss: this.options.loss });
    return this.model.fit(xs, ys);
  }
}
module.exports = Trainer;
`;
  const byClass = (ys) => `const tf = require('@tensorflow/tfjs');
const Trainer = require('./trainer');
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 1, activation: 'sigmoid' }));
const t = new Trainer(model, { loss: 'meanSquaredError' });
t.train(tf.tensor2d([[0, 0], [1, 1]]), ${ys});
`;
  assert.deepEqual(codes(lintProject({ '/p/trainer.js': trainer, '/p/main.js': byClass('tf.tensor2d([[0], [1]])') }, '/p/main.js')), ['5: activation-mismatch']);
  assert.deepEqual(codes(lintProject({ '/p/trainer.js': trainer, '/p/main.js': byClass('tf.tensor2d([[0.25], [0.75]])') }, '/p/main.js')), []);
});
