// A loss written as a fallback or a default is a way the code goes: `loss: config.loss || 'binaryCrossentropy'`,
// `function build(lossName = 'meanSquaredError')`, `const { loss = 'mse' } = opts`. The default is what the model is
// trained with whenever the caller does not choose, so it is checked against the output, and fixed where it is written
// (compileSite.ts readLoss; objectValues.ts destructuredWithDefault).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const am = (r) => r.diagnostics.filter((d) => d.code === 'activation-mismatch');

/** A model builder whose last layer is `head` and whose compile call is `compile` (the text after `model.compile(`). */
function builder(signature, head, compile, extra = '') {
  return `${HEADER}export function build(${signature}) {
${extra}  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [4] }));
  model.add(tf.layers.dense(${head}));
  model.compile(${compile});
  return model;
}
`;
}

const SOFTMAX = "{ units: 3, activation: 'softmax' }";
const SIGMOID = "{ units: 1, activation: 'sigmoid' }";

function applyFix(text, diagnostic) {
  const [edit] = diagnostic.fixes[0].edits;
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

test("`loss: config.loss || 'name'`: the fallback is checked against the output and fixed where it is written", () => {
  const text = builder('config = {}', SOFTMAX, "{ optimizer: 'adam', loss: config.loss || 'binaryCrossentropy', metrics: ['accuracy'] }");
  const r = lint.lintText(text, 'model.js');
  const [d] = am(r);
  assert.ok(d, 'the fallback is read');
  assert.match(d.message, /softmax with binaryCrossentropy/);
  assert.equal(text.slice(d.start, d.end), "'binaryCrossentropy'");
  assert.match(applyFix(text, d), /loss: config\.loss \|\| 'categoricalCrossentropy'/);
  // The caller's setting is a way the lint cannot read: said so, not taken for a clean bill.
  const unread = r.sites.filter((s) => s.kind === 'compile' && s.unreadable);
  assert.equal(unread.length, 1);
});

test('a fallback that suits the output stays silent; `??` and a chain of fallbacks are read the same way', () => {
  for (const loss of ["config.loss || 'categoricalCrossentropy'", "config.loss ?? 'categoricalCrossentropy'", "config.loss ?? config.lossName ?? 'categoricalCrossentropy'"]) {
    const r = lint.lintText(builder('config = {}', SOFTMAX, `{ optimizer: 'adam', loss: ${loss}, metrics: ['accuracy'] }`), 'model.js');
    assert.deepEqual(am(r), [], loss);
    assert.ok(r.sites.some((s) => s.kind === 'compile' && s.name === 'categoricalCrossentropy'), loss);
  }
  const chained = builder('config = {}', SOFTMAX, "{ optimizer: 'adam', loss: config.loss ?? config.lossName ?? 'binaryCrossentropy', metrics: ['accuracy'] }");
  assert.equal(am(lint.lintText(chained, 'model.js')).length, 1);
});

test("`metrics: options.metrics || ['accuracy']`: the fallback's metrics say the output is a classifier's", () => {
  const compile = (metrics) => `{ optimizer: 'adam', loss: options.loss || 'meanSquaredError', metrics: options.metrics || ${metrics} }`;
  const classifier = lint.lintText(builder('options = {}', SIGMOID, compile("['accuracy']")), 'model.js');
  assert.equal(am(classifier).length, 1);
  assert.match(am(classifier)[0].message, /meanSquaredError on a sigmoid output/);
  // Mean absolute error as the metric: a regression onto [0, 1] as far as the file says.
  assert.deepEqual(am(lint.lintText(builder('options = {}', SIGMOID, compile("['mae']")), 'model.js')), []);
});

test("a parameter's default loss, of a function called from elsewhere, is checked and fixed where the default is written", () => {
  const text = builder("lossName = 'categoricalCrossentropy'", SIGMOID, "{ optimizer: 'adam', loss: lossName, metrics: ['accuracy'] }");
  const r = lint.lintText(text, 'model.js');
  const [d] = am(r);
  assert.ok(d);
  assert.match(d.message, /categoricalCrossentropy/);
  const fixed = applyFix(text, d);
  assert.match(fixed, /export function build\(lossName = 'binaryCrossentropy'\)/);
  assert.match(fixed, /loss: lossName,/);
});

test('a default every call of a file-local builder overrides is not a way the code goes; one a call leaves out is', () => {
  const local = (calls) => builder("lossName = 'meanSquaredError'", SIGMOID, "{ optimizer: 'adam', loss: lossName, metrics: ['accuracy'] }").replace('export function', 'function') + calls;
  assert.deepEqual(am(lint.lintText(local("build('binaryCrossentropy');\n"), 'model.js')), []);
  const left = lint.lintText(local("build('binaryCrossentropy');\nbuild();\n"), 'model.js');
  assert.equal(am(left).length, 1);
  assert.match(am(left)[0].message, /meanSquaredError/);
  // Exported, the default is also what another file's `build()` gets.
  const exported = lint.lintText(local("build('binaryCrossentropy');\n").replace('function build', 'export function build'), 'model.js');
  assert.equal(am(exported).length, 1);
});

test('a parameter the function gives another value before the compile is not read as its default', () => {
  const text = builder("lossName = 'meanSquaredError'", SIGMOID, "{ optimizer: 'adam', loss: lossName, metrics: ['accuracy'] }", "  if (lossName === 'mse') lossName = 'binaryCrossentropy';\n");
  const r = lint.lintText(text, 'model.js');
  assert.deepEqual(am(r).filter((d) => /meanSquaredError/.test(d.message)), []);
});

test("`const { loss = 'name' } = opts` of a parameter no call here gives: the default, fixed where it is written", () => {
  const text = builder('opts', SIGMOID, "{ optimizer: 'adam', loss, metrics: ['accuracy'] }", "  const { loss = 'meanSquaredError' } = opts;\n");
  const r = lint.lintText(text, 'model.js');
  const [d] = am(r);
  assert.ok(d);
  assert.match(applyFix(text, d), /const \{ loss = 'binaryCrossentropy' \} = opts;/);
  // A call of this file that gives the loss decides it.
  const given = lint.lintText(text.replace('export function', 'function') + "build({ loss: 'binaryCrossentropy' });\n", 'model.js');
  assert.deepEqual(am(given), []);
});

test("an output activation written as a fallback or an exported builder's default is read as the loss's is", () => {
  const loss = "{ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] }";
  const fallback = lint.lintText(builder('options = {}', "{ units: options.classes || 3, activation: options.activation || 'softmax' }", loss), 'model.js');
  assert.equal(am(fallback).length, 1);
  assert.match(am(fallback)[0].message, /softmax with binaryCrossentropy/);
  const byDefault = lint.lintText(builder("units = 3, activation = 'softmax'", '{ units, activation }', loss), 'model.js');
  assert.equal(am(byDefault).length, 1);
  // A call of this file that gives the activation decides it; a setting the file gives wins over the fallback.
  const called = lint.lintText(builder("units = 3, activation = 'softmax'", '{ units, activation }', loss).replace('export function', 'function') + "build(1, 'sigmoid');\n", 'model.js');
  assert.deepEqual(am(called), []);
  const set = lint.lintText(builder('', "{ units: 1, activation: OUTPUT.activation || 'softmax' }", loss, "  const OUTPUT = { activation: 'sigmoid' };\n"), 'model.js');
  assert.deepEqual(am(set), []);
});
