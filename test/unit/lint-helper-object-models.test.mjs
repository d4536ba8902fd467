// A module that exports an object of helpers, one building the model and another compiling the model it is given
// (`export default { getModel(numLabels) { … }, compile(model) { model.compile(…) } }`), called from another file: the
// compile's model is the one model the module builds, as for top-level functions (modelResolution.ts onlyModelBuilt,
// builderCalls.ts layerMakingFunctions).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const found = (text, name = 'model.js') => lint.lintText(text, name).diagnostics.map((d) => `${d.line}: ${d.code}: ${d.message}`);

const module = (opening, closing, activation = 'sigmoid') => `import * as tf from '@tensorflow/tfjs';
${opening}
  getModel(numLabels) {
    const model = tf.sequential();
    model.add(tf.layers.conv2d({ inputShape: [173, 40, 1], kernelSize: 5, filters: 8, activation: 'relu' }));
    model.add(tf.layers.flatten());
    model.add(tf.layers.dense({ units: numLabels, activation: '${activation}' }));
    return model;
  },
  compile(model) {
    model.compile({ optimizer: tf.train.rmsprop(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    return model;
  },
  summary(model) {
    const lines = [];
    model.summary(60, null, (line) => lines.push(line));
    return lines;
  },
${closing}
`;

test("the compile helper of an exported object checks the model the object's builder makes", () => {
  const codes = found(module('export default {', '};'));
  assert.equal(codes.length, 1, codes.join('\n'));
  assert.match(codes[0], /^11: activation-mismatch: categoricalCrossentropy on independent sigmoids/);
  // The same object as module.exports, or held in a const.
  assert.equal(found(module('module.exports = {', '};').replace("import * as tf from '@tensorflow/tfjs';", "const tf = require('@tensorflow/tfjs');")).length, 1);
  assert.equal(found(module('export const modelUtil = {', '};')).length, 1);
});

test('a matched builder is silent, and an object that builds two models leaves the compiled one unknown', () => {
  assert.deepEqual(found(module('export default {', '};', 'softmax')), []);
  const two = module('export default {', `  getSmallModel() {
    return tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })] });
  },
};`);
  assert.deepEqual(found(two), []);
});
