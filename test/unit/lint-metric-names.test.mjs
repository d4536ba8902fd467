// Metric names given to compile: the lint reports exactly those the real TF.js compile throws on ("Unknown metric …"),
// measured here for the names tfjs-layers' bundle lists in its metricsMap (read from the installed package, so the list
// cannot drift) and for the Keras spellings people carry over (metricNames.ts).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadTf } from '../oracle/tfjs/lossOracle.mjs';
import { lint } from './lint-support.mjs';

const require = createRequire(import.meta.url);
const bundle = readFileSync(require.resolve('@tensorflow/tfjs-layers/dist/tf-layers.node.js'), 'utf8');
const MAP = [...bundle.match(/var metricsMap = \{([^}]*)\}/)[1].matchAll(/^\s*(\w+)\s*:/gm)].map((m) => m[1]);
const KERAS = ['f1', 'F1', 'auc', 'AUC', 'recall', 'Recall', 'Precision', 'Accuracy', 'mean_squared_error', 'binary_accuracy', 'top_k_categorical_accuracy', 'r2', 'rmse'];

const reported = (name) => {
  const text = `const tf = require('@tensorflow/tfjs');\nconst model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })] });\nmodel.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: ['${name}'] });\n`;
  return lint.lintText(text, '/p/m.js').diagnostics.some((d) => d.code === 'unknown-loss');
};

async function compileThrows(name) {
  const tf = await loadTf();
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })] });
  try {
    model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: [name] });
    return false;
  } catch (err) {
    assert.match(err.message, new RegExp(`Unknown metric ${name}`));
    return true;
  } finally {
    model.dispose();
  }
}

test('the installed tfjs-layers lists its metric names', () => {
  assert.ok(MAP.includes('precision') && MAP.includes('binaryAccuracy') && MAP.length >= 10, MAP.join(', '));
});

for (const name of [...MAP, 'accuracy', 'acc', 'crossentropy', 'ce', ...KERAS]) {
  test(`metric '${name}': the lint reports it exactly when TF.js's compile throws`, async () => {
    assert.equal(reported(name), await compileThrows(name));
  });
}

test('the fix is a spelling of a known name or the tf.metrics function of that name, never a short name near another', () => {
  const fixes = (name) => lint.lintText(`const tf = require('@tensorflow/tfjs');\nconst model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })] });\nmodel.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: ['${name}'] });\n`, '/p/m.js').diagnostics.flatMap((d) => d.fixes.map((f) => f.title));
  assert.deepEqual(fixes('Accuracy'), ["Use 'accuracy'"]);
  assert.deepEqual(fixes('binary_accuracy'), ["Use 'binaryAccuracy'"]);
  assert.deepEqual(fixes('recall'), ['Pass tf.metrics.recall']);
  assert.deepEqual(fixes('f1'), []);
  assert.deepEqual(fixes('auc'), []);
});
