// A parameter the function gives a model itself (`async function initNetwork(model, classifier) { model =
// tf.sequential(); … model.compile(…) }`, the global shadowed) is that model, not what callers pass (modelResolution.ts).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const text = (head) => `var model;
async function initNetwork(model, classifier) {
  model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [2], units: 4, activation: 'sigmoid' }));
  model.add(tf.layers.dense(${head}));
  model.compile({ loss: 'meanSquaredError', optimizer: tf.train.adam(0.01), metrics: ['acc'] });
  return model;
}
initNetwork(model, true).then((m) => { model = m; });
`;

test('a model built into a parameter is read as built there', () => {
  const r = lint.lintText(text("{ units: 2, activation: 'softmax' }"), 'worker.js');
  assert.deepEqual(r.diagnostics.map((d) => `${d.line}:${d.code}`), ['6:activation-mismatch']);
  assert.deepEqual(lint.lintText(text("{ units: 1 }"), 'worker.js').diagnostics, []);
});

test('built in the branches of an if: each way, the classifier way reported', () => {
  const branched = text("{ units: 2, activation: 'softmax' }").replace(
    "  model.add(tf.layers.dense({ units: 2, activation: 'softmax' }));\n",
    "  if (classifier) model.add(tf.layers.dense({ units: 2, activation: 'softmax' }));\n  else model.add(tf.layers.dense({ units: 1, activation: 'tanh' }));\n",
  );
  const r = lint.lintText(branched, 'worker.js');
  assert.deepEqual(r.diagnostics.map((d) => `${d.line}:${d.code}`), ['7:activation-mismatch']);
  assert.match(r.diagnostics[0].message, /softmax/);
});
