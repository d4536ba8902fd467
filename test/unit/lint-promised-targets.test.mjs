// Targets an async function hands back through a Promise it makes (`return new Promise((resolve) => { … resolve(rows) })`,
// a stream's or an event source's callback): `await load()` is the rows given to resolve (promisedValues.ts).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const am = (text) => lint.lintText(text, 'autoencoder.js').diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => `${d.line}: ${d.message}`);

const file = (row) => `import * as tf from '@tensorflow/tfjs-node';
const KINDS = ['insert', 'update', 'delete'];
function encode(kind) {
  const vec = new Array(KINDS.length).fill(0);
  ${row}
  return vec;
}
function readEvents(source) {
  return new Promise((resolve) => {
    const rows = [];
    source.on('event', (e) => {
      rows.push(encode(e.kind));
      if (rows.length >= 100) resolve(rows);
    });
    setTimeout(() => resolve(rows), 5000);
  });
}
async function train(data) {
  const X = tf.tensor2d(data);
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [X.shape[1]], units: 2, activation: 'relu' }));
  model.add(tf.layers.dense({ units: X.shape[1], activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  await model.fit(X, X, { epochs: 20 });
}
export async function main(source) {
  const data = await readEvents(source);
  await train(data);
}
`;

test('an autoencoder fitted on one-hot rows a Promise resolves with: sigmoid + MSE on class targets', () => {
  assert.deepEqual(am(file('vec[KINDS.indexOf(kind)] = 1;')), ['23: meanSquaredError on a sigmoid output with class targets: its gradient vanishes when saturated.']);
});

test('continuous rows resolved the same way keep it silent', () => {
  assert.deepEqual(am(file('vec[KINDS.indexOf(kind)] = Math.random();')), []);
});

test('a Promise whose executor resolves nothing the lint can follow leaves the targets unknown (silent)', () => {
  const text = file('vec[KINDS.indexOf(kind)] = 1;').replace(/resolve\(rows\)/g, 'resolve(source.rows)');
  assert.deepEqual(am(text), []);
});
