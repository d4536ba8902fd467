// Logs outside any loss are checked where a gradient may be taken through them. A log whose value is only sampled,
// read back to numbers for a score or a draw, or disposed is not differentiated; nor is a log of what a graph model
// outputs (a GraphModel only runs inference in TF.js). A cost read back and recorded still counts: its -Infinity shows.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const logFindings = (text, name = 'a.js') => lint.lintText(text, name).diagnostics.filter((d) => d.code === 'log-of-zero').map((d) => d.line);

test('beam search: log-probabilities read back element by element to rank tokens are not reported', () => {
  const text = (use) => `${HEADER}export class BeamSearchDecoder {
  update(tokens, logits) {
    const logProbs = tf.softmax(logits).log();
    ${use}
  }
}
`;
  assert.deepEqual(logFindings(text('return [0, 1].map((k) => logProbs.slice([0, k], [1, 1]).arraySync()[0][0]);')), []);
  // Returned as a tensor: a caller may differentiate it.
  assert.deepEqual(logFindings(text('return logProbs;')), [4]);
});

test('temperature sampling: a log read back to numbers through other locals, then disposed, is not differentiated', () => {
  const text = (use) => `${HEADER}export class Generator {
  constructor() { this.model = tf.sequential({ layers: [tf.layers.dense({ units: 50, inputShape: [8], activation: 'softmax' })] }); }
  train(xs, ys) { this.model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' }); return this.model.fit(xs, ys); }
  generate(input, temperature) {
    const prediction = this.model.predict(input);
    const logits = tf.div(prediction.log(), temperature);
    const probabilities = tf.exp(logits).div(tf.sum(tf.exp(logits)));
    ${use}
  }
}
`;
  assert.deepEqual(logFindings(text('const next = Array.from(probabilities.dataSync()); tf.dispose([prediction, logits, probabilities]); return next;'), 'gen.ts'), []);
  assert.deepEqual(logFindings(text('return probabilities;'), 'gen.ts'), [7]);
});

test('a cost read back and recorded is still reported: its -Infinity is what the history shows', () => {
  const text = `${HEADER}export class LogisticRegression {
  recordCost() {
    const guesses = this.features.matMul(this.weights).sigmoid();
    const termOne = this.labels.transpose().matMul(guesses.log());
    this.costHistory.push(termOne.dataSync()[0]);
  }
}
`;
  assert.deepEqual(logFindings(text), [5]);
});

test("a log of a graph model's output (inference only in TF.js) is not reported; a layers model's is", () => {
  const text = (load) => `${HEADER}let model = undefined;
export async function init() { model = await ${load}('model/model.json'); }
export function mask(img) {
  return tf.tidy(() => {
    const predictions = model.predict(img).squeeze().softmax().log().add(1);
    return predictions;
  });
}
`;
  assert.deepEqual(logFindings(text('tf.loadGraphModel')), []);
  assert.deepEqual(logFindings(text('tf.loadLayersModel')), [6]);
});
