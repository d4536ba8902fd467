// A dictionary of losses keyed by layer names, given to a tf.sequential model (one output, its last layer): TF.js 4.22's
// compile throws "Unknown entry in loss dictionary" for any key but the last layer's name, so no entry trains and none
// is paired with the output (the softmax hidden layer a key names is not the tanh output). A dictionary keyed by the
// output's own name, or a tf.model's heads, is read as before.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const coach = (loss, lastName = "name: 'learning_rate'") => `import * as tf from '@tensorflow/tfjs';
export function build() {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 32, activation: 'relu', inputShape: [12] }),
      tf.layers.dense({ units: 16, activation: 'softmax', name: 'feedback_type' }),
      tf.layers.dense({ units: 4, activation: 'tanh'${lastName ? `, ${lastName}` : ''} }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.001), loss: ${loss} });
  return model;
}
`;

const found = (code) => lint.lintText(code, '/p/coach.ts').diagnostics.map((d) => `${d.line}: ${d.code}: ${d.message}`);

test("a loss dictionary keyed by a hidden layer's name on a sequential model: compile throws, no pairing is reported", () => {
  const codes = found(coach("{ feedback_type: 'categoricalCrossentropy', learning_rate: 'meanSquaredError' }"));
  assert.equal(codes.length, 1, codes.join('\n'));
  assert.match(codes[0], /^10: unknown-loss: .*"feedback_type".*Unknown entry in loss dictionary.*learning_rate/);
  // A last layer with no name of its own: every key is unknown.
  assert.match(found(coach("{ out: 'meanSquaredError' }", ''))[0], /^10: unknown-loss: .*"out"/);
});

test("a dictionary keyed by the output's own name is read as its loss", () => {
  assert.deepEqual(found(coach("{ learning_rate: 'meanSquaredError' }")), []);
  assert.equal(found(coach("{ learning_rate: 'categoricalCrossentropy' }")).filter((c) => /activation-mismatch/.test(c)).length, 1);
});
