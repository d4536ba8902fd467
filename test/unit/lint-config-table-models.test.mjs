// A model and its data kept in a const table of configurations (`train_configs[id]`), built and compiled in one
// function and fitted in another, with the targets sliced off written rows (`c.data.map((r) => r.slice(k))`):
// fittedModels.ts tableEntryKey, objectValues.ts (any entry of a table), writtenNumbers.ts (columns of a row).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const page = ({ rows = '[[0,0,0],[0,1,1],[1,0,1],[1,1,0]]', entry = 'train_configs[id]', slice = 'r.slice(c.inputs.length)', extraEntry = '' } = {}) => `const train_configs = {
  deep: { inputs: ['x1', 'x2'], outputs: ['y'], data: ${rows}, model: null },${extraEntry}
};
function initBlock(id) {
  const c = ${entry};
  c.model = tf.sequential();
  c.model.add(tf.layers.dense({ units: 4, activation: 'relu', inputShape: [c.inputs.length] }));
  c.model.add(tf.layers.dense({ units: c.outputs.length, activation: 'sigmoid' }));
  c.model.compile({ optimizer: tf.train.adam(0.1), loss: 'meanSquaredError' });
}
async function toggleTraining(id) {
  const c = ${entry};
  const xs = tf.tensor2d(c.data.map((r) => r.slice(0, c.inputs.length)));
  const ys = tf.tensor2d(c.data.map((r) => ${slice}));
  await c.model.fit(xs, ys, { epochs: 1 });
}
`;
const am = (text) => lint.lintText(text, 'train.js').diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => d.line);

test('XOR rows sliced to their last column, fitted on a table entry compiled in another function: sigmoid + MSE on classes', () => {
  assert.deepEqual(am(page()), [9]);
  assert.deepEqual(am(page({ entry: "train_configs['deep']" })), [9]);
  assert.deepEqual(am(page({ entry: 'train_configs.deep', slice: 'r.slice(2)' })), [9]);
  assert.deepEqual(am(page({ slice: 'r.slice(2, 3)' })), [9]);
});

test('a row too short to hold the sliced columns says nothing of them', () => {
  assert.deepEqual(am(page({ rows: '[[0,0,0],[0,1],[1,0,1],[1,1,0]]', slice: 'r.slice(2)' })), []);
  assert.deepEqual(am(page({ rows: '[[0,0,0],[0,1],[1,0,1],[1,1,0]]', slice: '[r[2]]' })), []);
});

test('continuous last columns keep it silent; so does a slice of the inputs only', () => {
  assert.deepEqual(am(page({ rows: '[[0,0,0.1],[0,1,0.8],[1,0,0.7],[1,1,0.2]]' })), []);
  // Columns 0–1 are the inputs (0/1 too), not the targets: the targets here are the last column, continuous.
  assert.deepEqual(am(page({ rows: '[[0,0,0.1],[0,1,0.8],[1,0,0.7],[1,1,0.2]]', slice: 'r.slice(2)' })), []);
});

test('a table of two entries trains every entry with the compile it shares: reported when an entry has class targets', () => {
  const wide = "\n  wide: { inputs: ['a', 'b'], outputs: ['y'], data: [[0.5, 1, 0.3], [1, 2, 0.9]], model: null },";
  assert.deepEqual(am(page({ extraEntry: wide })), [10]);
  assert.deepEqual(am(page({ rows: '[[0,0,0.1],[0,1,0.8],[1,0,0.7],[1,1,0.2]]', extraEntry: wide })), []);
});
