// A softmax over two units with binary cross-entropy is categorical cross-entropy: each unit's binary cross-entropy on a
// one-hot row is -log of the true class's probability (activationTable.ts). The lint stays silent on it, also where the
// two units are chosen by the loss's own test (the transfer-learning codelab's `n === 2 ? 'binaryCrossentropy' : …`,
// unitsByCondition.ts), and still reports it over three or more units.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { lint } from './lint-support.mjs';

const require = createRequire(import.meta.url);
const am = (r) => r.diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => `${d.line}: ${d.message}`);

test('TF.js: binary cross-entropy over a two-unit softmax equals categorical cross-entropy, in value and gradient; over three units it does not', () => {
  const tf = require('@tensorflow/tfjs');
  tf.setBackend('cpu');
  const lossesOf = (k) => {
    const logits = tf.tensor2d(Array.from({ length: 4 * k }, (_, i) => Math.sin(3.7 * i + 1) * 3), [4, k]);
    const labels = tf.oneHot(tf.tensor1d([0, 1, 1, 0].map((c, i) => (c + i) % k), 'int32'), k).toFloat();
    const bce = (z) => tf.metrics.binaryCrossentropy(labels, tf.softmax(z)).mean();
    const cce = (z) => tf.metrics.categoricalCrossentropy(labels, tf.softmax(z)).mean();
    return {
      values: [bce(logits).dataSync()[0], cce(logits).dataSync()[0]],
      gradients: [tf.grad(bce)(logits).dataSync(), tf.grad(cce)(logits).dataSync()],
    };
  };
  const two = lossesOf(2);
  assert.ok(Math.abs(two.values[0] - two.values[1]) < 1e-5, `${two.values}`);
  two.gradients[0].forEach((g, i) => assert.ok(Math.abs(g - two.gradients[1][i]) < 1e-5, `gradient ${i}: ${g} vs ${two.gradients[1][i]}`));
  const three = lossesOf(3);
  assert.ok(Math.abs(three.values[0] - three.values[1]) > 0.05, `${three.values}`);
});

const model = (units, loss, before = '') => `import * as tf from '@tensorflow/tfjs';
${before}export function build(numClasses) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [1024], units: 128, activation: 'relu' }));
  model.add(tf.layers.dense({ units: ${units}, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: ${loss}, metrics: ['accuracy'] });
  return model;
}
`;

test('a softmax over two units with binaryCrossentropy is silent; over three, one, or an unknown count it is reported', () => {
  assert.deepEqual(am(lint.lintText(model(2, "'binaryCrossentropy'"), 'm.js')), []);
  assert.deepEqual(am(lint.lintText(model(2, 'tf.losses.logLoss'), 'm.js')), []);
  assert.match(am(lint.lintText(model(3, "'binaryCrossentropy'"), 'm.js')).join(), /^6: softmax with binaryCrossentropy/);
  assert.match(am(lint.lintText(model(1, "'binaryCrossentropy'"), 'm.js')).join(), /softmax over 1 unit always outputs 1/);
  assert.equal(am(lint.lintText(model('numClasses', "'binaryCrossentropy'"), 'm.js')).length, 1);
  // The other losses on a two-unit softmax are what they were.
  assert.match(am(lint.lintText(model(2, 'tf.losses.softmaxCrossEntropy'), 'm.js')).join(), /expects logits/);
});

test("the codelab's two-class loss is chosen where the head has two units: silent; the same test on three classes is not", () => {
  const codelab = model('numClasses', "numClasses === 2 ? 'binaryCrossentropy' : 'categoricalCrossentropy'");
  assert.deepEqual(am(lint.lintText(codelab, 'm.js')), []);
  assert.deepEqual(am(lint.lintText(model('numClasses', "(2 == numClasses) ? 'binaryCrossentropy' : 'categoricalCrossentropy'"), 'm.js')), []);
  assert.deepEqual(am(lint.lintText(model('numClasses', "numClasses > 2 ? 'categoricalCrossentropy' : 'binaryCrossentropy'"), 'm.js')), []);
  assert.deepEqual(am(lint.lintText(model('numClasses', "numClasses >= 3 ? 'categoricalCrossentropy' : 'binaryCrossentropy'"), 'm.js')), []);
  // A test that leaves three or more classes to the binary loss is still softmax + binary cross-entropy over k > 2.
  assert.equal(am(lint.lintText(model('numClasses', "numClasses === 3 ? 'binaryCrossentropy' : 'categoricalCrossentropy'"), 'm.js')).length, 1);
  assert.equal(am(lint.lintText(model('numClasses', "numClasses > 5 ? 'categoricalCrossentropy' : 'binaryCrossentropy'"), 'm.js')).length, 1);
  // A test on another setting says nothing of the units.
  assert.equal(am(lint.lintText(model('numClasses', "numLabels === 2 ? 'binaryCrossentropy' : 'categoricalCrossentropy'", 'let numLabels = 0;\n'), 'm.js')).length, 1);
});

test("a head sized by a constant list's length has that many units; a list the code adds to does not", () => {
  const fixed = model('CLASS_NAMES.length', "'binaryCrossentropy'", "const CLASS_NAMES = ['Face', 'No Face'];\n");
  assert.deepEqual(am(lint.lintText(fixed, 'm.js')), []);
  assert.equal(am(lint.lintText(fixed.replace("'No Face']", "'No Face', 'Hand']"), 'm.js')).length, 1);
  const growing = model('CLASS_NAMES.length', "'binaryCrossentropy'", "const CLASS_NAMES = ['Face', 'No Face'];\nCLASS_NAMES.push('Hand');\n");
  assert.equal(am(lint.lintText(growing, 'm.js')).length, 1);
});

test("the hover of the codelab's two-class compile says why the pairing is fine; a three-unit one does not", async () => {
  const { loadTsModule } = await import('./extension-support.mjs');
  const { core } = await import('./support.mjs');
  const content = await loadTsModule('src/service/hoverContent.ts');
  const plot = await loadTsModule('src/render/plot/index.ts');
  const hover = await loadTsModule('src/render/hover/hoverMarkdown.ts');
  const render = { renderPlotSvg: plot.renderPlotSvg, buildHoverMarkdown: hover.buildHoverMarkdown };
  const hoverOf = (text) => {
    const site = lint.lintText(text, 'm.js').sites.find((s) => s.kind === 'compile');
    return content.siteHoverMarkdown({ site, diagnostics: [], overrides: {}, theme: 'dark', core, render });
  };
  assert.match(hoverOf(model('numClasses', "numClasses === 2 ? 'binaryCrossentropy' : 'categoricalCrossentropy'")), /Over two softmax units, binary cross-entropy on one-hot rows is categorical cross-entropy/);
  assert.match(hoverOf(model(2, "'binaryCrossentropy'")), /is categorical cross-entropy/);
  assert.doesNotMatch(hoverOf(model(3, "'binaryCrossentropy'")), /Over two softmax units/);
});

test("a head sized by a React state list set only to copies of itself has its length, as the loss's own test reads it", () => {
  const app = (setter) => `import * as tf from '@tensorflow/tfjs';
import { useRef, useState } from 'react';
export function App() {
  const [classNames, setClassNames] = useState(['0', '1']);
  const head = useRef(null);
  ${setter}
  function createHead() {
    head.current = tf.sequential();
    head.current.add(tf.layers.dense({ units: 128, activation: 'relu', inputShape: [1024] }));
    head.current.add(tf.layers.dense({ units: classNames.length, activation: 'softmax' }));
    head.current.compile({ optimizer: 'adam', loss: classNames.length === 2 ? 'binaryCrossentropy' : 'categoricalCrossentropy' });
  }
  return createHead;
}
`;
  assert.deepEqual(am(lint.lintText(app(''), 'App.tsx')), []);
  assert.deepEqual(am(lint.lintText(app('const rename = (i, n) => setClassNames(classNames.map((c, j) => (j === i ? n : c)));'), 'App.tsx')), []);
  // A list the app grows (`setClassNames([...classNames, name])`) has as many units as the user adds: the test decides nothing.
  assert.deepEqual(am(lint.lintText(app('const add = (n) => setClassNames([...classNames, n]);'), 'App.tsx')), []);
  // The width fixed at three by the state list, with the binary loss chosen anyway: reported.
  assert.equal(am(lint.lintText(app('').replace("['0', '1']", "['0', '1', '2']").replace("classNames.length === 2 ? 'binaryCrossentropy' : 'categoricalCrossentropy'", "'binaryCrossentropy'"), 'App.tsx')).length, 1);
});
