// An arg-max that picks an agent's action (`const action = prediction.argMax(1)` in `chooseAction`) is a greedy policy
// over predicted values, not a reading of classes (classReadings.ts picksAction): a Q-learner's sigmoid + MSE fitted on
// Bellman targets is not called a classifier for it; a classifier's own arg-max still is evidence.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const found = (text) => lint.lintText(text, 'ki.js').diagnostics.map((d) => `${d.line}: ${d.code}`);

const agent = (reader) => `const tf = require('@tensorflow/tfjs');
function createModel() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [5], units: 10, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 5, activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}
${reader}
async function trainModel(state, action, reward, nextState, model) {
  const target = reward + 0.95 * Math.max(...model.predict(tf.tensor2d([nextState])).dataSync());
  const targets = model.predict(tf.tensor2d([state])).dataSync();
  targets[action] = target;
  await model.fit(tf.tensor2d([state]), tf.tensor2d([targets]), { epochs: 10 });
}
module.exports = { createModel, trainModel };
`;

test('the greedy action of a Q-learner is no class reading', () => {
  assert.deepEqual(found(agent(`function chooseAction(state, model) {
  return tf.tidy(() => model.predict(tf.tensor2d([state])).argMax(1).dataSync()[0]);
}`)), []);
  assert.deepEqual(found(agent(`function step(state, model) {
  const action = model.predict(tf.tensor2d([state])).argMax(1).dataSync()[0];
  return action;
}`)), []);
});

test('an arg-max read as a predicted class is still evidence of classes', () => {
  assert.deepEqual(found(agent(`function classify(state, model) {
  const predictedClass = model.predict(tf.tensor2d([state])).argMax(1).dataSync()[0];
  return predictedClass;
}`)), ['6: activation-mismatch']);
});
