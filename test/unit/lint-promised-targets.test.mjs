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

// A builder that hands its model back through `Promise.resolve(model)` (and `Promise.reject(err)` from its catch, which
// gives no model): the model `await build(base)` is, as a plain `return model` would be.
const transfer = (ret) => `const tf = require('@tensorflow/tfjs-node');
let model = null;
async function createTransferModel(base) {
  try {
    const cut = base.getLayer('dropout');
    const trunk = tf.model({ inputs: base.inputs, outputs: cut.output });
    const head = tf.sequential();
    head.add(tf.layers.flatten({ inputShape: trunk.outputs[0].shape.slice(1) }));
    head.add(tf.layers.dense({ units: 2, activation: 'softmax' }));
    const newModel = tf.model({ inputs: trunk.inputs, outputs: head.apply(trunk.outputs[0]) });
    ${ret}
  } catch (err) {
    return Promise.reject(err);
  }
}
async function trainModel(m, images) {
  const ys = tf.stack(images.map((im) => (im.cat ? tf.tensor1d([1, 0]) : tf.tensor1d([0, 1]))));
  await m.compile({ loss: 'meanSquaredError', optimizer: 'adam', metrics: ['acc'] });
  await m.fit(tf.stack(images.map((im) => im.pixels)), ys);
  return m;
}
async function training(url, images) {
  model = await tf.loadLayersModel(url);
  model = await createTransferModel(model);
  model = await trainModel(model, images);
}
`;

test('a model handed back through Promise.resolve is the model the caller trains; a rejection gives none', () => {
  for (const ret of ['return Promise.resolve(newModel);', 'return newModel;', 'return new Promise((resolve) => resolve(newModel));']) {
    assert.deepEqual(am(transfer(ret)), ['18: meanSquaredError on a softmax output with class targets: its gradient vanishes when saturated.'], ret);
  }
});
