import test from 'node:test';
import assert from 'node:assert/strict';
import { loadTf } from '../oracle/tfjs/lossOracle.mjs';
import { lint } from './lint-support.mjs';

// The no-gradient rule's table comes from TF.js's own gradient registry (tf.getGradient), so it cannot drift.
test('every comparison, logic and selection kernel the lint names exists in TF.js, and has a gradient exactly when the lint says', async () => {
  const tf = await loadTf();
  const kernels = new Set(Object.values(lint.OP_KERNELS));
  assert.ok(kernels.size >= 12);
  for (const kernel of kernels) {
    assert.equal(tf[kernel], kernel, `TF.js names the kernel ${kernel}`);
    assert.equal(Boolean(tf.getGradient(kernel)), !lint.GRADIENTLESS_KERNELS.has(kernel), `${kernel}: gradient registered?`);
  }
  for (const kernel of lint.GRADIENTLESS_KERNELS) assert.ok(kernels.has(kernel), `${kernel} is reachable from an op the lint reads`);
});

test('tf.gatherND, tf.stridedSlice and tf.topk run the kernels the lint names, and differentiating through them throws', async () => {
  const tf = await loadTf();
  const x = tf.tensor2d([[3, 1, 2], [0, 5, 4]]);
  const runs = {
    gatherND: (v) => tf.gatherND(v, tf.tensor2d([[0, 0], [1, 1]], [2, 2], 'int32')),
    stridedSlice: (v) => tf.stridedSlice(v, [0, 0], [2, 2], [1, 1]),
    topk: (v) => tf.topk(v, 2).values,
  };
  for (const [op, run] of Object.entries(runs)) {
    const kernel = lint.OP_KERNELS[op];
    const profile = await tf.profile(() => run(x));
    assert.ok(profile.kernels.some((k) => k.name === kernel), `tf.${op} runs ${profile.kernels.map((k) => k.name).join(', ')}, not ${kernel}`);
    assert.throws(() => tf.grad((v) => run(v).sum())(x), new RegExp(`gradient function not found for ${kernel}`));
  }
  // The ops that take the same elements with a gradient: tf.gather, tf.slice, a one-hot mask.
  for (const run of [(v) => tf.gather(v, tf.tensor1d([1, 0], 'int32')), (v) => tf.slice(v, [0, 0], [2, 2]), (v) => tf.sum(tf.mul(v, tf.oneHot(tf.tensor1d([0, 1], 'int32'), 3)), 1)]) {
    assert.doesNotThrow(() => tf.grad((v) => run(v).sum())(x));
  }
  tf.dispose(x);
});

test('every tf op the lint maps to a kernel runs that kernel', async () => {
  const tf = await loadTf();
  for (const [op, kernel] of Object.entries(lint.COMPARISON_KERNELS)) {
    if (op.endsWith('Strict') || typeof tf[op] !== 'function') continue;
    const seen = [];
    const a = tf.tensor1d([1, 0]);
    const b = tf.tensor1d([0, 1]);
    const before = tf.engine().state.numTensors;
    const profile = await tf.profile(() => (kernel === 'LogicalNot' ? tf[op](a.cast('bool')) : kernel.startsWith('Logical') ? tf[op](a.cast('bool'), b.cast('bool')) : tf[op](a, b)));
    for (const k of profile.kernels) seen.push(k.name);
    assert.ok(seen.includes(kernel), `tf.${op} runs ${seen.join(', ')}, not ${kernel}`);
    assert.ok(tf.engine().state.numTensors >= before);
    tf.dispose([a, b]);
  }
});

// The categorical-on-sigmoid rule's claim, measured: TF.js's categoricalCrossentropy divides sigmoid outputs by
// their sum, so with every sigmoid saturated the loss stays at log(k) while its gradient vanishes; a softmax's does not.
test('categoricalCrossentropy on saturated sigmoids stalls at log(k) with a vanishing gradient, a softmax at the same logits keeps its gradient', async () => {
  const tf = await loadTf();
  const y = tf.tensor2d([[1, 0, 0]]);
  const z = tf.tensor2d([[8, 8, 8]]);
  const loss = (act) => (logits) => tf.metrics.categoricalCrossentropy(y, act(logits)).mean();
  const sigmoidGrad = tf.grad(loss(tf.sigmoid))(z).dataSync();
  const softmaxGrad = tf.grad(loss(tf.softmax))(z).dataSync();
  assert.ok(Math.abs(loss(tf.sigmoid)(z).dataSync()[0] - Math.log(3)) < 1e-3);
  assert.ok(Math.abs(sigmoidGrad[0]) < 1e-3, `sigmoid gradient ${sigmoidGrad[0]}`);
  assert.ok(Math.abs(softmaxGrad[0] + 2 / 3) < 1e-3, `softmax gradient ${softmaxGrad[0]}`);
});

test('a comparing metric compiled as the loss is a no-gradient error: TF.js model.fit throws, and the fix trains', async () => {
  const tf = await loadTf();
  for (const [metric, kernel, activation, units] of [['binaryAccuracy', 'Equal', 'sigmoid', 1], ['categoricalAccuracy', 'Equal', 'softmax', 3], ['precision', 'Greater', 'sigmoid', 1], ['recall', 'Greater', 'sigmoid', 1]]) {
    const text = `import * as tf from '@tensorflow/tfjs';
export const model = tf.sequential({ layers: [tf.layers.dense({ units: ${units}, inputShape: [2], activation: '${activation}' })] });
model.compile({ optimizer: 'adam', loss: tf.metrics.${metric}, metrics: ['accuracy'] });
`;
    const [d, ...rest] = lint.lintText(text, 'train.js').diagnostics;
    assert.equal(d?.code, 'no-gradient', metric);
    assert.deepEqual(rest, []);
    assert.match(d.detail, new RegExp(`found for ${kernel}`));
    const loss = lint.applySourceEdits(text, d.fixes[0].edits).match(/loss: '(\w+)'/)?.[1];
    // TF.js itself: the metric throws at fit, the loss the fix writes trains.
    const fit = async (lossValue) => {
      const model = tf.sequential({ layers: [tf.layers.dense({ units, inputShape: [2], activation })] });
      model.compile({ optimizer: 'adam', loss: lossValue });
      const ys = units === 1 ? tf.tensor2d([[1], [0], [1], [0]]) : tf.oneHot([0, 1, 2, 0], 3).cast('float32');
      try {
        const h = await model.fit(tf.randomNormal([4, 2]), ys, { epochs: 1, verbose: 0 });
        return Number.isFinite(h.history.loss[0]) ? null : 'non-finite loss';
      } catch (err) {
        return err.message;
      }
    };
    assert.match((await fit(tf.metrics[metric])) ?? '', new RegExp(`gradient function not found for ${kernel}`), metric);
    assert.equal(await fit(loss), null, `${metric} → ${loss}`);
  }
  // The fix is the loss for the model's own output: categoricalAccuracy on one sigmoid is trained with binary cross-entropy.
  const onSigmoid = "import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })] });\nm.compile({ optimizer: 'adam', loss: tf.metrics.categoricalAccuracy });\n";
  const [s] = lint.lintText(onSigmoid, 'a.js').diagnostics;
  const fixed = lint.applySourceEdits(onSigmoid, s.fixes[0].edits);
  assert.match(fixed, /loss: 'binaryCrossentropy'/);
  assert.deepEqual(lint.lintText(fixed, 'a.js').diagnostics, []);
  // The metric kept in metrics, or a real loss, is fine.
  assert.deepEqual(lint.lintText("import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential();\nm.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));\nm.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: [tf.metrics.binaryAccuracy] });\n", 'a.js').diagnostics, []);
});

test('a loss list for a tf.sequential model (one output) is reported, not paired with the last layer: TF.js compile throws', async () => {
  const tf = await loadTf();
  const text = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 5, inputShape: [4], activation: 'softmax' }));
model.add(tf.layers.dense({ units: 3, activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: ['categoricalCrossentropy', 'meanSquaredError'] });
`;
  const ds = lint.lintText(text, 'eggs.js').diagnostics;
  assert.deepEqual(ds.map((d) => `${d.code}:${d.line}`), ['unknown-loss:5']);
  assert.match(ds[0].message, /2 losses for a tf\.sequential model, which has one output/);
  // TF.js itself: two entries throw, one entry (or a single loss) compiles.
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 5, inputShape: [4], activation: 'softmax' }), tf.layers.dense({ units: 3, activation: 'sigmoid' })] });
  assert.throws(() => model.compile({ optimizer: 'adam', loss: ['categoricalCrossentropy', 'meanSquaredError'] }), /should have one entry per model output/);
  model.compile({ optimizer: 'adam', loss: ['meanSquaredError'] });
  // A tf.model with two outputs takes two entries, each paired with its output.
  const functional = `import * as tf from '@tensorflow/tfjs';
const input = tf.input({ shape: [4] });
const rarity = tf.layers.dense({ units: 5, activation: 'softmax' }).apply(input);
const power = tf.layers.dense({ units: 3, activation: 'sigmoid' }).apply(input);
const model = tf.model({ inputs: input, outputs: [rarity, power] });
model.compile({ optimizer: 'adam', loss: ['categoricalCrossentropy', 'binaryCrossentropy'] });
`;
  assert.deepEqual(lint.lintText(functional, 'eggs.js').diagnostics, []);
});

test('a comparing metric differentiated by hand (tf.variableGrads of tf.metrics.binaryAccuracy) is a no-gradient error: TF.js throws there too', async () => {
  const tf = await loadTf();
  for (const [metric, kernel] of [['binaryAccuracy', 'Equal'], ['categoricalAccuracy', 'Equal'], ['sparseCategoricalAccuracy', 'Equal'], ['precision', 'Greater'], ['recall', 'Greater']]) {
    const text = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })] });
export function step(xs, ys) {
  return tf.variableGrads(() => tf.metrics.${metric}(ys, model.predict(xs)).mean());
}
`;
    const ds = lint.lintText(text, 'step.js').diagnostics.filter((d) => d.code === 'no-gradient');
    assert.deepEqual(ds.map((d) => d.line), [4], metric);
    assert.match(ds[0].message, new RegExp(`tf\\.metrics\\.${metric}`));
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })] });
    const ys = metric === 'sparseCategoricalAccuracy' ? tf.tensor2d([[0], [1]]) : tf.tensor2d([[1], [0]]);
    assert.throws(() => tf.variableGrads(() => tf.metrics[metric](ys, model.predict(tf.randomNormal([2, 2]))).mean()), new RegExp(`gradient function not found for ${kernel}`), metric);
  }
  // The metric reported outside any gradient is left alone.
  assert.deepEqual(lint.lintText("import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })] });\nexport const acc = (xs, ys) => tf.metrics.binaryAccuracy(ys, model.predict(xs)).mean().dataSync()[0];\n", 'acc.js').diagnostics, []);
});

/** A sparse autoencoder's training step in TF.js: the encoder's code joined to the decoder by `join`, minimized with `varList`. */
const autoencoderStep = (join, varList = '') => `import * as tf from '@tensorflow/tfjs';
const encoder = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4] })] });
const decoder = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [8] })] });
const optimizer = tf.train.adam(0.01);
export function step(xs) {
  return optimizer.minimize(() => {
    const z = encoder.apply(xs);
${join}
    const recon = decoder.apply(code);
    return tf.losses.meanSquaredError(xs, recon);
  }, true${varList});
}
`;
const TOPK_JOIN = `    const { values, indices } = tf.topk(z, 2, true);
    const code = tf.oneHot(indices, 8).mul(values.expandDims(-1)).sum(1);`;
const noGradient = (text) => lint.lintText(text, 'sae.js').diagnostics.filter((d) => d.code === 'no-gradient').map((d) => d.line);

/** The same step run by TF.js: the sparse autoencoder's loss, and the models it trains. */
function autoencoderInTf(tf) {
  const encoder = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4] })] });
  const decoder = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [8] })] });
  const xs = tf.randomNormal([3, 4]);
  const sparse = () => {
    const { values, indices } = tf.topk(encoder.apply(xs), 2, true);
    return tf.losses.meanSquaredError(xs, decoder.apply(tf.oneHot(indices, 8).mul(values.expandDims(-1)).sum(1)));
  };
  const plain = () => tf.losses.meanSquaredError(xs, decoder.apply(tf.relu(encoder.apply(xs))));
  return { encoder, decoder, sparse, plain };
}

test('a top-k between two models of one training step (a sparse autoencoder\'s code) is a no-gradient error: TF.js minimize throws, a plain chain trains', async () => {
  const tf = await loadTf();
  assert.deepEqual(noGradient(autoencoderStep(TOPK_JOIN)), [8]);
  assert.deepEqual(noGradient(autoencoderStep('    const code = tf.relu(z);')), []);
  const { sparse, plain } = autoencoderInTf(tf);
  const optimizer = tf.train.adam(0.01);
  assert.throws(() => optimizer.minimize(sparse, true), /gradient function not found for TopK/);
  assert.ok(Number.isFinite(optimizer.minimize(plain, true).dataSync()[0]));
});

test('a step given only the decoder\'s variables does not differentiate the top-k before it: TF.js trains it, the lint is silent', async () => {
  const tf = await loadTf();
  assert.deepEqual(noGradient(autoencoderStep(TOPK_JOIN, ', decoder.trainableWeights.map((w) => w.val)')), []);
  const { decoder, sparse } = autoencoderInTf(tf);
  const loss = tf.train.adam(0.01).minimize(sparse, true, decoder.trainableWeights.map((w) => w.val));
  assert.ok(Number.isFinite(loss.dataSync()[0]));
});

test('a plain encoder → decoder step is read as before: the decoder\'s output is the prediction its messages name', () => {
  const text = autoencoderStep('    const code = z;').replace("tf.losses.meanSquaredError(xs, recon)", 'tf.neg(tf.mean(xs.mul(tf.log(recon))))');
  const messages = lint.lintText(text, 'ae.js').diagnostics.filter((d) => d.code === 'log-of-zero').map((d) => d.message);
  assert.deepEqual(messages, ['log(yPred) can reach log(0): loss -Infinity, gradient NaN.']);
});
