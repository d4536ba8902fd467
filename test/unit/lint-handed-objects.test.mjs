// State a game script keeps on an object it is handed or imports (the TF.js T-Rex runner tutorial and its many
// copies, holdout150): the model on `dino.model`, the training data on `dino.training = { inputs: [], labels: [] }`,
// filled in the crash handler, which gets the same object under the same name, and fitted on reset.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const game = (holder, crash) => `import * as tf from '@tensorflow/tfjs';
${holder}
let firstTime = true;
function handleReset(dinos) {
  const dino = dinos[0];
  if (firstTime) {
    firstTime = false;
    dino.model = tf.sequential();
    dino.model.add(tf.layers.dense({ inputShape: [3], activation: 'sigmoid', units: 6 }));
    dino.model.add(tf.layers.dense({ inputShape: [6], activation: 'sigmoid', units: 2 }));
    dino.model.compile({ loss: 'meanSquaredError', optimizer: tf.train.adam(0.1) });
    dino.training = { inputs: [], labels: [] };
  } else {
    dino.model.fit(tf.tensor2d(dino.training.inputs), tf.tensor2d(dino.training.labels));
  }
}
function handleCrash(dino) {
  let label = null;
${crash}
  dino.training.inputs.push([dino.speed, dino.gap, dino.height]);
  dino.training.labels.push(label);
}
`;
const am = (text) => lint.lintText(text, 'index.js').diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => d.line);

test('labels pushed onto a handed object\'s training field in another function are its fit targets', () => {
  // [1, 0] or [0, 1]: class targets, so a sigmoid output trained with MSE is a mismatch.
  assert.deepEqual(am(game('', '  if (dino.jumping) label = [1, 0];\n  else label = [0, 1];')), [11]);
  // A distance and a height in [0, 1]: continuous targets, silent.
  assert.deepEqual(am(game('', '  label = [dino.gap / 600, dino.height / 150];')), []);
});

test('an object another module exports, whose model and data this file sets, is read the same way', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
import { Blast } from './index.js';
function handleReset() {
  Blast.model = tf.sequential();
  Blast.model.add(tf.layers.dense({ inputShape: [2], activation: 'sigmoid', units: 2 }));
  Blast.model.compile({ loss: 'meanSquaredError', optimizer: tf.train.adam(0.1) });
  Blast.training = { inputs: [], labels: [] };
}
function train() {
  Blast.model.fit(tf.tensor2d(Blast.training.inputs), tf.tensor2d(Blast.training.labels));
}
function handleCrash(state) {
  Blast.training.inputs.push([state.left, state.right]);
  Blast.training.labels.push(state.score > state.highScore ? [0, 1] : [1, 0]);
}
`;
  assert.deepEqual(am(text), [6]);
});
