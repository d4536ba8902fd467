// A model fitted on a truth table (every row of 0s and 1s for its inputs, the XOR demo) whose targets the code takes
// from elsewhere (a form, a prop): a boolean function's targets are 0/1, so sigmoid + MSE there is a mismatch.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const page = (inputs, targets) => `import * as tf from '@tensorflow/tfjs';
export async function train(selectedTargets) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 4, inputShape: [2], activation: 'tanh' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
  const xs = tf.tensor2d(${inputs});
  const ys = tf.tensor2d(${targets});
  await model.fit(xs, ys, { epochs: 60 });
}
`;
const TABLE = '[[0, 0], [0, 1], [1, 0], [1, 1]]';
const FROM_UI = 'selectedTargets.map((t) => [t])';

test('targets the file does not show, fitted to a complete truth table, are classes', () => {
  const r = lint.lintText(page(TABLE, FROM_UI), '/p/gate.js');
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['activation-mismatch']);
  assert.match(r.diagnostics[0].detail, /truth table/);
  // Rows in another order, three inputs.
  const three = '[[1,1,1],[0,0,0],[0,0,1],[0,1,0],[0,1,1],[1,0,0],[1,0,1],[1,1,0]]';
  assert.deepEqual(lint.lintText(page(three, FROM_UI).replace('inputShape: [2]', 'inputShape: [3]'), '/p/gate.js').diagnostics.map((d) => d.code), ['activation-mismatch']);
});

test('a partial table, other inputs, or targets written as fractions keep it silent', () => {
  assert.deepEqual(lint.lintText(page('[[0, 0], [1, 1]]', FROM_UI), '/p/gate.js').diagnostics, []);
  assert.deepEqual(lint.lintText(page('[[0, 0.5], [0, 1], [1, 0], [1, 1]]', FROM_UI), '/p/gate.js').diagnostics, []);
  assert.deepEqual(lint.lintText(page(TABLE, '[[0.2], [0.4], [0.6], [0.8]]'), '/p/gate.js').diagnostics, []);
  // Targets a function of another module computes (it may give fractions), not the caller's values.
  const computed = page(TABLE, 'loadTargets()').replace("import * as tf from '@tensorflow/tfjs';", "import * as tf from '@tensorflow/tfjs';\nimport { loadTargets } from './data';");
  assert.deepEqual(lint.lintText(computed, '/p/gate.js').diagnostics, []);
});
