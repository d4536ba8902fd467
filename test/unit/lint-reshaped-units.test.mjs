// A reshape, flatten or permute after the last layer with units decides the output's last dimension anew: a score per
// position (`dense({units: 1})`) reshaped to `[9]` and softmaxed is a softmax over nine moves (layers.ts layerInfo).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

function codes(between) {
  const r = lint.lintText(`import * as tf from '@tensorflow/tfjs';
const cells = tf.input({ shape: [9, 16] });
const perCell = tf.layers.dense({ units: 1 }).apply(cells);
const scores = ${between};
const probs = tf.layers.activation({ activation: 'softmax' }).apply(scores);
const model = tf.model({ inputs: cells, outputs: probs });
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`, 'model.js');
  assert.equal(r.internalError, undefined);
  return r.diagnostics.map((d) => `${d.code}:${d.line}`);
}

test('a score per position reshaped to one row of positions, then softmaxed, is a softmax over the positions', () => {
  assert.deepEqual(codes("tf.layers.reshape({ targetShape: [9] }).apply(perCell)"), []);
  assert.deepEqual(codes("tf.layers.flatten().apply(perCell)"), []);
  assert.deepEqual(codes("tf.layers.reshape({ targetShape: [-1] }).apply(perCell)"), []);
});

test('without the reshape, or reshaped to one unit per row, the softmax is over one unit and always outputs 1', () => {
  assert.deepEqual(codes('perCell'), ['activation-mismatch:7']);
  assert.deepEqual(codes("tf.layers.reshape({ targetShape: [9, 1] }).apply(perCell)"), ['activation-mismatch:7']);
});
