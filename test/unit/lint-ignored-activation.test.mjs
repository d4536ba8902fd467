// `tf.layers.activation('softmax')`: TF.js reads a layer's options from an object, so a name given alone is ignored and
// the layer is linear. Real TF.js (CPU backend) builds each layer: the lint reads the activation TF.js really applies, its
// message says why the output is linear, and the fix writes the options object TF.js reads.
import test from 'node:test';
import assert from 'node:assert/strict';
import { loadTf } from '../oracle/tfjs/lossOracle.mjs';
import { fixAll, lint } from './lint-support.mjs';

const model = (activationLayer, loss) => `const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, inputShape: [2] }));
model.add(${activationLayer});
model.compile({ optimizer: 'adam', loss: ${loss} });
`;

test('ignored activation: TF.js builds tf.layers.activation(name) as linear, and an options object as that activation', async () => {
  const tf = await loadTf();
  assert.equal(tf.layers.activation('softmax').getConfig().activation, 'linear');
  assert.equal(tf.layers.activation({ activation: 'softmax' }).getConfig().activation, 'softmax');
  const out = tf.tidy(() => {
    const m = new Function('tf', `${model("tf.layers.activation('softmax')", "'categoricalCrossentropy'").replace(/^const tf = .*\n/, '')}return model.predict(tf.tensor2d([[30, -20]])).sum().dataSync()[0];`)(tf);
    return m;
  });
  assert.notEqual(Math.round(out * 1e4) / 1e4, 1, 'the rows of a linear output do not sum to 1');
});

test('ignored activation: categoricalCrossentropy after tf.layers.activation(\'softmax\') is a probability loss on a linear output', () => {
  const code = model("tf.layers.activation('softmax')", "'categoricalCrossentropy'");
  const [d, ...rest] = lint.lintText(code, '/p/model.js').diagnostics;
  assert.equal(rest.length, 0);
  assert.equal(d.code, 'activation-mismatch');
  assert.match(d.message, /wants probabilities, but the linear output is unbounded\. tf\.layers\.activation\('softmax'\) ignores a name given alone \(the layer is linear\): write \{activation: 'softmax'\}\.$/);
  const fixed = fixAll(code, '/p/model.js', ['activation-mismatch']);
  assert.match(fixed, /model\.add\(tf\.layers\.activation\(\{activation: 'softmax'\}\)\);/);
  assert.deepEqual(lint.lintText(fixed, '/p/model.js').diagnostics, []);
});

test('ignored activation: the options object is a softmax, and softmaxCrossEntropy on it applies softmax twice', () => {
  assert.deepEqual(lint.lintText(model("tf.layers.activation({ activation: 'softmax' })", "'categoricalCrossentropy'"), '/p/model.js').diagnostics, []);
  const [d] = lint.lintText(model("tf.layers.activation({ activation: 'softmax' })", 'tf.losses.softmaxCrossEntropy'), '/p/model.js').diagnostics;
  assert.match(d.message, /applied twice/);
});

test('ignored activation: a linear output under a logits loss is right, whatever the name given alone', () => {
  assert.deepEqual(lint.lintText(model("tf.layers.activation('softmax')", 'tf.losses.softmaxCrossEntropy'), '/p/model.js').diagnostics, []);
});

test('ignored activation: a name given alone to a hidden activation layer does not decide the output', () => {
  const code = `const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [2] }));
model.add(tf.layers.activation('relu'));
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`;
  assert.deepEqual(lint.lintText(code, '/p/model.js').diagnostics, []);
});
