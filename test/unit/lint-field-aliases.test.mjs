// A model kept in a field and reached through a local alias (`const model = this.model`), as classes written for
// games and apps do: the layers added and the compile made through the alias are the field's, and a fit of
// `this.model` in another method trains the model that compile configures.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const findings = (r) => r.diagnostics.map((d) => `${d.line}:${d.code}`);

const brain = ({ compileIn = 'constructor', fit = 'await this.model.fit(state, target, { epochs: 1 });', target = 'tf.oneHot([action], 4)' } = {}) => `${HEADER}export class Brain {
  model = tf.sequential();
  constructor() {
    const model = this.model;
    model.add(tf.layers.dense({ inputShape: [5], units: 6, activation: 'relu' }));
    model.add(tf.layers.dense({ units: 4, activation: 'softmax' }));
${compileIn === 'constructor' ? "    model.compile({ loss: 'meanSquaredError', optimizer: 'sgd' });\n" : ''}  }
  setup() {
${compileIn === 'setup' ? "    const model = this.model;\n    model.compile({ loss: 'meanSquaredError', optimizer: 'sgd' });\n" : ''}  }
  async control(inputs: number[], action: number) {
    const state = tf.tensor2d([inputs]);
    const target = ${target};
    ${fit}
  }
}`;

test('layers added and a compile made through `const model = this.model` are the field\'s model', () => {
  const r = lint.lintText(brain(), 'brain.ts');
  const site = r.sites.find((s) => s.kind === 'compile');
  assert.equal(site.activation, 'softmax');
  assert.equal(site.units, 4);
  assert.deepEqual(findings(r), ['8:activation-mismatch'], 'softmax + MSE on tf.oneHot targets fitted in another method');
});

test('a compile through the alias in one method and `this.model.fit` in another are the same model: its targets speak', () => {
  const fractions = 'tf.tensor2d([[0.1, 0.2, 0.3, 0.4]])';
  assert.deepEqual(findings(lint.lintText(brain({ compileIn: 'setup', target: fractions }), 'brain.ts')), [], 'continuous targets: a softmax regressing fractions');
  // A fit through an alias of its own, in the method that fits.
  assert.deepEqual(findings(lint.lintText(brain({ compileIn: 'setup', target: fractions, fit: 'const m = this.model;\n    await m.fit(state, target);' }), 'brain.ts')), []);
  assert.deepEqual(findings(lint.lintText(brain({ compileIn: 'setup' }), 'brain.ts')), ['11:activation-mismatch']);
});

test('continuous targets keep the aliased softmax + MSE silent; the targets of the field do not speak for an alias given another model', () => {
  assert.deepEqual(findings(lint.lintText(brain({ target: 'tf.tensor2d([[0.1, 0.2, 0.3, 0.4]])' }), 'brain.ts')), []);
  const reassigned = `${HEADER}export class Net {
  model = tf.sequential();
  build() {
    let model = this.model;
    model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [5], units: 4, activation: 'softmax' }));
    model.compile({ loss: 'meanSquaredError', optimizer: 'sgd' });
  }
  async train(x: tf.Tensor, labels: number[]) {
    await this.model.fit(x, tf.tensor2d([[0.1, 0.2, 0.3, 0.4]]));
  }
}`;
  const r = lint.lintText(reassigned, 'net.ts');
  assert.equal(r.sites.find((s) => s.kind === 'compile').activation, 'softmax', 'the alias is read as the model it is given');
  assert.deepEqual(findings(r), ['8:activation-mismatch'], 'the field fitted on fractions is not the model compiled');
});
