// A builder or compile helper given its loss, activation and units as parameters: what every call in the file passes
// (its default where a call passes nothing), and the quick fix edits the name where it is written.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HELPERS = `const tf = require('@tensorflow/tfjs');
function buildModel(units, activation = 'sigmoid', loss = 'categoricalCrossentropy') {
  const m = tf.sequential({ layers: [tf.layers.dense({ units, inputShape: [3], activation })] });
  m.compile({ optimizer: 'adam', loss });
  return m;
}
function compileModel(m, lossName) {
  m.compile({ optimizer: 'adam', loss: lossName });
}
`;

test('a loss, an activation and units passed as parameters are what the calls give, or the defaults', () => {
  const text = `${HELPERS}const a = buildModel(1);\ncompileModel(tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3], activation: 'sigmoid' })] }), 'categoricalCrossentropy');\n`;
  const r = lint.lintText(text, '/p/helpers.js');
  const compiles = r.sites.filter((s) => s.kind === 'compile');
  assert.deepEqual(compiles.map((s) => [s.lossName, s.activation, s.units]), [['categoricalCrossentropy', 'sigmoid', 1], ['categoricalCrossentropy', 'sigmoid', 1]]);
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['activation-mismatch', 'activation-mismatch']);
  // The fix renames the loss where it is written: the default, and the call's argument.
  for (const d of r.diagnostics) {
    const fixed = lint.applySourceEdits(text, d.fixes[0].edits);
    assert.ok(fixed.includes("loss = 'binaryCrossentropy'") || fixed.includes("}), 'binaryCrossentropy');"), d.fixes[0].title);
    assert.ok(fixed.includes('loss: lossName') && fixed.includes('loss });'), 'the helpers keep reading their parameters');
  }
});

test('calls that pass different losses, or a value the file does not show, leave the helper unread', () => {
  const differ = `${HELPERS}buildModel(1, 'sigmoid', 'binaryCrossentropy');\nbuildModel(3, 'softmax', 'categoricalCrossentropy');\n`;
  const r = lint.lintText(differ, '/p/helpers.js');
  assert.deepEqual(r.diagnostics, []);
  const unknown = `${HELPERS}export function make(config) { return buildModel(1, 'sigmoid', config.loss); }\n`;
  assert.deepEqual(lint.lintText(unknown, '/p/helpers.js').diagnostics, []);
});

// The whole compile configuration handed over as an object: a helper's parameter, or a field a setter fills.
const SIGMOID3 = `const tf = require('@tensorflow/tfjs');
function build(n) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }));
  model.add(tf.layers.dense({ units: n, activation: 'sigmoid' }));
  return model;
}
`;
const codesAt = (text) => lint.lintText(text, '/p/train.js').diagnostics.map((d) => `${d.line}: ${d.code}`);

test('a compile helper given its configuration as one object reads the object its one call passes', () => {
  const helper = `${SIGMOID3}function compileModel(model, options) {
  model.compile(options);
  return model;
}
`;
  assert.deepEqual(codesAt(`${helper}compileModel(build(3), { optimizer: 'adam', loss: 'categoricalCrossentropy' });\n`), ['12: activation-mismatch']);
  assert.deepEqual(codesAt(`${helper}compileModel(build(3), { optimizer: 'adam', loss: 'binaryCrossentropy' });\n`), []);
  // Two calls with different objects: which one a compile reads is the run's, so the helper stays unread.
  assert.deepEqual(codesAt(`${helper}compileModel(build(3), { loss: 'categoricalCrossentropy' });\ncompileModel(build(3), { loss: 'binaryCrossentropy' });\n`), []);
});

test('options a setter stores in a field, over a null placeholder, are what the compile of that field reads', () => {
  const text = `${SIGMOID3}class Trainer {
  constructor(model) {
    this.model = model;
    this.compileOptions = null;
  }
  setCompileOptions(options) {
    this.compileOptions = options;
  }
  compile() {
    this.model.compile(this.compileOptions);
  }
}
const t = new Trainer(build(3));
t.setCompileOptions({ optimizer: 'sgd', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
t.compile();
`;
  assert.deepEqual(codesAt(text), ['21: activation-mismatch']);
  const r = lint.lintText(text, '/p/train.js');
  const fixed = lint.applySourceEdits(text, r.diagnostics[0].fixes[0].edits);
  assert.deepEqual(lint.lintText(fixed, '/p/train.js').diagnostics, []);
  // Set to two different objects (a field written twice beyond its placeholder): unread.
  assert.deepEqual(codesAt(text.replace('this.compileOptions = null;', "this.compileOptions = { loss: 'binaryCrossentropy' };")), []);
});
