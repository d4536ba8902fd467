// A model taken out of an object: `const { generator, discriminator } = defineGan()` (the object a builder returns),
// or a parameter destructured from what the one call of its function passes (`train({ model: build(), … })`).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const GAN = `const tf = require('@tensorflow/tfjs');
function defineGan() {
  const noise = tf.input({ shape: [16] });
  const image = tf.layers.dense({ units: 3, activation: 'relu' }).apply(noise);
  const generator = tf.model({ inputs: noise, outputs: image });
  const seen = tf.input({ shape: [3] });
  const verdict = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(seen);
  const discriminator = tf.model({ inputs: seen, outputs: verdict });
  return { generator, critic: discriminator };
}
function compileAll(generator, critic) {
  generator.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  critic.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
}
`;

test("names destructured from a builder's returned object are its models, under their own keys", () => {
  const text = `${GAN}const { generator, critic } = defineGan();\ncompileAll(generator, critic);\n`;
  const r = lint.lintText(text, '/p/gan.js');
  const compiles = r.sites.filter((s) => s.kind === 'compile');
  assert.deepEqual(compiles.map((s) => s.activation), ['relu', 'sigmoid']);
  assert.deepEqual(r.diagnostics.map((d) => [d.code, text.slice(0, d.start).split('\n').length]), [['activation-mismatch', 12]]);
});

test('a destructured parameter is the model its one call passes; two calls with different models say nothing', () => {
  const build = (activation) => `tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [2], activation: '${activation}' })] })`;
  const train = `const tf = require('@tensorflow/tfjs');
function train({ model, epochs }) {
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return epochs;
}
`;
  const one = lint.lintText(`${train}train({ model: ${build('relu')}, epochs: 3 });\n`, '/p/t.js');
  assert.equal(one.sites.find((s) => s.kind === 'compile')?.activation, 'relu');
  assert.deepEqual(one.diagnostics.map((d) => d.code), ['activation-mismatch']);
  const two = lint.lintText(`${train}train({ model: ${build('relu')}, epochs: 3 });\ntrain({ model: ${build('softmax')}, epochs: 3 });\n`, '/p/t.js');
  assert.equal(two.sites.find((s) => s.kind === 'compile')?.activation, null);
  assert.deepEqual(two.diagnostics, []);
});
