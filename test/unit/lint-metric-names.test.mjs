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

// Metrics given as one name, per output (an object keyed by output name), or read from a configuration: each form as
// TF.js's compile really takes it (measured on a two-output model), and the names each form reaches.
const TWO_OUTPUTS = `const input = tf.input({ shape: [4] });
const cls = tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'cls' }).apply(input);
const val = tf.layers.dense({ units: 1, name: 'val' }).apply(input);
const model = tf.model({ inputs: input, outputs: [cls, val] });
`;
const FORMS = [
  { name: 'one name, not a list', metrics: `'recall'`, throws: 'recall' },
  { name: 'one known name, not a list', metrics: `'accuracy'`, throws: null },
  { name: 'per output, a list and a name', metrics: `{ cls: ['accuracy', 'recall'], val: 'mae' }`, throws: 'recall' },
  { name: 'per output, a name only', metrics: `{ cls: 'accuracy', val: 'meanAbsoluteError' }`, throws: 'meanAbsoluteError' },
  { name: 'per output, all known', metrics: `{ cls: ['accuracy', 'precision'], val: ['mae', 'mse'] }`, throws: null },
  { name: 'chosen by a ternary (the way TF.js does not take throws)', metrics: `Math.random() < 2 ? ['accuracy'] : ['meanAbsoluteError']`, throws: null, reported: 'meanAbsoluteError' },
];
for (const f of FORMS) {
  test(`metrics ${f.name}: reported where TF.js's compile throws`, async () => {
    const compile = `model.compile({ optimizer: 'sgd', loss: { cls: 'binaryCrossentropy', val: 'meanSquaredError' }, metrics: ${f.metrics} });`;
    const tf = await loadTf();
    let thrown = null;
    try {
      new Function('tf', `${TWO_OUTPUTS}${compile}`)(tf);
    } catch (err) {
      thrown = err.message;
    }
    assert.equal(thrown, f.throws && `Unknown metric ${f.throws}`);
    const found = lint.lintText(`const tf = require('@tensorflow/tfjs');\n${TWO_OUTPUTS}${compile}\n`, '/p/m.js').diagnostics.filter((d) => d.code === 'unknown-loss');
    const expected = f.reported ?? f.throws;
    assert.deepEqual(found.map((d) => d.message.match(/^'(\w+)'/)[1]), expected ? [expected] : []);
  });
}

test('metrics read from a table of configurations: every entry\'s unknown names, each said once where written', () => {
  const code = `const tf = require('@tensorflow/tfjs');
class Core {
  constructor() {
    this.modelConfigs = this.initialConfigs();
  }
  initialConfigs() {
    return {
      value: { units: 1, activation: 'linear', loss: 'meanSquaredError', metrics: ['meanAbsoluteError'] },
      survival: { units: 1, activation: 'sigmoid', loss: 'binaryCrossentropy', metrics: ['accuracy', 'precision', 'recall'] },
      rotation: { units: 4, activation: 'softmax', loss: 'categoricalCrossentropy', metrics: ['accuracy'] },
    };
  }
  createModel(name) {
    const config = this.modelConfigs[name];
    const model = tf.sequential({ layers: [tf.layers.dense({ units: config.units, inputShape: [8], activation: config.activation })] });
    model.compile({ optimizer: 'adam', loss: config.loss, metrics: config.metrics });
    return model;
  }
  transfer(base, name) {
    const config = this.modelConfigs[name];
    base.compile({ optimizer: 'adam', loss: config.loss, metrics: config.metrics });
  }
}
const TABLE = { a: { metrics: ['mae'] }, b: { metrics: ['f1'] } };
function build(name) {
  const cfg = TABLE[name];
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3] })] });
  m.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: cfg.metrics });
}
`;
  const found = lint.lintText(code, '/p/core.js').diagnostics.filter((d) => d.code === 'unknown-loss').map((d) => `${d.line}:${d.message.match(/^'(\w+)'/)[1]}`);
  assert.deepEqual(found, ['8:meanAbsoluteError', '9:recall', '24:f1']);
});

test('a model another package makes compiles with that package\'s metric names; TF.js\'s and the project\'s own are judged', () => {
  const codes = (text) => lint.lintText(text, '/p/m.ts').diagnostics.filter((d) => d.code === 'unknown-loss').map((d) => d.line);
  const made = (importLine, make) => `import * as tf from '@tensorflow/tfjs';
${importLine}
export async function run() {
  const lm = ${make};
  lm.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['perplexity', 'recall'] });
}
`;
  // A language-model library's model: its compile knows perplexity.
  assert.deepEqual(codes(made("import * as tfs from '@stellarapp/tfjs-stellar';", 'tfs.models.gptModel({ numHeads: 1, vocabSize: 64 })')), []);
  assert.deepEqual(codes(made("import { GPT } from 'some-gpt-lib';", 'await new GPT({ layers: 2 })')), []);
  assert.deepEqual(codes(made("import GPT from 'some-gpt-lib';", 'new GPT({ layers: 2 })')), []);
  // TF.js's own model, and a model the project's own module builds, are TF.js's compile: both names throw.
  assert.deepEqual(codes(made('', "tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [2], activation: 'softmax' })] })")), [5, 5]);
  assert.deepEqual(codes(made("import { buildModel } from './model';", 'buildModel()')), [5, 5]);
  assert.deepEqual(codes(made("import { buildModel } from '@/lib/model';", 'buildModel()')), [5, 5]);
});

test('metric names a helper maps a settings choice to (options.metrics.map((m) => { switch (m) { … } })) are each checked', () => {
  const code = `import { LayersModel, losses } from '@tensorflow/tfjs';
export const compile = (model: LayersModel, options: { metrics: string[] }) => {
  const metrics = () => {
    return options.metrics.map((metric) => {
      switch (metric) {
        case 'acc':
          return 'binaryAccuracy';
        case 'rec':
          return 'recall';
        default:
          return 'mse';
      }
    });
  };
  model.compile({ loss: losses.meanSquaredError, metrics: metrics(), optimizer: 'sgd' });
  return model;
};
`;
  const r = lint.lintText(code, 'compile.ts');
  assert.deepEqual(r.diagnostics.map((d) => `${d.line} ${d.code}`), ['9 unknown-loss']);
  assert.match(r.diagnostics[0].message, /'recall' is not a metric name/);
});

test('a metric helper that calls itself is read once: its names are each said once', () => {
  const cases = Array.from({ length: 12 }, (_, i) => `    case ${i}: return k > 0 ? metricFor(k - 1) : '${i % 2 ? 'recall' : 'mse'}';`).join('\n');
  const code = `const tf = require('@tensorflow/tfjs');
function metricFor(k) {
  switch (k % 12) {
${cases}
  }
}
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
model.compile({ loss: 'meanSquaredError', optimizer: 'adam', metrics: metricFor(5) });
`;
  const r = lint.lintText(code, '/p/m.js');
  assert.equal(r.internalError, undefined);
  assert.equal(r.diagnostics.filter((d) => d.code === 'unknown-loss').length, 6);
});
