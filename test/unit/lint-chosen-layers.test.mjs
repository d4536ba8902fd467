// An output layer chosen whole by configuration (`numClasses > 2 ? dense(softmax) : dense(sigmoid)`, or a layer
// variable set in the branches of an `if`) is read way by way, each way located at its own layer (layers.ts
// chosenLayer, configurationChoices.ts withConfiguredActivation).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const am = (r) => r.diagnostics.filter((d) => d.code === 'activation-mismatch');

const ternary = (loss) => `import * as tf from '@tensorflow/tfjs';
export function build(numClasses) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [4] }));
  const head = numClasses > 2
    ? tf.layers.dense({ units: numClasses, activation: 'softmax' })
    : tf.layers.dense({ units: 1, activation: 'sigmoid' });
  model.add(head);
  model.compile({ optimizer: 'adam', loss: ${loss}, metrics: ['accuracy'] });
  return model;
}
`;

test('a head chosen whole by a ternary: the way whose activation does not suit the loss is reported, at its own layer', () => {
  const [d] = am(lint.lintText(ternary("'binaryCrossentropy'"), 'model.js'));
  assert.ok(d);
  assert.match(d.message, /softmax with binaryCrossentropy/);
  assert.match(d.detail, /output layer at line 6/);
  // The fix edits that way's own layer (line 6), never the other way's or the loss both ways share.
  assert.equal(d.fixes.length, 1);
  assert.deepEqual(d.fixes[0].edits.map((e) => e.text), ['sigmoid']);
  const src = ternary("'binaryCrossentropy'");
  assert.equal(src.slice(0, d.fixes[0].edits[0].start).split('\n').length, 6);
  assert.equal(src.slice(d.fixes[0].edits[0].start, d.fixes[0].edits[0].end), 'softmax');
  const [m] = am(lint.lintText(ternary("'meanSquaredError'"), 'model.js'));
  assert.ok(m);
  // The loss chosen by the same test pairs way by way: the matching pair is silent.
  assert.deepEqual(am(lint.lintText(ternary("numClasses > 2 ? 'categoricalCrossentropy' : 'binaryCrossentropy'"), 'model.js')), []);
  const sigmoidWay = am(lint.lintText(ternary("numClasses > 2 ? 'categoricalCrossentropy' : 'meanSquaredError'"), 'model.js'));
  assert.equal(sigmoidWay.length, 1);
  assert.match(sigmoidWay[0].detail, /output layer at line 7/);
});

test('heads of the same activation and units chosen whole are one head; heads of different kinds are not read', () => {
  const same = ternary("'binaryCrossentropy'").replace("units: numClasses, activation: 'softmax'", "units: 1, activation: 'sigmoid', name: 'wide'");
  assert.deepEqual(am(lint.lintText(same, 'model.js')), []);
  const r = lint.lintText(same.replace("'binaryCrossentropy'", "'categoricalCrossentropy'"), 'model.js');
  assert.equal(am(r).length, 1);
  const kinds = ternary("'binaryCrossentropy'").replace("tf.layers.dense({ units: numClasses, activation: 'softmax' })", "tf.layers.softmax()");
  assert.deepEqual(am(lint.lintText(kinds, 'model.js')), []);
});
